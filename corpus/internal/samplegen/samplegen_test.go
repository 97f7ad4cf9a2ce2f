package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the committed sample files with freshly generated ones")

// Committed output folders, relative to this package.
const (
	sampleDir = "../../testdata/sample/filings"
	badDir    = "../../testdata/bad"
)

// TestGolden regenerates the samples into a temporary folder and checks
// that they are byte-for-byte the committed files. Run with -update to
// rewrite the committed files instead.
func TestGolden(t *testing.T) {
	if *update {
		if err := run(sampleDir, badDir); err != nil {
			t.Fatal(err)
		}
	}
	tmp := t.TempDir()
	out, bad := filepath.Join(tmp, "filings"), filepath.Join(tmp, "bad")
	if err := run(out, bad); err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{out, sampleDir}, {bad, badDir}} {
		fresh, committed := pair[0], pair[1]
		names, err := os.ReadDir(fresh)
		if err != nil {
			t.Fatal(err)
		}
		old, err := os.ReadDir(committed)
		if err != nil {
			t.Fatalf("%v (generate with go test ./corpus/internal/samplegen -update)", err)
		}
		if len(old) != len(names) {
			t.Errorf("%s has %d files, the generator writes %d", committed, len(old), len(names))
		}
		for _, e := range names {
			want, err := os.ReadFile(filepath.Join(fresh, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(committed, e.Name()))
			if err != nil {
				t.Errorf("%s: %v", e.Name(), err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from a fresh run (%d vs %d bytes); rerun with -update if the change is intended",
					e.Name(), len(got), len(want))
			}
		}
	}
}

// TestDeterministic checks that two runs in one process give the same bytes.
func TestDeterministic(t *testing.T) {
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !bytes.Equal(a[i].data, b[i].data) {
			t.Errorf("%s: two runs differ", a[i].name)
		}
	}
}

// TestSamples checks the basic shape of every sample: page count in the
// documented range, small size, and a PDF header and trailer.
func TestSamples(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 5 {
		t.Fatalf("%d samples, want 5", len(files))
	}
	for i, f := range filings() {
		if n := len(f.pages); n < 2 || n > 4 {
			t.Errorf("%s: %d pages, want 2 to 4", f.name, n)
		}
		data := files[i].data
		if len(data) > 16<<10 {
			t.Errorf("%s: %d bytes, want a few KB", f.name, len(data))
		}
		if !bytes.HasPrefix(data, []byte("%PDF-1.")) || !bytes.Contains(data[len(data)-16:], []byte("%%EOF")) {
			t.Errorf("%s: no PDF header or trailer", f.name)
		}
	}
}

func TestBadFiles(t *testing.T) {
	files, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	bad := badFiles(files)
	want := map[string]bool{"truncated.pdf": true, "junk-header.pdf": true, "empty.pdf": true, "notreally.pdf": true}
	for _, f := range bad {
		if !want[f.name] {
			t.Errorf("unexpected %s", f.name)
		}
		delete(want, f.name)
		switch f.name {
		case "empty.pdf":
			if len(f.data) != 0 {
				t.Error("empty.pdf is not empty")
			}
		case "notreally.pdf":
			if bytes.Contains(f.data, []byte("%PDF-")) {
				t.Error("notreally.pdf has a PDF header")
			}
		case "junk-header.pdf":
			if bytes.HasPrefix(f.data, []byte("%PDF")) || !bytes.Contains(f.data, []byte("%PDF-1.")) {
				t.Error("junk-header.pdf lacks junk before its header")
			}
		case "truncated.pdf":
			if bytes.Contains(f.data, []byte("%%EOF")) {
				t.Error("truncated.pdf still has its end-of-file marker")
			}
		}
	}
	for name := range want {
		t.Errorf("missing %s", name)
	}
}
