package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"dossier/index"
	"dossier/index/ingest"
)

// watchOptions configure `dossier serve --watch DIR`: folders polled for
// new or changed files while the server runs.
type watchOptions struct {
	// Dirs are the watched folders (repeatable --watch).
	Dirs pathList
	// Interval is the time between two scans. Default 2s.
	Interval time.Duration
	// Prune removes documents whose files left a watched folder.
	Prune bool
}

// RegisterFlags adds the watch flags to fs.
func (o *watchOptions) RegisterFlags(fs *flag.FlagSet) {
	fs.Var(&o.Dirs, "watch", "folder to watch for new or changed files while serving (repeatable)")
	fs.DurationVar(&o.Interval, "watch-interval", 2*time.Second, "time between two scans of the watched folders")
	fs.BoolVar(&o.Prune, "watch-prune", false, "remove documents whose files left a watched folder")
}

// SetDefaults fills zero fields.
func (o *watchOptions) SetDefaults() {
	if o.Interval == 0 {
		o.Interval = 2 * time.Second
	}
}

// Validate checks the folders exist and the interval is sane.
func (o watchOptions) Validate() error {
	if o.Interval < 100*time.Millisecond {
		return fmt.Errorf("%w: --watch-interval %s: at least 100ms", errUsage, o.Interval)
	}
	for _, d := range o.Dirs {
		st, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("%w: --watch: %v", errUsage, err)
		}
		if !st.IsDir() {
			return fmt.Errorf("%w: --watch %s: not a folder", errUsage, d)
		}
	}
	return nil
}

// runWatch scans the watched folders every Interval until ctx ends and
// indexes what is new or changed. A scan is cheap when nothing changed:
// the manifest skips unchanged files without reading them. A file caught
// while still being written is indexed again once its size or mtime
// settles. It returns nil when ctx ends, or the first error that is not
// about a single file (the index could not be written).
func runWatch(ctx context.Context, ing *ingest.Ingester, ex index.Extractor, o watchOptions, logger *slog.Logger) error {
	o.SetDefaults()
	if err := o.Validate(); err != nil {
		return err
	}
	if len(o.Dirs) == 0 {
		return nil
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	logger.Info("watching", "dirs", []string(o.Dirs), "interval", o.Interval.String())
	t := time.NewTicker(o.Interval)
	defer t.Stop()
	// A failed file is reported by every scan (from the manifest, until it
	// changes): it is logged once per path and reason.
	logged := map[string]string{}
	for {
		fresh := 0
		sum, err := ing.IngestWith(ctx, ex, o.Dirs, index.IngestOptions{
			Prune: o.Prune,
			Progress: func(r index.FileResult) {
				if r.Outcome != index.OutcomeFailed {
					delete(logged, r.Path)
					return
				}
				if logged[r.Path] == r.Reason {
					return
				}
				logged[r.Path] = r.Reason
				fresh++
				logger.Warn("watched file failed", "path", r.Path, "reason", r.Reason)
			},
		})
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return fmt.Errorf("watch: %w", err)
		}
		if sum.Indexed+sum.Duplicate+sum.Pruned+fresh > 0 {
			logger.Info("watch indexed", "indexed", sum.Indexed, "duplicate", sum.Duplicate,
				"failed", sum.Failed, "pruned", sum.Pruned, "elapsed_ms", sum.Elapsed.Milliseconds())
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
