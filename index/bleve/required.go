package bleve

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// requiredQuery matches what all of must match and none of not match,
// scored by the sum of must's scores: the shape of every search (the
// user's query and the filters, less the skipped records) and of every
// AND with negations in the user's query ("murder AND evidence
// -acquittal").
//
// It answers exactly as a bleve boolean query with must and must-not
// clauses, with the same scores (see TestRequiredQueryScoresAsBoolean),
// without the two searchers bleve stacks on every match for that shape: a
// boolean searcher over a conjunction searcher even when must is one
// query, each taking and merging a match per document. A search that
// matches most of the index (a common word) walks its matches through
// one searcher less, and without the conjunction at all when must is one
// query.
type requiredQuery struct {
	must []query.Query
	not  []query.Query // none: nothing excluded
}

// Searcher implements query.Query.
func (q requiredQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	var must query.Query
	switch len(q.must) {
	case 0:
		must = bleve.NewMatchAllQuery()
	case 1:
		must = q.must[0]
	default:
		must = andQuery{q.must}
	}
	ms, err := must.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	s := &requiredSearcher{must: ms}
	if len(q.not) > 0 {
		// What is excluded is never scored (filterQuery): bleve may join
		// its term postings as one bitmap.
		var not query.Query = bleve.NewDisjunctionQuery(q.not...)
		if len(q.not) == 1 {
			not = q.not[0]
		}
		ns, err := filterQuery{not}.Searcher(ctx, r, m, opts)
		if err != nil {
			_ = ms.Close()
			return nil, err
		}
		s.not = ns
	}
	// The query norm bleve's boolean searcher gives its must clause: one
	// over the square root of the clause's weight (a conjunction passes
	// its own down unchanged).
	if w := ms.Weight(); w > 0 {
		ms.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// requiredSearcher is the searcher of requiredQuery.
type requiredSearcher struct {
	must    search.Searcher
	not     search.Searcher       // nil: nothing excluded
	currNot *search.DocumentMatch // not's match at or after the last checked document
	notDone bool                  // not has no more matches
}

// Next implements search.Searcher.
func (s *requiredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.must.Next(ctx)
	if err != nil {
		return nil, err
	}
	return s.skipExcluded(ctx, dm)
}

// Advance implements search.Searcher.
func (s *requiredSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.skipExcluded(ctx, dm)
}

// skipExcluded returns dm, or must's next match after it, that not does
// not match.
func (s *requiredSearcher) skipExcluded(ctx *search.SearchContext, dm *search.DocumentMatch) (*search.DocumentMatch, error) {
	for dm != nil {
		excluded, err := s.excludes(ctx, dm.IndexInternalID)
		if err != nil || !excluded {
			return dm, err
		}
		ctx.DocumentMatchPool.Put(dm)
		if dm, err = s.must.Next(ctx); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// excludes says whether not matches id; ids come in increasing order.
func (s *requiredSearcher) excludes(ctx *search.SearchContext, id bleveindex.IndexInternalID) (bool, error) {
	if s.not == nil || s.notDone {
		return false, nil
	}
	if s.currNot == nil || s.currNot.IndexInternalID.Compare(id) < 0 {
		if s.currNot != nil {
			ctx.DocumentMatchPool.Put(s.currNot)
			s.currNot = nil
		}
		next, err := s.not.Advance(ctx, id)
		if err != nil {
			return false, err
		}
		if next == nil {
			s.notDone = true
			return false, nil
		}
		s.currNot = next
	}
	return s.currNot.IndexInternalID.Equals(id), nil
}

// Close implements search.Searcher.
func (s *requiredSearcher) Close() error {
	err := s.must.Close()
	if s.not != nil {
		if nerr := s.not.Close(); err == nil {
			err = nerr
		}
	}
	return err
}

// Weight implements search.Searcher.
func (s *requiredSearcher) Weight() float64 { return s.must.Weight() }

// SetQueryNorm implements search.Searcher.
func (s *requiredSearcher) SetQueryNorm(n float64) { s.must.SetQueryNorm(n) }

// Count implements search.Searcher: an upper bound.
func (s *requiredSearcher) Count() uint64 { return s.must.Count() }

// Min implements search.Searcher.
func (s *requiredSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *requiredSearcher) Size() int {
	n := 64 + s.must.Size()
	if s.not != nil {
		n += s.not.Size()
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher: must's matches and
// not's current one.
func (s *requiredSearcher) DocumentMatchPoolSize() int {
	n := s.must.DocumentMatchPoolSize()
	if s.not != nil {
		n += s.not.DocumentMatchPoolSize() + 1
	}
	return n
}

// filterQuery matches what its query matches, with score 0 and no weight
// in the query norm: the filters and the restriction, which decide what
// may match and not how it ranks (a filtered search ranks its hits as the
// same search without the filter would).
//
// Its searchers are built with bleve's "none" scoring, under which bleve
// joins term postings as bitmaps ("unadorned" conjunctions and
// disjunctions): a date range or a set of filter values becomes one
// bitmap of documents, which the user's query then advances through,
// instead of a tree of term searchers reading frequencies and norms.
// Those joined searchers have no field of their own, so the BM25 field
// statistics of the search (bm25stats.go) are hidden from them; nothing
// below is scored.
type filterQuery struct{ query.Query }

// Searcher implements query.Query.
func (f filterQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	opts.Score = bleve.ScoreNone
	opts.IncludeTermVectors = false
	opts.Explain = false
	s, err := f.Query.Searcher(unscoredContext(ctx), r, m, opts)
	if err != nil {
		return nil, err
	}
	return filterSearcher{unscoredSearcher{s}}, nil
}

// filterSearcher is a searcher that takes no part in scoring: no weight,
// so the query norm of the scored clauses beside it does not change.
type filterSearcher struct{ unscoredSearcher }

// Weight implements search.Searcher.
func (filterSearcher) Weight() float64 { return 0 }

// SetQueryNorm implements search.Searcher.
func (filterSearcher) SetQueryNorm(float64) {}
