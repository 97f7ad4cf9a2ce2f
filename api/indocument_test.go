package api

import (
	"fmt"
	"testing"

	"dossier/corpus"
)

// TestInDocumentSearchPagesOn searches a word on every one of 27 pages: the
// answer gives the total and pages on until every page's match was shown.
func TestInDocumentSearchPagesOn(t *testing.T) {
	doc := corpus.Document{ID: "long1", Kind: corpus.KindFiling, Title: "TRANSCRIPT", PageCount: 27}
	for p := 1; p <= 27; p++ {
		doc.Pages = append(doc.Pages, corpus.Page{Number: p,
			Text: fmt.Sprintf("Page %d of the hearing. Much was said before the witness named Hamilton spoke. Then the court adjourned for the day.", p)})
	}
	ts := serveDocs(t, Options{}, doc)
	seen := map[int]bool{}
	for page := 1; page <= 10; page++ {
		var out InDocumentResponse
		if code := get(t, ts, fmt.Sprintf("/v1/documents/long1/search?q=Hamilton&fragments=5&page=%d", page), &out); code != 200 {
			t.Fatalf("page %d: %d", page, code)
		}
		if out.Total != 27 || out.Page != page {
			t.Fatalf("page %d: total %d, page %d; want 27 fragments", page, out.Total, out.Page)
		}
		for _, p := range out.Pages {
			seen[p.Page] = true
		}
		if !out.More {
			if page != 6 {
				t.Errorf("the last page was %d, want 6 (27 fragments, 5 a page)", page)
			}
			break
		}
	}
	if len(seen) != 27 {
		t.Errorf("pages read cover %d document pages, want 27", len(seen))
	}
}
