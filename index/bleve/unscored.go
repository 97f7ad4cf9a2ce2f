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
	return unscoredSearcher{s}, nil
}

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
