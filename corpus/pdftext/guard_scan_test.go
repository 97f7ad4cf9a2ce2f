package pdftext

import (
	"regexp"
	"slices"
	"testing"
)

// The scanners must find what these regular expressions (used before)
// find. xrefKeywords may find more: the expression's matches cannot
// overlap, so it misses "xref" right after another one's whitespace.
var (
	reXrefKeywordRef = regexp.MustCompile(`(?:^|[^a-z])xref\s`)
	reXrefTypeRef    = regexp.MustCompile(`/Type\s*/XRef\b`)
)

func checkScanners(t *testing.T, s string) {
	t.Helper()
	data := []byte(s)
	var wantKw []int
	for _, loc := range reXrefKeywordRef.FindAllIndex(data, -1) {
		wantKw = append(wantKw, loc[1])
	}
	got := xrefKeywords(data)
	for _, w := range wantKw {
		if !slices.Contains(got, w) {
			t.Errorf("xrefKeywords(%q) = %v, lacks %d", s, got, w)
		}
	}
	for _, g := range got {
		if g < 5 || string(data[g-5:g-1]) != "xref" {
			t.Errorf("xrefKeywords(%q): %d is not after \"xref\" and a space", s, g)
		}
	}
	var wantTy [][2]int
	for _, loc := range reXrefTypeRef.FindAllIndex(data, -1) {
		wantTy = append(wantTy, [2]int{loc[0], loc[1]})
	}
	if got := xrefTypes(data); !slices.Equal(got, wantTy) {
		t.Errorf("xrefTypes(%q) = %v, want %v", s, got, wantTy)
	}
}

func TestXrefScanners(t *testing.T) {
	for _, s := range []string{
		"", "xref\n0 1", "startxref\n12", "Axref 0", "1xref\r", "xref", "xrefx ", "\nxref\nxref ",
		"<< /Type /XRef /Size 5 >>", "/Type/XRef", "/Type \n /XRef/W", "/Type /XRefs", "/XRef", "/Typ /XRef",
		"/Type /XRef_", "/Type\t/XRef>>/Type /XRef ",
	} {
		checkScanners(t, s)
	}
}

func FuzzXrefScanners(f *testing.F) {
	f.Add("xref\n0 1 /Type /XRef")
	f.Fuzz(func(t *testing.T, s string) { checkScanners(t, s) })
}
