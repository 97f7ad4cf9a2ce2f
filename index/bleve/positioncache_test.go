package bleve

import (
	"context"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"dossier/index"
)

// TestPositionCacheSameHits checks that phrase and proximity searches
// reading the position cache give what they give from the postings:
// hits, scores, order, totals and facets, in one goroutine and spread,
// over an index of several segments with replaced and deleted documents,
// and after more deletions once the cache holds the words (its entries
// keep the deleted documents, which searches must skip).
func TestPositionCacheSameHits(t *testing.T) {
	docs := facetedWordDocs(600, 41)
	ix, _, _ := churnedWordIndex(t, docs, rand.New(rand.NewPCG(42, 1)))
	cache := newPositionCache(64 << 20)
	cache.minDocs = 1
	reqs := []index.SearchRequest{
		{Query: `"high court"`, Facets: []string{"kind", "year"}},
		{Query: `"motion to dismiss"`, Size: 40},
		{Query: `"court of appeal"`, Sort: index.SortDateDesc, Size: 25},
		{Query: `"court appeal"~4`, Size: 30, Page: 2},
		{Query: `"the the"`},
		{Query: `court -"high court"`, Filters: index.Filters{Kind: []string{"filing"}}},
		{Query: `"dismiss high" OR "appeal motion"~2`, Facets: []string{"year"}},
		// Words alone read the cache's entries without positions
		// (cachedTermQuery).
		{Query: "court", Facets: []string{"kind", "year"}},
		{Query: "court appeal", Size: 30, Page: 2},
		{Query: "motion OR dismiss -high", Sort: index.SortDateAsc, Size: 15},
		{Query: "(court OR appeal) AND motion", Filters: index.Filters{Kind: []string{"filing"}}, Facets: []string{"year"}},
	}
	compare := func(t *testing.T, req index.SearchRequest) {
		t.Helper()
		ix.positions = nil
		want, err := ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want.Took = 0
		if want.Total < 10 {
			t.Fatalf("%d matches; the case tests little", want.Total)
		}
		ix.positions = cache
		defer func() { ix.positions = nil }()
		for _, c := range []struct{ workers, minDocs int }{{1, 1 << 30}, {2, 1}, {3, 1}} {
			ix.opts.SearchWorkers = c.workers
			ix.phraseMinDocs, ix.spreadMinMatches = uint64(c.minDocs), uint64(c.minDocs)
			// The first search builds the entries, the second reads them.
			for round := range 2 {
				got, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				got.Took = 0
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%d goroutines, round %d, with the cache:\n%+v\nwithout:\n%+v", c.workers, round, got, want)
				}
			}
		}
	}
	for _, req := range reqs {
		t.Run(req.Query, func(t *testing.T) { compare(t, req) })
	}
	bytes, entries := cache.usage()
	if bytes == 0 || entries == 0 {
		t.Fatalf("the cache holds %d bytes in %d entries: the searches did not use it", bytes, entries)
	}
	kinds := map[bool]int{}
	cache.mu.Lock()
	for k := range cache.entries {
		kinds[k.positions]++
	}
	cache.mu.Unlock()
	if kinds[true] == 0 || kinds[false] == 0 {
		t.Fatalf("entries with positions %d, without %d: want both", kinds[true], kinds[false])
	}
	ix.positions = cache
	st, err := ix.Stats(context.Background())
	ix.positions = nil
	if err != nil || st.CacheBytes != bytes {
		t.Fatalf("Stats: cache %d bytes, %v; the cache holds %d", st.CacheBytes, err, bytes)
	}
	// Delete more documents: the segments the cache holds words of stay,
	// with new deletions.
	var deleted []string
	for i := 1; i < len(docs); i += 4 {
		deleted = append(deleted, docs[i].ID)
	}
	if err := ix.Delete(deleted...); err != nil {
		t.Fatal(err)
	}
	for _, req := range reqs {
		t.Run("after deletions/"+req.Query, func(t *testing.T) { compare(t, req) })
	}
}

// TestPositionCacheNotForHighlights checks that a positional searcher
// wanting term vectors (highlights) reads the postings, whose byte
// offsets the cache lacks, and finds the matched occurrences' locations;
// and that one without reads the cache.
func TestPositionCacheNotForHighlights(t *testing.T) {
	ix, _, _ := churnedWordIndex(t, randomWordDocs(300, 43), rand.New(rand.NewPCG(44, 1)))
	cache := newPositionCache(64 << 20)
	cache.minDocs = 1
	ctx := context.WithValue(context.Background(), positionCacheKey{}, cache)
	r := snapshotReader(t, ix)
	q := newPhraseQuery(fieldText, "high court", 1)
	for _, vectors := range []bool{true, false} {
		s, err := q.Searcher(ctx, r, ix.bleve.Mapping(), search.SearcherOptions{IncludeTermVectors: vectors})
		if err != nil {
			t.Fatal(err)
		}
		ps, ok := s.(*positionalSearcher)
		if !ok {
			t.Fatalf("%T, want a positional searcher", s)
		}
		cached := 0
		for _, w := range ps.words {
			for _, c := range w.post.cursors {
				if c.w != nil {
					cached++
				}
			}
		}
		if vectors && cached > 0 || !vectors && cached == 0 {
			t.Fatalf("term vectors %t: %d segments read from the cache", vectors, cached)
		}
		sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			t.Fatalf("term vectors %t: first match %v, %v", vectors, dm, err)
		}
		if got := len(dm.FieldTermLocations); vectors && got < 2 || !vectors && got > 0 {
			t.Fatalf("term vectors %t: %d locations", vectors, got)
		}
		s.Close()
	}
}

// TestPositionCacheDecodes checks an entry against the postings it was
// read from: every document, norm, frequency and sorted position.
func TestPositionCacheDecodes(t *testing.T) {
	ix, _, _ := churnedWordIndex(t, randomWordDocs(300, 45), rand.New(rand.NewPCG(46, 1)))
	snap := snapshotReader(t, ix).(*scorch.IndexSnapshot)
	checked := 0
	for _, ss := range snap.Segments() {
		for _, term := range []string{"court", "the", "absent"} {
			w, err := decodePositions(context.Background(), ss.Segment(), fieldText, []byte(term), true)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ss.Segment().Dictionary(fieldText)
			if err != nil {
				t.Fatal(err)
			}
			pl, err := d.PostingsList([]byte(term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			it := pl.Iterator(true, true, true, nil)
			i := 0
			for po, err := it.Next(); po != nil || err != nil; po, err = it.Next() {
				if err != nil {
					t.Fatal(err)
				}
				var pos []uint32
				for _, l := range po.Locations() {
					pos = append(pos, uint32(l.Pos()))
				}
				slices.Sort(pos)
				if i >= len(w.docs) {
					t.Fatalf("%s: the entry has %d postings, the list more", term, len(w.docs))
				}
				p := cachedPosting{w: w, i: i}
				if p.Number() != po.Number() || p.Norm() != po.Norm() || p.Frequency() != po.Frequency() || !slices.Equal(p.positions(), pos) {
					t.Fatalf("%s posting %d: cached %d %v %d %v, postings %d %v %d %v", term, i,
						p.Number(), p.Norm(), p.Frequency(), p.positions(), po.Number(), po.Norm(), po.Frequency(), pos)
				}
				i++
				checked++
			}
			if i != len(w.docs) || len(w.start) != len(w.docs)+1 {
				t.Fatalf("%s: %d postings, entry %d (starts %d)", term, i, len(w.docs), len(w.start))
			}
		}
	}
	if checked < 100 {
		t.Fatalf("%d postings checked", checked)
	}
}

// TestCachedCursorNext checks the cursor's reads and seeks against a
// linear scan, with and without deleted documents.
func TestCachedCursorNext(t *testing.T) {
	rng := rand.New(rand.NewPCG(47, 1))
	var docs []uint32
	for d := uint32(3); len(docs) < 500; d += 1 + uint32(rng.IntN(20)) {
		docs = append(docs, d)
	}
	w := &wordPositions{docs: docs}
	for _, withDeleted := range []bool{false, true} {
		c := cachedCursor{w: w}
		deleted := roaring.New()
		if withDeleted {
			for i, d := range docs {
				if i%3 == 0 || i > 480 {
					deleted.Add(d)
				}
			}
			c.deleted = deleted
		}
		// want returns the first posting at or after index from whose
		// document is at or after n and not deleted.
		want := func(from int, n uint64) (int, bool) {
			for i := from; i < len(docs); i++ {
				if uint64(docs[i]) >= n && !deleted.Contains(docs[i]) {
					return i, true
				}
			}
			return 0, false
		}
		steps := 0
		for {
			var n uint64
			switch rng.IntN(3) {
			case 0: // next
			case 1: // a seek a few documents on
				n = uint64(docs[min(c.i, len(docs)-1)]) + uint64(rng.IntN(30))
			default: // a long seek
				n = uint64(rng.IntN(int(docs[len(docs)-1]) + 10))
			}
			from := c.i
			wi, wok := want(from, n)
			gi, gok := c.next(n)
			if gi != wi || gok != wok {
				t.Fatalf("deleted %t, from %d, at or after %d: %d %t, want %d %t", withDeleted, from, n, gi, gok, wi, wok)
			}
			steps++
			if !gok {
				break
			}
		}
		if steps < 20 {
			t.Fatalf("%d steps", steps)
		}
		if _, ok := c.next(math.MaxUint32 + 1); ok {
			t.Fatal("a read past the end found a posting")
		}
	}
}

// TestPositionCacheBudget checks that the cache stays within its budget,
// dropping the least recently used entries, does not keep an entry larger
// than the budget, drops the entries of segments gone from the index,
// and gives one entry to concurrent searches.
func TestPositionCacheBudget(t *testing.T) {
	ix, _, _ := churnedWordIndex(t, randomWordDocs(300, 48), rand.New(rand.NewPCG(49, 1)))
	snap := snapshotReader(t, ix).(*scorch.IndexSnapshot)
	var seg segmentOf
	for _, ss := range snap.Segments() {
		if ss.Count() > seg.count {
			seg = segmentOf{ss.Segment(), ss.Count()}
		}
	}
	size := func(term string) int64 {
		w, err := decodePositions(context.Background(), seg.seg, fieldText, []byte(term), true)
		if err != nil {
			t.Fatal(err)
		}
		return w.bytes()
	}
	court, the := size("court"), size("the")
	c := newPositionCache(court + the)
	c.minDocs = 1
	get := func(term string) *wordPositions {
		return c.get(context.Background(), seg.seg, fieldText, []byte(term), 1, true)
	}
	if get("court") == nil || get("the") == nil {
		t.Fatal("an entry within the budget was not kept")
	}
	if used, n := c.usage(); used != court+the || n != 2 {
		t.Fatalf("%d bytes in %d entries, want %d in 2", used, n, court+the)
	}
	get("court") // now the more recently used
	if get("high") == nil {
		t.Fatal("a new entry was not kept")
	}
	used, n := c.usage()
	if used > c.budget {
		t.Fatalf("%d bytes held, budget %d", used, c.budget)
	}
	c.mu.Lock()
	_, hasThe := c.entries[positionKey{seg.seg, fieldText, "the", true}]
	c.mu.Unlock()
	if hasThe {
		t.Fatalf("the least recently used entry stayed (%d entries)", n)
	}

	small := newPositionCache(court - 1)
	small.minDocs = 1
	if small.get(context.Background(), seg.seg, fieldText, []byte("court"), 1, true) != nil {
		t.Fatal("an entry larger than the budget was kept")
	}
	if used, n := small.usage(); used != 0 || n != 0 {
		t.Fatalf("%d bytes in %d entries after an entry too large", used, n)
	}

	// A search whose context has ended builds nothing, and leaves the
	// word for the next.
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	fresh := newPositionCache(64 << 20)
	fresh.minDocs = 1
	if fresh.get(ended, seg.seg, fieldText, []byte("court"), 1, true) != nil {
		t.Fatal("a search whose context had ended built an entry")
	}
	if used, n := fresh.usage(); used != 0 || n != 0 {
		t.Fatalf("%d bytes in %d entries after a canceled build", used, n)
	}
	if fresh.get(context.Background(), seg.seg, fieldText, []byte("court"), 1, true) == nil {
		t.Fatal("the word was not built after a canceled build")
	}

	// Concurrent searches share one entry.
	shared := newPositionCache(64 << 20)
	shared.minDocs = 1
	var wg sync.WaitGroup
	got := make([]*wordPositions, 8)
	for i := range got {
		wg.Go(func() { got[i] = shared.get(context.Background(), seg.seg, fieldText, []byte("court"), 1, true) })
	}
	wg.Wait()
	for _, w := range got {
		if w == nil || w != got[0] {
			t.Fatal("concurrent gets gave different entries")
		}
	}

	// A snapshot without the segment prunes its entries.
	shared.prune(snap)
	if _, n := shared.usage(); n != 1 {
		t.Fatalf("%d entries after pruning with the segment's snapshot", n)
	}
	// Another index's snapshot holds none of the segments.
	other := newTestIndex(t)
	if err := other.Put(randomWordDocs(40, 50)...); err != nil {
		t.Fatal(err)
	}
	shared.prune(snapshotReader(t, other).(*scorch.IndexSnapshot))
	if used, n := shared.usage(); used != 0 || n != 0 {
		t.Fatalf("%d bytes in %d entries after their segment left the index", used, n)
	}
}

type segmentOf struct {
	seg   segment.Segment
	count uint64
}
