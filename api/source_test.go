package api

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/api/keys"
	"dossier/corpus"
	"dossier/index/bleve"
)

func TestRelativeSource(t *testing.T) {
	roots := []string{"/srv/dossier/corpus", "/srv/dossier/corpus/filings/", "/srv/other"}
	cases := map[string]string{
		"/srv/dossier/corpus/news/a.html":       "corpus/news/a.html",
		"/srv/dossier/corpus/filings/b/c.pdf":   "filings/b/c.pdf",
		"/srv/dossier/corpusx/d.pdf":            "d.pdf",
		"/home/someone/secret/e.pdf":            "e.pdf",
		"upload.pdf":                            "upload.pdf",
		"../shared/corpus/f.pdf":                "../shared/corpus/f.pdf",
		"/srv/other":                            "other",
		"/srv/dossier/corpus/../../etc/g.pdf":   "g.pdf",
		"/srv/dossier/corpus/filings/../h.html": "corpus/h.html",
	}
	for in, want := range cases {
		if got := relativeSource(in, roots); got != want {
			t.Errorf("relativeSource(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSourcesHideServerPaths checks that search hits, documents and exports
// show absolute paths relative to the server's roots to a search key, and
// as stored to a key that also has the admin scope.
func TestSourcesHideServerPaths(t *testing.T) {
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs := []corpus.Document{
		{ID: "in1", Source: "/srv/dossier/corpus/filings/order.pdf", Kind: corpus.KindFiling, Title: "Wombat order", Text: "wombat"},
		{ID: "out1", Source: "/home/clerk/private/notes.html", Kind: corpus.KindArticle, Title: "Wombat notes", Text: "wombat"},
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "keys.json")
	var set keys.Set
	secrets := map[string]string{}
	for name, scopes := range map[string][]keys.Scope{
		"reader": {keys.ScopeSearch, keys.ScopeRead},
		"admin":  {keys.ScopeSearch, keys.ScopeRead, keys.ScopeAdmin},
	} {
		sec, _, err := set.Create(keys.CreateOptions{Name: name, Scopes: scopes}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		secrets[name] = sec
	}
	if err := set.Save(path); err != nil {
		t.Fatal(err)
	}
	srv, err := New(ix, Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1, SourceRoots: []string{"/srv/dossier/corpus"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, c := range []struct {
		key  string
		want []string
	}{
		{"reader", []string{"corpus/filings/order.pdf", "notes.html"}},
		{"admin", []string{"/home/clerk/private/notes.html", "/srv/dossier/corpus/filings/order.pdf"}},
	} {
		var sr SearchResponse
		if code, _, body := call(t, ts, "GET", "/v1/search?q=wombat", secrets[c.key], nil); code != 200 {
			t.Fatalf("%s: search %d %s", c.key, code, body)
		} else if err := json.Unmarshal([]byte(body), &sr); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range sr.Hits {
			got = append(got, h.Source)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(c.want))
		if !slices.Equal(got, want) {
			t.Errorf("%s: search sources %q, want %q", c.key, got, want)
		}
		var d corpus.Document
		_, _, body := call(t, ts, "GET", "/v1/documents/in1", secrets[c.key], nil)
		if err := json.Unmarshal([]byte(body), &d); err != nil || !slices.Contains(c.want, d.Source) {
			t.Errorf("%s: document source %q (%v)", c.key, d.Source, err)
		}
		_, _, body = call(t, ts, "GET", "/v1/search/export?format=jsonl&q=wombat", secrets[c.key], nil)
		for _, leak := range []string{"/home/clerk", "/srv/dossier"} {
			if c.key == "reader" && strings.Contains(body, leak) {
				t.Errorf("%s: export shows %s: %s", c.key, leak, body)
			}
		}
	}
}
