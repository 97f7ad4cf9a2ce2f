package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"dossier/api"
	"dossier/index/bleve"
)

// statsOptions are the flags of "dossier stats".
type statsOptions struct {
	Server   string
	APIKey   string // bearer token for Server; default $DOSSIER_API_KEY
	Failures int    // failed files listed; 0 for none
	JSON     bool
}

// RegisterFlags adds the options to fs.
func (o *statsOptions) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Server, "server", "", "ask a running server at this URL instead of the local index (needs the admin scope)")
	fs.StringVar(&o.APIKey, "api-key", "", "API key for --server (default $"+envAPIKey+")")
	fs.IntVar(&o.Failures, "failures", 20, "failed files listed with their reasons (0 for none)")
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object: the stats and the failures")
}

// statsReport is what "dossier stats" prints: the bodies of GET /v1/stats
// and GET /v1/failures, the failures cut to --failures (Total stays all).
type statsReport struct {
	Stats    api.StatsResponse    `json:"stats"`
	Failures api.FailuresResponse `json:"failures"`
}

// runStats prints what the index holds and the files whose last
// processing failed: "dossier stats [--index DIR | --server URL]".
func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts bleve.Options
		opts   statsOptions
	)
	fs.StringVar(&ixOpts.Dir, "index", bleve.DefaultDir, "index directory")
	opts.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier stats [--index DIR | --server URL] [--failures N] [--json]\n\n"+
			"Prints the documents the index holds by kind, its size on disk, and the files\n"+
			"whose last processing failed with their reasons.")
		fs.PrintDefaults()
	}
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: stats takes no arguments, got %q", errUsage, rest[0])
	}
	if opts.Failures < 0 {
		return fmt.Errorf("%w: --failures must be 0 or more", errUsage)
	}
	get, closeAPI, err := openAPI(ixOpts, opts.Server, apiKeyOrEnv(opts.APIKey), "query")
	if err != nil {
		return err
	}
	defer closeAPI()
	var rep statsReport
	if err := callAPI(ctx, get, "stats", "/v1/stats", nil, &rep.Stats); err != nil {
		return err
	}
	if err := callAPI(ctx, get, "failures", "/v1/failures", nil, &rep.Failures); err != nil {
		return err
	}
	if len(rep.Failures.Failures) > opts.Failures {
		rep.Failures.Failures = rep.Failures.Failures[:opts.Failures]
	}
	if err := closeAPI(); err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(stdout, rep)
	}
	printStats(stdout, rep)
	return nil
}

// printStats writes the report for a person.
func printStats(w io.Writer, r statsReport) {
	fmt.Fprintf(w, "documents  %d\n", r.Stats.Documents)
	kinds := make([]string, 0, len(r.Stats.ByKind))
	for k := range r.Stats.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "  %-8s %d\n", k, r.Stats.ByKind[k])
	}
	fmt.Fprintf(w, "skipped    %d (recorded with a skip reason, not searchable)\n", r.Stats.Skipped)
	fmt.Fprintf(w, "on disk    %s in %d segment(s)\n", formatBytes(r.Stats.DiskBytes), r.Stats.Segments)
	fmt.Fprintf(w, "\nfailed or partial files: %d\n", r.Failures.Total)
	for _, f := range r.Failures.Failures {
		fmt.Fprintf(w, "  %s\n", f.Path)
		if f.Partial {
			fmt.Fprintf(w, "    partial: indexed, some pages without text (index --retry-failed finishes it)\n")
		}
		fmt.Fprintf(w, "    reason: %s\n", f.Reason)
		if f.ID != "" {
			fmt.Fprintf(w, "    id: %s\n", f.ID)
		}
	}
	if more := r.Failures.Total - len(r.Failures.Failures); more > 0 {
		fmt.Fprintf(w, "  … and %d more (--failures N lists more)\n", more)
	}
}

// formatBytes writes n in binary units, with the exact count.
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, i := float64(n), -1
	for v >= unit && i < 4 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %s (%d bytes)", v, strings.Split("KiB MiB GiB TiB PiB", " ")[i], n)
}
