package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"

	"dossier/index/alert"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// alertOptions configure saved-search alerts in the commands that write
// (index, serve): the store beside the index (alert.FileName), matched
// against every committed batch.
type alertOptions struct {
	// Enabled matches every committed batch against the saved alerts,
	// and (serve) serves the alert routes and delivers webhooks. The flag
	// --alerts defaults to true; the zero options leave alerts off.
	Enabled bool
	// AllowPrivate lets webhooks name loopback, private and link-local
	// addresses (a receiver on the same host; tests). Default false.
	AllowPrivate bool
}

// RegisterFlags adds the alert flags to fs; delivery adds the flags of
// the commands that save alerts or deliver (serve, alerts).
func (o *alertOptions) RegisterFlags(fs *flag.FlagSet, delivery bool) {
	fs.BoolVar(&o.Enabled, "alerts", true, "match new and changed documents against the saved alerts in INDEX/"+alert.FileName+
		" (serve: also serve /v1/alerts and deliver their webhooks); --alerts=false leaves alerts alone")
	if delivery {
		fs.BoolVar(&o.AllowPrivate, "alerts-allow-private", false, "let alert webhooks reach loopback, private and link-local addresses (a receiver on this host)")
	}
}

// SetDefaults fills zero fields; there are none to fill (see Enabled).
func (o *alertOptions) SetDefaults() {}

// Validate reports invalid options; every combination is valid.
func (o alertOptions) Validate() error { return nil }

// alertsHook is an index's alert store with the matcher set as its
// ingester's commit hook. Close it after the ingester, before the engine.
type alertsHook struct {
	store *alert.Store
	once  sync.Once
	err   error
}

// Close closes the store; safe to call more than once.
func (h *alertsHook) Close() error {
	if h == nil {
		return nil
	}
	h.once.Do(func() { h.err = h.store.Close() })
	return h.err
}

// openAlerts opens the alert store beside the index ix (waiting for its
// lock as long as the engine does) and sets the matcher as ing's commit
// hook, which first hands over the batches a crash left pending. It
// returns nil when alerts are off.
func openAlerts(ctx context.Context, ix *bleve.Index, ing *ingest.Ingester, opts alertOptions, logger *slog.Logger) (*alertsHook, error) {
	if !opts.Enabled {
		return nil, nil
	}
	st, err := alert.Open(filepath.Join(ix.Options().Dir, alert.FileName),
		alert.StoreOptions{LockTimeout: ix.Options().LockTimeout, AllowPrivate: opts.AllowPrivate}, logger)
	if err != nil {
		return nil, fmt.Errorf("alerts: %w", err)
	}
	m, err := alert.NewMatcher(st, ix, alert.MatcherOptions{}, logger)
	if err != nil {
		st.Close()
		return nil, err
	}
	if err := ing.SetCommitHook(ctx, m); err != nil {
		// The hook is set; the refused batches stay pending in the
		// manifest and are handed over again before the next commit's.
		logger.Error("alerts: batches left pending by an earlier run could not be matched yet; they stay pending", "err", err)
	}
	return &alertsHook{store: st}, nil
}
