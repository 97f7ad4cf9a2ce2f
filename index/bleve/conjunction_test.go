package bleve

import (
	"context"
	"dossier/index"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestAndQueryScoresAsConjunction checks that andQuery matches the same
// documents with the same scores, to the last bit, as bleve's conjunction
// of the same children: children of every kind the compiler gives
// (disjunctions, word forms, phrases, filters), led by the rarer or the
// more common, and under a parent that moves it with Advance (an
// exclusion, a second conjunction).
func TestAndQueryScoresAsConjunction(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	words := func(w ...string) query.Query {
		var qs []query.Query
		for _, x := range w {
			qs = append(qs, rawMatch("text", x, 1))
		}
		return bleve.NewDisjunctionQuery(qs...)
	}
	court := filterQuery{rawTerm("court", "cand")}
	motion := sumQuery{children: []query.Query{rawMatch("text", "motion", 1), rawMatch("title", "motion", 2)}, min: 1}
	phrase := rawPhrase("text", "heard the motion", 1)
	cases := [][]query.Query{
		{words("court"), words("motion")},
		{words("other", "words"), motion},
		{motion, words("fill")},
		{phrase, words("other")},
		{motion, court},
		{words("nightjar", "motion"), motion}, // the exclusion below takes some
		{court, words("page", "court"), phrase},
		{words("nightjar"), motion},                              // one match, which the exclusion takes
		{words("zzzz"), motion},                                  // no match
		{andQuery{[]query.Query{motion, words("other")}}, court}, // advanced by its parent
	}
	for i, children := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want, wantTotal := scoredHits(t, ix, asBleveConjunction(andQuery{children}))
			if i != len(cases)-2 && wantTotal == 0 {
				t.Fatal("bleve's conjunction matches nothing: the case tests little")
			}
			// Under requiredQuery, with an exclusion, the same less the
			// excluded.
			excluded, _ := scoredHits(t, ix, rawMatch("text", "nightjar", 1))
			if len(excluded) == 0 {
				t.Fatal("the exclusion matches nothing")
			}
			wantNot := map[string]float64{}
			for id, score := range want {
				if _, ok := excluded[id]; !ok {
					wantNot[id] = score
				}
			}
			for _, tc := range []struct {
				q    query.Query
				want map[string]float64
			}{
				{andQuery{children}, want},
				{requiredQuery{must: children, not: []query.Query{rawMatch("text", "nightjar", 1)}}, wantNot},
			} {
				q, want, wantTotal := tc.q, tc.want, uint64(len(tc.want))
				got, gotTotal := scoredHits(t, ix, q)
				if gotTotal != wantTotal || len(got) != len(want) {
					t.Fatalf("%T: total %d (%d hits), bleve's conjunction %d (%d hits)", q, gotTotal, len(got), wantTotal, len(want))
				}
				for id, score := range want {
					if got[id] != score {
						t.Errorf("%T: %s: score %v, bleve's conjunction %v", q, id, got[id], score)
					}
				}
			}
		})
	}
}

// asBleveConjunction rewrites every andQuery in q as bleve's conjunction.
func asBleveConjunction(q query.Query) query.Query {
	a, ok := q.(andQuery)
	if !ok {
		return q
	}
	var cs []query.Query
	for _, c := range a.children {
		cs = append(cs, asBleveConjunction(c))
	}
	return bleve.NewConjunctionQuery(cs...)
}

// TestAndQueryLeavesJoinsToBleve checks that where bleve joins the
// children's postings (children that are all terms), andQuery gives
// bleve's searcher, and its own otherwise.
func TestAndQueryLeavesJoinsToBleve(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	r := snapshotReader(t, ix)
	m := ix.bleve.Mapping()
	opts := search.SearcherOptions{}
	for _, tc := range []struct {
		q    andQuery
		mine bool
	}{
		{andQuery{[]query.Query{rawTerm("court", "cand"), rawTerm("kind", "filing")}}, false},
		{andQuery{[]query.Query{rawTerm("court", "cand"), rawWord("motion")}}, true},
	} {
		s, err := tc.q.Searcher(context.Background(), r, m, opts)
		if err != nil {
			t.Fatal(err)
		}
		_, mine := s.(*andSearcher)
		if mine != tc.mine {
			t.Errorf("%v: searcher %T", tc.q.children, s)
		}
		_ = s.Close()
	}
}

var _ search.Searcher = (*andSearcher)(nil)

// withBleveConjunctions rewrites q so that every conjunction in it is
// bleve's: requiredQuery's must clauses become one bleve conjunction (which
// requiredQuery takes as is), and every andQuery becomes bleve's.
func withBleveConjunctions(q query.Query) query.Query {
	switch q := q.(type) {
	case requiredQuery:
		var must []query.Query
		for _, m := range q.must {
			must = append(must, withBleveConjunctions(m))
		}
		if len(must) > 1 {
			must = []query.Query{bleve.NewConjunctionQuery(must...)}
		}
		return requiredQuery{must: must, not: q.not}
	case andQuery:
		var cs []query.Query
		for _, c := range q.children {
			cs = append(cs, withBleveConjunctions(c))
		}
		return bleve.NewConjunctionQuery(cs...)
	case *query.DisjunctionQuery:
		d := *q
		d.Disjuncts = nil
		for _, c := range q.Disjuncts {
			d.Disjuncts = append(d.Disjuncts, withBleveConjunctions(c))
		}
		return &d
	}
	return q
}

// TestAndQueryCost measures what andQuery saves over bleve's conjunction
// searcher: for every case of the mix, the page's search (top 10 by
// score, exact total, stored meta of the hits, the case's facets) runs
// with each (see compareCost). Both give the same hits and scores
// (TestAndQueryScoresAsConjunction).
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestAndQueryCost -v -timeout 60m
func TestAndQueryCost(t *testing.T) {
	ix := largeBenchIndex(t)
	ctx, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	compareCost(t, ix, "search", [2]string{"andQuery", "bleve"}, withBleveConjunctions,
		func(_ int, req index.SearchRequest, q query.Query) (uint64, error) {
			br := bleve.NewSearchRequestOptions(q, req.Size, 0, false)
			br.Fields = []string{fieldMeta}
			br.SortBy([]string{"-_score"})
			res, err := ix.searchCounting(ctx, br, req.Facets, req.FacetSize)
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		})
}
