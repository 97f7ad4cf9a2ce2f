package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// proximityQuery matches documents in which every word of text occurs in
// field within a window of len(words)-1+slop positions, in any order
// ("border fence"~10). bleve has no sloppy phrase query of its own, so it
// runs a conjunction of the words and then checks their positions, which
// the text fields keep as term vectors.
type proximityQuery struct {
	field string
	text  string
	slop  int
	boost float64
}

var _ query.Query = (*proximityQuery)(nil)

func newProximityQuery(field, text string, slop int, boost float64) *proximityQuery {
	return &proximityQuery{field: field, text: text, slop: slop, boost: boost}
}

// Searcher implements bleve's query.Query.
func (q *proximityQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if an == nil {
		return nil, fmt.Errorf("index: no analyzer for field %s", q.field)
	}
	var terms []string
	for _, tok := range an.Analyze([]byte(q.text)) {
		if t := string(tok.Term); !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	opts.IncludeTermVectors = true
	subs := make([]search.Searcher, 0, len(terms))
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, opts)
		if err != nil {
			for _, s := range subs {
				_ = s.Close()
			}
			return nil, fmt.Errorf("index: proximity term %q: %w", t, err)
		}
		subs = append(subs, s)
	}
	if len(subs) == 1 {
		return subs[0], nil
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, subs, opts)
	if err != nil {
		return nil, fmt.Errorf("index: proximity: %w", err)
	}
	return &proximitySearcher{Searcher: conj, field: q.field, terms: terms, window: len(terms) - 1 + q.slop}, nil
}

// proximitySearcher filters a conjunction's matches by word distance.
type proximitySearcher struct {
	search.Searcher
	field  string
	terms  []string
	window int // largest allowed distance between first and last word
}

func (s *proximitySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(ctx)
		if err != nil || dm == nil {
			return dm, err
		}
		if s.near(dm) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *proximitySearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	if s.near(dm) {
		return dm, nil
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}

// near reports whether some window of s.window+1 positions holds every term.
func (s *proximitySearcher) near(dm *search.DocumentMatch) bool {
	type occ struct {
		pos  uint64
		term int
	}
	var occs []occ
	for _, ftl := range dm.FieldTermLocations {
		if ftl.Field != s.field {
			continue
		}
		if i := slices.Index(s.terms, ftl.Term); i >= 0 {
			occs = append(occs, occ{ftl.Location.Pos, i})
		}
	}
	slices.SortFunc(occs, func(a, b occ) int {
		switch {
		case a.pos < b.pos:
			return -1
		case a.pos > b.pos:
			return 1
		}
		return 0
	})
	counts := make([]int, len(s.terms))
	covered, lo := 0, 0
	for _, o := range occs {
		if counts[o.term] == 0 {
			covered++
		}
		counts[o.term]++
		for covered == len(s.terms) {
			if o.pos-occs[lo].pos <= uint64(s.window) {
				return true
			}
			counts[occs[lo].term]--
			if counts[occs[lo].term] == 0 {
				covered--
			}
			lo++
		}
	}
	return false
}
