package bleve

import (
	"strings"
	"testing"
)

// TestFormPrefixCoversForms checks, for words of one stem, that each word
// lies under the dictionary prefix searched for the others.
func TestFormPrefixCoversForms(t *testing.T) {
	groups := [][]string{
		{"filing", "filings", "filed", "file", "files"},
		{"policy", "policies"},
		{"possibility", "possible"},
		{"hacking", "hacked", "hack", "hacks"},
		{"chain", "chains"},
		{"nso's", "nso’s", "nso"},
		{"journalist", "journalists", "journalists'"},
		{"organization", "organizations", "organize", "organized"},
		{"evidence", "evident"},
		{"argue", "argued", "arguing", "argues"},
	}
	for _, g := range groups {
		stem := stemEnglish(g[0])
		for _, w := range g {
			if s := stemEnglish(w); s != stem {
				t.Errorf("%q stems to %q, %q to %q: not one group", g[0], stem, w, s)
				continue
			}
			for _, other := range g {
				if p := formPrefix(stemEnglish(other)); !strings.HasPrefix(apostrophes.Replace(w), p) {
					t.Errorf("%q is not under the prefix %q searched for %q", w, p, other)
				}
			}
		}
	}
}

func TestStemmable(t *testing.T) {
	for w, want := range map[string]bool{"chains": true, "nso’s": true, "abc": true, "ab": false, "19cv": false, "straße": false, "日本語": false, "'''": false} {
		if got := stemmable(w); got != want {
			t.Errorf("stemmable(%q) = %v, want %v", w, got, want)
		}
	}
}
