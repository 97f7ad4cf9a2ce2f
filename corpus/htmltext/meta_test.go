package htmltext

import "testing"

func TestDateish(t *testing.T) {
	tests := map[string]bool{
		"entry-date published": true,
		"post-date updated":    true, // hAtom marks the publication date "updated" too
		"update-time":          false,
		"updated":              false,
		"current-date":         false, // today's date in the page header
		"date-today":           false,
		"meta-datum":           true,
		"author":               false,
		"":                     false,
	}
	for in, want := range tests {
		if got := dateish(in); got != want {
			t.Errorf("dateish(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCommentish(t *testing.T) {
	tests := map[string]bool{
		"comments-area":       true,
		"comment-list":        true,
		"comment-meta":        true,
		"commentlist":         true,
		"post comments-open":  false, // a state class on the article itself
		"comment-count":       false,
		"comments-link":       false,
		"no-comments":         false,
		"article-body":        false,
		"post-meta kommentar": false, // an opinion piece, not readers' comments
	}
	for in, want := range tests {
		if got := commentish(in); got != want {
			t.Errorf("commentish(%q) = %v, want %v", in, got, want)
		}
	}
}
