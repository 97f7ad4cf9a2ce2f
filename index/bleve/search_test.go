package bleve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/search"

	"dossier/corpus"
	"dossier/index"
	"dossier/index/indextest"
	ql "dossier/index/query"
)

// TestContract runs the backend-neutral contract (package indextest:
// the data-driven search cases, Export, Document, Stats) on this engine.
func TestContract(t *testing.T) {
	indextest.Run(t, newTestIndex(t, fixtureDocs()...))
}

func TestHighlightsCarryPagesAndEscape(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	_, res := searchIDs(t, ix, index.SearchRequest{Query: "exfiltration", Highlight: true})
	if len(res.Hits) != 1 || len(res.Hits[0].Highlights) == 0 {
		t.Fatalf("hits: %+v", res.Hits)
	}
	h := res.Hits[0].Highlights[0]
	if h.Page != 2 {
		t.Errorf("page: got %d, want 2", h.Page)
	}
	if !strings.Contains(h.Fragment, "<mark>exfiltration</mark>") {
		t.Errorf("fragment lacks mark: %q", h.Fragment)
	}
	if strings.Contains(h.Fragment, "<script>") || !strings.Contains(h.Fragment, "&lt;script&gt;") {
		t.Errorf("fragment not escaped: %q", h.Fragment)
	}
	stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Fragment)
	if strings.ContainsAny(stripped, "<>") {
		t.Errorf("markup other than <mark> in %q", h.Fragment)
	}
}

func TestHighlightDefaultSnippet(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	_, res := searchIDs(t, ix, index.SearchRequest{Filters: index.Filters{Kind: []string{"article"}}, Highlight: true})
	if len(res.Hits) != 1 || len(res.Hits[0].Highlights) != 1 {
		t.Fatalf("hits: %+v", res.Hits)
	}
	if f := res.Hits[0].Highlights[0].Fragment; !strings.HasPrefix(f, "U.S. District Judge") || strings.Contains(f, "<mark>") {
		t.Errorf("default snippet: %q", f)
	}
}

func TestSearchRejectsBadRequests(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	cases := []struct {
		name string
		req  index.SearchRequest
		pos  int // expected QueryError position, or -1 for a parameter error
	}{
		{"size too big", index.SearchRequest{Size: 101}, -1},
		{"window", index.SearchRequest{Size: 100, Page: 101}, -1},
		{"bad sort", index.SearchRequest{Sort: "title"}, -1},
		{"unknown facet", index.SearchRequest{Facets: []string{"colour"}}, -1},
		{"bad case filter", index.SearchRequest{Filters: index.Filters{Case: []string{"hello"}}}, -1},
		{"unterminated phrase", index.SearchRequest{Query: `spyware "motion to`}, 8},
		{"unclosed paren", index.SearchRequest{Query: `(a OR b`}, 0},
		{"stray paren", index.SearchRequest{Query: `a)`}, 1},
		{"dangling AND", index.SearchRequest{Query: `a AND`}, 5},
		{"leading OR", index.SearchRequest{Query: `OR a`}, 0},
		{"empty field", index.SearchRequest{Query: `title: x`}, 6},
		{"bad range", index.SearchRequest{Query: `date:[2024 2025]`}, 5},
		{"bad date", index.SearchRequest{Query: `date:[2024-13-01 TO *]`}, 5},
		{"short prefix", index.SearchRequest{Query: `a*`}, 0},
		{"not a case", index.SearchRequest{Query: `case:hello`}, 5},
		{"fuzziness too high", index.SearchRequest{Query: `spyware~3`}, 7},
		{"fuzzy term too short", index.SearchRequest{Query: `ab~1`}, 0},
		{"proximity zero", index.SearchRequest{Query: `"a b"~0`}, 5},
		{"proximity too wide", index.SearchRequest{Query: `x "a b"~1000`}, 7},
		{"proximity on a keyword field", index.SearchRequest{Query: `case:"24-cv-01234 x"~2`}, -1},
		{"fuzzy keyword", index.SearchRequest{Query: `court:cand~1`}, 0 + 6},
		{"100 KB query", index.SearchRequest{Query: strings.Repeat("spyware ", 12800)}, ql.MaxQueryBytes},
		{"too many terms", index.SearchRequest{Query: strings.Repeat("a ", 300)}, 512},
		{"bad cursor", index.SearchRequest{Cursor: "not-a-cursor"}, -1},
		{"cursor with page", index.SearchRequest{Cursor: encodeCursor(index.SortRelevance, []string{"1", "x"}, 0), Page: 2}, -1},
		{"cursor for another sort", index.SearchRequest{Cursor: encodeCursor(index.SortRelevance, []string{"1", "x"}, 0), Sort: index.SortDateAsc}, -1},
		{"bad restriction", index.SearchRequest{Restrict: `(court:cand`}, 0},
		{"page times size overflows", index.SearchRequest{Page: math.MaxInt/10 + 7, Size: 10}, -1},
		{"largest page", index.SearchRequest{Page: math.MaxInt, Size: 100}, -1},
		{"date before 1678", index.SearchRequest{Query: `date:1000`}, 5},
		{"range to 9999", index.SearchRequest{Query: `x date:[2000 TO 9999]`}, 7},
		{"from before 1678", index.SearchRequest{Filters: index.Filters{From: time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)}}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), c.req)
			if !errors.Is(err, index.ErrInvalidRequest) {
				t.Fatalf("got %v, want ErrInvalidRequest", err)
			}
			var qe *index.QueryError
			if c.pos >= 0 {
				if !errors.As(err, &qe) {
					t.Fatalf("got %v, want *QueryError", err)
				}
				if qe.Pos != c.pos {
					t.Errorf("position: got %d, want %d (%s)", qe.Pos, c.pos, qe.Msg)
				}
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`a b`, `"x y" OR z`, `-a (b OR c)`, `title:"x"`, `date:[2024 TO *]`, `4:19-cv-07123-PJH`, `((((`, `a AND OR b`, `ab*`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := ql.ParseChecked(q)
		if err != nil {
			var qe *index.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error is not a QueryError: %v", err)
			}
			if qe.Pos < 0 || qe.Pos > len(q) {
				t.Fatalf("position %d outside query of %d bytes", qe.Pos, len(q))
			}
			return
		}
		if n == nil {
			return
		}
		// A checked tree compiles: the query package validates once.
		var c compiler
		if _, err := c.compile(n); err != nil {
			t.Fatalf("%q passed the check but does not compile: %v", q, err)
		}
	})
}

func TestCursorPagesThroughEverything(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	for _, sort := range []string{index.SortRelevance, index.SortDateAsc, index.SortDateDesc} {
		t.Run(sort, func(t *testing.T) {
			want, _ := searchIDs(t, ix, index.SearchRequest{Query: "", Sort: sort, Size: 10})
			var got []string
			req := index.SearchRequest{Sort: sort, Size: 1}
			for range 10 {
				ids, res := searchIDs(t, ix, req)
				got = append(got, ids...)
				if res.Total != uint64(len(want)) {
					t.Fatalf("total %d, want %d", res.Total, len(want))
				}
				if res.NextCursor == "" {
					break
				}
				req.Cursor = res.NextCursor
			}
			if !slices.Equal(got, want) {
				t.Errorf("cursor order %v, want %v", got, want)
			}
		})
	}
}

func TestCursorIsStableWhileIndexing(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	ids, res := searchIDs(t, ix, index.SearchRequest{Sort: index.SortDateAsc, Size: 2})
	if len(ids) != 2 || res.NextCursor == "" {
		t.Fatalf("first page %v cursor %q", ids, res.NextCursor)
	}
	// A document dated before the cursor must not shift the next page.
	early := fixtureDocs()[1]
	early.ID, early.Date = "early1", "2020-01-01"
	if err := ix.Put(early); err != nil {
		t.Fatal(err)
	}
	next, _ := searchIDs(t, ix, index.SearchRequest{Sort: index.SortDateAsc, Size: 2, Cursor: res.NextCursor})
	if want := []string{"article1", "memo1"}; !slices.Equal(next, want) {
		t.Errorf("second page %v, want %v", next, want)
	}
}

func TestTermExpansionLimit(t *testing.T) {
	var docs []corpus.Document
	for i := range index.MaxTermSearchers + 10 {
		docs = append(docs, corpus.Document{
			ID: fmt.Sprintf("d%05d", i), Kind: corpus.KindFiling,
			Text: fmt.Sprintf("word%05d", i),
		})
	}
	ix := newTestIndex(t, docs...)
	if _, err := ix.Search(context.Background(), index.SearchRequest{Query: "wo*"}); !errors.Is(err, index.ErrInvalidRequest) {
		t.Fatalf("prefix over %d terms: got %v, want ErrInvalidRequest", index.MaxTermSearchers+10, err)
	}
	if _, res := searchIDs(t, ix, index.SearchRequest{Query: "word0001*"}); res.Total != 10 {
		t.Errorf("narrow prefix: total %d, want 10", res.Total)
	}
}

// TestRelevancePagesMatchCursorOrder checks that relevance pages, which
// are collected by score alone, give the same order as a cursor walk, which
// sorts on score and ID, with runs of equal scores inside pages and across
// their edges.
func TestRelevancePagesMatchCursorOrder(t *testing.T) {
	var docs []corpus.Document
	for i := range 60 {
		text := "alpha beta gamma" // 20 identical documents: one run of equal scores
		if i >= 20 {
			text = strings.Repeat("alpha ", 1+i%7) + strings.Repeat("delta ", i%5) // runs of 8 or so
		}
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("r%02d", (i*37)%60), Kind: corpus.KindArticle, Text: text})
	}
	ix := newTestIndex(t, docs...)
	ctx := context.Background()
	var walk []string
	req := index.SearchRequest{Query: "alpha", Size: 7}
	for {
		res, err := ix.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			walk = append(walk, h.ID)
		}
		if res.NextCursor == "" {
			break
		}
		req.Cursor = res.NextCursor
	}
	if len(walk) != 60 {
		t.Fatalf("cursor walk found %d documents, want 60", len(walk))
	}
	// The 20-document tie exceeds a window of 2, so those pages take the
	// full (score, ID) sort; the others read the tie by score alone.
	saved := tieWindows
	t.Cleanup(func() { tieWindows = saved })
	for _, windows := range [][]int{saved, {2}} {
		tieWindows = windows
		checkRelevancePages(t, ix, walk)
	}
}

func checkRelevancePages(t *testing.T, ix *Index, walk []string) {
	ctx := context.Background()
	for _, size := range []int{1, 5, 7, 20} {
		var paged []string
		for page := 1; (page-1)*size < 60; page++ {
			res, err := ix.Search(ctx, index.SearchRequest{Query: "alpha", Size: size, Page: page, Facets: []string{"kind"}})
			if err != nil {
				t.Fatal(err)
			}
			// Facets survive the fallback to the full sort on a tie.
			if f := res.Facets["kind"]; len(f.Values) != 1 || f.Values[0].Count != 60 {
				t.Fatalf("size %d page %d: kind facet %+v", size, page, f)
			}
			for i, h := range res.Hits {
				paged = append(paged, h.ID)
				if i > 0 && h.Score > res.Hits[i-1].Score {
					t.Fatalf("size %d page %d: scores not descending", size, page)
				}
			}
		}
		if !slices.Equal(paged, walk) {
			t.Errorf("size %d: pages give\n%v\ncursor walk gives\n%v", size, paged, walk)
		}
	}
}

func TestPageByScore(t *testing.T) {
	mk := func(scores ...float64) search.DocumentMatchCollection {
		var hs search.DocumentMatchCollection
		for i, s := range scores {
			hs = append(hs, &search.DocumentMatch{ID: fmt.Sprintf("d%d", 9-i), Score: s})
		}
		return hs
	}
	ids := func(hs search.DocumentMatchCollection) string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return strings.Join(out, ",")
	}
	cases := []struct {
		name   string
		hits   search.DocumentMatchCollection
		off    int
		size   int
		all    bool
		want   string
		wantOK bool
	}{
		{"first page, no tie at the edge", mk(5, 4, 4, 3), 0, 3, false, "d9,d7,d8", true},
		{"tie across the end, ending inside the hits", mk(5, 4, 4, 3), 0, 2, false, "d9,d7", true},
		{"tie across the end, running past the hits", mk(5, 4, 4, 4), 0, 2, false, "", false},
		{"tie across the end, to the last match", mk(5, 4, 4, 4), 0, 2, true, "d9,d6", true},
		{"tie across the start", mk(5, 4, 4, 3), 2, 2, false, "", false},
		{"last page shorter than size", mk(5, 4, 3), 1, 5, true, "d8,d7", true},
		{"offset past the hits", mk(5), 3, 2, true, "", true},
	}
	for _, c := range cases {
		got, ok := pageByScore(slices.Clone(c.hits), c.off, c.size, c.all)
		if ok != c.wantOK || ids(got) != c.want {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, ids(got), ok, c.want, c.wantOK)
		}
	}
}

// FuzzSearch runs arbitrary queries end to end (parser, positional
// searcher, score-only pages, highlights) over a small index: a request
// either fails as a bad request or returns a consistent page.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{`"the court of"`, `"of the"~3`, `"motion to dismiss" OR appeal`, `"high high"`, `"the"`, `"court appeal"~1 -dismiss`, `title:"t"`, `"" x`,
		`exploit chains Nightjar`, `NSO's § & ¶`, `end-to-end 12(b)(6)`, `MSJ Fed. R. Civ. P. TRO`, `Nigthjar lawsuit`, `a b c d e f g h`, `+x y z -w`, `19-7123 4:19cv7123`} {
		f.Add(s, uint8(3), uint8(1))
	}
	ix := newTestIndex(f, append(randomWordDocs(120, 5), fixtureDocs()...)...)
	f.Fuzz(func(t *testing.T, q string, size, page uint8) {
		req := index.SearchRequest{Query: q, Size: 1 + int(size)%20, Page: 1 + int(page)%5, Highlight: true}
		res, err := ix.Search(context.Background(), req)
		if err != nil {
			var qe *index.QueryError
			if !errors.As(err, &qe) && !errors.Is(err, index.ErrInvalidRequest) {
				t.Fatalf("%q: error is not a request error: %v", q, err)
			}
			return
		}
		if len(res.Hits) > req.Size || uint64(len(res.Hits)) > res.Total {
			t.Fatalf("%q: %d hits of size %d, total %d", q, len(res.Hits), req.Size, res.Total)
		}
		for i := 1; i < len(res.Hits); i++ {
			a, b := res.Hits[i-1], res.Hits[i]
			if a.Score < b.Score || a.Score == b.Score && a.ID > b.ID {
				t.Fatalf("%q: hits out of order at %d: %v/%s then %v/%s", q, i, a.Score, a.ID, b.Score, b.ID)
			}
			if res.Relaxed != nil && len(a.Missing) > len(b.Missing) {
				t.Fatalf("%q: relaxed hit %s misses %q but ranks above %s missing %q", q, a.ID, a.Missing, b.ID, b.Missing)
			}
		}
		if r := res.Relaxed; r != nil {
			if r.MinWords < 1 || r.MinWords >= r.Words {
				t.Fatalf("%q: relaxed to %d of %d words", q, r.MinWords, r.Words)
			}
			for _, h := range res.Hits {
				if len(h.Missing) > r.Words-r.MinWords {
					t.Fatalf("%q: %s misses %q, more than %d of %d words", q, h.ID, h.Missing, r.Words-r.MinWords, r.Words)
				}
			}
		}
		if sg := res.Suggestion; sg != nil && sg.Total <= res.Total {
			t.Fatalf("%q: suggestion %q finds %d, not more than %d", q, sg.Query, sg.Total, res.Total)
		}
	})
}
