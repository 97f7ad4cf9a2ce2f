package searcheval

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"dossier/index"
	"dossier/index/bleve"
)

// TopHits is the number of hits kept per query for diagnosis.
const TopHits = 5

// HitInfo is one hit kept for diagnosis.
type HitInfo struct {
	ID, Title string
	// Source is the file's path relative to the shared directory when it
	// is under it.
	Source string
}

// QueryResult is the outcome of one known-item query.
type QueryResult struct {
	KnownItem
	// AnswerIDs are the document IDs of Answers, in the same order.
	AnswerIDs []string
	// Unsearchable lists the answers (paths) that are not searchable
	// documents of the index: such a query cannot be answered.
	Unsearchable []string
	// Rank is the 1-based rank of the first answer among the hits read,
	// 0 when none is there.
	Rank int
	// Total is the number of matching documents.
	Total uint64
	// Err is the search error, "" when none; an error counts as no hit.
	Err string
	// Top are the first TopHits hits.
	Top []HitInfo
}

// ZeroResult is the outcome of one query of the zero-result set.
type ZeroResult struct {
	ID, Split, Query string
	// Known is set for a known-item query (searched with its filters).
	Known bool
	// Total is the number of matching documents.
	Total uint64
	// Err is the search error, "" when none.
	Err string
}

// Empty reports whether the query got nothing.
func (z ZeroResult) Empty() bool { return z.Total == 0 || z.Err != "" }

// Result is the outcome of Run.
type Result struct {
	// Index describes the index searched.
	Index BuildInfo
	// Splits holds the scores per split name (dev, test and all, or only
	// the split selected).
	Splits map[string]Summary
	// ByTag holds, per split name, the known-item scores of the queries
	// carrying each tag.
	ByTag map[string]map[string]Summary
	// KnownItems are the known-item outcomes, in file order.
	KnownItems []QueryResult
	// Zero are the zero-result set's outcomes, known-item queries first.
	Zero []ZeroResult
}

// Run brings the index of the shared corpus up to date (OpenShared), runs
// the selected known-item and topical queries through index.Search and
// scores them.
func Run(ctx context.Context, opts Options) (*Result, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := opts.checkShared(); err != nil {
		return nil, err
	}
	qs, err := LoadQueries(opts.Queries)
	if err != nil {
		return nil, err
	}
	ix, info, err := OpenShared(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	res, err := Score(ctx, ix, qs, opts)
	if err != nil {
		return nil, err
	}
	res.Index = info
	return res, nil
}

// Score runs the queries of qs selected by opts.Split against ix, an index
// holding the shared corpus at opts.Shared, and scores them.
func Score(ctx context.Context, ix *bleve.Index, qs *QuerySet, opts Options) (*Result, error) {
	opts.SetDefaults()
	shared, err := filepath.Abs(opts.Shared)
	if err != nil {
		return nil, fmt.Errorf("searcheval: %w", err)
	}
	res := &Result{}
	ids := map[string]string{} // answer path -> document ID
	var all []string
	for _, k := range qs.KnownItem {
		if !inSplit(k.Split, opts.Split) {
			continue
		}
		qr := QueryResult{KnownItem: k}
		for _, a := range k.Answers {
			id, ok := ids[a]
			if !ok {
				if id, err = FileID(filepath.Join(shared, filepath.FromSlash(a))); err != nil {
					return nil, fmt.Errorf("searcheval: %s: answer: %w", k.ID, err)
				}
				ids[a] = id
				all = append(all, id)
			}
			qr.AnswerIDs = append(qr.AnswerIDs, id)
		}
		res.KnownItems = append(res.KnownItems, qr)
	}
	found, err := searchable(ctx, ix, all)
	if err != nil {
		return nil, err
	}
	rel := func(src string) string {
		if r, err := filepath.Rel(shared, src); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return src
	}
	for i := range res.KnownItems {
		qr := &res.KnownItems[i]
		answers := map[string]bool{}
		for j, id := range qr.AnswerIDs {
			answers[id] = true
			if !found[id] {
				qr.Unsearchable = append(qr.Unsearchable, qr.Answers[j])
			}
		}
		f, err := qr.Filters.IndexFilters()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", qr.ID, err)
		}
		sr, err := ix.Search(ctx, index.SearchRequest{Query: qr.Query, Filters: f, Size: opts.Depth})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			qr.Err = err.Error()
		} else {
			qr.Total = sr.Total
			hits := make([]string, len(sr.Hits))
			for j, h := range sr.Hits {
				hits[j] = h.ID
				if j < TopHits {
					qr.Top = append(qr.Top, HitInfo{ID: h.ID, Title: h.Title, Source: rel(h.Source)})
				}
			}
			qr.Rank = FirstRank(hits, answers)
		}
		res.Zero = append(res.Zero, ZeroResult{ID: qr.ID, Split: qr.Split, Query: qr.Query, Known: true, Total: qr.Total, Err: qr.Err})
	}
	for _, t := range qs.Topical {
		if !inSplit(t.Split, opts.Split) {
			continue
		}
		z := ZeroResult{ID: t.ID, Split: t.Split, Query: t.Query}
		sr, err := ix.Search(ctx, index.SearchRequest{Query: t.Query, Size: 1})
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			z.Err = err.Error()
		default:
			z.Total = sr.Total
		}
		res.Zero = append(res.Zero, z)
	}
	res.Splits, res.ByTag = summarize(res.KnownItems, res.Zero, opts.Split)
	return res, nil
}

// summarize scores the outcomes per split, and per split and tag.
func summarize(known []QueryResult, zero []ZeroResult, split string) (map[string]Summary, map[string]map[string]Summary) {
	names := []string{split}
	if split == SplitAll {
		names = []string{SplitDev, SplitTest, SplitAll}
	}
	splits := map[string]Summary{}
	byTag := map[string]map[string]Summary{}
	for _, name := range names {
		var ranks []int
		tagRanks := map[string][]int{}
		for _, q := range known {
			if inSplit(q.Split, name) {
				ranks = append(ranks, q.Rank)
				for _, t := range q.Tags {
					tagRanks[t] = append(tagRanks[t], q.Rank)
				}
			}
		}
		var empty []bool
		for _, z := range zero {
			if inSplit(z.Split, name) {
				empty = append(empty, z.Empty())
			}
		}
		splits[name] = Summarize(ranks, empty)
		byTag[name] = map[string]Summary{}
		for t, r := range tagRanks {
			byTag[name][t] = Summarize(r, nil)
		}
	}
	return splits, byTag
}

// Misses returns the known-item outcomes of split without an answer in the
// first 5 hits, and the zero-result queries, in file order.
func (r *Result) Misses(split string) ([]QueryResult, []ZeroResult) {
	var known []QueryResult
	var zero []ZeroResult
	for _, q := range r.KnownItems {
		if inSplit(q.Split, split) && (q.Rank == 0 || q.Rank > 5) {
			known = append(known, q)
		}
	}
	for _, z := range r.Zero {
		if inSplit(z.Split, split) && z.Empty() {
			zero = append(zero, z)
		}
	}
	return known, zero
}

// Unsearchable lists every answer path that is not a searchable document,
// sorted; a non-empty list means the index or the query set is wrong.
func (r *Result) Unsearchable() []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range r.KnownItems {
		for _, a := range q.Unsearchable {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Strings(out)
	return out
}

// errNoResult is returned by WriteReport for a result without scores.
var errNoResult = errors.New("searcheval: no result to report")
