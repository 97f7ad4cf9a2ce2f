package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"dossier/corpus"
	"dossier/index"
)

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts  index.Options
		exOpts  corpus.Options
		logOpts logOptions
	)
	ixOpts.RegisterFlags(fs)
	exOpts.RegisterFlags(fs)
	logOpts.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier index [flags] PATH...\n\nIndexes every PDF and HTML file under the paths (recognised by content).")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: give at least one file or folder to index", errUsage)
	}
	if err := checkPaths(paths); err != nil {
		return err
	}
	logger, err := logOpts.logger(stderr)
	if err != nil {
		return err
	}
	ix, ex, err := openForWrite(ixOpts, exOpts, logger)
	if err != nil {
		return err
	}
	defer ix.Close()
	sum, err := ingestWithProgress(ctx, ix, ex, paths, stderr, logger)
	printSummary(stdout, sum)
	if cerr := ix.Close(); err == nil {
		err = cerr
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

// openForWrite validates the options and opens the index and extractor.
func openForWrite(ixOpts index.Options, exOpts corpus.Options, logger *slog.Logger) (*index.Index, *corpus.Extractor, error) {
	ex, err := corpus.NewExtractor(exOpts)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	ixOpts.SetDefaults()
	if err := ixOpts.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	ix, err := index.Open(ixOpts, logger)
	if err != nil {
		if errors.Is(err, index.ErrLocked) {
			return nil, nil, fmt.Errorf("%v; stop the other process or use another --index", err)
		}
		return nil, nil, err
	}
	return ix, ex, nil
}

// ingestWithProgress runs an ingest, showing a live status line on a
// terminal or a log line every 10 seconds otherwise.
func ingestWithProgress(ctx context.Context, ix *index.Index, ex *corpus.Extractor, paths []string, stderr io.Writer, logger *slog.Logger) (index.IngestSummary, error) {
	tty := isTerminal(stderr)
	start := time.Now()
	lastLog := start
	var seen, failed, pages int
	progress := func(r index.FileResult) {
		seen++
		pages += r.Pages
		if r.Outcome == index.OutcomeFailed {
			failed++
			logger.Warn("file failed", "path", r.Path, "reason", r.Reason)
		}
		rate := float64(seen) / time.Since(start).Seconds()
		switch {
		case tty:
			fmt.Fprintf(stderr, "\r\033[K%d files, %d pages, %.1f files/s, %d failed", seen, pages, rate, failed)
		case time.Since(lastLog) >= 10*time.Second:
			lastLog = time.Now()
			logger.Info("indexing", "files", seen, "pages", pages, "files_per_s", fmt.Sprintf("%.1f", rate), "failed", failed)
		}
	}
	sum, err := ix.Ingest(ctx, ex, paths, progress)
	if tty && seen > 0 {
		fmt.Fprintln(stderr)
	}
	return sum, err
}

func printSummary(w io.Writer, s index.IngestSummary) {
	fmt.Fprintf(w, "indexed %d, unchanged %d, failed %d, ignored %d (not PDF or HTML); %d pages in %s\n",
		s.Indexed, s.Unchanged, s.Failed, s.Ignored, s.Pages, s.Elapsed.Round(time.Millisecond))
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s: %s\n", f.Path, f.Reason)
	}
}
