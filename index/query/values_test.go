package query

import (
	"strings"
	"testing"

	"dossier/corpus/legal"
)

// FuzzParseCaseFilter checks that a pasted case filter never panics and
// that what it accepts is a case number the filter can search.
func FuzzParseCaseFilter(f *testing.F) {
	for _, s := range []string{"Nibi v. Doe, 5:24-cv-06184", "2:21-mj-00123 KJN", "2:19-SW-1234 AC", "19-7123", "4:19cv7123", "v.", ",,,", "1:23-cr-00456-LTK; 24-cv-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cn, ok := ParseCaseFilter(s)
		if !ok {
			return
		}
		if cn.Canonical == "" || !strings.Contains(cn.Canonical, "-") {
			t.Fatalf("%q: accepted with canonical form %q", s, cn.Canonical)
		}
		if _, ok := legal.ParseCaseNumber(cn.Canonical); !ok {
			t.Fatalf("%q: canonical form %q does not parse again", s, cn.Canonical)
		}
	})
}
