package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
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
