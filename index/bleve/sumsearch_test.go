package bleve

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
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
