package pdfeval

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFindPDFs(t *testing.T) {
	dir := t.TempDir()
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(pdf)
	zw.Close()
	files := map[string][]byte{
		"a/one.pdf":          pdf,
		"a/two.bin":          pdf,
		"a/notes.pdf":        []byte("notes"),
		"a/three.pdf.gz":     gz.Bytes(),
		"a/MANIFEST.pdf.tsv": []byte("path\tpages\tclass\none.pdf\t1\ttext\n"),
		"b/skipped/four.pdf": pdf,
		".hidden/five.pdf":   pdf,
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, classes, err := FindPDFs([]string{dir}, []string{"skipped"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a", "one.pdf"), filepath.Join(dir, "a", "two.bin")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	if classes[filepath.Join(dir, "a", "one.pdf")] != "text" {
		t.Errorf("classes %v", classes)
	}
	if got, _, _ := FindPDFs([]string{dir}, nil, 1); len(got) != 1 {
		t.Errorf("limit 1: %v", got)
	}
	if _, _, err := FindPDFs([]string{filepath.Join(dir, "gone")}, nil, 0); err == nil {
		t.Error("a missing folder gave no error")
	}
}

func TestWords(t *testing.T) {
	got := Words("The ﬁrst court's  order, the FIRST.")
	want := map[string]int{"the": 2, "first": 2, "court": 1, "s": 1, "order": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %v, want %v", got, want)
	}
	if m := median([]float64{3, 1, 2, 10}); m != 2.5 {
		t.Errorf("median = %v", m)
	}
}
