package bleve

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// listSearcher is a search.Searcher over a fixed, increasing list of
// internal IDs, each scored 1.
type listSearcher struct {
	ids []bleveindex.IndexInternalID
	pos int
}

func (l *listSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if l.pos >= len(l.ids) {
		return nil, nil
	}
	dm := ctx.DocumentMatchPool.Get()
	dm.IndexInternalID = append(dm.IndexInternalID[:0], l.ids[l.pos]...)
	dm.Score = 1
	l.pos++
	return dm, nil
}

func (l *listSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	for l.pos < len(l.ids) && l.ids[l.pos].Compare(id) < 0 {
		l.pos++
	}
	return l.Next(ctx)
}

func (l *listSearcher) Close() error               { return nil }
func (l *listSearcher) Weight() float64            { return 1 }
func (l *listSearcher) SetQueryNorm(float64)       {}
func (l *listSearcher) Count() uint64              { return uint64(len(l.ids)) }
func (l *listSearcher) Min() int                   { return 0 }
func (l *listSearcher) Size() int                  { return 0 }
func (l *listSearcher) DocumentMatchPoolSize() int { return 1 }

// id8 is scorch's form of an internal ID: 8 bytes, big-endian.
func id8(n uint64) bleveindex.IndexInternalID {
	return binary.BigEndian.AppendUint64(nil, n)
}

// newSumSearcher makes a sumSearcher over lists, as sumQuery.Searcher
// would over their searchers.
func newSumSearcher(min int, lists ...[]bleveindex.IndexInternalID) *sumSearcher {
	s := &sumSearcher{min: min}
	for _, l := range lists {
		s.children = append(s.children, &listSearcher{ids: l})
	}
	s.currs = make([]*search.DocumentMatch, len(s.children))
	s.keys = make([]uint64, len(s.children))
	return s
}

// drain returns each match's ID and score; advanceTo, when set, is
// advanced to after the first match.
func drain(t testing.TB, s *sumSearcher, advanceTo bleveindex.IndexInternalID) []string {
	t.Helper()
	ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	var got []string
	dm, err := s.Next(ctx)
	for ; dm != nil && err == nil; dm, err = s.Next(ctx) {
		got = append(got, fmt.Sprintf("%x:%g", []byte(dm.IndexInternalID), dm.Score))
		if advanceTo != nil {
			if dm, err = s.Advance(ctx, advanceTo); dm == nil || err != nil {
				break
			}
			got = append(got, fmt.Sprintf("%x:%g", []byte(dm.IndexInternalID), dm.Score))
			advanceTo = nil
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestSumSearcherOrdersIDs checks sumSearcher's union, its min and Advance
// with scorch's 8-byte IDs (compared as numbers) and with IDs of other
// lengths (compared as bytes), which must order alike.
func TestSumSearcherOrdersIDs(t *testing.T) {
	for _, tc := range []struct {
		name      string
		min       int
		lists     [][]bleveindex.IndexInternalID
		advanceTo bleveindex.IndexInternalID
		want      []string
	}{
		{"union", 1,
			[][]bleveindex.IndexInternalID{{id8(1), id8(3), id8(256)}, {id8(3), id8(4)}, {}},
			nil,
			[]string{"0000000000000001:1", "0000000000000003:2", "0000000000000004:1", "0000000000000100:1"}},
		{"min 2", 2,
			[][]bleveindex.IndexInternalID{{id8(1), id8(3), id8(256)}, {id8(3), id8(256)}, {id8(256)}},
			nil,
			[]string{"0000000000000003:2", "0000000000000100:3"}},
		{"advance", 1,
			[][]bleveindex.IndexInternalID{{id8(1), id8(3), id8(1 << 40)}, {id8(2), id8(1 << 40)}},
			id8(5),
			[]string{"0000000000000001:1", "0000010000000000:2"}},
		{"bytes", 1,
			[][]bleveindex.IndexInternalID{{{1}, {1, 0, 0, 0, 0, 0, 0, 0, 0}, {2}}, {{1, 0}, {2}}},
			nil,
			[]string{"01:1", "0100:1", "010000000000000000:1", "02:2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := drain(t, newSumSearcher(tc.min, tc.lists...), tc.advanceTo)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// BenchmarkSumSearcher drains a union of 12 children (a word's forms in
// its fields) over 100,000 documents, with IDs compared as numbers (keys,
// the code's way for scorch's IDs) and as bytes (bytes, the way before).
func BenchmarkSumSearcher(b *testing.B) {
	lists := make([][]bleveindex.IndexInternalID, 12)
	for i := range lists {
		for d := uint64(0); d < 100000; d++ {
			if d%uint64(2+i) == 0 {
				lists[i] = append(lists[i], id8(d))
			}
		}
	}
	for _, way := range []string{"keys", "bytes"} {
		b.Run(way, func(b *testing.B) {
			for b.Loop() {
				s := newSumSearcher(1, lists...)
				s.bytesIDs = way == "bytes"
				ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
				for dm, err := s.Next(ctx); dm != nil; dm, err = s.Next(ctx) {
					if err != nil {
						b.Fatal(err)
					}
					ctx.DocumentMatchPool.Put(dm)
				}
			}
		})
	}
}

// TestCoordSumAsBleveDisjunction checks that sumQuery with coord gives
// bleve's disjunction's matches and scores, to the bit, for the quoted
// phrases and proximities the compiler builds over the text and the title
// (some documents hold the phrase in both, some in one), with a child
// that matches nothing, read with Next and with an Advance.
func TestCoordSumAsBleveDisjunction(t *testing.T) {
	docs := randomWordDocs(300, 51)
	for i := range docs {
		if i%3 == 0 {
			docs[i].Title = "the high court of appeal"
		}
	}
	ix, _, _ := churnedWordIndex(t, docs, rand.New(rand.NewPCG(52, 1)))
	r := snapshotReader(t, ix)
	m := ix.bleve.Mapping()
	ctx, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, children := range [][]query.Query{
		{newPhraseQuery(fieldText, "high court", 1), weighted(newPhraseQuery(fieldTitle, "high court", titleBoost), titleBoost)},
		{newProximityQuery(fieldText, "court appeal", 3, 1), newProximityQuery(fieldTitle, "court appeal", 3, titleBoost)},
		{newPhraseQuery(fieldText, "court of appeal", 1), newPhraseQuery(fieldTitle, "court of appeal", titleBoost), newPhraseQuery(fieldTitle, "zzz yyy", 1)},
	} {
		for _, advance := range []bool{false, true} {
			read := func(q query.Query) []string {
				s, err := q.Searcher(ctx, r, m, search.SearcherOptions{})
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: r}
				var out []string
				dm, err := s.Next(sctx)
				for n := 0; dm != nil && err == nil; n++ {
					out = append(out, fmt.Sprintf("%x:%x", []byte(dm.IndexInternalID), math.Float64bits(dm.Score)))
					id := docKey(dm.IndexInternalID)
					sctx.DocumentMatchPool.Put(dm)
					if advance && n == 3 {
						dm, err = s.Advance(sctx, id8(id+40))
					} else {
						dm, err = s.Next(sctx)
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			want := read(bleve.NewDisjunctionQuery(children...))
			got := read(sumQuery{children: children, min: 1, coord: true})
			if len(want) < 20 {
				t.Fatalf("%d matches; the case tests little", len(want))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("advance %t: coord sum\n%v\nbleve's disjunction\n%v", advance, got, want)
			}
		}
	}
}
