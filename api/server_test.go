package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

func testDocs() []corpus.Document {
	cand := &legal.Court{ID: "cand", Name: "U.S. District Court, N.D. California"}
	return []corpus.Document{
		{
			ID: "order1", Source: "order.pdf", Kind: corpus.KindFiling, Title: "ORDER", Date: "2024-09-12",
			Court: cand, CaseNumbers: []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234"}},
			Judges: []legal.Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO"}},
			Pages: []corpus.Page{
				{Number: 1, Text: "Background of the dispute."},
				{Number: 2, Text: "The Nightjar tool <script>alert(1)</script> exfiltrated messages."},
			},
		},
		{
			ID: "art1", Source: "a.html", Kind: corpus.KindArticle, Title: "Nightjar ruling", Date: "2024-09-13",
			SiteName: "The Bay Ledger", Text: "A judge ruled on the Nightjar spyware case.",
		},
	}
}

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	return newTestServerWith(t, Options{})
}

// newTestServerWith serves testDocs with opts.
func newTestServerWith(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	return serveDocs(t, opts, testDocs()...)
}

// serveDocs serves a fresh index holding docs, with opts.
func serveDocs(t *testing.T, opts Options, docs ...corpus.Document) *httptest.Server {
	t.Helper()
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	return serve(t, ix, opts)
}

// serveUploads serves an empty index that takes uploads, extracted in
// process with ex; it returns the folder where uploads are kept.
func serveUploads(t *testing.T, opts Options, ex extract.Options) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	orig := filepath.Join(dir, "originals")
	ixDir := filepath.Join(dir, "index")
	ix, err := bleve.Open(bleve.Options{Dir: ixDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	extractor, err := extract.New(ex)
	if err != nil {
		t.Fatal(err)
	}
	ing := openIngester(t, ixDir, ix, ingest.Options{OriginalsDir: orig}, extractor)
	t.Cleanup(func() { ing.Close() }) // before the engine's
	opts.Ingest = ing
	return serve(t, ix, opts), orig
}

// openIngester opens the ingester of the engine ix, open on dir, taking
// uploads with ex when ex is not nil. Close it before ix.
func openIngester(t testing.TB, dir string, ix *bleve.Index, opts ingest.Options, ex index.Extractor) *ingest.Ingester {
	t.Helper()
	ing, err := ingest.Open(dir, ix, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ex != nil {
		ing.SetExtractor(ex)
	}
	return ing
}

// serve runs the API over backend until the test ends.
func serve(t *testing.T, backend Backend, opts Options) *httptest.Server {
	t.Helper()
	srv, err := New(backend, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string, out any) int {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: content type %q", path, ct)
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatalf("%s: decode: %v", path, err)
		}
	}
	return res.StatusCode
}

func TestSearchEndToEnd(t *testing.T) {
	ts := newTestServer(t)
	var resp SearchResponse
	code := get(t, ts, "/v1/search?q=Nightjar&facets=kind,court,year&kind=filing", &resp)
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if resp.Total != 1 || len(resp.Hits) != 1 || resp.Hits[0].ID != "order1" {
		t.Fatalf("hits: %+v", resp)
	}
	h := resp.Hits[0]
	if h.Court != "cand" || h.Date != "2024-09-12" || len(h.CaseNumbers) != 1 || h.CaseNumbers[0] != "24-cv-01234" {
		t.Errorf("hit metadata: %+v", h)
	}
	if len(h.Highlights) == 0 || h.Highlights[0].Page != 2 || !strings.Contains(h.Highlights[0].Fragment, "<mark>Nightjar</mark>") {
		t.Errorf("highlights: %+v", h.Highlights)
	}
	if strings.Contains(h.Highlights[0].Fragment, "<script>") {
		t.Errorf("unescaped script in %q", h.Highlights[0].Fragment)
	}
	if got := resp.Facets["court"].Values; len(got) != 1 || got[0].Value != "cand" || got[0].Count != 1 {
		t.Errorf("court facet: %+v", got)
	}
	if got := resp.Facets["year"].Values; len(got) != 1 || got[0].Value != "2024" {
		t.Errorf("year facet: %+v", got)
	}
}

func TestSearchCaseSpellings(t *testing.T) {
	ts := newTestServer(t)
	for _, spelling := range []string{"24-cv-1234", "3:24-CV-01234-RMS", "Case No. 24-cv-01234"} {
		var resp SearchResponse
		if code := get(t, ts, "/v1/search?case="+url.QueryEscape(spelling), &resp); code != http.StatusOK {
			t.Fatalf("%s: status %d", spelling, code)
		}
		if resp.Total != 1 || resp.Hits[0].ID != "order1" {
			t.Errorf("case=%s: %+v", spelling, resp.Hits)
		}
	}
}

func TestBadRequestsAreJSONErrors(t *testing.T) {
	ts := newTestServer(t)
	cases := []struct {
		path   string
		status int
		code   string
	}{
		{"/v1/search?size=-1", 400, CodeInvalidParameter},
		{"/v1/search?size=101", 400, CodeInvalidParameter},
		{"/v1/search?size=ten", 400, CodeInvalidParameter},
		{"/v1/search?page=1000&size=100", 400, CodeInvalidParameter},
		{"/v1/search?sort=title", 400, CodeInvalidParameter},
		{"/v1/search?facets=colour", 400, CodeInvalidParameter},
		{"/v1/search?highlight=maybe", 400, CodeInvalidParameter},
		{"/v1/search?from=yesterday", 400, CodeInvalidParameter},
		{"/v1/search?from=2025-01-01&to=2024-01-01", 400, CodeInvalidParameter},
		{"/v1/search?sise=10", 400, CodeInvalidParameter},
		{"/v1/search?q=a&q=b", 400, CodeInvalidParameter},
		{"/v1/search?case=hello", 400, CodeInvalidParameter},
		{"/v1/search?q=" + url.QueryEscape(`"unterminated`), 400, CodeInvalidQuery},
		{"/v1/search?q=" + url.QueryEscape(`(a OR`), 400, CodeInvalidQuery},
		{"/v1/search?q=" + url.QueryEscape(strings.Repeat("(", 100)+"a"), 400, CodeInvalidQuery},
		{"/v1/search?q=" + url.QueryEscape(strings.Repeat("x ", 3000)), 400, CodeInvalidQuery},
		{"/v1/documents/nope", 404, CodeNotFound},
		{"/v1/documents/" + strings.Repeat("a", 200), 400, CodeInvalidParameter},
		{"/v2/other", 404, CodeNotFound},
	}
	for _, c := range cases {
		var body ErrorBody
		code := get(t, ts, c.path, &body)
		if code != c.status || body.Error.Code != c.code || body.Error.Message == "" {
			t.Errorf("%s: got %d %+v, want %d %s", c.path, code, body, c.status, c.code)
		}
	}
	var body ErrorBody
	get(t, ts, "/v1/search?q="+url.QueryEscape(`spyware "motion to`), &body)
	if body.Error.Position == nil || *body.Error.Position != 8 {
		t.Errorf("query error position: %+v", body.Error)
	}
}

func TestDocumentStatsHealth(t *testing.T) {
	ts := newTestServer(t)
	var doc corpus.Document
	if code := get(t, ts, "/v1/documents/order1", &doc); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(doc.Pages) != 2 || doc.Pages[1].Number != 2 || !strings.Contains(doc.Pages[1].Text, "Nightjar") {
		t.Errorf("document pages: %+v", doc.Pages)
	}
	var st StatsResponse
	if code := get(t, ts, "/v1/stats", &st); code != 200 || st.Documents != 2 || st.ByKind["filing"] != 1 || st.ByKind["article"] != 1 || st.DiskBytes <= 0 {
		t.Errorf("stats: %d %+v", code, st)
	}
	var s StatusResponse
	if code := get(t, ts, "/healthz", &s); code != 200 || s.Status != "ok" {
		t.Errorf("healthz: %d %+v", code, s)
	}
	if code := get(t, ts, "/readyz", &s); code != 200 || s.Status != "ok" {
		t.Errorf("readyz: %d %+v", code, s)
	}
}

// brokenBackend fails every call, to check the 5xx paths.
type brokenBackend struct{}

var errBroken = errors.New("disk on fire")

func (brokenBackend) Search(context.Context, index.SearchRequest) (*index.SearchResult, error) {
	return nil, errBroken
}
func (brokenBackend) Document(context.Context, string) (*corpus.Document, error) {
	return nil, errBroken
}
func (brokenBackend) Stats(context.Context) (index.Stats, error) { return index.Stats{}, errBroken }
func (brokenBackend) Ping(context.Context) error                 { return errBroken }

func TestBackendFailuresAreStableErrors(t *testing.T) {
	srv, err := New(brokenBackend{}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for path, want := range map[string]int{"/v1/search?q=x": 500, "/v1/stats": 500, "/readyz": 503, "/healthz": 200} {
		var body ErrorBody
		code := get(t, ts, path, &body)
		if code != want {
			t.Errorf("%s: status %d, want %d", path, code, want)
		}
		if want >= 500 && (body.Error.Code == "" || strings.Contains(body.Error.Message, "fire")) {
			t.Errorf("%s: body %+v (internal detail must not leak)", path, body)
		}
	}
}
