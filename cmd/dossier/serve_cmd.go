package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"dossier/api"
	"dossier/corpus"
	"dossier/index"
)

// pathList is a repeatable path flag.
type pathList []string

func (p *pathList) String() string     { return strings.Join(*p, ",") }
func (p *pathList) Set(s string) error { *p = append(*p, s); return nil }

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts  index.Options
		exOpts  corpus.Options
		apiOpts api.Options
		logOpts logOptions
		ingest  pathList
	)
	ixOpts.RegisterFlags(fs)
	exOpts.RegisterFlags(fs)
	apiOpts.RegisterFlags(fs)
	logOpts.RegisterFlags(fs)
	fs.Var(&ingest, "ingest", "file or folder to index before serving (repeatable)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier serve [flags] [--ingest PATH]... [PATH...]\n\nIndexes the given paths, then serves the JSON API.")
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
	apiOpts.SetDefaults()
	if err := apiOpts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	ix, ex, err := openForWrite(ixOpts, exOpts, logger)
	if err != nil {
		return err
	}
	defer ix.Close()
	if len(ingest) > 0 {
		sum, err := ingestWithProgress(ctx, ix, ex, ingest, stderr, logger)
		printSummary(stderr, sum)
		if err != nil {
			return err
		}
	}
	srv, err := api.New(ix, apiOpts, logger)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	err = srv.ListenAndServe(ctx, func(addr string) {
		logger.Info("serving", "addr", "http://"+addr, "index", ix.Options().Dir)
	})
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	return err
}
