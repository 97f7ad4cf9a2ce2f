package bleve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/corpus"
	"dossier/index"
)

// benchDocs makes n synthetic multi-page filings from the fixture words.
func benchDocs(n int) []corpus.Document {
	base := fixtureDocs()
	words := strings.Fields(base[0].Pages[1].Text + " " + base[2].Pages[0].Text + " " + base[1].Pages[0].Text)
	docs := make([]corpus.Document, n)
	for i := range docs {
		d := base[i%3]
		d.ID = fmt.Sprintf("doc%06d", i)
		d.Pages = make([]corpus.Page, 5)
		for p := range d.Pages {
			var b strings.Builder
			for w := 0; w < 300; w++ {
				b.WriteString(words[(i*7+p*13+w*3)%len(words)])
				b.WriteByte(' ')
			}
			d.Pages[p] = corpus.Page{Number: p + 1, Text: b.String()}
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkSearch measures one search over 2,000 five-page documents, with
// and without highlights and facets.
func BenchmarkSearch(b *testing.B) {
	ix := newTestIndex(b, benchDocs(2000)...)
	cases := []struct {
		name string
		req  index.SearchRequest
	}{
		{"term", index.SearchRequest{Query: "turbine"}},
		// benchDocs writes every third word of its word list in turn, so
		// "wire fraud" never occurs while "defendant turbine" and
		// "counterfeit through fraud" occur in most documents.
		{"phrase-absent", index.SearchRequest{Query: `"wire fraud"`}},
		{"phrase-2", index.SearchRequest{Query: `"defendant turbine"`}},
		{"phrase-3", index.SearchRequest{Query: `"counterfeit through fraud"`}},
		{"phrase-3+highlight", index.SearchRequest{Query: `"counterfeit through fraud"`, Highlight: true}},
		{"bool", index.SearchRequest{Query: "(turbine OR Nightjar) -messages"}},
		{"term+highlight", index.SearchRequest{Query: "turbine", Highlight: true}},
		{"term+facets", index.SearchRequest{Query: "turbine", Facets: index.FacetNames}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), c.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPut measures batched writes of 64 documents.
func BenchmarkPut(b *testing.B) {
	ix := newTestIndex(b)
	docs := benchDocs(64)
	for b.Loop() {
		if err := ix.Put(docs...); err != nil {
			b.Fatal(err)
		}
	}
}
