package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"dossier/corpus"
	"dossier/corpus/files"
	"dossier/index"
)

// Ingest walks paths and indexes every PDF, HTML and JSON Lines file (see
// IngestWith), calling progress once per file.
func (in *Ingester) Ingest(ctx context.Context, ex index.Extractor, paths []string, progress func(index.FileResult)) (index.IngestSummary, error) {
	return in.IngestWith(ctx, ex, paths, index.IngestOptions{Progress: progress})
}

// task is one file found by discovery.
type task struct {
	path      string
	size      int64
	mtime     time.Time
	entry     *ManifestEntry // previous manifest record, or nil
	reprocess string         // why an unchanged file is processed again
}

// item is one unit for the writer: a document to write and/or a manifest
// change, and the result to report once committed.
type item struct {
	res      index.FileResult
	report   bool             // report res once committed
	doc      *corpus.Document // document to write, or nil
	entry    *ManifestEntry   // manifest record to write after the commit, or nil
	oldID    string           // document the path held before, dropped when no longer referenced
	dropPath string           // path whose record and references go before entry is written
	jsonl    string           // JSON Lines file the document comes from
}

// IngestWith walks paths and indexes what changed since the last run, as
// recorded in the manifest:
//   - a file with the same path, size and mtime, processed by the current
//     extractor and mapping versions, is not read again;
//   - PDF and HTML files (recognised by content) are extracted on
//     opts.Workers goroutines; a changed file replaces its document;
//   - files named *.jsonl or *.ndjson are imported as documents in the
//     extraction contract, without extraction, resuming where a previous
//     run stopped;
//   - documents are written in batches; the manifest records a file only
//     after its batch is committed, so a run killed at any point and run
//     again ends with the same index;
//   - at the end, the judge pass resolves the cases the run's filings
//     touched (see ResolvePendingJudges), so no caller has to.
//
// ex may be nil when paths hold only JSON Lines. A file that fails is
// recorded with its skip reason and reported; it never stops the run. A
// slow file holds one worker only: the others go on, and their batches are
// committed at least every second (batches of JSON Lines documents alone:
// every BulkFlushInterval). IngestWith returns early only when ctx ends or
// the index cannot be written.
func (in *Ingester) IngestWith(ctx context.Context, ex index.Extractor, paths []string, opts index.IngestOptions) (index.IngestSummary, error) {
	start := time.Now()
	r, err := in.newRun(ctx, ex, paths, opts)
	if err != nil {
		return index.IngestSummary{}, err
	}
	defer r.cancel()
	if opts.Discovered != nil {
		go func() {
			if n, size, err := countFiles(r.ctx, r.roots); err == nil {
				opts.Discovered(n, size)
			}
		}()
	}
	r.produce()
	r.collect()
	r.sum.Elapsed = time.Since(start)
	if err := r.err(ctx); err != nil {
		return r.sum, err
	}
	resolve := in.ResolvePendingJudges
	if in.resolveJudges != nil {
		resolve = in.resolveJudges
	}
	passStart := time.Now()
	n, err := resolve(ctx)
	r.sum.JudgesResolved, r.sum.JudgePass = n, time.Since(passStart)
	if err != nil {
		return r.sum, err
	}
	r.sum.Elapsed = time.Since(start)
	return r.sum, nil
}

// run is one ingest: its options, the channels between its stages and
// what it found. Discovery (walk) sends files to the extraction workers
// (work) and the JSON Lines importer (bulk); all three send items to
// results, which collect cuts into batches for the writer.
type run struct {
	in      *Ingester
	ex      index.Extractor
	opts    index.IngestOptions
	roots   []string          // absolute
	sources map[string]string // absolute path -> document source
	// ctx ends when the caller's does or a commit fails (cancel).
	ctx    context.Context
	cancel context.CancelFunc

	work, bulk chan task
	results    chan item
	walkErr    error // set before results closes

	// Set by the writer, read once it is done.
	sum      index.IngestSummary
	reasons  map[string]bool // reprocess reasons already in sum
	writeErr error
}

// newRun prepares a run: options defaulted, paths made absolute.
func (in *Ingester) newRun(ctx context.Context, ex index.Extractor, paths []string, opts index.IngestOptions) (*run, error) {
	if opts.Kind == "" {
		opts.Kind = EntryFile
	}
	if tl, ok := ex.(index.TimeLimiter); ok && opts.TimeLimit == 0 {
		opts.TimeLimit = tl.TimeLimit()
	}
	roots := make([]string, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		roots = append(roots, abs)
	}
	sources := make(map[string]string, len(opts.Sources))
	for p, s := range opts.Sources {
		if abs, err := filepath.Abs(p); err == nil {
			sources[abs] = s
		}
	}
	r := &run{in: in, ex: ex, opts: opts, roots: roots, sources: sources, reasons: map[string]bool{},
		work: make(chan task, in.opts.Workers*2), bulk: make(chan task, 16),
		results: make(chan item, max(in.opts.Workers*4, 64))}
	r.ctx, r.cancel = context.WithCancel(ctx)
	return r, nil
}

// send passes it to the collector; false when the run is ending.
func (r *run) send(it item) bool {
	select {
	case r.results <- it:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// produce starts discovery, the extraction workers and the JSON Lines
// importer; results closes when all are done.
func (r *run) produce() {
	var producers sync.WaitGroup
	producers.Go(func() {
		defer close(r.work)
		defer close(r.bulk)
		r.walkErr = walkFiles(r.ctx, r.roots, r.visit)
	})
	for range r.in.opts.Workers {
		producers.Go(func() {
			for t := range r.work {
				if r.opts.Started != nil {
					r.opts.Started(t.path)
				}
				it, ok := r.in.extractOne(r.ctx, r.ex, t, r.opts, r.sources[t.path])
				if !ok || !r.send(it) {
					continue
				}
			}
		})
	}
	producers.Go(func() {
		for t := range r.bulk {
			if err := r.in.importJSONL(r.ctx, t, r.send); err != nil {
				r.send(item{res: index.FileResult{Path: t.path, Outcome: index.OutcomeFailed, Reason: trimReason(err), Bytes: t.size}, report: true})
			}
		}
	})
	go func() { producers.Wait(); close(r.results) }()
}

// visit is discovery's step for one file: an unreadable or unchanged file
// is reported at once, any other goes to extraction or import.
func (r *run) visit(path string, info fs.FileInfo, err error) error {
	if err != nil {
		if !r.send(item{res: index.FileResult{Path: path, Outcome: index.OutcomeFailed, Reason: trimReason(err), Bytes: sizeOf(info)}, report: true}) {
			return r.ctx.Err()
		}
		return nil
	}
	t := task{path: path, size: info.Size(), mtime: info.ModTime(), entry: r.in.manifest.get(path)}
	if res, ok := r.replay(&t); ok {
		if !r.send(item{res: res, report: true}) {
			return r.ctx.Err()
		}
		return nil
	}
	ch := r.work
	if isJSONL(path) {
		ch = r.bulk
	}
	select {
	case ch <- t:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

// replay returns the recorded outcome of a file the manifest holds with
// the same size and mtime, when it need not be read again; otherwise it
// sets t.reprocess to why a recorded file is read again and reports false.
func (r *run) replay(t *task) (index.FileResult, bool) {
	e := t.entry
	if e == nil || !e.sameFile(t.size, t.mtime) {
		return index.FileResult{}, false
	}
	switch {
	case !e.currentVersions(corpus.ExtractorVersion, r.in.mappingVersion):
		t.reprocess = r.in.reprocessReason(e)
	case e.Kind == EntryJSONL && e.Outcome == "":
		// an import that was interrupted: resume it
	case r.opts.RetryFailed && e.Outcome == index.OutcomeFailed:
		t.reprocess = "retrying a failed file"
	case r.opts.RetryFailed && e.Partial:
		t.reprocess = "finishing a partial document"
	case (e.Outcome == index.OutcomeFailed || e.Partial) && e.TimeLimit > 0 && r.opts.TimeLimit > e.TimeLimit:
		t.reprocess = "retrying with a longer time limit"
	default:
		res := index.FileResult{Path: t.path, ID: e.ID, Outcome: index.OutcomeUnchanged, Source: e.Source, Bytes: t.size}
		if e.Outcome == index.OutcomeFailed || e.Outcome == index.OutcomeIgnored {
			res.Outcome, res.Reason = e.Outcome, e.Reason
		}
		if e.Partial {
			res.Partial, res.Reason = true, e.Reason
		}
		return res, true
	}
	return index.FileResult{}, false
}

// report counts one committed result and passes it to opts.Progress.
func (r *run) report(res index.FileResult) {
	r.sum.Add(res)
	if res.Reprocessed != "" && !r.reasons[res.Reprocessed] {
		r.reasons[res.Reprocessed] = true
		r.sum.ReprocessReasons = append(r.sum.ReprocessReasons, res.Reprocessed)
	}
	if r.opts.Progress != nil {
		r.opts.Progress(res)
	}
}

// err is the run's outcome once collect returned: the first write error,
// the caller's ctx ending, or a walk error.
func (r *run) err(parent context.Context) error {
	if r.writeErr != nil {
		return r.writeErr
	}
	if err := parent.Err(); err != nil {
		return err
	}
	if r.walkErr != nil && !errors.Is(r.walkErr, context.Canceled) {
		return fmt.Errorf("index: walk: %w", r.walkErr)
	}
	return nil
}

func (in *Ingester) reprocessReason(e *ManifestEntry) string {
	var parts []string
	if e.ExtractorVersion != corpus.ExtractorVersion {
		parts = append(parts, fmt.Sprintf("extractor version %d -> %d", e.ExtractorVersion, corpus.ExtractorVersion))
	}
	if e.MappingVersion != in.mappingVersion {
		parts = append(parts, fmt.Sprintf("mapping version %d -> %d", e.MappingVersion, in.mappingVersion))
	}
	return strings.Join(parts, ", ")
}

func docTextBytes(d *corpus.Document) int {
	n := len(d.Text)
	for _, p := range d.Pages {
		n += len(p.Text)
	}
	return n
}

func trimReason(err error) string {
	msg := err.Error()
	for _, p := range []string{"index: ", "corpus: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}

func isJSONL(path string) bool {
	name := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(name, ".jsonl") || strings.HasSuffix(name, ".ndjson")
}

// newEntry starts the manifest record of a processed task.
func (in *Ingester) newEntry(t task, kind string) *ManifestEntry {
	return &ManifestEntry{
		Path: t.path, Kind: kind, Size: t.size, MTime: t.mtime,
		ExtractorVersion: corpus.ExtractorVersion, MappingVersion: in.mappingVersion,
		IndexedAt: time.Now().UTC().Truncate(time.Second),
	}
}

// docExtension reports whether path is named like a document (.pdf,
// .html, .htm, also gzipped): such a file whose bytes are neither (empty,
// truncated, mislabelled) is a failed document with its reason, not an
// ignored file.
func docExtension(path string) bool {
	name := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	return strings.HasSuffix(name, ".pdf") || strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm")
}

// extractOne sniffs and extracts one file. ok is false when ctx ended
// during extraction: the result is then not trustworthy and is dropped.
func (in *Ingester) extractOne(ctx context.Context, ex index.Extractor, t task, opts index.IngestOptions, source string) (item, bool) {
	kind, timeLimit := opts.Kind, opts.TimeLimit
	it := item{res: index.FileResult{Path: t.path, Reprocessed: t.reprocess, Source: source, Bytes: t.size}, report: true}
	if t.entry != nil {
		it.oldID = t.entry.ID
	}
	ct, err := sniffPath(t.path)
	if err != nil {
		it.res.Outcome, it.res.Reason = index.OutcomeFailed, trimReason(err)
		return it, ctx.Err() == nil
	}
	e := in.newEntry(t, kind)
	e.Source = source
	if ct == "" && !docExtension(t.path) {
		it.res.Outcome, it.res.Reason = index.OutcomeIgnored, "not a PDF or HTML file"
		e.Outcome, e.Reason = it.res.Outcome, it.res.Reason
		it.entry = e
		return it, ctx.Err() == nil
	}
	if ex == nil {
		it.res.Outcome, it.res.Reason = index.OutcomeFailed, "no extractor: only JSON Lines can be imported here"
		return it, true
	}
	began := time.Now()
	doc := ex.ExtractFile(ctx, t.path)
	if ctx.Err() != nil {
		return it, false
	}
	it.res.ExtractMS = time.Since(began).Milliseconds()
	if source != "" {
		doc.Source = source
	}
	it.res.ID, it.res.Pages = doc.ID, len(doc.Pages)
	switch {
	case doc.Skipped():
		it.res.Outcome, it.res.Reason = index.OutcomeFailed, doc.SkipReason
	case doc.Partial != "":
		it.res.Outcome, it.res.Reason, it.res.Partial = index.OutcomeIndexed, doc.Partial, true
	default:
		it.res.Outcome = index.OutcomeIndexed
	}
	if doc.ID == "" {
		// Not read: nothing to record; the next run tries again.
		return it, true
	}
	e.ID, e.SHA256, e.Outcome, e.Reason, e.Pages = doc.ID, doc.SHA256, it.res.Outcome, it.res.Reason, it.res.Pages
	e.Partial = it.res.Partial
	if e.Outcome == index.OutcomeFailed || e.Partial {
		e.TimeLimit = timeLimit
	}
	it.doc, it.entry = &doc, e
	return it, true
}

// sniffPath returns corpus.ContentTypePDF, corpus.ContentTypeHTML or ""
// from the first bytes of path, looking inside gzip files.
func sniffPath(path string) (string, error) {
	ct, _, err := files.SniffFile(path)
	return ct, err
}

// walkFiles calls fn for every regular file under roots in lexical order,
// skipping hidden names below a root and not following symbolic links.
// It does not open the files.
func walkFiles(ctx context.Context, roots []string, fn func(path string, info fs.FileInfo, err error) error) error {
	return files.Walk(ctx, roots, fn)
}

// countFiles counts the files walkFiles would visit and their bytes.
func countFiles(ctx context.Context, roots []string) (n int, size int64, err error) {
	err = walkFiles(ctx, roots, func(_ string, info fs.FileInfo, _ error) error {
		n++
		size += sizeOf(info)
		return nil
	})
	return n, size, err
}

// sizeOf returns info's size, or 0 when info is nil.
func sizeOf(info fs.FileInfo) int64 {
	if info == nil {
		return 0
	}
	return info.Size()
}
