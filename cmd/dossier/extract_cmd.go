package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"dossier/corpus"
	"dossier/corpus/extract"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		exOpts  extract.Options
		asJSON  bool
		withTxt bool
	)
	exOpts.RegisterFlags(fs)
	fs.BoolVar(&asJSON, "json", false, "print one JSON document per line (the extraction contract)")
	fs.BoolVar(&withTxt, "text", false, "in the readable form, print the whole text too")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier extract [--json] FILE...\n\nPrints what the indexer would store for each file, without indexing.")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: give at least one file", errUsage)
	}
	ex, err := extract.New(exOpts)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return fmt.Errorf("%w: %s is a folder; extract takes files (dossier index takes folders)", errUsage, p)
		}
		doc := ex.ExtractFile(ctx, p)
		if doc.Skipped() || doc.Partial != "" {
			failed++
		}
		if asJSON {
			if err := enc.Encode(doc); err != nil {
				return err
			}
			continue
		}
		printDocument(stdout, &doc, withTxt)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d files could not be extracted in full", errSomeFailed, failed, len(paths))
	}
	return nil
}

func printDocument(w io.Writer, d *corpus.Document, withText bool) {
	fmt.Fprintf(w, "== %s\n", d.Source)
	if d.Skipped() {
		fmt.Fprintf(w, "   skipped: %s\n", d.SkipReason)
		return
	}
	field := func(name, val string) {
		if val != "" {
			fmt.Fprintf(w, "   %-12s %s\n", name+":", val)
		}
	}
	field("id", d.ID)
	field("partial", d.Partial)
	field("kind", string(d.Kind))
	field("doc type", d.DocType)
	field("title", d.Title)
	field("caption", d.Caption)
	field("date", d.Date)
	if d.Court != nil {
		field("court", d.Court.ID+" ("+d.Court.Name+")")
	}
	var cases []string
	for _, c := range d.CaseNumbers {
		cases = append(cases, c.Canonical+" ["+c.Raw+"]")
	}
	field("cases", strings.Join(cases, ", "))
	var judges []string
	for _, j := range d.Judges {
		judges = append(judges, j.Name)
	}
	field("judges", strings.Join(judges, ", "))
	if d.ECF != nil {
		field("ecf", fmt.Sprintf("document %s filed %s", d.ECF.DocumentNumber, d.ECF.Filed))
	}
	field("author", d.Author)
	field("site", d.SiteName)
	field("language", d.Language)
	if d.PageCount > 0 {
		field("pages", fmt.Sprint(d.PageCount))
	}
	field("text", fmt.Sprintf("%d characters", len([]rune(d.Text))))
	field("extracted by", d.ExtractedBy)
	for _, warn := range d.Warnings {
		field("warning", warn)
	}
	if withText {
		fmt.Fprintln(w, d.Text)
	}
}
