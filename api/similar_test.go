package api

import (
	"fmt"
	"net/url"
	"slices"
	"testing"

	"dossier/corpus"
)

// TestSimilarPagesWithACursor checks that /similar gives a next_cursor
// that reads on to every similar document once.
func TestSimilarPagesWithACursor(t *testing.T) {
	var docs []corpus.Document
	for i := range 5 {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("w%d", i), Kind: corpus.KindArticle, Title: "Wombat report",
			Text: fmt.Sprintf("The wombat habitat burrow survey counted %d wombats near the burrow habitat.", i)})
	}
	ts := serveDocs(t, Options{}, docs...)
	var seen []string
	path := "/v1/documents/w0/similar?size=2"
	for range 5 {
		var sr SearchResponse
		if code := get(t, ts, path, &sr); code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		for _, h := range sr.Hits {
			seen = append(seen, h.ID)
		}
		if sr.NextCursor == "" {
			break
		}
		path = "/v1/documents/w0/similar?size=2&cursor=" + url.QueryEscape(sr.NextCursor)
	}
	slices.Sort(seen)
	if !slices.Equal(seen, []string{"w1", "w2", "w3", "w4"}) {
		t.Errorf("similar pages gave %v, want w1..w4 once each", seen)
	}
}
