package bleve

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// unscored matches what its query matches, with score 0: it decides which
// documents match without weighing on their ranking.
type unscored struct{ query.Query }

// Searcher implements query.Query.
func (u unscored) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	s, err := u.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	if joinsUnscored(ctx, opts) {
		// Nothing is scored anyway; the searcher as bleve made it can
		// join a parent's bitmaps (see sumQuery).
		return s, nil
	}
	return unscoredSearcher{s}, nil
}

// joinsUnscored says whether a searcher built with opts scores nothing
// and may therefore be joined, as bleve joins the term searchers of an
// unscored disjunction into one bitmap per segment: a filter, an
// exclusion ("-acquittal": a word is its forms in three fields, a dozen
// terms) or a count. It is false under noUnscoredJoins, with which
// TestUnscoredJoinCost measures the shape before joining.
func joinsUnscored(ctx context.Context, opts search.SearcherOptions) bool {
	if ctx.Value(noUnscoredJoins{}) != nil {
		return false
	}
	return opts.Score == "none" && !opts.IncludeTermVectors
}

// noUnscoredJoins is the context key that turns joinsUnscored off.
type noUnscoredJoins struct{}

type unscoredSearcher struct{ search.Searcher }

func (u unscoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := u.Searcher.Next(ctx)
	if dm != nil {
		dm.Score = 0
	}
	return dm, err
}

func (u unscoredSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := u.Searcher.Advance(ctx, id)
	if dm != nil {
		dm.Score = 0
	}
	return dm, err
}
