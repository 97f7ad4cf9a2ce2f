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
		{Query: "motion -heard -other"},
		{Query: "(motion AND -other) OR nightjar"},
		{Query: "-other"},
		{Query: "motion AND court -words", Filters: index.Filters{Court: []string{"cand"}}},
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
			bq := asBleveBoolean(rq)
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

// asBleveBoolean rewrites every requiredQuery in q as bleve's boolean
// query of the same clauses, nested the way the user's AND was before it
// joined the search's own: the shape searches had before requiredQuery.
func asBleveBoolean(q query.Query) query.Query {
	switch q := q.(type) {
	case requiredQuery:
		b := bleve.NewBooleanQuery()
		var user, rest []query.Query
		for _, m := range q.must {
			if _, ok := m.(filterQuery); ok {
				rest = append(rest, asBleveBoolean(m))
			} else {
				user = append(user, asBleveBoolean(m))
			}
		}
		var userNot, restNot []query.Query
		for _, n := range q.not {
			if tq, ok := n.(*query.TermQuery); ok && tq.FieldVal == fieldStatus {
				restNot = append(restNot, n)
			} else {
				userNot = append(userNot, asBleveBoolean(n))
			}
		}
		if len(userNot) > 0 && len(restNot) > 0 { // the user's AND inside the search's
			inner := bleve.NewBooleanQuery()
			if len(user) == 0 {
				user = append(user, bleve.NewMatchAllQuery())
			}
			inner.AddMust(user...)
			inner.AddMustNot(userNot...)
			user, userNot = []query.Query{inner}, nil
		}
		must := append(user, rest...)
		if len(must) == 0 {
			must = append(must, bleve.NewMatchAllQuery())
		}
		b.AddMust(must...)
		b.AddMustNot(append(userNot, restNot...)...)
		return b
	case sumQuery:
		c := q
		c.children = make([]query.Query, len(q.children))
		for i, ch := range q.children {
			c.children[i] = asBleveBoolean(ch)
		}
		return c
	case *query.DisjunctionQuery:
		out := make([]query.Query, len(q.Disjuncts))
		for i, ch := range q.Disjuncts {
			out[i] = asBleveBoolean(ch)
		}
		d := bleve.NewDisjunctionQuery(out...)
		d.Min = q.Min
		return d
	case *query.ConjunctionQuery:
		out := make([]query.Query, len(q.Conjuncts))
		for i, ch := range q.Conjuncts {
			out[i] = asBleveBoolean(ch)
		}
		return bleve.NewConjunctionQuery(out...)
	}
	return q
}

// fillsPage says whether shapeDocs gave document id the words "fill the
// page" (gen documents whose number is not a multiple of 7).
func fillsPage(id string) bool {
	var n int
	if _, err := fmt.Sscanf(id, "gen%d", &n); err != nil {
		return false
	}
	return n%7 != 0
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
		{"restriction by a phrase", index.Filters{}, `-"fill the page"`, func(h index.Hit) bool { return !fillsPage(h.ID) }},
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

// TestNegationExcludesAndKeepsScores checks the user's AND with negations
// against searches that do not use it: "a -b" finds what "a" finds less
// what "b" finds, each hit with the score "a" gives it.
func TestNegationExcludesAndKeepsScores(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	all := func(q string, f index.Filters) map[string]float64 {
		_, res := searchIDs(t, ix, index.SearchRequest{Query: q, Size: 100, Filters: f, Strict: true})
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	for _, tc := range []struct {
		pos, neg string
		filters  index.Filters
	}{
		{"motion", "other", index.Filters{}},
		{"motion", "other OR nightjar", index.Filters{}},
		{"motion court", "words", index.Filters{Court: []string{"cand"}}},
		{`"the motion"`, "page", index.Filters{Kind: []string{"filing"}}},
		{"motion", `"fill the page"`, index.Filters{}}, // a phrase excluded: positions still count
	} {
		pos, neg := all(tc.pos, tc.filters), all(tc.neg, index.Filters{})
		want := map[string]float64{}
		for id, s := range pos {
			if _, ok := neg[id]; !ok {
				want[id] = s
			}
		}
		if len(want) == 0 || len(want) == len(pos) {
			t.Fatalf("%q without %q keeps %d of %d: the case tests nothing", tc.pos, tc.neg, len(want), len(pos))
		}
		q := tc.pos + " -" + tc.neg
		if strings.Contains(tc.neg, " ") {
			q = tc.pos + " -(" + tc.neg + ")"
		}
		got := all(q, tc.filters)
		if len(got) != len(want) {
			t.Errorf("%s: %d hits, want %d", q, len(got), len(want))
		}
		for id, s := range want {
			if g, ok := got[id]; !ok || g != s {
				t.Errorf("%s: %s scores %v (found %v), want %v", q, id, g, ok, s)
			}
		}
	}
}
