package bleve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
)

// TestRequiredQueryScoresAsBoolean checks that the query every search
// builds (requiredQuery) matches the same documents with the same scores,
// to the last bit, as bleve's boolean query of the same clauses did, and
// that it excludes the skipped record.
func TestRequiredQueryScoresAsBoolean(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	from, _ := time.Parse(time.DateOnly, "2000-01-01")
	for _, req := range []index.SearchRequest{
		{Query: "court"},
		{Query: "nightjar"},
		{Query: "court motion"},
		{Query: `"motion to dismiss"`},
		{Query: "court -nightjar"},
		{Query: "motion", Filters: index.Filters{Court: []string{"cand", "nysd"}}},
		{Query: "motion court", Filters: index.Filters{Kind: []string{"filing"}, From: from}},
		{Query: "court OR article"},
		{Query: ""},
		{Query: "", Filters: index.Filters{Kind: []string{"filing"}}},
		{Query: "court", Filters: index.Filters{Kind: []string{"article"}}},
		{Query: "court", Filters: index.Filters{From: from}},
		{Query: "malformed"}, // the skipped record's reason is not searchable
	} {
		t.Run(req.Query+fmt.Sprint(req.Filters.Kind), func(t *testing.T) {
			req.SetDefaults()
			cr, err := compileRequest(req, &ix.forms)
			if err != nil {
				t.Fatal(err)
			}
			rq, ok := cr.build(req.Filters, nil, 0).(requiredQuery)
			if !ok {
				t.Fatalf("build gave %T, want requiredQuery", cr.build(req.Filters, nil, 0))
			}
			bq := bleve.NewBooleanQuery()
			if len(rq.must) == 0 {
				bq.AddMust(bleve.NewMatchAllQuery())
			}
			bq.AddMust(rq.must...)
			bq.AddMustNot(rq.not)
			got, gotTotal := scoredHits(t, ix, rq)
			want, wantTotal := scoredHits(t, ix, bq)
			if req.Query == "court" && req.Filters.Kind == nil && req.Filters.From.IsZero() && len(want) < 20 {
				t.Fatalf("%q matches only %d documents: the cases test little", req.Query, len(want))
			}
			if gotTotal != wantTotal || len(got) != len(want) {
				t.Fatalf("total %d (%d hits), bleve's boolean %d (%d hits)", gotTotal, len(got), wantTotal, len(want))
			}
			for id, score := range want {
				if got[id] != score {
					t.Errorf("%s: score %v, bleve's boolean %v", id, got[id], score)
				}
			}
			for id := range got {
				if strings.HasPrefix(id, "broken1") {
					t.Errorf("the skipped record %s matched", id)
				}
			}
		})
	}
}

// shapeDocs are documents for the query-shape tests: a word ("motion")
// used a different number of times in each, over two kinds, three court
// values and several years, with the fixtures (a skipped record among
// them).
func shapeDocs() []corpus.Document {
	docs := fixtureDocs()
	courts := []*legal.Court{{ID: "cand"}, {ID: "nysd"}, nil}
	for i := range 36 {
		d := corpus.Document{
			ID: fmt.Sprintf("gen%02d", i), Kind: corpus.KindFiling, Court: courts[i%3],
			Title: fmt.Sprintf("Order %d on the motion", i),
			Date:  fmt.Sprintf("%d-0%d-1%d", 2016+i%8, 1+i%9, i%10),
			Text:  strings.Repeat("the court heard the motion and ", 1+i%5) + strings.Repeat("other words fill the page ", i%7),
		}
		if i%4 == 0 {
			d.Kind, d.Court = corpus.KindArticle, nil
		}
		docs = append(docs, d)
	}
	return docs
}

// scoredHits runs q as searches do (with dossier's BM25 statistics) and
// returns every hit's score by ID, and the total.
func scoredHits(t *testing.T, ix *Index, q query.Query) (map[string]float64, uint64) {
	t.Helper()
	ctx, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out, res.Total
}

var _ search.Searcher = (*requiredSearcher)(nil)

// TestFiltersDoNotScore checks that filters and a restriction only decide
// what matches: each hit of a filtered search has the score the same hit
// has without the filter, and the filtered total is the number of
// unfiltered hits that pass the filter.
func TestFiltersDoNotScore(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	from, _ := time.Parse(time.DateOnly, "2019-01-01")
	for _, tc := range []struct {
		name     string
		filters  index.Filters
		restrict string
		keep     func(index.Hit) bool
	}{
		{"kind", index.Filters{Kind: []string{"filing"}}, "", func(h index.Hit) bool { return h.Kind == "filing" }},
		{"two courts", index.Filters{Court: []string{"cand", "nysd"}}, "", func(h index.Hit) bool { return h.Court == "cand" || h.Court == "nysd" }},
		{"kind and date", index.Filters{Kind: []string{"filing"}, From: from}, "", func(h index.Hit) bool { return h.Kind == "filing" && h.Date >= "2019-01-01" }},
		{"restriction", index.Filters{}, "court:cand", func(h index.Hit) bool { return h.Court == "cand" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := index.SearchRequest{Query: "motion", Size: 100}
			_, plain := searchIDs(t, ix, all)
			want := map[string]float64{}
			for _, h := range plain.Hits {
				if tc.keep(h) {
					want[h.ID] = h.Score
				}
			}
			if len(want) == 0 || len(want) == len(plain.Hits) {
				t.Fatalf("the filter keeps %d of %d hits: the case tests nothing", len(want), len(plain.Hits))
			}
			filtered := all
			filtered.Filters, filtered.Restrict = tc.filters, tc.restrict
			_, res := searchIDs(t, ix, filtered)
			if res.Total != uint64(len(want)) || len(res.Hits) != len(want) {
				t.Fatalf("filtered total %d (%d hits), want %d", res.Total, len(res.Hits), len(want))
			}
			for _, h := range res.Hits {
				if s, ok := want[h.ID]; !ok || s != h.Score {
					t.Errorf("%s: score %v filtered, %v (kept %v) without the filter", h.ID, h.Score, s, ok)
				}
			}
		})
	}
}
