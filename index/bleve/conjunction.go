package bleve

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// andQuery matches the documents every one of its children matches,
// scored as bleve's conjunction scores them: the sum of the children's
// scores, in the same order.
//
// Its searcher leads with the child of fewest matches (by Count, as
// bleve orders a conjunction's children) and moves the others only to
// that child's candidates, with Advance. bleve's conjunction searcher
// moves every child on to its next match after each match, so a common
// child ("evidence", in three quarters of the documents) reads, scores
// and hands over every one of its matches, though all but the rarer
// child's candidates are skipped at once. A child advanced past a
// document reads nothing of the documents between (zap skips them in
// its bitmap) and scores only where it lands.
//
// Where bleve joins the children's postings (unscored searches, or
// children that are all terms: see joinable), the query is bleve's
// conjunction, unchanged.
type andQuery struct{ children []query.Query }

// Searcher implements query.Query.
func (q andQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	ss := make([]search.Searcher, 0, len(q.children))
	closeAll := func() {
		for _, s := range ss {
			_ = s.Close()
		}
	}
	for _, c := range q.children {
		s, err := c.Searcher(ctx, r, m, opts)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, s)
		if _, none := s.(*searcher.MatchNoneSearcher); none {
			closeAll()
			return searcher.NewMatchNoneSearcher(r)
		}
	}
	if len(ss) == 1 {
		return ss[0], nil
	}
	if joinable(ss, opts) {
		return searcher.NewConjunctionSearcher(ctx, r, ss, opts)
	}
	sort.Sort(searcher.OrderedSearcherList(ss))
	s := &andSearcher{
		children: ss,
		currs:    make([]*search.DocumentMatch, len(ss)),
		scorer:   scorer.NewConjunctionQueryScorer(opts),
	}
	// The norm bleve's conjunction gives its children.
	var w float64
	for _, c := range ss {
		w += c.Weight()
	}
	if w > 0 {
		s.SetQueryNorm(1 / math.Sqrt(w))
	}
	return s, nil
}

// joinable says whether bleve's conjunction searcher would join the
// children's postings: when nothing is scored (it intersects their
// bitmaps and reads nothing else), or when every child is a term
// searcher (each term then iterates only the intersection of their
// bitmaps). A disjunction or any other child keeps bleve from either.
func joinable(ss []search.Searcher, opts search.SearcherOptions) bool {
	if opts.Score == "none" && !opts.IncludeTermVectors {
		return true
	}
	for _, s := range ss {
		if _, ok := s.(*searcher.TermSearcher); !ok {
			return false
		}
	}
	return true
}

// andSearcher is the searcher of andQuery. children[0] leads.
type andSearcher struct {
	children    []search.Searcher
	currs       []*search.DocumentMatch // each child's current match; nil before its first or after a match was handed out
	scorer      *scorer.ConjunctionQueryScorer
	initialized bool
	done        bool // a child has no more matches
}

// init places every child on its first match.
func (s *andSearcher) init(ctx *search.SearchContext) error {
	for i, c := range s.children {
		dm, err := c.Next(ctx)
		if err != nil {
			return err
		}
		if dm == nil {
			s.done = true
		}
		s.currs[i] = dm
	}
	s.initialized = true
	return nil
}

// Next implements search.Searcher.
func (s *andSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	} else if !s.done && s.currs[0] == nil {
		dm, err := s.children[0].Next(ctx)
		if err != nil {
			return nil, err
		}
		s.currs[0] = dm
	}
	return s.align(ctx)
}

// Advance implements search.Searcher.
func (s *andSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	if s.done {
		return nil, nil
	}
	if s.currs[0] == nil || s.currs[0].IndexInternalID.Compare(id) < 0 {
		if err := s.moveTo(ctx, 0, id); err != nil {
			return nil, err
		}
	}
	return s.align(ctx)
}

// moveTo advances child i to its first match at or after id.
func (s *andSearcher) moveTo(ctx *search.SearchContext, i int, id bleveindex.IndexInternalID) error {
	if s.currs[i] != nil {
		ctx.DocumentMatchPool.Put(s.currs[i])
		s.currs[i] = nil
	}
	dm, err := s.children[i].Advance(ctx, id)
	if err != nil {
		return err
	}
	if dm == nil {
		s.done = true
	}
	s.currs[i] = dm
	return nil
}

// align moves the children until all are on the lead's document, and
// returns that match; nil when a child has no more.
func (s *andSearcher) align(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for !s.done && s.currs[0] != nil {
		target := s.currs[0].IndexInternalID
		agreed := true
		for i := 1; i < len(s.children); i++ {
			if c := s.currs[i]; c == nil || c.IndexInternalID.Compare(target) < 0 {
				if err := s.moveTo(ctx, i, target); err != nil {
					return nil, err
				}
				if s.done {
					return nil, nil
				}
			}
			if s.currs[i].IndexInternalID.Compare(target) > 0 {
				// Child i has nothing until its document: the lead
				// skips to it.
				if err := s.moveTo(ctx, 0, s.currs[i].IndexInternalID); err != nil {
					return nil, err
				}
				agreed = false
				break
			}
		}
		if !agreed {
			continue
		}
		rv := s.scorer.Score(ctx, s.currs) // reuses currs[0]
		for i := 1; i < len(s.currs); i++ {
			ctx.DocumentMatchPool.Put(s.currs[i])
			s.currs[i] = nil
		}
		s.currs[0] = nil
		return rv, nil
	}
	return nil, nil
}

// Close implements search.Searcher.
func (s *andSearcher) Close() error {
	var err error
	for _, c := range s.children {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Weight implements search.Searcher: the sum of the children's.
func (s *andSearcher) Weight() float64 {
	var w float64
	for _, c := range s.children {
		w += c.Weight()
	}
	return w
}

// SetQueryNorm implements search.Searcher.
func (s *andSearcher) SetQueryNorm(n float64) {
	for _, c := range s.children {
		c.SetQueryNorm(n)
	}
}

// Count implements search.Searcher: the sum of the children's, as bleve's
// conjunction gives it (its parents order their children by it).
func (s *andSearcher) Count() uint64 {
	var n uint64
	for _, c := range s.children {
		n += c.Count()
	}
	return n
}

// Min implements search.Searcher.
func (s *andSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *andSearcher) Size() int {
	n := 64
	for _, c := range s.children {
		n += c.Size()
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher: one current match per
// child and the children's own.
func (s *andSearcher) DocumentMatchPoolSize() int {
	n := len(s.children)
	for _, c := range s.children {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
