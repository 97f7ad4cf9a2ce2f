package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"dossier/corpus/extract"
	"dossier/corpus/isolate"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// indexFlags are the index command's own flags.
type indexFlags struct {
	Prune       bool   // remove documents whose files are gone
	RetryFailed bool   // extract again the files that failed before
	Report      string // JSON Lines report file, "" for none
	Server      string // send the files to this server instead of indexing locally
	APIKey      string // bearer token for Server; default $DOSSIER_API_KEY
	// Settle is how long the command waits, after indexing, for the
	// segment merges its writes made due (see bleve.Index.Settle); 0
	// leaves them to the next process that opens the index.
	Settle time.Duration
	// Compact is the most segments a bulk import leaves (see
	// bleve.Index.Compact): after a run that indexed at least
	// compactShare of the index's documents, the index is merged down to
	// it. 0 leaves the segments to the merge policy.
	Compact int
	// CompactSegmentMB caps the segments compaction writes, in MiB of
	// index (bleve.CompactOptions.MaxSegmentBytes), which bounds its
	// memory; 0: no cap.
	CompactSegmentMB int
}

func (o *indexFlags) RegisterFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.Prune, "prune", false, "remove documents whose files under PATH are gone")
	fs.BoolVar(&o.RetryFailed, "retry-failed", false, "extract again the unchanged files that failed before (a timeout, say), instead of replaying their failure")
	fs.StringVar(&o.Report, "report", "", "write every file's outcome and reason to this JSON Lines file")
	fs.StringVar(&o.Server, "server", "", "send the files to a running dossier server (URL) instead of indexing locally")
	fs.StringVar(&o.APIKey, "api-key", "", "API key for --server (default $DOSSIER_API_KEY)")
	fs.DurationVar(&o.Settle, "settle", defaultSettle, "after indexing, wait this long at most for the index's segment merges to finish, so that a server opening it next does not (0: do not wait)")
	fs.IntVar(&o.Compact, "compact", defaultCompact, "after a bulk import (a quarter of the index's documents or more), merge the index down to at most this many segments, which searches faster (0: do not)")
	fs.IntVar(&o.CompactSegmentMB, "compact-segment-mb", bleve.DefaultCompactSegmentBytes>>20, "write no segment larger than this many MiB when compacting, which bounds the memory compaction takes; --compact may then leave more segments (0: no cap)")
}

// maxCompactSegmentMB bounds --compact-segment-mb (1 TiB).
const maxCompactSegmentMB = 1 << 20

// Validate reports the first flag out of range.
func (o indexFlags) Validate() error {
	switch {
	case o.Settle < 0:
		return fmt.Errorf("--settle %s is negative", o.Settle)
	case o.Compact < 0:
		return fmt.Errorf("--compact %d is negative", o.Compact)
	case o.CompactSegmentMB < 0 || o.CompactSegmentMB > maxCompactSegmentMB:
		return fmt.Errorf("--compact-segment-mb %d out of range 0..%d", o.CompactSegmentMB, maxCompactSegmentMB)
	}
	return nil
}

// defaultCompact is the segment count a bulk import leaves by default, and
// compactShare the share of the index's documents a run must have
// indexed to count as one: a daily run that adds a few filings to a large
// index does not rewrite it.
const (
	defaultCompact = 1
	compactShare   = 0.25
)

// defaultSettle is the longest dossier index waits for merges by default.
const defaultSettle = 10 * time.Minute

// envAPIKey names the variable that holds the API key for --server when
// --api-key is not given.
const envAPIKey = "DOSSIER_API_KEY"

// apiKeyOrEnv returns key, or $DOSSIER_API_KEY when key is "".
func apiKeyOrEnv(key string) string {
	if key == "" {
		return os.Getenv(envAPIKey)
	}
	return key
}

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts  bleve.Options
		ingOpts ingest.Options
		exOpts  extractOptions
		logOpts logOptions
		flags   indexFlags
		alOpts  alertOptions
	)
	ixOpts.RegisterFlags(fs)
	ingOpts.RegisterFlags(fs)
	// The bulk profile (see bleve.BulkMaxSegmentDocs, bleve.BulkMergeWidth,
	// bleve.DefaultReleaseMappedEvery, bleve.DefaultMaxResidentMapped,
	// ingest.BulkBatchTextBytes, and no position cache): the server keeps
	// the general defaults.
	for name, v := range map[string]string{
		"batch-text-bytes":  strconv.Itoa(ingest.BulkBatchTextBytes),
		"max-segment-docs":  strconv.Itoa(bleve.BulkMaxSegmentDocs),
		"merge-width":       strconv.Itoa(bleve.BulkMergeWidth),
		"release-mapped":    bleve.DefaultReleaseMappedEvery.String(),
		"max-mapped-mb":     strconv.Itoa(bleve.DefaultMaxResidentMapped >> 20),
		"position-cache-mb": "0",
	} {
		f := fs.Lookup(name)
		f.DefValue = v
		if err := f.Value.Set(f.DefValue); err != nil {
			return err
		}
	}
	exOpts.RegisterFlags(fs)
	logOpts.RegisterFlags(fs)
	flags.RegisterFlags(fs)
	alOpts.RegisterFlags(fs, false)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier index [flags] PATH...\n\n"+
			"Indexes every PDF and HTML file under the paths (recognised by content) and imports\n"+
			"*.jsonl files of extracted documents. Unchanged files are skipped without being read.")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: give at least one file or folder to index", errUsage)
	}
	if err := flags.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err := checkPaths(paths); err != nil {
		return err
	}
	logger, err := logOpts.logger(stderr)
	if err != nil {
		return err
	}
	if flags.Server != "" {
		return uploadPaths(ctx, uploadOptions{Server: flags.Server, APIKey: apiKeyOrEnv(flags.APIKey)}, paths, stdout, stderr, logger)
	}
	// The bulk memory profile (see bleve.DefaultMemoryLimit).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(bleve.DefaultMemoryLimit)
	}
	var report io.Writer
	if flags.Report != "" {
		f, err := os.Create(flags.Report)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		defer bw.Flush()
		report = bw
	}
	w, err := openForWrite(ixOpts, ingOpts, exOpts, alOpts, logger)
	if err != nil {
		return err
	}
	defer w.Close()
	sum, err := ingestRun(ctx, w.ing, w.ex, paths, index.IngestOptions{Prune: flags.Prune, RetryFailed: flags.RetryFailed}, report, stderr, logger)
	if sum.JudgesResolved > 0 || sum.JudgePass >= time.Second {
		logger.Info("courts inferred within cases and judges resolved from case-number initials", "updates", sum.JudgesResolved, "took", sum.JudgePass.Round(time.Millisecond))
	}
	printSummary(stdout, sum)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil && flags.Settle > 0 && sum.Indexed+sum.Pruned > 0 {
		settleMerges(ctx, ixOpts, flags, sum.Indexed, stderr, logger)
	}
	if err == nil && sum.Failed+sum.Partial > 0 {
		err = fmt.Errorf("%w: %d files failed, %d indexed partial (listed above with their reasons)", errSomeFailed, sum.Failed, sum.Partial)
	}
	return err
}

// checkPaths fails when a path to index does not exist: a typo should not
// pass as an empty run.
func checkPaths(paths []string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	return nil
}

// extractOptions are the extraction flags shared by index and serve: the
// extractor's own and the isolation of extraction in worker processes.
type extractOptions struct {
	Corpus    extract.Options
	Isolate   isolate.Options
	InProcess bool // extract in this process, without workers
}

func (o *extractOptions) RegisterFlags(fs *flag.FlagSet) {
	o.Corpus.RegisterFlags(fs)
	o.Isolate.RegisterFlags(fs)
	fs.BoolVar(&o.InProcess, "in-process", false, "extract in the dossier process itself instead of isolated worker processes (a hostile PDF can then crash it)")
}

// writable is an index open for writing: the engine, the ingester that
// writes through it (and owns the manifest beside it) and the extractor.
type writable struct {
	ix      *bleve.Index     // the engine: searches and reads
	ing     *ingest.Ingester // ingest, uploads, deletes; writes through ix
	ex      index.Extractor
	closeEx func() error
	alerts  *alertsHook // the alerts store, matched on every commit; nil when alerts are off
}

// Close stops the extractor's workers, then closes the ingester, then the
// alerts store (the ingester's commit hook), then the engine, which the
// ingester writes through. It returns the first error and is safe to call
// more than once.
func (w *writable) Close() error {
	err := w.closeEx()
	if cerr := w.ing.Close(); err == nil {
		err = cerr
	}
	if cerr := w.alerts.Close(); err == nil {
		err = cerr
	}
	if cerr := w.ix.Close(); err == nil {
		err = cerr
	}
	return err
}

// openForWrite validates the options and opens the engine, its ingester,
// the alerts store (unless alerts are off: its matcher is the ingester's
// commit hook) and the extractor: a pool of worker processes unless
// InProcess is set. The ingester takes uploads with the extractor.
func openForWrite(ixOpts bleve.Options, ingOpts ingest.Options, exOpts extractOptions, alOpts alertOptions, logger *slog.Logger) (*writable, error) {
	local, err := extract.New(exOpts.Corpus)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	ixOpts.SetDefaults()
	if err := ixOpts.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	ingOpts.SetDefaults()
	if err := ingOpts.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	isoOpts := exOpts.Isolate
	isoOpts.Workers, isoOpts.Extract = ingOpts.Workers, exOpts.Corpus
	isoOpts.SetDefaults()
	if err := isoOpts.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	// The index first, so that a locked index fails before workers start.
	ix, ing, err := openIndex(ixOpts, ingOpts, logger, "; stop the other process or use another --index")
	if err != nil {
		return nil, err
	}
	w := &writable{ix: ix, ing: ing, ex: local, closeEx: func() error { return nil }}
	if w.alerts, err = openAlerts(context.Background(), ix, ing, alOpts, logger); err != nil {
		w.Close()
		return nil, err
	}
	if !exOpts.InProcess {
		pool, err := isolate.New(isoOpts)
		if err != nil {
			w.Close()
			return nil, err
		}
		w.ex, w.closeEx = pool, pool.Close
	}
	ing.SetExtractor(w.ex)
	return w, nil
}

// openIndex opens the engine in ixOpts.Dir, then its ingester with
// ingOpts, which waits as long as the engine for a lock: each holds one.
// hint follows an ErrLocked message. Close the ingester, then the engine.
func openIndex(ixOpts bleve.Options, ingOpts ingest.Options, logger *slog.Logger, hint string) (*bleve.Index, *ingest.Ingester, error) {
	ix, err := bleve.Open(ixOpts, logger)
	if err != nil {
		return nil, nil, lockedHint(err, hint)
	}
	if ingOpts.LockTimeout == 0 {
		ingOpts.LockTimeout = ix.Options().LockTimeout
	}
	ing, err := ingest.Open(ix.Options().Dir, ix, ingOpts, logger)
	if err != nil {
		ix.Close()
		return nil, nil, lockedHint(err, hint)
	}
	return ix, ing, nil
}

// lockedHint appends hint to an ErrLocked error.
func lockedHint(err error, hint string) error {
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w%s", err, hint)
	}
	return err
}

// ingestWithProgress runs an ingest, showing a live status line on a
// terminal or a log line every 10 seconds otherwise.
func ingestWithProgress(ctx context.Context, ing *ingest.Ingester, ex index.Extractor, paths []string, stderr io.Writer, logger *slog.Logger) (index.IngestSummary, error) {
	return ingestRun(ctx, ing, ex, paths, index.IngestOptions{}, nil, stderr, logger)
}

// ingestRun runs an ingest with opts, showing progress on stderr (a live
// line on a terminal, else a log line every 10 seconds) and writing every
// result to report as JSON Lines when report is non-nil.
func ingestRun(ctx context.Context, ing *ingest.Ingester, ex index.Extractor, paths []string, opts index.IngestOptions,
	report io.Writer, stderr io.Writer, logger *slog.Logger) (index.IngestSummary, error) {
	tty := isTerminal(stderr)
	p := &progressState{start: time.Now(), total: -1}
	p.lastLog = p.start
	var enc *json.Encoder
	if report != nil {
		enc = json.NewEncoder(report)
	}
	opts.Discovered = func(n int, size int64) { p.setTotal(n, size) }
	opts.Started = func(path string) { p.started(path) }
	opts.Progress = func(r index.FileResult) {
		if enc != nil {
			_ = enc.Encode(r)
		}
		switch {
		case r.Outcome == index.OutcomeFailed:
			logger.Warn("file failed", "path", r.Path, "reason", r.Reason)
		case r.Partial && r.Outcome != index.OutcomeUnchanged:
			logger.Warn("file indexed partial", "path", r.Path, "reason", r.Reason)
		}
		line, due := p.add(r, tty)
		switch {
		case tty && due:
			fmt.Fprint(stderr, "\r\033[K"+line)
		case !tty && due:
			logger.Info("indexing", "progress", line)
		}
	}
	sum, err := ing.IngestWith(ctx, ex, paths, opts)
	if tty && p.files+p.docs > 0 {
		fmt.Fprintln(stderr)
	}
	return sum, err
}

// progressState tracks an ingest's progress for display.
type progressState struct {
	mu                         sync.Mutex
	start, lastLog, lastDraw   time.Time
	total                      int   // files discovered, -1 until counted
	totalBytes, doneBytes      int64 // bytes of the files discovered and of those done
	files, docs, pages, failed int
	partial                    int    // files indexed partial
	current                    string // the file whose extraction started last
}

// started records the file being extracted, for the status line.
func (p *progressState) started(path string) {
	p.mu.Lock()
	p.current = path
	p.mu.Unlock()
}

func (p *progressState) setTotal(n int, size int64) {
	p.mu.Lock()
	p.total, p.totalBytes = n, size
	p.mu.Unlock()
}

// estimateLeft returns the time the rest of an ingest should take at the
// rate so far, by bytes: a file's extraction time grows with its pages,
// which are not known before it is read, and its size is the best measure
// of them to hand (a count of files makes a 300-page scan weigh as much as
// a one-page order). ok is false before there is a rate.
func estimateLeft(elapsed time.Duration, doneBytes, totalBytes int64) (left time.Duration, ok bool) {
	if doneBytes <= 0 || totalBytes <= doneBytes || elapsed <= 0 {
		return 0, false
	}
	return time.Duration(float64(elapsed) * float64(totalBytes-doneBytes) / float64(doneBytes)), true
}

// add counts r and returns the status line and whether it is due: every
// 100 ms on a terminal, every 10 s otherwise.
func (p *progressState) add(r index.FileResult, tty bool) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if strings.Contains(r.Path, ".jsonl:") || strings.Contains(r.Path, ".ndjson:") {
		p.docs++
	} else {
		p.files++
	}
	p.pages += r.Pages
	p.doneBytes += r.Bytes
	if r.Outcome == index.OutcomeFailed {
		p.failed++
	}
	if r.Partial {
		p.partial++
	}
	now := time.Now()
	if tty {
		if now.Sub(p.lastDraw) < 100*time.Millisecond && p.files != p.total {
			return "", false
		}
		p.lastDraw = now
	} else {
		if now.Sub(p.lastLog) < 10*time.Second {
			return "", false
		}
		p.lastLog = now
	}
	el := now.Sub(p.start).Seconds()
	rate := float64(p.files) / el
	var b strings.Builder
	if p.total >= 0 {
		fmt.Fprintf(&b, "%d/%d files", p.files, p.total)
	} else {
		fmt.Fprintf(&b, "%d files", p.files)
	}
	if p.docs > 0 {
		fmt.Fprintf(&b, ", %d imported docs (%.0f/s)", p.docs, float64(p.docs)/el)
	}
	fmt.Fprintf(&b, ", %d pages, %.1f files/s", p.pages, rate)
	if left, ok := estimateLeft(now.Sub(p.start), p.doneBytes, p.totalBytes); ok && p.total > p.files {
		fmt.Fprintf(&b, ", ETA %s", left.Round(time.Second))
	}
	fmt.Fprintf(&b, ", %d failed", p.failed)
	if p.partial > 0 {
		fmt.Fprintf(&b, ", %d partial", p.partial)
	}
	if p.current != "" && p.files != p.total {
		fmt.Fprintf(&b, "; reading %s", shortPath(p.current, 60))
	}
	return b.String(), true
}

// shortPath keeps the end of path within n characters: the file name and
// the folders nearest it.
func shortPath(path string, n int) string {
	r := []rune(path)
	if len(r) <= n {
		return path
	}
	return "…" + string(r[len(r)-n+1:])
}

func printSummary(w io.Writer, s index.IngestSummary) {
	fmt.Fprintf(w, "indexed %d, unchanged %d, failed %d, ignored %d (not PDF, HTML or JSONL), duplicate %d (same bytes as another file), pruned %d; %d pages in %s\n",
		s.Indexed, s.Unchanged, s.Failed, s.Ignored, s.Duplicate, s.Pruned, s.Pages, s.Elapsed.Round(time.Millisecond))
	if s.Reprocessed > 0 {
		fmt.Fprintf(w, "re-processed %d unchanged files: %s\n", s.Reprocessed, strings.Join(s.ReprocessReasons, "; "))
	}
	const maxListed = 50
	for i, f := range s.Failures {
		if i == maxListed {
			fmt.Fprintf(w, "  ... and %d more failures (see --report)\n", len(s.Failures)-maxListed)
			break
		}
		fmt.Fprintf(w, "  failed: %s: %s\n", f.Path, f.Reason)
	}
	if s.Partial > 0 {
		fmt.Fprintf(w, "partial %d (indexed, but pages past the time limit have no text; --retry-failed finishes them):\n", s.Partial)
	}
	for i, f := range s.Partials {
		if i == maxListed {
			fmt.Fprintf(w, "  ... and %d more partial (see --report)\n", len(s.Partials)-maxListed)
			break
		}
		fmt.Fprintf(w, "  partial: %s: %s\n", f.Path, f.Reason)
	}
}

// shouldCompact says whether a run that indexed indexed documents, into
// an index of total documents now in segments segments, merges it down to
// target segments: when target is set, there are more segments than that,
// and the run indexed at least compactShare of the documents.
func shouldCompact(target, segments, indexed int, total uint64) bool {
	return target > 0 && segments > target && total > 0 && float64(indexed) >= compactShare*float64(total)
}

// settleMerges reopens the index with the merge policy a server uses by
// default (bleve's Options defaults, not the bulk profile the import ran
// with) and waits for the merges that policy finds due, saying so on a
// terminal: the index is left as a server would merge it, so that the
// server's first minutes are not spent merging. When the run indexed at
// least compactShare of the index's documents it then merges the index
// down to flags.Compact segments. It logs how it ended; like a merge left
// running, a failure here loses nothing.
func settleMerges(ctx context.Context, bulk bleve.Options, flags indexFlags, indexed int, stderr io.Writer, logger *slog.Logger) {
	start := time.Now()
	ix, err := bleve.Open(bleve.Options{Dir: bulk.Dir, LockTimeout: bulk.LockTimeout, ReleaseMappedEvery: bulk.ReleaseMappedEvery, MaxResidentMapped: bulk.MaxResidentMapped}, logger)
	if err != nil {
		logger.Warn("could not reopen the index to merge it", "err", err)
		return
	}
	defer ix.Close()
	if isTerminal(stderr) {
		fmt.Fprintln(stderr, "merging the index's segments as a server would (--settle)...")
	}
	n, quiet, err := ix.Settle(ctx, flags.Settle)
	switch {
	case err != nil:
		logger.Warn("waiting for merges stopped", "err", err)
		return
	case !quiet:
		logger.Warn("merges still running; the next process to open the index finishes them", "waited", time.Since(start).Round(time.Second), "segments", n)
		return
	default:
		logger.Info("index merged", "segments", n, "took", time.Since(start).Round(time.Millisecond))
	}
	total, err := ix.DocCount(ctx)
	if err != nil || !shouldCompact(flags.Compact, n, indexed, total) {
		return
	}
	start = time.Now()
	if isTerminal(stderr) {
		fmt.Fprintf(stderr, "compacting the index from %d to %d segment(s) after a bulk import (--compact)...\n", n, flags.Compact)
	}
	after, err := ix.Compact(ctx, bleve.CompactOptions{MaxSegments: flags.Compact, MaxSegmentBytes: int64(flags.CompactSegmentMB) << 20})
	if err != nil {
		logger.Warn("compacting the index stopped; the merge policy goes on from where it was", "err", err, "segments", after)
		return
	}
	logger.Info("index compacted", "segments_before", n, "segments", after, "took", time.Since(start).Round(time.Millisecond))
}
