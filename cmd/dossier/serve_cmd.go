package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dossier/api"
	"dossier/api/keys"
	"dossier/api/web"
	"dossier/corpus/isolate"
	"dossier/index/alert"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// pathList is a repeatable path flag.
type pathList []string

func (p *pathList) String() string     { return strings.Join(*p, ",") }
func (p *pathList) Set(s string) error { *p = append(*p, s); return nil }

// runServe opens the index (the engine, then its ingester), starts
// serving, indexes any --ingest paths while /readyz answers 503, then
// serves until SIGINT or SIGTERM: it turns not-ready, drains in-flight
// requests (and stops an ingest still running), then closes the
// extractor, the ingester and the engine, in that order.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts  bleve.Options
		ingOpts ingest.Options
		exOpts  extractOptions
		apiOpts api.Options
		logOpts logOptions
		watch   watchOptions
		ingest  pathList
		alOpts  alertOptions
	)
	ixOpts.RegisterFlags(fs)
	ingOpts.RegisterFlags(fs)
	exOpts.RegisterFlags(fs)
	apiOpts.RegisterFlags(fs)
	logOpts.RegisterFlags(fs)
	watch.RegisterFlags(fs)
	alOpts.RegisterFlags(fs, true)
	fs.Var(&ingest, "ingest", "file or folder to index before serving (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier serve [flags] [--ingest PATH]... [PATH...]\n\nServes the JSON API and the web interface (at /; --web=false leaves it out), indexing the given paths first (/readyz answers 503 until they are done).\nWithout --keys (or $DOSSIER_KEYS) every route is open and only a loopback --addr is allowed.")
		fs.PrintDefaults()
	}
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	ingest = append(ingest, rest...)
	if err := checkPaths(ingest); err != nil {
		return err
	}
	logger, err := logOpts.logger(stderr)
	if err != nil {
		return err
	}
	if apiOpts.KeysFile == "" {
		apiOpts.KeysFile = os.Getenv(keys.EnvKeysFile)
	}
	for _, p := range append(slices.Clone(ingest), watch.Dirs...) {
		if abs, err := filepath.Abs(p); err == nil {
			apiOpts.SourceRoots = append(apiOpts.SourceRoots, abs)
		}
	}
	apiOpts.SetDefaults()
	if err := apiOpts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	watch.SetDefaults()
	if err := watch.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	w, err := openForWrite(ixOpts, ingOpts, exOpts, alOpts, logger)
	if err != nil {
		return err
	}
	defer w.Close()
	apiOpts.Ingest = w.ing
	var deliverer *alert.Deliverer
	if w.alerts != nil {
		apiOpts.Alerts = w.alerts.store
		if deliverer, err = alert.NewDeliverer(w.alerts.store, alert.DelivererOptions{AllowPrivate: alOpts.AllowPrivate}, logger); err != nil {
			return err
		}
	}
	srv, err := api.New(w.ix, apiOpts, logger)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if apiOpts.Web {
		if _, err := web.Mount(srv, logger); err != nil {
			return err
		}
	}
	if pool, ok := w.ex.(*isolate.Pool); ok {
		if err := srv.Metrics().WatchWorkers(func() api.WorkerStats {
			st := pool.Stats()
			return api.WorkerStats{Recycled: st.Recycled, Crashed: st.Crashed, TimedOut: st.TimedOut, OverMemory: st.OverMemory}
		}); err != nil {
			return err
		}
	}
	if apiOpts.KeysFile == "" {
		logger.Warn("no keys file: every route is open to anyone who can reach " + apiOpts.Addr)
	}
	srv.SetReady(len(ingest) == 0)

	// Serve at once, so that probes see "not ready" during the ingest.
	srvCtx, stopServing := context.WithCancel(ctx)
	defer stopServing()
	listening := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- srv.ListenAndServe(srvCtx, func(addr string) {
			logger.Info("serving", "addr", "http://"+addr, "index", w.ix.Options().Dir, "keys", apiOpts.KeysFile != "", "web", apiOpts.Web, "alerts", w.alerts != nil)
			close(listening)
		})
	}()
	select {
	case err := <-done: // could not listen
		return err
	case <-listening:
	}
	if len(ingest) > 0 {
		sum, ierr := ingestWithProgress(ctx, w.ing, w.ex, ingest, stderr, logger)
		printSummary(stderr, sum)
		srv.Metrics().IngestSummary(sum)
		if ierr != nil && ctx.Err() == nil {
			stopServing()
			<-done
			return ierr
		}
		srv.SetReady(ctx.Err() == nil)
	}
	watchDone := make(chan struct{})
	go func() {
		defer close(watchDone)
		if err := runWatch(srvCtx, w.ing, w.ex, watch, logger); err != nil && srvCtx.Err() == nil {
			logger.Error("watching stopped", "err", err)
		}
	}()
	// The deliverer posts the alerts' outbox to their webhooks until
	// shutdown; a delivery cut short is retried by the next run.
	deliverDone := make(chan struct{})
	go func() {
		defer close(deliverDone)
		if deliverer != nil {
			_ = deliverer.Run(srvCtx)
		}
	}()
	err = <-done // returns once ctx ends and in-flight requests drained
	stopServing()
	<-watchDone
	<-deliverDone
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		logger.Info("stopped; index closed")
	}
	return err
}
