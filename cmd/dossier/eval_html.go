package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/cmd/dossier/internal/eval/htmleval"
)

// evalHTMLOptions are the flags of "dossier eval html".
type evalHTMLOptions struct {
	shared  string
	report  string
	sets    string
	workers int
	limit   int
	misses  int
	// dateMisses prints the DEV half's date mismatches (never TEST's).
	dateMisses bool
}

// RegisterFlags adds the options' flags to fs.
func (o *evalHTMLOptions) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.shared, "shared", "", "shared folder holding corpus/articles (default $DOSSIER_SHARED, else ../shared)")
	fs.StringVar(&o.report, "report", "", "also write the full report as JSON to this file")
	fs.StringVar(&o.sets, "sets", strings.Join(htmleval.AllSets, ","), "comma list of sets to score")
	fs.IntVar(&o.workers, "workers", 0, "pages extracted at once (0 = number of CPUs)")
	fs.IntVar(&o.limit, "limit", 0, "score at most this many pages per set (0 = all)")
	fs.IntVar(&o.misses, "misses", 0, "mismatches listed per set in the JSON report (0 = 50)")
	fs.BoolVar(&o.dateMisses, "date-misses", false, "also print the trafilatura DEV half's date mismatches (TEST ones are never listed)")
}

// SetDefaults resolves the shared folder.
func (o *evalHTMLOptions) SetDefaults() {
	if o.shared == "" {
		o.shared = os.Getenv("DOSSIER_SHARED")
	}
	if o.shared == "" {
		o.shared = filepath.Join("..", "shared")
	}
}

func runEvalHTML(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval html", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o evalHTMLOptions
	o.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier eval html [--shared DIR] [--report FILE] [--sets LIST]\n\n"+
			"Scores HTML extraction against the ground truth under DIR/corpus/articles:\n"+
			"body F1 on extraction-benchmark, metadata on readability, snippets and\n"+
			"metadata on trafilatura.")
		fs.PrintDefaults()
	}
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, rest)
	}
	o.SetDefaults()
	opts := htmleval.Options{Shared: o.shared, Workers: o.workers, Limit: o.limit, MaxMisses: o.misses}
	for _, s := range strings.Split(o.sets, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opts.Sets = append(opts.Sets, s)
		}
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	rep, err := htmleval.Run(ctx, opts)
	if err != nil {
		if errors.Is(err, htmleval.ErrNoData) {
			return fmt.Errorf("eval html: %w (set --shared or DOSSIER_SHARED)", err)
		}
		return fmt.Errorf("eval html: %w", err)
	}
	printHTMLReport(stdout, rep)
	if t := rep.Trafilatura; o.dateMisses && t != nil {
		fmt.Fprintf(stdout, "trafilatura DEV date misses (%d listed):\n", len(t.DateMisses))
		for _, m := range t.DateMisses {
			fmt.Fprintf(stdout, "  %s  got %q  want %q\n", m.Page, m.Got, m.Want)
		}
	}
	if o.report != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return fmt.Errorf("eval html: %w", err)
		}
		if err := os.WriteFile(o.report, append(data, '\n'), 0o644); err != nil {
			return fmt.Errorf("eval html: write report: %w", err)
		}
	}
	return nil
}

// printHTMLReport writes the headline figures with their targets.
func printHTMLReport(w io.Writer, r *htmleval.Report) {
	mark := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "BELOW TARGET"
	}
	if b := r.Benchmark; b != nil {
		fmt.Fprintf(w, "extraction-benchmark: %d pages, %d errors\n", b.Pages, b.Errors)
		fmt.Fprintf(w, "  body F1 %.3f (precision %.3f, recall %.3f)  target >= 0.96  %s\n",
			b.F1, b.Precision, b.Recall, mark(b.F1 >= 0.96))
	}
	if m := r.Readability; m != nil {
		fmt.Fprintf(w, "readability: %d pages, %d errors\n", m.Pages, m.Errors)
		fmt.Fprintf(w, "  title     %-18s target >= 0.95  %s\n", m.Title, mark(m.Title.Rate >= 0.95))
		fmt.Fprintf(w, "  date      %-18s target >= 0.95  %s\n", m.Date, mark(m.Date.Rate >= 0.95))
		fmt.Fprintf(w, "  byline    %-18s target >= 0.85  %s\n", m.Byline, mark(m.Byline.Rate >= 0.85))
		fmt.Fprintf(w, "  language  %-18s target >= 0.95  %s\n", m.Language, mark(m.Language.Rate >= 0.95))
		fmt.Fprintf(w, "  site name %s\n", m.SiteName)
		fmt.Fprintf(w, "  pages with mojibake %d\n", m.Mojibake)
	}
	if t := r.Trafilatura; t != nil {
		fmt.Fprintf(w, "trafilatura: %d pages, %d errors\n", t.Pages, t.Errors)
		fmt.Fprintf(w, "  must-contain found    %-18s target >= 0.90  %s\n", t.Found, mark(t.Found.Rate >= 0.90))
		fmt.Fprintf(w, "  must-not-contain leak %-18s target <= 0.05  %s\n", t.Leaked, mark(t.Leaked.Rate <= 0.05))
		fmt.Fprintf(w, "  date                  %-18s target >= 0.90  %s\n", t.Date, mark(t.Date.Rate >= 0.90))
		fmt.Fprintf(w, "    split: %s (%d dev pages, %d test pages)\n", t.Split, t.DevPages, t.TestPages)
		fmt.Fprintf(w, "    date dev            %s\n", t.DateDev)
		fmt.Fprintf(w, "    date test           %s\n", t.DateTest)
		fmt.Fprintf(w, "    truth dates not a calendar day: %d; date excluding them %s (secondary)\n", t.DateInvalidTruth, t.DateValid)
		fmt.Fprintf(w, "  title                 %s\n", t.Title)
		fmt.Fprintf(w, "  author                %s\n", t.Author)
		fmt.Fprintf(w, "  pages with mojibake   %d\n", t.Mojibake)
	}
	fmt.Fprintf(w, "throughput: %d pages in %.1f s with %d workers = %.1f pages/s (wall clock)\n",
		r.Pages, r.ExtractSeconds, r.Workers, r.PagesPerSecond)
	if r.CPUMillisPerPage > 0 {
		fmt.Fprintf(w, "  CPU %.1f ms/page = %.0f pages/s on 2 idle cores  target >= 50  %s\n",
			r.CPUMillisPerPage, 2000/r.CPUMillisPerPage, mark(2000/r.CPUMillisPerPage >= 50))
	}
}
