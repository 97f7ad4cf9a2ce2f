package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sentinels are the errors every Extract failure must wrap.
var sentinels = []error{ErrNotPDF, ErrEncrypted, ErrMalformed, ErrTimeout, ErrPanic}

// checkOutcome reports an Extract outcome that breaks the package's
// contract.
func checkOutcome(t testing.TB, res Result, err error, opts Options) {
	t.Helper()
	if err != nil {
		ok := false
		for _, s := range sentinels {
			ok = ok || errors.Is(err, s)
		}
		if !ok {
			t.Fatalf("error wraps no sentinel: %v", err)
		}
	} else if want := min(res.PageCount, opts.MaxPages); len(res.Pages) != want {
		t.Fatalf("%d pages read, want %d (PageCount %d)", len(res.Pages), want, res.PageCount)
	}
	for i, p := range res.Pages {
		if !utf8.ValidString(p) {
			t.Fatalf("page %d is not valid UTF-8", i+1)
		}
	}
	for _, s := range []string{res.Title, res.Producer} {
		if !utf8.ValidString(s) {
			t.Fatalf("info string %q is not valid UTF-8", s)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, dir := range []string{sampleDir, badDir} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add(minimalPDF("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"))
	f.Add(minimalPDF("BT /F1 12 Tf 72 700 Td [(Hel) -20 (lo)] TJ 0 -14 TD (next) ' ET"))
	f.Add(minimalPDF("BT /F1 Tf ET"))
	opts := Options{MaxPages: 20, PageTimeout: 500 * time.Millisecond, FileTimeout: 2 * time.Second}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		res, err := Extract(context.Background(), data, opts)
		if el := time.Since(start); el > opts.FileTimeout+time.Second {
			t.Fatalf("Extract took %v, beyond its %v file timeout", el, opts.FileTimeout)
		}
		checkOutcome(t, res, err, opts)
	})
}

// FuzzPageText checks the page helpers on arbitrary text: CheckPage never
// panics, and MoveStampFirst keeps every word (only whitespace may
// change).
func FuzzPageText(f *testing.F) {
	f.Add("ORDER\nCase 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9")
	f.Add("x\nCase: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1 of 9\ny")
	f.Add("Case: 21-1298\nDocument: 42\nPage: 1\nFiled: 08/31/2022")
	f.Add("(cid:1) glued\uFFFDwords")
	f.Fuzz(func(t *testing.T, s string) {
		CheckPage(s)
		out := MoveStampFirst(s)
		a, b := strings.Fields(s), strings.Fields(out)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Fatalf("MoveStampFirst changed the words: %q -> %q", s, out)
		}
	})
}
