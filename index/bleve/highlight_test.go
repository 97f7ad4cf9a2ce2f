package bleve

import (
	"slices"
	"strings"
	"testing"

	"dossier/index"
)

func TestMakeFragments(t *testing.T) {
	text := "alpha beta\ngamma delta\n\nepsilon <b>zeta</b> eta theta"
	find := func(w string) span {
		i := strings.Index(text, w)
		return span{i, i + len(w)}
	}
	cases := []struct {
		name   string
		spans  []span
		starts []int
		size   int
		max    int
		want   []index.Highlight
	}{
		{
			name:  "keeps spaces around marks across newlines",
			spans: []span{find("gamma")}, size: 200, max: 3,
			want: []index.Highlight{{Field: "text", Fragment: "alpha beta <mark>gamma</mark> delta epsilon &lt;b&gt;zeta&lt;/b&gt; eta theta"}},
		},
		{
			name:  "page from offsets",
			spans: []span{find("zeta")}, starts: []int{0, strings.Index(text, "epsilon")}, size: 200, max: 1,
			want: []index.Highlight{{Field: "text", Page: 2, Fragment: "alpha beta gamma delta epsilon &lt;b&gt;<mark>zeta</mark>&lt;/b&gt; eta theta"}},
		},
		{
			name:  "trimmed to size on word boundaries",
			spans: []span{find("delta")}, size: 18, max: 1,
			want: []index.Highlight{{Field: "text", Fragment: "…<mark>delta</mark> epsilon…"}},
		},
		{
			name:  "overlapping and out-of-range spans are dropped",
			spans: []span{find("beta"), find("beta"), {-1, 3}, {5, 1000}}, size: 10, max: 3,
			want: []index.Highlight{{Field: "text", Fragment: "…<mark>beta</mark>…"}},
		},
		{name: "no spans", spans: nil, size: 50, max: 3, want: nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := makeFragments("text", text, c.spans, c.starts, nil, c.size, c.max)
			if len(got) != len(c.want) {
				t.Fatalf("got %d fragments %+v, want %+v", len(got), got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("fragment %d:\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func FuzzMakeFragments(f *testing.F) {
	f.Add("hello world <b>x</b>", 0, 5, 20)
	f.Add("é\n\nü ß", 1, 3, 1)
	f.Fuzz(func(t *testing.T, text string, start, end, size int) {
		if size < 1 || size > index.MaxFragmentSize {
			return
		}
		spans := []span{{start, end}, {end, end + 3}, {start / 2, start/2 + 1}}
		pages := []int{0, len(text) / 2}
		frags := makeFragments("text", text, slices.Clone(spans), nil, nil, size, 2)
		frags = append(frags, allFragments("text", text, slices.Clone(spans), pages, []int{1, 2}, size)...)
		for _, h := range frags {
			stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Fragment)
			if strings.ContainsAny(stripped, "<>") {
				t.Fatalf("unescaped markup in %q", h.Fragment)
			}
		}
	})
}
