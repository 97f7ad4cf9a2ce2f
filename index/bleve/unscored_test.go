package bleve

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"dossier/index"
)

// TestUnscoredWordJoins checks that a word searched unscored (as a filter,
// an exclusion or a count searches it) is one term searcher over the
// joined postings of its forms in every field, and that searches match
// the same documents unscored as scored, joins or not.
func TestUnscoredWordJoins(t *testing.T) {
	ix := newTestIndex(t, shapeDocs()...)
	r := snapshotReader(t, ix)
	cr, err := compileRequest(index.SearchRequest{Query: "motion"}, &ix.forms)
	if err != nil {
		t.Fatal(err)
	}
	word := cr.userQuery(0)
	none := search.SearcherOptions{Score: bleve.ScoreNone}
	for _, tc := range []struct {
		name   string
		ctx    context.Context
		opts   search.SearcherOptions
		joined bool
	}{
		{"unscored", unscoredContext(context.Background()), none, true},
		{"unscored, joins off", context.WithValue(unscoredContext(context.Background()), noUnscoredJoins{}, true), none, false},
		{"scored", context.Background(), search.SearcherOptions{}, false},
	} {
		s, err := word.Searcher(tc.ctx, r, ix.bleve.Mapping(), tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, joined := s.(*searcher.TermSearcher)
		if joined != tc.joined {
			t.Errorf("%s: %q gives a %T", tc.name, "motion", s)
		}
		_ = s.Close()
	}

	from, _ := time.Parse(time.DateOnly, "2019-01-01")
	for _, req := range []index.SearchRequest{
		{Query: "motion"},
		{Query: "court -nightjar"},
		{Query: "motion -heard -other"},
		{Query: "(motion AND -other) OR nightjar"},
		{Query: "motion AND court -words", Filters: index.Filters{Court: []string{"cand"}}},
		{Query: "court OR article", Filters: index.Filters{Kind: []string{"filing"}, From: from}},
	} {
		req.SetDefaults()
		cr, err := compileRequest(req, &ix.forms)
		if err != nil {
			t.Fatal(err)
		}
		q := cr.build(req.Filters, nil, 0)
		want := matchIDs(t, ix, context.Background(), q, "")
		if len(want) == 0 {
			t.Fatalf("%q matches nothing: the case tests little", req.Query)
		}
		for _, ctx := range []context.Context{
			unscoredContext(context.Background()),
			context.WithValue(unscoredContext(context.Background()), noUnscoredJoins{}, true),
		} {
			if got := matchIDs(t, ix, ctx, q, bleve.ScoreNone); !slices.Equal(got, want) {
				t.Errorf("%q unscored (joins off: %v): %v, scored %v", req.Query, ctx.Value(noUnscoredJoins{}) != nil, got, want)
			}
		}
	}
}

// matchIDs returns the sorted IDs of every document q matches.
func matchIDs(t *testing.T, ix *Index, ctx context.Context, q query.Query, score string) []string {
	t.Helper()
	br := bleve.NewSearchRequestOptions(q, 1000, 0, false)
	br.Score = score
	res, err := ix.bleve.SearchInContext(ctx, br)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if uint64(len(ids)) != res.Total {
		t.Fatalf("%d hits of %d", len(ids), res.Total)
	}
	slices.Sort(ids)
	return ids
}

// TestUnscoredJoinCost measures what joining unscored words saves
// (joinsUnscored): for every case of the mix, the page's search (top 10,
// exact total, stored meta of the hits, the case's facets), where the
// exclusions and filters are unscored, runs with joins and without (see
// compareCost).
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestUnscoredJoinCost -v -timeout 60m
func TestUnscoredJoinCost(t *testing.T) {
	ix := largeBenchIndex(t)
	joined, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctxs := [2]context.Context{joined, context.WithValue(joined, noUnscoredJoins{}, true)}
	compareCost(t, ix, "search", [2]string{"joined", "not"}, nil,
		func(way int, req index.SearchRequest, q query.Query) (uint64, error) {
			br := bleve.NewSearchRequestOptions(q, req.Size, 0, false)
			br.Fields = []string{fieldMeta}
			br.SortBy([]string{"-_score"})
			res, err := ix.searchCounting(ctxs[way], br, req.Facets, req.FacetSize)
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		})
}
