package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"dossier/cmd/dossier/internal/eval/legaleval"
)

// runEvalLegal implements "dossier eval legal [--shared DIR] [--labels
// FILE] [--sets LIST] [--misses]": it scores the legal metadata extracted
// from the shared corpus against its ground truth and prints precision and
// recall per field, per set and in total.
func runEvalLegal(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval legal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		opts       legaleval.Options
		showMisses bool
	)
	opts.RegisterFlags(fs)
	opts.Extract.RegisterFlags(fs)
	fs.BoolVar(&showMisses, "misses", false, "list every document and field scored wrong")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier eval legal [--shared DIR] [--labels FILE] [--sets LIST] [--misses]\n\nScores case numbers, ECF document numbers, filing dates, courts, judges,\ndocument types and captions against the shared corpus's ground truth.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: eval legal takes no arguments", errUsage)
	}
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	res, err := legaleval.Run(ctx, opts)
	if err != nil {
		return err
	}
	for _, set := range opts.Sets {
		if s := res.BySet[set]; s != nil {
			if err := legaleval.WriteReport(stdout, fmt.Sprintf("\n%s (%d documents)", set, res.Docs[set]), s); err != nil {
				return err
			}
		}
	}
	for _, split := range []string{legaleval.SplitDev, legaleval.SplitTest} {
		if s := res.BySplit[split]; s != nil {
			if err := legaleval.WriteReport(stdout, fmt.Sprintf("\n%s %s (%d documents)", legaleval.SetLabels, split, res.SplitDocs[split]), s); err != nil {
				return err
			}
		}
	}
	if err := legaleval.WriteReport(stdout, "\ntotal", res.Total); err != nil {
		return err
	}
	if showMisses {
		fmt.Fprintln(stdout, "\nmisses (set, field, file: predicted | truth)")
		for _, m := range res.Misses {
			fmt.Fprintf(stdout, "%s\t%s\t%s: %q | %q\n", m.Set, m.Field, m.Rel, m.Pred, m.Truth)
		}
	}
	return nil
}
