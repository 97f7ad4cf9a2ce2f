package bleve

import (
	"context"
	"fmt"
	"reflect"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// cachedTermQuery is a scored word in a text field, read from the
// position cache (positioncache.go) in the segments where the word is
// common enough, and from zap's postings elsewhere.
//
// bleve's term searcher reads each posting through scorch's term field
// reader, which decodes the document number, frequency and norm from
// zap's varints and copies them into a record; for a word in tens of
// thousands of documents that is most of a search's time. Where the
// cache holds the word's documents, norms and frequencies as flat
// arrays (12 bytes a document, built by the first search that reads
// them), reading a posting is an array step, and an Advance a galloping
// search. Scores are bleve's term scorer's, from the same statistics
// (scoreStats), to the bit (TestPositionCacheSameHits).
//
// Where the cache holds none of the word's segments, or the search wants
// term vectors, explanations or no scores, the query is bleve's term
// query, unchanged: bleve joins unscored terms' postings as bitmaps.
type cachedTermQuery struct {
	field string
	term  string
	boost float64
}

var _ query.Query = cachedTermQuery{}

// Searcher implements query.Query.
func (q cachedTermQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	cache, _ := ctx.Value(positionCacheKey{}).(*positionCache)
	snap, ok := r.(*scorch.IndexSnapshot)
	if cache == nil || !ok || opts.IncludeTermVectors || opts.Explain || opts.Score == "none" || joinsUnscored(ctx, opts) {
		return termQueryBoost(q.field, q.term, q.boost).Searcher(ctx, r, m, opts)
	}
	cache.prune(snap)
	post, err := newWordPostings(ctx, snap, q.field, []byte(q.term), cache, false)
	if err != nil {
		return nil, fmt.Errorf("index: term %q: %w", q.term, err)
	}
	if post.cached == 0 {
		return termQueryBoost(q.field, q.term, q.boost).Searcher(ctx, r, m, opts)
	}
	if err := search.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	docCount, avgLen, err := scoreStats(ctx, r, q.field)
	if err != nil {
		return nil, err
	}
	return &cachedTermSearcher{
		post:   post,
		scorer: scorer.NewTermQueryScorer([]byte(q.term), q.field, q.boost, docCount, post.count, avgLen, opts),
	}, nil
}

// cachedTermSearcher is the searcher of cachedTermQuery. Like bleve's, it
// only moves forward: an Advance to a document at or before the one it
// returned last returns that one again.
type cachedTermSearcher struct {
	post   *wordPostings
	scorer *scorer.TermQueryScorer
	tfd    bleveindex.TermFieldDoc
	// The posting returned last: its global document number, frequency
	// and norm; has is false before the first and after the last.
	has  bool
	doc  uint64
	freq uint64
	norm float64
	done bool
}

var _ search.Searcher = (*cachedTermSearcher)(nil)

var reflectStaticSizeCachedTermSearcher = int(reflect.TypeOf(cachedTermSearcher{}).Size())

// match scores the posting returned last.
func (s *cachedTermSearcher) match(ctx *search.SearchContext) *search.DocumentMatch {
	s.tfd.Reset()
	s.tfd.ID = bleveindex.NewIndexInternalID(s.tfd.ID, s.doc)
	s.tfd.Freq, s.tfd.Norm = s.freq, s.norm
	return s.scorer.Score(ctx, &s.tfd)
}

// found records po, at global document number doc, as the posting
// returned last, and scores it; nil po ends the searcher.
func (s *cachedTermSearcher) found(ctx *search.SearchContext, po segment.Posting, doc uint64) *search.DocumentMatch {
	if po == nil {
		s.has, s.done = false, true
		return nil
	}
	s.has, s.doc, s.freq, s.norm = true, doc, po.Frequency(), po.Norm()
	return s.match(ctx)
}

// Next implements search.Searcher.
func (s *cachedTermSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	po, doc, err := s.post.next()
	if err != nil {
		return nil, err
	}
	return s.found(ctx, po, doc), nil
}

// Advance implements search.Searcher.
func (s *cachedTermSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if len(id) != 8 {
		return nil, fmt.Errorf("index: term search: document ID of %d bytes", len(id))
	}
	target := docKey(id)
	if s.has && s.doc >= target {
		return s.match(ctx), nil
	}
	po, doc, err := s.post.advance(target)
	if err != nil {
		return nil, err
	}
	return s.found(ctx, po, doc), nil
}

// Weight implements search.Searcher.
func (s *cachedTermSearcher) Weight() float64 { return s.scorer.Weight() }

// SetQueryNorm implements search.Searcher.
func (s *cachedTermSearcher) SetQueryNorm(qnorm float64) { s.scorer.SetQueryNorm(qnorm) }

// Count implements search.Searcher: the documents holding the word.
func (s *cachedTermSearcher) Count() uint64 { return s.post.count }

// Min implements search.Searcher.
func (s *cachedTermSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *cachedTermSearcher) Size() int {
	n := reflectStaticSizeCachedTermSearcher + s.scorer.Size() + s.tfd.Size()
	for _, it := range s.post.iters {
		if it != nil {
			n += it.Size()
		}
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher.
func (s *cachedTermSearcher) DocumentMatchPoolSize() int { return 1 }

// Close implements search.Searcher: the segments' postings need no
// closing.
func (s *cachedTermSearcher) Close() error { return nil }
