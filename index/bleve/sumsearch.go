package bleve

import (
	"context"
	"encoding/binary"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// sumQuery matches documents that at least min of its children match and
// scores them by the sum of the matching children's scores, plus perMatch
// for each child that matched.
//
// bleve's disjunction multiplies that sum by the share of children that
// matched (its "coord"). For the word forms of one query word that share
// is meaningless: a document that uses only "hacked" would score a fifth
// of its BM25 because the word also has four other forms. With perMatch set
// far above any BM25 sum, the order is "more children matched" first, then
// BM25: the ranking of a relaxed search (see relax.go).
//
// With coord, it scores as bleve's disjunction does, to the bit: the
// children in bleve's order, told the query norm of their weights, and
// the sum multiplied by the share of children that matched. A quoted
// phrase over the text and the title keeps bleve's scores, at less cost
// per match.
type sumQuery struct {
	children []query.Query
	min      int     // children that must match, at least 1
	perMatch float64 // score added per matching child
	coord    bool
}

// Searcher implements query.Query.
func (q sumQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	s := &sumSearcher{min: max(q.min, 1), perMatch: q.perMatch, coord: q.coord}
	for _, c := range q.children {
		cs, err := c.Searcher(ctx, r, m, opts)
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		s.children = append(s.children, cs)
	}
	if len(s.children) < s.min {
		_ = s.Close()
		return searcher.NewMatchNoneSearcher(r)
	}
	if q.coord {
		// As bleve's disjunction searcher: its children in its order
		// (the sum's order), told its query norm.
		sort.Sort(searcher.OrderedSearcherList(s.children))
		var sum float64
		for _, c := range s.children {
			sum += c.Weight()
		}
		norm := 1.0 / math.Sqrt(sum)
		for _, c := range s.children {
			c.SetQueryNorm(norm)
		}
	}
	unscored := s.min == 1 && joinsUnscored(ctx, opts)
	if len(s.children) == 1 && (s.perMatch == 0 || unscored) {
		return s.children[0], nil
	}
	if unscored {
		// Nothing is scored: what matches is the union of the children,
		// which bleve joins into one bitmap per segment when they are
		// term searchers (its "unadorned" disjunction).
		return searcher.NewDisjunctionSearcher(ctx, r, s.children, 1, opts)
	}
	s.currs = make([]*search.DocumentMatch, len(s.children))
	s.keys = make([]uint64, len(s.children))
	return s, nil
}

// sumSearcher is the searcher of sumQuery. It keeps the current match of
// every child and, at each step, takes the children positioned on the
// smallest document.
type sumSearcher struct {
	children []search.Searcher
	currs    []*search.DocumentMatch // current match of each child; nil when exhausted
	keys     []uint64                // docKey of each current match
	matching []int                   // children on the smallest current document
	// stale holds, after an Advance, the children that matched the
	// document it returned: they move past it only at the next Next or
	// Advance, so that a further Advance moves them once, to its target,
	// instead of reading and scoring their next match first (a common
	// word's sum inside AND is advanced to each of a rarer word's
	// documents). Their currs are nil (the match is the caller's or back
	// in the pool) and their keys the document returned. After a Next
	// they move at once: deferring there cost a three-word OR 1.13x the
	// time.
	stale       []int
	advancing   bool // within Advance
	bytesIDs    bool // an ID was not 8 bytes: compare the bytes (findMatchingBytes)
	min         int
	perMatch    float64
	coord       bool
	initialized bool
}

// exhausted is the docKey of no match: after every document.
const exhausted = math.MaxUint64

// docKey is an 8-byte internal ID (scorch's, big-endian) as a number,
// which orders as the bytes do: comparing numbers is a third of the cost
// of bytes.Compare, which findMatching did for every child at every step.
// IDs of other lengths are compared as bytes (sumSearcher.bytesIDs).
func docKey(id bleveindex.IndexInternalID) uint64 {
	return binary.BigEndian.Uint64(id)
}

// set makes dm the current match of child i.
func (s *sumSearcher) set(i int, dm *search.DocumentMatch) {
	s.currs[i] = dm
	if dm == nil {
		s.keys[i] = exhausted
		return
	}
	if len(dm.IndexInternalID) != 8 {
		s.bytesIDs = true
		return
	}
	s.keys[i] = docKey(dm.IndexInternalID)
}

func (s *sumSearcher) init(ctx *search.SearchContext) error {
	for i, c := range s.children {
		dm, err := c.Next(ctx)
		if err != nil {
			return err
		}
		s.set(i, dm)
	}
	s.initialized = true
	s.findMatching()
	return nil
}

// findMatching collects the children positioned on the smallest document.
func (s *sumSearcher) findMatching() {
	if s.bytesIDs {
		s.findMatchingBytes()
		return
	}
	s.matching = s.matching[:0]
	least := uint64(exhausted)
	for i, k := range s.keys {
		switch {
		case k == exhausted || k > least:
			continue
		case k < least:
			least = k
			s.matching = s.matching[:0]
		}
		s.matching = append(s.matching, i)
	}
}

// findMatchingBytes is findMatching for IDs that are not 8 bytes long.
func (s *sumSearcher) findMatchingBytes() {
	s.matching = s.matching[:0]
	for i, dm := range s.currs {
		if dm == nil {
			continue
		}
		if len(s.matching) > 0 {
			switch c := dm.IndexInternalID.Compare(s.currs[s.matching[0]].IndexInternalID); {
			case c > 0:
				continue
			case c < 0:
				s.matching = s.matching[:0]
			}
		}
		s.matching = append(s.matching, i)
	}
}

// moveStale moves the stale children past the document they matched.
func (s *sumSearcher) moveStale(ctx *search.SearchContext) error {
	for _, i := range s.stale {
		dm, err := s.children[i].Next(ctx)
		if err != nil {
			return err
		}
		s.set(i, dm)
	}
	s.stale = s.stale[:0]
	s.findMatching()
	return nil
}

// Next implements search.Searcher.
func (s *sumSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	if len(s.stale) > 0 {
		if err := s.moveStale(ctx); err != nil {
			return nil, err
		}
	}
	for len(s.matching) > 0 {
		var rv *search.DocumentMatch
		if len(s.matching) >= s.min {
			rv = s.currs[s.matching[0]]
			score := s.perMatch * float64(len(s.matching))
			for _, i := range s.matching {
				score += s.currs[i].Score
			}
			if s.coord {
				score *= float64(len(s.matching)) / float64(len(s.children))
			}
			if len(s.matching) > 1 && s.withLocations() {
				others := make([]*search.DocumentMatch, 0, len(s.matching)-1)
				for _, i := range s.matching[1:] {
					others = append(others, s.currs[i])
				}
				rv.FieldTermLocations = search.MergeFieldTermLocations(rv.FieldTermLocations, others)
			}
			rv.Score = score
			if s.advancing && !s.bytesIDs {
				for _, i := range s.matching {
					if s.currs[i] != rv {
						ctx.DocumentMatchPool.Put(s.currs[i])
					}
					s.currs[i] = nil
				}
				s.stale = append(s.stale[:0], s.matching...)
				s.matching = s.matching[:0]
				return rv, nil
			}
		}
		for _, i := range s.matching {
			if s.currs[i] != rv {
				ctx.DocumentMatchPool.Put(s.currs[i])
			}
			dm, err := s.children[i].Next(ctx)
			if err != nil {
				return nil, err
			}
			s.set(i, dm)
		}
		s.findMatching()
		if rv != nil {
			return rv, nil
		}
	}
	return nil, nil
}

// withLocations reports whether a matching child carries term locations
// (asked for by highlights only): without them there is nothing to merge.
func (s *sumSearcher) withLocations() bool {
	for _, i := range s.matching {
		if len(s.currs[i].FieldTermLocations) > 0 {
			return true
		}
	}
	return false
}

// Advance implements search.Searcher.
func (s *sumSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !s.initialized {
		if err := s.init(ctx); err != nil {
			return nil, err
		}
	}
	byBytes := s.bytesIDs || len(id) != 8
	var target uint64
	if !byBytes {
		target = docKey(id)
	}
	for _, i := range s.stale {
		// Where the target is past the document they matched, straight
		// to it; else past that document, as Next would have.
		var dm *search.DocumentMatch
		var err error
		if !byBytes && s.keys[i] < target {
			dm, err = s.children[i].Advance(ctx, id)
		} else {
			dm, err = s.children[i].Next(ctx)
		}
		if err != nil {
			return nil, err
		}
		s.set(i, dm)
	}
	s.stale = s.stale[:0]
	for i, c := range s.children {
		// A child with no current match has no more (searchers only move
		// forward): asking it again would seek its postings in vain.
		if s.currs[i] == nil {
			continue
		}
		if byBytes {
			if s.currs[i].IndexInternalID.Compare(id) >= 0 {
				continue
			}
		} else if s.keys[i] >= target {
			continue
		}
		ctx.DocumentMatchPool.Put(s.currs[i])
		dm, err := c.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.set(i, dm)
	}
	s.findMatching()
	s.advancing = true
	defer func() { s.advancing = false }()
	return s.Next(ctx)
}

// Close implements search.Searcher.
func (s *sumSearcher) Close() error {
	var first error
	for _, c := range s.children {
		if c == nil {
			continue
		}
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight implements search.Searcher.
func (s *sumSearcher) Weight() float64 {
	w := 0.0
	for _, c := range s.children {
		w += c.Weight()
	}
	return w
}

// SetQueryNorm implements search.Searcher.
func (s *sumSearcher) SetQueryNorm(n float64) {
	for _, c := range s.children {
		c.SetQueryNorm(n)
	}
}

// Count implements search.Searcher: an upper bound.
func (s *sumSearcher) Count() uint64 {
	var n uint64
	for _, c := range s.children {
		n += c.Count()
	}
	return n
}

// Min implements search.Searcher.
func (s *sumSearcher) Min() int { return s.min }

// Size implements search.Searcher (an estimate in bytes).
func (s *sumSearcher) Size() int {
	n := 64 + 16*len(s.currs) + 8*len(s.matching)
	for _, c := range s.children {
		n += c.Size()
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher.
func (s *sumSearcher) DocumentMatchPoolSize() int {
	n := len(s.children)
	for _, c := range s.children {
		n += c.DocumentMatchPoolSize()
	}
	return n
}
