package ingest

import (
	"context"
	"dossier/index"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
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
//     again ends with the same index.
//
// ex may be nil when paths hold only JSON Lines. A file that fails is
// recorded with its skip reason and reported; it never stops the run. A
// slow file holds one worker only: the others go on, and their batches are
// committed at least every second (batches of JSON Lines documents alone:
// every BulkFlushInterval). IngestWith returns early only when ctx ends or
// the index cannot be written.
func (in *Ingester) IngestWith(ctx context.Context, ex index.Extractor, paths []string, opts index.IngestOptions) (index.IngestSummary, error) {
	start := time.Now()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
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
			return index.IngestSummary{}, fmt.Errorf("index: %w", err)
		}
		roots = append(roots, abs)
	}
	sources := make(map[string]string, len(opts.Sources))
	for p, s := range opts.Sources {
		if abs, err := filepath.Abs(p); err == nil {
			sources[abs] = s
		}
	}

	if opts.Discovered != nil {
		go func() {
			if n, size, err := countFiles(ctx, roots); err == nil {
				opts.Discovered(n, size)
			}
		}()
	}

	work := make(chan task, in.opts.Workers*2)
	bulk := make(chan task, 16)
	results := make(chan item, max(in.opts.Workers*4, 64))
	send := func(it item) bool {
		select {
		case results <- it:
			return true
		case <-ctx.Done():
			return false
		}
	}

	var producers sync.WaitGroup
	var walkErr error
	producers.Add(1)
	go func() {
		defer producers.Done()
		defer close(work)
		defer close(bulk)
		walkErr = walkFiles(ctx, roots, func(path string, info fs.FileInfo, err error) error {
			if err != nil {
				if !send(item{res: index.FileResult{Path: path, Outcome: index.OutcomeFailed, Reason: trimReason(err), Bytes: sizeOf(info)}, report: true}) {
					return ctx.Err()
				}
				return nil
			}
			t := task{path: path, size: info.Size(), mtime: info.ModTime(), entry: in.manifest.get(path)}
			if e := t.entry; e != nil && e.sameFile(t.size, t.mtime) {
				switch {
				case !e.currentVersions(corpus.ExtractorVersion, in.mappingVersion):
					t.reprocess = in.reprocessReason(e)
				case e.Kind == EntryJSONL && e.Outcome == "":
					// an import that was interrupted: resume it
				case opts.RetryFailed && e.Outcome == index.OutcomeFailed:
					t.reprocess = "retrying a failed file"
				case opts.RetryFailed && e.Partial:
					t.reprocess = "finishing a partial document"
				case (e.Outcome == index.OutcomeFailed || e.Partial) && e.TimeLimit > 0 && opts.TimeLimit > e.TimeLimit:
					t.reprocess = "retrying with a longer time limit"
				default:
					res := index.FileResult{Path: path, ID: e.ID, Outcome: index.OutcomeUnchanged, Source: e.Source, Bytes: t.size}
					if e.Outcome == index.OutcomeFailed || e.Outcome == index.OutcomeIgnored {
						res.Outcome, res.Reason = e.Outcome, e.Reason
					}
					if e.Partial {
						res.Partial, res.Reason = true, e.Reason
					}
					if !send(item{res: res, report: true}) {
						return ctx.Err()
					}
					return nil
				}
			}
			ch := work
			if isJSONL(path) {
				ch = bulk
			}
			select {
			case ch <- t:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	for range in.opts.Workers {
		producers.Add(1)
		go func() {
			defer producers.Done()
			for t := range work {
				if opts.Started != nil {
					opts.Started(t.path)
				}
				it, ok := in.extractOne(ctx, ex, t, opts, sources[t.path])
				if !ok || !send(it) {
					continue
				}
			}
		}()
	}
	producers.Add(1)
	go func() {
		defer producers.Done()
		for t := range bulk {
			if err := in.importJSONL(ctx, t, send); err != nil {
				send(item{res: index.FileResult{Path: t.path, Outcome: index.OutcomeFailed, Reason: trimReason(err), Bytes: t.size}, report: true})
			}
		}
	}()
	go func() { producers.Wait(); close(results) }()

	// The writer commits batches and reports their results, while the
	// collector below fills the next batch.
	var (
		sum      index.IngestSummary
		writeErr error
	)
	reasons := map[string]bool{}
	report := func(r index.FileResult) {
		sum.Add(r)
		if r.Reprocessed != "" && !reasons[r.Reprocessed] {
			reasons[r.Reprocessed] = true
			sum.ReprocessReasons = append(sum.ReprocessReasons, r.Reprocessed)
		}
		if opts.Progress != nil {
			opts.Progress(r)
		}
	}
	batches := make(chan []item, 1)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		for b := range batches {
			if writeErr != nil {
				continue
			}
			if err := in.commit(b); err != nil {
				writeErr = err
				cancel()
				continue
			}
			for _, it := range b {
				if it.report {
					report(it.res)
				}
			}
		}
	}()

	var (
		pending            []item
		fileDocs, bulkDocs int
		textBytes          int
		firstAt            time.Time // when the oldest pending item arrived
	)
	flush := func() {
		if len(pending) == 0 {
			return
		}
		batches <- pending
		pending, fileDocs, bulkDocs, textBytes = nil, 0, 0, 0
	}
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
loop:
	for {
		select {
		case it, ok := <-results:
			if !ok {
				break loop
			}
			if len(pending) == 0 {
				firstAt = time.Now()
			}
			pending = append(pending, it)
			if it.doc != nil {
				if it.jsonl != "" {
					bulkDocs++
				} else {
					fileDocs++
				}
				textBytes += docTextBytes(it.doc)
			}
			if fileDocs >= in.opts.BatchSize || bulkDocs >= in.opts.BulkBatchSize ||
				textBytes >= in.opts.BatchTextBytes || len(pending) >= 4*MaxBatchSize {
				flush()
			}
		case <-ticker.C:
			// A batch of JSON Lines documents alone waits up to
			// BulkFlushInterval to fill: cut every second, a 100,000-document
			// import made 513 commits instead of 412, and every small
			// segment costs merging.
			if fileDocs > 0 || bulkDocs == 0 || time.Since(firstAt) >= BulkFlushInterval {
				flush()
			}
		}
	}
	if ctx.Err() == nil {
		flush()
		if opts.Prune && walkErr == nil {
			for _, it := range in.pruneItems(roots) {
				pending = append(pending, it)
				if len(pending) >= in.opts.BatchSize {
					flush()
				}
			}
			flush()
		}
	}
	close(batches)
	<-writerDone
	sum.Elapsed = time.Since(start)
	if writeErr != nil {
		return sum, writeErr
	}
	if err := parent.Err(); err != nil {
		return sum, err
	}
	if walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		return sum, fmt.Errorf("index: walk: %w", walkErr)
	}
	resolve := in.ResolvePendingJudges
	if in.resolveJudges != nil {
		resolve = in.resolveJudges
	}
	n, err := resolve(parent)
	sum.JudgesResolved = n
	if err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
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
	ct, _, err := extract.SniffFile(path)
	return ct, err
}

// walkFiles calls fn for every regular file under roots in lexical order,
// skipping hidden names below a root and not following symbolic links.
// It does not open the files.
func walkFiles(ctx context.Context, roots []string, fn func(path string, info fs.FileInfo, err error) error) error {
	return extract.Walk(ctx, roots, fn)
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

// under reports whether path is root or inside it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

// pruneItems lists the manifest records under roots whose files are gone.
func (in *Ingester) pruneItems(roots []string) []item {
	var out []item
	_ = in.manifest.each(func(e *ManifestEntry) error {
		if e.Kind == EntryUpload {
			return nil
		}
		inside := false
		for _, r := range roots {
			if under(e.Path, r) {
				inside = true
				break
			}
		}
		if !inside {
			return nil
		}
		if _, err := os.Lstat(e.Path); errors.Is(err, fs.ErrNotExist) {
			out = append(out, item{
				res:      index.FileResult{Path: e.Path, ID: e.ID, Outcome: index.OutcomePruned, Reason: "file no longer exists"},
				report:   true,
				dropPath: e.Path,
			})
		}
		return nil
	})
	return out
}

// commit writes one batch: documents and deletions in one bleve batch, then
// the manifest records. A crash between the two leaves records missing,
// never extra: the next run redoes that work, and every write it repeats is
// idempotent.
func (in *Ingester) commit(items []item) error {
	in.writeMu.Lock()
	defer in.writeMu.Unlock()

	var (
		docs    []corpus.Document
		deletes []string
	)
	written := map[string]bool{} // IDs written or referenced by this batch
	err := in.manifest.view(func(t manifestTx) error {
		for i := range items {
			it := &items[i]
			if it.doc == nil {
				if it.entry != nil && it.entry.ID != "" {
					written[it.entry.ID] = true
				}
				continue
			}
			id := it.doc.ID
			if it.jsonl == "" && !it.doc.Skipped() {
				if written[id] || in.heldElsewhere(t, id, it.res.Path) {
					it.res.Outcome = index.OutcomeDuplicate
					it.res.Reason = "same bytes as another indexed file"
					it.res.Pages = 0
					it.entry.Outcome = index.OutcomeIndexed
					written[id] = true
					continue
				}
			}
			written[id] = true
			docs = append(docs, *it.doc)
		}
		// Paths leaving a document in this batch, per document.
		leaving := map[string]map[string]bool{}
		leave := func(id, path string) {
			if leaving[id] == nil {
				leaving[id] = map[string]bool{}
			}
			leaving[id][path] = true
		}
		for _, it := range items {
			if it.dropPath != "" {
				for _, id := range t.idsOf(it.dropPath) {
					leave(id, it.dropPath)
				}
			}
			if it.oldID != "" && (it.entry == nil || it.entry.ID != it.oldID) {
				leave(it.oldID, it.res.Path)
			}
		}
		for id, paths := range leaving {
			if written[id] {
				continue
			}
			remaining := 0
			for _, p := range t.refs(id) {
				if !paths[p] {
					remaining++
				}
			}
			if remaining == 0 {
				deletes = append(deletes, id)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: read manifest: %w", err)
	}
	sort.Strings(deletes)
	if err := in.w.Apply(context.Background(), docs, deletes); err != nil {
		return err
	}
	return in.manifest.update(func(t manifestTx) error {
		for _, it := range items {
			if d := it.doc; d != nil && d.Kind == corpus.KindFiling && !d.Skipped() {
				// The filing's own cases, canonical: a cited "C19-92" is
				// neither this filing's case nor a number the case filter takes.
				if err := t.addJudgesPending(index.OwnCases(d)); err != nil {
					return err
				}
			}
			if it.dropPath != "" {
				if err := t.remove(it.dropPath); err != nil {
					return err
				}
			}
			if it.jsonl != "" && it.doc != nil {
				if err := t.addRef(it.doc.ID, it.jsonl); err != nil {
					return err
				}
			}
			if it.entry != nil {
				if err := t.put(it.entry); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// heldElsewhere reports whether another file path already holds document
// id, processed by the current versions.
func (in *Ingester) heldElsewhere(t manifestTx, id, path string) bool {
	for _, p := range t.refs(id) {
		if p == path {
			continue
		}
		if e := t.get(p); e != nil && e.Kind != EntryJSONL && e.Outcome == index.OutcomeIndexed &&
			e.currentVersions(corpus.ExtractorVersion, in.mappingVersion) {
			return true
		}
	}
	return false
}
