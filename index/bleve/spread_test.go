package bleve

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/blevesearch/bleve/v2/search"

	"dossier/corpus"
	"dossier/index"
)

// TestSpreadSearchAsOneGoroutine checks that searches spread over 2, 3
// and 8 goroutines (spread.go) give what one goroutine gives: hits,
// scores, order, totals, facets and cursors, over an index of several
// segments with replaced and deleted documents; and that they were spread.
func TestSpreadSearchAsOneGoroutine(t *testing.T) {
	ix, _, _ := churnedWordIndex(t, facetedWordDocs(600, 31), rand.New(rand.NewPCG(32, 1)))
	ix.phraseMinDocs, ix.spreadMinMatches, ix.spreadAll = 1, 1, true
	ix.parallelBatchHits = 3
	ix.spreads = &atomic.Int64{}
	reqs := []index.SearchRequest{
		{Query: "court"},
		{Query: "court appeal", Size: 30, Page: 2},
		{Query: "motion OR dismiss", Facets: []string{"kind", "year", "doc_type"}},
		{Query: `court -"high court"`, Filters: index.Filters{Kind: []string{"filing"}}},
		{Query: `"motion to dismiss"`, Size: 40},
		{Query: `"high court"`, Facets: []string{"kind", "year", "doc_type"}}, // the phrase spreads, with a smaller own share
		{Query: `"court appeal"~4`, Facets: []string{"year"}, Size: 15, Page: 3},
		{Query: `"court appeal"~4`, Sort: index.SortDateDesc, Size: 25},
		{Query: "high", Sort: index.SortDateAsc, Size: 7},
		{Query: "the", CountOnly: true, Facets: []string{"year"}},
		{Query: "appeal", Filters: index.Filters{DocType: []string{"order"}}, Facets: []string{"doc_type", "kind"}},
	}
	for _, req := range reqs {
		t.Run(req.Query, func(t *testing.T) {
			ix.noSpread = true
			want, err := ix.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			want.Took = 0
			if want.Total < 20 {
				t.Fatalf("%d matches; the case tests little", want.Total)
			}
			ix.noSpread = false
			for _, workers := range []int{2, 3, 8} {
				ix.opts.SearchWorkers = workers
				before := ix.spreads.Load()
				got, err := ix.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				got.Took = 0
				// A count alone runs unscored, on the postings' bitmaps,
				// whose searchers estimate no count: it stays in one.
				if ix.spreads.Load() == before && !req.CountOnly {
					t.Fatalf("%d goroutines: the search was not spread", workers)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%d goroutines:\n%+v\none:\n%+v", workers, got, want)
				}
				if want.NextCursor != "" {
					next := req
					next.Cursor, next.Page = want.NextCursor, 0
					ix.noSpread = true
					w2, err := ix.Search(context.Background(), next)
					ix.noSpread = false
					if err != nil {
						t.Fatal(err)
					}
					g2, err := ix.Search(context.Background(), next)
					if err != nil {
						t.Fatal(err)
					}
					w2.Took, g2.Took = 0, 0
					if !reflect.DeepEqual(g2, w2) {
						t.Fatalf("%d goroutines, next page by cursor:\n%+v\none:\n%+v", workers, g2, w2)
					}
				}
			}
		})
	}
}

// TestIdleWorkers checks that a search spreads over fewer goroutines for
// each other search running, and never fewer than its own.
func TestIdleWorkers(t *testing.T) {
	ix := &Index{}
	for _, c := range []struct {
		workers   int
		searching int64
		want      int
	}{
		{2, 0, 2}, {2, 1, 2}, {2, 2, 1}, {2, 8, 1}, {8, 3, 6}, {1, 1, 1},
	} {
		ix.opts.SearchWorkers = c.workers
		ix.searching.Store(c.searching)
		if got := ix.idleWorkers(); got != c.want {
			t.Errorf("%d workers, %d searches running: %d, want %d", c.workers, c.searching, got, c.want)
		}
	}
}

// TestSpreadCanceledIsAnError checks that a spread search whose context
// ends while it reads its workers' matches returns the context's error:
// a worker stopped that way closes its channel without one, which must
// not read as the end of the matches.
func TestSpreadCanceledIsAnError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan *spreadBatch)
	close(out)
	s := &spreadSearcher{ctx: ctx, par: &spreadWorkers{outs: []<-chan *spreadBatch{out}, cancel: cancel}}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(1, 0)}
	if dm, err := s.fromWorkers(sctx); err != nil || dm != nil {
		t.Fatalf("a worker done before any cancel: got %v, %v; want the end of the matches", dm, err)
	}
	s.par.cur = 0
	cancel()
	if _, err := s.fromWorkers(sctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: got %v, want context.Canceled", err)
	}
}

// facetedWordDocs is randomWordDocs with facet values: every third
// document a filing of one of three types, and dates over 13 years.
func facetedWordDocs(n int, seed uint64) []corpus.Document {
	docs := randomWordDocs(n, seed)
	for i := range docs {
		if i%3 == 0 {
			docs[i].Kind = corpus.KindFiling
			docs[i].ContentType = corpus.ContentTypePDF
			docs[i].DocType = []string{"order", "motion", "opinion"}[i%9/3]
		}
		docs[i].Date = fmt.Sprintf("20%02d-%02d-%02d", 10+i%13, 1+i%12, 1+i%28)
	}
	return docs
}
