package bleve

import (
	"context"
	"errors"
	"fmt"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"dossier/index"
)

// posResult is one match of a positional searcher.
type posResult struct {
	doc   uint64
	score float64
	locs  []search.FieldTermLocation
}

// walkPositional runs pq over r with ctx: Next, then, with rng, from the
// call firstAdvance on, alternately an Advance a few documents past the
// last match and a Next. It returns the matches and whether the searcher
// spread its documents over goroutines at some point.
func walkPositional(t *testing.T, ix *Index, r bleveindex.IndexReader, ctx context.Context, pq *positionalQuery, vectors bool, rng *rand.Rand, firstAdvance int) ([]posResult, bool) {
	t.Helper()
	s, err := pq.Searcher(ctx, r, ix.bleve.Mapping(), search.SearcherOptions{IncludeTermVectors: vectors})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ps, ok := s.(*positionalSearcher)
	if !ok {
		t.Fatalf("%q: searcher %T, want *positionalSearcher", pq.text, s)
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var got []posResult
	var last uint64
	spread := false
	for i := 0; ; i++ {
		spread = spread || ps.par != nil
		var dm *search.DocumentMatch
		if rng != nil && i >= firstAdvance && (i-firstAdvance)%2 == 0 {
			target := last + 1 + uint64(rng.IntN(12))
			dm, err = s.Advance(sctx, bleveindex.NewIndexInternalID(nil, target))
		} else {
			dm, err = s.Next(sctx)
		}
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			break
		}
		last = dm.IndexInternalID.Value()
		got = append(got, posResult{last, dm.Score, append([]search.FieldTermLocation(nil), dm.FieldTermLocations...)})
		sctx.DocumentMatchPool.Put(dm)
	}
	return got, spread || ps.par != nil
}

// TestPositionalParallelAsSequential checks that a phrase or proximity
// search whose documents are spread over 2, 3 or 8 goroutines gives the
// same matches, in the same order, with the same scores and locations as
// one goroutine, walked with Next and with Advance, over an index of
// several segments with replaced and deleted documents and over one
// segment (split inside it); that a search
// Advanced at its second call (as a disjunction under a conjunction is)
// stays in one goroutine; and that one Advanced after its workers started,
// while in its own range or while reading a worker's matches, goes on
// alone with the same matches.
func TestPositionalParallelAsSequential(t *testing.T) {
	churned, _, segs := churnedWordIndex(t, randomWordDocs(500, 21), rand.New(rand.NewPCG(22, 1)))
	one := newTestIndex(t, randomWordDocs(300, 27)...)
	for _, c := range []struct {
		name string
		ix   *Index
	}{{fmt.Sprintf("%d-segments", segs), churned}, {"1-segment", one}} {
		t.Run(c.name, func(t *testing.T) { testPositionalParallelAsSequential(t, c.ix) })
	}
}

func testPositionalParallelAsSequential(t *testing.T, ix *Index) {
	r := snapshotReader(t, ix)
	segs := len(r.(*scorch.IndexSnapshot).Segments())
	queries := []struct {
		text string
		slop int
	}{
		{"the court", 0},
		{"motion to dismiss", 0},
		{"high court of appeal", 0},
		{"the the", 0},
		{"dismiss motion", 1},
		{"court court", 3},
		{"appeal high dismiss", 2},
	}
	for _, q := range queries {
		for _, workers := range []int{2, 3, 8} {
			for _, vectors := range []bool{false, true} {
				// advance: the call of the first Advance; 0 for none, -1
				// for three quarters into the matches.
				for _, advance := range []int{0, 1, 2, 3, -1} {
					name := fmt.Sprintf("%s~%d/workers=%d/vectors=%t/advance=%d", q.text, q.slop, workers, vectors, advance)
					t.Run(name, func(t *testing.T) {
						pq := newProximityQuery(fieldText, q.text, q.slop, 1)
						if advance < 0 {
							all, _ := walkPositional(t, ix, r, context.Background(), pq, vectors, nil, 0)
							advance = max(3, len(all)*3/4)
						}
						rng := func() *rand.Rand {
							if advance == 0 {
								return nil
							}
							return rand.New(rand.NewPCG(uint64(workers), 3))
						}
						want, par := walkPositional(t, ix, r, context.Background(), pq, vectors, rng(), advance)
						if par {
							t.Fatal("one goroutine was asked for, but the search spread its documents")
						}
						// Batches of 3 matches, at most 2 waiting: the workers
						// wait for the search to read them.
						ctx := withPhraseParallelism(context.Background(), phraseParallelism{workers: workers, minDocs: 1, batchHits: 3, queued: 2})
						got, par := walkPositional(t, ix, r, ctx, pq, vectors, rng(), advance)
						if wantPar := advance != 1; par != wantPar {
							t.Fatalf("spread over goroutines: %t, want %t (%d segments)", par, wantPar, segs)
						}
						if len(want) == 0 {
							t.Fatal("no matches; the case tests nothing")
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%d goroutines: %d matches, one goroutine %d\n got %v\nwant %v", workers, len(got), len(want), got, want)
						}
					})
				}
			}
		}
	}
}

// TestPositionalParallelStops checks that closing a search whose workers
// wait to hand over their matches, or cancelling its context, stops them:
// Close returns, and after a cancel Next reports the context's error or
// the end.
func TestPositionalParallelStops(t *testing.T) {
	docs := randomWordDocs(500, 23)
	ix, _, _ := churnedWordIndex(t, docs, rand.New(rand.NewPCG(24, 1)))
	r := snapshotReader(t, ix)
	for _, cancelFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("cancel=%t", cancelFirst), func(t *testing.T) {
			ctx, cancel := context.WithCancel(withPhraseParallelism(context.Background(), phraseParallelism{workers: 4, minDocs: 1, batchHits: 1, queued: 1}))
			defer cancel()
			s, err := newPhraseQuery(fieldText, "the court", 1).Searcher(ctx, r, ix.bleve.Mapping(), search.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
			for range 2 {
				if dm, err := s.Next(sctx); dm == nil || err != nil {
					t.Fatalf("Next = %v, %v", dm, err)
				}
			}
			if s.(*positionalSearcher).par == nil {
				t.Fatal("the search did not spread its documents over goroutines")
			}
			if cancelFirst {
				cancel()
				for range len(docs) + 1 {
					dm, err := s.Next(sctx)
					if err != nil {
						if !errors.Is(err, context.Canceled) {
							t.Fatalf("Next after cancel: %v, want context.Canceled", err)
						}
						break
					}
					if dm == nil {
						break
					}
					sctx.DocumentMatchPool.Put(dm)
				}
			}
			closed := make(chan error)
			go func() { closed <- s.Close() }()
			select {
			case err := <-closed:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Close did not return: a worker is still waiting")
			}
		})
	}
}

// TestSearchPhraseWorkers checks that Index.Search gives the same page,
// total, facets and highlights with phrases spread over goroutines as
// with one, for phrases, proximity and a phrase joined with a word and a
// filter.
func TestSearchPhraseWorkers(t *testing.T) {
	docs := randomWordDocs(500, 25)
	for i := range docs {
		docs[i].Title = strings.Join(strings.Fields(docs[i].Text)[:3], " ")
	}
	ix, _, _ := churnedWordIndex(t, docs, rand.New(rand.NewPCG(26, 1)))
	ix.phraseMinDocs = 1
	reqs := []index.SearchRequest{
		{Query: `"the court"`, Facets: []string{"kind", "year"}, Size: 20},
		{Query: `"motion to dismiss"`, Highlight: true, Size: 50},
		{Query: `"court appeal"~4`, Size: 30, Page: 2},
		{Query: `"high court" AND dismiss`, Filters: index.Filters{Kind: []string{"article"}}, Highlight: true},
	}
	for _, req := range reqs {
		t.Run(req.Query, func(t *testing.T) {
			var res [2]*index.SearchResult
			for i, workers := range []int{1, 4} {
				ix.opts.SearchWorkers = workers
				r, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				r.Took = 0
				res[i] = r
			}
			if res[0].Total == 0 {
				t.Fatal("no matches; the case tests nothing")
			}
			if !reflect.DeepEqual(res[0], res[1]) {
				t.Fatalf("4 goroutines:\n%+v\none:\n%+v", res[1], res[0])
			}
		})
	}
}

// TestPhraseWorkerPanicIsAnError checks that a worker that panics (here on
// postings it does not have) hands the panic over as the search's error
// and closes its channel, instead of ending the process.
func TestPhraseWorkerPanicIsAnError(t *testing.T) {
	w := &positionalSearcher{ctx: context.Background(), field: fieldText, words: []*posWord{{}}}
	out := make(chan *phraseBatch, 1)
	w.produce(context.Background(), out, 0, 8)
	b, ok := <-out
	if !ok || b.err == nil || !strings.Contains(b.err.Error(), "panic") {
		t.Fatalf("got batch %+v (open %t), want an error naming the panic", b, ok)
	}
	if _, ok := <-out; ok {
		t.Fatal("the worker's channel is still open")
	}
}

// TestPhraseWorkersCanceledIsAnError checks that a phrase search whose
// context ends while it reads its workers' matches returns the context's
// error rather than ending as if it had read them all.
func TestPhraseWorkersCanceledIsAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan *phraseBatch)
	close(out)
	s := &positionalSearcher{ctx: ctx, par: &phraseWorkers{ranges: []phraseRange{{out: out}}, cancel: cancel}}
	cancel()
	if _, err := s.nextMatch(nil, false, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: got %v, want context.Canceled", err)
	}
}

// countedList is a postings list that only counts.
type countedList struct {
	segment.PostingsList
	n uint64
}

func (l countedList) Count() uint64 { return l.n }

// TestSplitDocs checks the ranges a spread phrase's documents are split
// into: the first holds the share own of the word's documents left, the
// others equal shares of the rest, with the documents taken as evenly
// spread inside each segment.
func TestSplitDocs(t *testing.T) {
	// Two segments: documents [0, 1000) with 100 of the word's, and
	// [1000, 2000) with 300; and one without it.
	p := &wordPostings{
		lists:   []segment.PostingsList{countedList{n: 100}, countedList{n: 300}, nil},
		offsets: []uint64{0, 1000, 2000},
		ends:    []uint64{1000, 2000, 2500},
	}
	for _, c := range []struct {
		from uint64
		n    int
		own  float64
		want []uint64
	}{
		{0, 2, 0.5, []uint64{0, 1333}},        // 200 each: all 100 of the first, a third of the second
		{0, 2, 0.25, []uint64{0, 1000}},       // 100, then 300
		{0, 3, 0.25, []uint64{0, 1000, 1500}}, // 100, 150, 150
		{0, 4, 0.25, []uint64{0, 1000, 1333, 1666}},
		{500, 2, 0.5, []uint64{500, 1416}},    // 50 left in the first, 300 in the second: 175 each
		{1500, 2, 0.25, []uint64{1500, 1625}}, // 150 left: 37.5, then 112.5
		{1999, 3, 1.0 / 3, []uint64{1999}},    // too few to split
	} {
		got := splitDocs(p, c.from, c.n, c.own)
		if !slices.Equal(got, c.want) {
			t.Errorf("from %d, %d ranges, own %.2f: %v, want %v", c.from, c.n, c.own, got, c.want)
		}
	}
}
