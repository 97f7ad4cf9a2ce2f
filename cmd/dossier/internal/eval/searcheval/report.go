package searcheval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteReport prints the scores of r per split and, with verbose, the
// scores per tag and the misses: known-item queries without an answer in
// the first 5 hits (with their rank and top hits) and zero-result
// queries. When r holds both splits, misses are listed for dev only, so
// that test queries are not read while tuning.
func WriteReport(w io.Writer, r *Result, verbose bool) error {
	if r == nil || len(r.Splits) == 0 {
		return errNoResult
	}
	ew := &errWriter{w: w}
	ew.printf("index: %d documents in %s (%d indexed, %d unchanged, %d failed this run, %s)\n",
		r.Index.Documents, r.Index.Dir, r.Index.Indexed, r.Index.Unchanged, r.Index.Failed, r.Index.Elapsed.Round(time.Millisecond))
	names := splitNames(r)
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "split\tknown-item\tP@5\tMRR\tfound\tzero-result set\tzero-result rate\t")
	for _, n := range names {
		s := r.Splits[n]
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%d\t%d\t%.3f (%d)\t\n", n, s.KnownItems, s.P5, s.MRR, s.Found, s.ZeroQueries, s.ZeroRate(), s.ZeroResults)
	}
	tw.Flush()
	if u := r.Unsearchable(); len(u) > 0 {
		ew.printf("warning: %d answers are not searchable documents (the queries naming them cannot be answered):\n", len(u))
		for _, a := range u {
			ew.printf("  %s\n", a)
		}
	}
	if !verbose {
		return ew.err
	}
	missSplit := names[0]
	if len(names) > 1 {
		missSplit = SplitDev
	}
	ew.printf("\nknown-item by tag (%s): tag, queries, P@5, MRR\n", missSplit)
	tags := make([]string, 0, len(r.ByTag[missSplit]))
	for t := range r.ByTag[missSplit] {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	for _, t := range tags {
		s := r.ByTag[missSplit][t]
		fmt.Fprintf(tw, "  %s\t%d\t%.3f\t%.3f\n", t, s.KnownItems, s.P5, s.MRR)
	}
	tw.Flush()
	known, zero := r.Misses(missSplit)
	ew.printf("\nknown-item misses (%s, no answer in the top 5): %d\n", missSplit, len(known))
	for _, q := range known {
		rank := "not in the first hits read"
		if q.Rank > 0 {
			rank = fmt.Sprintf("rank %d", q.Rank)
		}
		ew.printf("%s\t%q%s: %s, %d hits%s [%s]\n", q.ID, q.Query, filterText(q.Filters), rank, q.Total, errText(q.Err), strings.Join(q.Tags, ","))
		if q.Note != "" {
			ew.printf("    note: %s\n", q.Note)
		}
		for _, a := range q.Answers {
			ew.printf("    want: %s\n", a)
		}
		for i, h := range q.Top {
			ew.printf("    %d. %.70s (%s)\n", i+1, h.Title, h.Source)
		}
	}
	ew.printf("\nzero-result queries (%s): %d\n", missSplit, len(zero))
	for _, z := range zero {
		kind := "topical"
		if z.Known {
			kind = "known-item"
		}
		ew.printf("%s\t%q (%s)%s\n", z.ID, z.Query, kind, errText(z.Err))
	}
	if len(names) > 1 {
		ew.printf("\n(test misses are not listed; --split test -v lists them)\n")
	}
	return ew.err
}

// WriteAILA prints the AILA scores beside the published figures.
func WriteAILA(w io.Writer, r *AILAResult) error {
	ew := &errWriter{w: w}
	ew.printf("AILA 2019 task 1 (%d judgments, depth %d, searches took %s)\n", r.Documents, AILADepth, r.Elapsed.Round(time.Millisecond))
	ew.printf("  Q11-Q50: MAP %.4f  P@10 %.4f (%d queries; published BM25 %.4f, best run %.4f)\n",
		r.Test.MAP, r.Test.P10, r.Test.Queries, AILAPublishedBM25, AILAPublishedBest)
	ew.printf("  Q1-Q10 (dev): MAP %.4f  P@10 %.4f (%d queries)\n", r.Dev.MAP, r.Dev.P10, r.Dev.Queries)
	return ew.err
}

// splitNames lists the splits of r in report order.
func splitNames(r *Result) []string {
	var out []string
	for _, n := range []string{SplitDev, SplitTest, SplitAll} {
		if _, ok := r.Splits[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// filterText shows a query's filters, or "" without any.
func filterText(f *Filters) string {
	if f == nil {
		return ""
	}
	var parts []string
	add := func(name string, v []string) {
		if len(v) > 0 {
			parts = append(parts, name+"="+strings.Join(v, ","))
		}
	}
	add("kind", f.Kind)
	add("court", f.Court)
	add("judge", f.Judge)
	add("case", f.Case)
	add("site", f.Site)
	add("doc_type", f.DocType)
	if f.From != "" {
		parts = append(parts, "from="+f.From)
	}
	if f.To != "" {
		parts = append(parts, "to="+f.To)
	}
	return " [" + strings.Join(parts, " ") + "]"
}

func errText(err string) string {
	if err == "" {
		return ""
	}
	return ", error: " + err
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
