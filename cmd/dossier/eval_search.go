package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"dossier/cmd/dossier/internal/eval/searcheval"
)

// runEvalSearch implements "dossier eval search [--shared DIR] [--index
// DIR] [--split dev|test|all] [--aila] [-v]": it brings the evaluation
// index of the shared corpus up to date, runs the known-item and topical
// queries and prints P@5, MRR and the zero-result rate per split; with
// --aila also MAP and P@10 on AILA 2019.
func runEvalSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		opts    searcheval.Options
		aila    bool
		verbose bool
	)
	opts.RegisterFlags(fs)
	fs.BoolVar(&aila, "aila", false, "also score AILA 2019 prior-case retrieval (MAP, P@10; first run indexes 2,914 judgments)")
	fs.BoolVar(&verbose, "v", false, "list scores per tag and the misses (dev only when both splits run)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier eval search [--shared DIR] [--index DIR] [--split dev|test|all] [--aila] [-v]\n\n"+
			"Scores search on known-item queries over the shared corpus (P@5, MRR) and the share\n"+
			"of queries that find nothing; --aila adds the AILA 2019 legal IR collection.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: eval search takes no arguments", errUsage)
	}
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	res, err := searcheval.Run(ctx, opts)
	if err != nil {
		return err
	}
	if err := searcheval.WriteReport(stdout, res, verbose); err != nil {
		return err
	}
	if !aila {
		return nil
	}
	fmt.Fprintln(stdout)
	ar, err := searcheval.RunAILA(ctx, opts)
	if err != nil {
		return err
	}
	return searcheval.WriteAILA(stdout, ar)
}
