package files

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/corpus"
)

func TestWalkAndSniffFile(t *testing.T) {
	dir := t.TempDir()
	pdf, _ := os.ReadFile(filepath.Join("..", "testdata", "sample", "filings", "harbor-light-complaint.pdf"))
	write := func(name string, b []byte) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	html := []byte("<!DOCTYPE html><html><body><p>x</p></body></html>")
	write("a/filing.dat", pdf)
	write("b/page.txt", html)
	write("c/page.html.gz", gz(html))
	write("c/double.gz", gz(gz(html)))
	write("c/broken.gz", []byte{0x1f, 0x8b, 0})
	write("notes.pdf", []byte("just some notes"))
	write("empty.pdf", nil)
	write(".hidden/secret.pdf", pdf)
	write("d/.secret.pdf", pdf)
	if err := os.Symlink(filepath.Join(dir, "a", "filing.dat"), filepath.Join(dir, "d", "link.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	type sniffed struct {
		ct string
		gz bool
	}
	got := map[string]sniffed{}
	var order []string
	missing := filepath.Join(dir, "gone")
	err := Walk(context.Background(), []string{dir, missing, filepath.Join(dir, "linkdir")}, func(path string, info fs.FileInfo, err error) error {
		if path == missing {
			if err == nil || info != nil {
				t.Errorf("missing root: info %v err %v", info, err)
			}
			return nil
		}
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		ct, isGz, err := SniffFile(path)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		got[rel] = sniffed{ct, isGz}
		order = append(order, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]sniffed{
		"a/filing.dat":   {corpus.ContentTypePDF, false},
		"b/page.txt":     {corpus.ContentTypeHTML, false},
		"c/page.html.gz": {corpus.ContentTypeHTML, true},
		"c/double.gz":    {ContentTypeGzip, true},
		"c/broken.gz":    {"", false},
		"notes.pdf":      {"", false},
		"empty.pdf":      {"", false},
	}
	if len(got) != len(want) {
		t.Errorf("visited %v, want %v", got, want)
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || g != w {
			t.Errorf("%s: %+v, want %+v", name, g, w)
		}
	}
	if !slices.IsSorted(order) {
		t.Errorf("not in lexical order: %v", order)
	}
	if _, _, err := SniffFile(missing); err == nil || !strings.HasPrefix(err.Error(), "corpus: ") {
		t.Errorf("SniffFile of a missing file: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{dir}, func(string, fs.FileInfo, error) error { return nil }); err != context.Canceled {
		t.Errorf("cancelled walk: %v", err)
	}
	stop := errors.New("stop")
	n := 0
	if err := Walk(context.Background(), []string{dir}, func(string, fs.FileInfo, error) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("fn error: %v after %d files", err, n)
	}
}
