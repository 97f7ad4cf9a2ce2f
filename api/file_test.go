package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"dossier/corpus"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// fileBackend serves one stored document, whatever its recorded type, from
// a file on disk: Document on the backend, Paths on the ingest side.
type fileBackend struct {
	*bleve.Index
	doc corpus.Document
}

func (b fileBackend) Document(context.Context, string) (*corpus.Document, error) {
	d := b.doc
	return &d, nil
}

// fileIngest is the ingest side of fileBackend.
type fileIngest struct {
	*ingest.Ingester
	path string
}

func (f fileIngest) Paths(string) []string { return []string{f.path} }

func TestDocumentFileTypes(t *testing.T) {
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	dir := ix.Options().Dir
	ing := openIngester(t, dir, ix, ingest.Options{}, nil)
	t.Cleanup(func() { ing.Close() })
	body := []byte("<html><script>alert(document.cookie)</script></html>")
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		stored, wantType, wantDisposition string
	}{
		{"text/html", "text/plain; charset=utf-8", "inline"},
		{"text/html; charset=utf-8", "text/plain; charset=utf-8", "inline"},
		{"TEXT/HTML", "text/plain; charset=utf-8", "inline"},
		{"image/svg+xml", "application/octet-stream", "attachment"},
		{"application/xhtml+xml", "text/plain; charset=utf-8", "inline"},
		{"", "application/octet-stream", "attachment"},
		{"application/pdf", "application/pdf", "inline"},
	}
	for _, c := range cases {
		t.Run(c.stored, func(t *testing.T) {
			b := fileBackend{Index: ix, doc: corpus.Document{ID: "d1", ContentType: c.stored, Size: int64(len(body))}}
			srv, err := New(b, Options{Ingest: fileIngest{ing, path}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/documents/d1/file", nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			h := rec.Header()
			if got := h.Get("Content-Type"); got != c.wantType {
				t.Errorf("Content-Type %q, want %q", got, c.wantType)
			}
			if got := h.Get("Content-Disposition"); len(got) < len(c.wantDisposition) || got[:len(c.wantDisposition)] != c.wantDisposition {
				t.Errorf("Content-Disposition %q, want %s", got, c.wantDisposition)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") != fileCSP {
				t.Errorf("headers %v lack nosniff or the sandboxing CSP", h)
			}
		})
	}
}
