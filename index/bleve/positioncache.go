package bleve

import (
	"container/list"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Decoded positions of frequent words, per segment.
//
// A phrase of common words spends most of its time decoding the words'
// locations from zap's postings: five varints an occurrence (field,
// position, start, end, array positions), for every occurrence in every
// document holding the words ("high court" at 100,000 documents: 55,539
// matches, 40 ms of CPU). A phrase or proximity search needs only the
// positions, frequencies and norms, which fit in flat arrays: 16 bytes a
// document and 4 an occurrence. The first positional search that reads a
// word in a segment where it is in PositionCacheMinDocs documents or more
// decodes the word's postings there once into such arrays, and later
// positional searches read those instead. Highlights still read zap's
// postings: they need the occurrences' byte offsets.
//
// The cache holds what searches read, like Lucene's query cache, not
// what they found: its entries are words of a segment, whatever query
// asks for them, and it gives the same matches and scores as the
// postings (TestPositionCacheSameHits). Segments are immutable, so an
// entry never goes stale; it holds every posting of the word in the
// segment, and searches skip the documents their snapshot has deleted.
// Entries are dropped least recently used first to stay within
// Options.PositionCacheMB, and with their segment when it leaves the
// index (prune).

// PositionCacheMinDocs is the documents of a segment a word must be in
// for its positions there to be cached: below it, its postings decode in
// well under a millisecond.
const PositionCacheMinDocs = 4096

// positionCache holds decoded postings of frequent words. Its methods are
// safe for concurrent use; a nil *positionCache caches nothing.
type positionCache struct {
	budget  int64  // bytes
	minDocs uint64 // PositionCacheMinDocs, lower in tests

	mu      sync.Mutex
	entries map[positionKey]*list.Element // of *positionEntry
	lru     list.List                     // most recently used at the front
	used    int64                         // bytes of the entries built
	snap    *scorch.IndexSnapshot         // the snapshot prune last saw
}

// positionCacheKey is the context key of the index's *positionCache,
// which Index.scoringContext sets.
type positionCacheKey struct{}

// positionKey names one word of one field in one segment, with its
// positions or without (a term search's entry: documents, norms and
// frequencies only).
type positionKey struct {
	seg       segment.Segment
	field     string
	term      string
	positions bool
}

// positionEntry is one word's decoded postings in one segment. ready is
// closed once it is built; words is then nil when it could not be (too
// large for the budget, or an error).
type positionEntry struct {
	key   positionKey
	ready chan struct{}
	words *wordPositions
	size  int64
}

// wordPositions are a word's postings in one segment, deleted documents
// included: posting i is document docs[i], with norm norms[i] and the
// sorted positions pos[start[i]:start[i+1]], whose count is its frequency
// unless freqs is set. An entry without positions (a term search's) has
// freqs, and no start or pos.
type wordPositions struct {
	docs  []uint32 // segment-local document numbers, ascending
	norms []float32
	freqs []uint32 // nil when each frequency is the count of positions
	start []uint32 // len(docs)+1
	pos   []uint32
}

// bytes is the memory w holds.
func (w *wordPositions) bytes() int64 {
	return int64(4 * (cap(w.docs) + cap(w.norms) + cap(w.freqs) + cap(w.start) + cap(w.pos)))
}

// freq is the frequency of posting i.
func (w *wordPositions) freq(i int) uint64 {
	if w.freqs != nil {
		return uint64(w.freqs[i])
	}
	return uint64(w.start[i+1] - w.start[i])
}

// newPositionCache returns a cache of at most budget bytes, or nil for a
// budget of 0 or less.
func newPositionCache(budget int64) *positionCache {
	if budget <= 0 {
		return nil
	}
	return &positionCache{budget: budget, minDocs: PositionCacheMinDocs, entries: map[positionKey]*list.Element{}}
}

// get returns the decoded postings of term in field in seg, building them
// when missing; nil when the cache is nil or cannot hold them. count is
// the word's postings in the segment, for the size check before
// building. Concurrent searches wanting an entry being built wait for it;
// when the building search's ctx ends first, the entry is not kept and
// they read the postings themselves.
func (c *positionCache) get(ctx context.Context, seg segment.Segment, field string, term []byte, count uint64, positions bool) *wordPositions {
	if c == nil || count < c.minDocs || int64(16*count) > c.budget {
		return nil
	}
	key := positionKey{seg: seg, field: field, term: string(term), positions: positions}
	c.mu.Lock()
	if el, ok := c.entries[key]; ok {
		c.lru.MoveToFront(el)
		e := el.Value.(*positionEntry)
		c.mu.Unlock()
		<-e.ready
		return e.words
	}
	e := &positionEntry{key: key, ready: make(chan struct{})}
	el := c.lru.PushFront(e)
	c.entries[key] = el
	c.mu.Unlock()

	w, err := decodeRecovered(ctx, seg, field, term, positions)
	if err == nil && w.bytes() <= c.budget {
		e.words, e.size = w, w.bytes()
	}
	close(e.ready)

	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.entries[key]; !ok || cur != el {
		return e.words // pruned while it was built
	}
	if e.words == nil {
		// Not cacheable: forget it, so that the budget holds only
		// entries that serve; the next search decodes its own.
		c.lru.Remove(el)
		delete(c.entries, key)
		return nil
	}
	c.used += e.size
	c.evict(el)
	return e.words
}

// evict drops least recently used built entries other than keep until
// the cache is within its budget. c.mu is held.
func (c *positionCache) evict(keep *list.Element) {
	for el := c.lru.Back(); el != nil && c.used > c.budget; {
		prev := el.Prev()
		e := el.Value.(*positionEntry)
		if el != keep && e.size > 0 {
			c.drop(el)
		}
		el = prev
	}
}

// drop removes an entry. c.mu is held.
func (c *positionCache) drop(el *list.Element) {
	e := el.Value.(*positionEntry)
	c.lru.Remove(el)
	delete(c.entries, e.key)
	c.used -= e.size
}

// prune drops the entries of segments not in snap, when snap is not the
// snapshot it last saw.
func (c *positionCache) prune(snap *scorch.IndexSnapshot) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap == snap || len(c.entries) == 0 {
		c.snap = snap
		return
	}
	c.snap = snap
	live := map[segment.Segment]bool{}
	for _, ss := range snap.Segments() {
		live[ss.Segment()] = true
	}
	for el := c.lru.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(*positionEntry); !live[e.key.seg] {
			c.drop(el)
		}
		el = next
	}
}

// usage returns the bytes and entries the cache holds.
func (c *positionCache) usage() (int64, int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, len(c.entries)
}

// decodeRecovered is decodePositions with a panic (a corrupt segment)
// turned into an error, so that the entry is still closed for the
// searches waiting on it; they then read the postings themselves.
func decodeRecovered(ctx context.Context, seg segment.Segment, field string, term []byte, positions bool) (w *wordPositions, err error) {
	defer func() {
		if v := recover(); v != nil {
			w, err = nil, fmt.Errorf("index: position cache: panic: %v", v)
		}
	}()
	return decodePositions(ctx, seg, field, term, positions)
}

// decodePositions reads every posting of term in field in seg, with its
// positions when positions is set. It stops with ctx's error when ctx
// ends: the search that builds an entry is the one whose deadline bounds
// it.
func decodePositions(ctx context.Context, seg segment.Segment, field string, term []byte, positions bool) (*wordPositions, error) {
	d, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("index: position cache: %w", err)
	}
	pl, err := d.PostingsList(term, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: position cache: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := &wordPositions{}
	if !positions {
		return decodeFrequencies(ctx, pl, w)
	}
	if pl == nil {
		w.start = []uint32{0}
		return w, nil
	}
	n := int(pl.Count())
	w.docs = make([]uint32, 0, n)
	w.norms = make([]float32, 0, n)
	w.start = make([]uint32, 0, n+1)
	it := pl.Iterator(true, true, true, nil)
	for {
		po, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: position cache: %w", err)
		}
		if po == nil {
			break
		}
		if len(w.docs)%ctxCheckEvery == ctxCheckEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if po.Number() > 1<<32-1 {
			return nil, fmt.Errorf("index: position cache: document number %d", po.Number())
		}
		from := len(w.pos)
		w.start = append(w.start, uint32(from))
		w.docs = append(w.docs, uint32(po.Number()))
		w.norms = append(w.norms, float32(po.Norm()))
		for _, l := range po.Locations() {
			if l.Pos() > 1<<32-1 {
				return nil, fmt.Errorf("index: position cache: position %d", l.Pos())
			}
			w.pos = append(w.pos, uint32(l.Pos()))
		}
		if !slices.IsSorted(w.pos[from:]) {
			slices.Sort(w.pos[from:])
		}
		if f := po.Frequency(); f != uint64(len(w.pos)-from) && w.freqs == nil {
			w.freqs = make([]uint32, len(w.docs)-1, n)
			for i := range w.freqs {
				w.freqs[i] = w.start[i+1] - w.start[i]
			}
		}
		if w.freqs != nil {
			w.freqs = append(w.freqs, uint32(po.Frequency()))
		}
	}
	w.start = append(w.start, uint32(len(w.pos)))
	w.pos = slices.Clip(w.pos)
	return w, nil
}

// decodeFrequencies fills w with the documents, norms and frequencies of
// pl (nil: none), for a term search.
func decodeFrequencies(ctx context.Context, pl segment.PostingsList, w *wordPositions) (*wordPositions, error) {
	if pl == nil {
		w.freqs = []uint32{}
		return w, nil
	}
	n := int(pl.Count())
	w.docs = make([]uint32, 0, n)
	w.norms = make([]float32, 0, n)
	w.freqs = make([]uint32, 0, n)
	it := pl.Iterator(true, true, false, nil)
	for {
		po, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: position cache: %w", err)
		}
		if po == nil {
			return w, nil
		}
		if len(w.docs)%ctxCheckEvery == ctxCheckEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if po.Number() > 1<<32-1 || po.Frequency() > 1<<32-1 {
			return nil, fmt.Errorf("index: position cache: document number %d, frequency %d", po.Number(), po.Frequency())
		}
		w.docs = append(w.docs, uint32(po.Number()))
		w.norms = append(w.norms, float32(po.Norm()))
		w.freqs = append(w.freqs, uint32(po.Frequency()))
	}
}

// cachedCursor reads one segment's wordPositions: the postings from i
// on, less the documents deleted holds.
type cachedCursor struct {
	w       *wordPositions
	deleted *roaring.Bitmap // nil: none
	i       int             // the next posting to read
}

// next returns the index of the next posting not deleted, at or after
// local document number n, and moves past it; ok is false at the end.
func (c *cachedCursor) next(n uint64) (i int, ok bool) {
	docs := c.w.docs
	if n > math.MaxUint32 {
		c.i = len(docs)
	}
	if c.i < len(docs) && uint64(docs[c.i]) < n {
		// Gallop from i, then search the last step: most seeks land a
		// few postings on.
		lo, step := c.i, 1 // docs[lo] < n
		for lo+step < len(docs) && uint64(docs[lo+step]) < n {
			lo += step
			step *= 2
		}
		k, _ := slices.BinarySearch(docs[lo+1:min(lo+step, len(docs))], uint32(n))
		c.i = lo + 1 + k
	}
	for c.i < len(docs) && c.deleted != nil && c.deleted.Contains(docs[c.i]) {
		c.i++
	}
	if c.i == len(docs) {
		return 0, false
	}
	c.i++
	return c.i - 1, true
}

// cachedPosting is a posting read from a wordPositions, as a
// segment.Posting for the searcher's frequency and norm. It carries no
// locations: the searcher reads its positions with positions.
type cachedPosting struct {
	w *wordPositions
	i int
}

var _ segment.Posting = (*cachedPosting)(nil)

// Number implements segment.Posting.
func (p *cachedPosting) Number() uint64 { return uint64(p.w.docs[p.i]) }

// Frequency implements segment.Posting.
func (p *cachedPosting) Frequency() uint64 { return p.w.freq(p.i) }

// Norm implements segment.Posting.
func (p *cachedPosting) Norm() float64 { return float64(p.w.norms[p.i]) }

// Locations implements segment.Posting: none (see positions).
func (p *cachedPosting) Locations() []segment.Location { return nil }

// Size implements segment.Posting.
func (p *cachedPosting) Size() int { return 16 }

// positions returns the posting's sorted positions, which the caller
// must not modify.
func (p *cachedPosting) positions() []uint32 {
	return p.w.pos[p.w.start[p.i]:p.w.start[p.i+1]:p.w.start[p.i+1]]
}
