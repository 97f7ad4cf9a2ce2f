package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"dossier/cmd/dossier/internal/eval/pdfeval"
	"dossier/corpus/extract"
)

// runEvalPDF implements "dossier eval pdf [flags] DIR...": the flags and
// the run; the measurement itself is package pdfeval.
func runEvalPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval pdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		exOpts extract.Options
		report string
		limit  int
		worst  int
		skip   string
		trace  bool
	)
	exOpts.RegisterFlags(fs)
	fs.StringVar(&report, "report", "", "write one JSON record per file to this JSONL file")
	fs.IntVar(&limit, "limit", 0, "evaluate at most this many PDFs (0: all)")
	fs.IntVar(&worst, "worst", 10, "list this many files with the lowest recall")
	fs.StringVar(&skip, "skip", "", "comma-separated substrings: skip PDFs whose path contains one")
	fs.BoolVar(&trace, "trace", false, "print each path to stderr before reading it (to find a file that kills the process)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier eval pdf [--report FILE.jsonl] [--limit N] DIR...\n\n"+
			"Compares the words of dossier's PDF path with poppler's pdftotext -enc UTF-8 on every\n"+
			"PDF under DIR (files sniffed as PDF; gzip-compressed ones are left out) and prints\n"+
			"medians, the worst files and pages per second of both.")
		fs.PrintDefaults()
	}
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return fmt.Errorf("%w: give at least one folder", errUsage)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return fmt.Errorf("eval pdf: pdftotext (poppler-utils) is needed as the reference: %w", err)
	}
	ex, err := extract.New(exOpts)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var skips []string
	for _, s := range strings.Split(skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			skips = append(skips, s)
		}
	}
	files, classes, err := pdfeval.FindPDFs(dirs, skips, limit)
	if err != nil {
		return err
	}
	var rep io.Writer = io.Discard
	if report != "" {
		f, err := os.Create(report)
		if err != nil {
			return fmt.Errorf("eval pdf: %w", err)
		}
		defer f.Close()
		rep = f
	}
	enc := json.NewEncoder(rep)
	enc.SetEscapeHTML(false)
	var recs []pdfeval.Record
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if trace {
			fmt.Fprintf(stderr, "reading %s\n", path)
		}
		rec := pdfeval.EvalFile(ctx, ex, pdftotext, path)
		rec.Class = classes[path]
		recs = append(recs, rec)
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("eval pdf: report: %w", err)
		}
		if isTerminal(stderr) {
			fmt.Fprintf(stderr, "\r%d/%d", i+1, len(files))
		}
	}
	if isTerminal(stderr) {
		fmt.Fprintln(stderr)
	}
	pdfeval.WriteSummary(stdout, recs, worst)
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		fmt.Fprintf(stdout, "peak RSS of this process: %d MiB (children, i.e. pdftotext/tesseract: ", ru.Maxrss>>10)
		if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err == nil {
			fmt.Fprintf(stdout, "%d MiB)\n", ru.Maxrss>>10)
		}
	}
	return nil
}
