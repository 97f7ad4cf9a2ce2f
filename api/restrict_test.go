package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/bleve"
)

// restrictDocs are one filing the "filtered" key (kind:article) must never
// see and two articles it may.
func restrictDocs() []corpus.Document {
	cand := &legal.Court{ID: "cand", Name: "U.S. District Court, N.D. California"}
	return []corpus.Document{
		{
			ID: "sealed1", Source: "sealed.pdf", Kind: corpus.KindFiling, Title: "SEALED ORDER", Date: "2024-09-12",
			Court: cand, CaseNumbers: []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234"}},
			Judges: []legal.Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO"}},
			Pages: []corpus.Page{
				{Number: 1, Text: "The Nightjar implant exfiltrated embargoed messages in case 24-cv-01234."},
			},
		},
		{
			ID: "pub1", Source: "a.html", Kind: corpus.KindArticle, Title: "Nightjar ruling", Date: "2024-09-13",
			SiteName: "The Bay Ledger", Text: "A judge ruled on the Nightjar spyware case, 24-cv-01234.",
		},
		{
			ID: "pub2", Source: "b.html", Kind: corpus.KindArticle, Title: "Nightjar explained", Date: "2024-09-14",
			SiteName: "Harbor Times", Text: "What the Nightjar spyware does and who sells it.",
		},
	}
}

// sealedMarkers appear only in the filing; no answer to the filtered key
// may contain one.
var sealedMarkers = []string{"sealed1", "SEALED", "exfiltrated", "embargoed", "Serrano", "cand", "filing"}

// TestRestrictedKeyNeverSeesOutsideItsFilter: a key whose mandatory filter
// is kind:article never sees the filing in hits, totals, facet counts,
// highlights, export, batch search, document fetches or case pages. Every
// search and read route must be exercised here, so a new one fails the
// test until it is added.
func TestRestrictedKeyNeverSeesOutsideItsFilter(t *testing.T) {
	if _, ok := reflect.TypeOf(index.SearchRequest{}).FieldByName("Restrict"); !ok {
		t.Skip("waiting for index restriction plumbing")
	}
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(restrictDocs()...); err != nil {
		t.Fatal(err)
	}
	srv, ts, secrets := newKeyedServer(t, Options{}, ix)
	filtered := secrets["filtered"]

	type probe struct {
		method, path, body string
		total              int    // want this "total" in a JSON body; -1: do not check
		status             int    // want this status; 0: any 2xx
		mustContain        string // something the key may see
	}
	facets := "&facets=kind,court,judge,case,year,site"
	probes := []probe{
		{"GET", "/v1/search?q=Nightjar" + facets, "", 2, 0, "pub1"},
		{"GET", "/v1/search?" + facets[1:], "", 2, 0, "pub2"},
		{"GET", "/v1/search?q=exfiltrated", "", 0, 0, ""},
		{"GET", "/v1/search?q=Nightjar&kind=filing", "", 0, 0, ""},
		{"GET", "/v1/search?q=" + "kind%3Afiling%20OR%20Nightjar" + facets, "", 2, 0, "pub1"},
		{"GET", "/v1/search?case=24-cv-01234" + facets, "", -1, 0, ""},
		{"GET", "/v1/search?q=Nightjar&sort=date&size=1&page=3", "", 2, 0, ""},
		{"POST", "/v1/search", `{"q":"Nightjar","facets":["kind","court","judge","case","year","site"]}`, 2, 0, "pub1"},
		{"POST", "/v1/search", `{"q":"NOT kind:article"}`, 0, 0, ""},
		{"POST", "/v1/search/batch", `{"queries":[{"q":"Nightjar","facets":["kind","court"]},{"q":"exfiltrated"},{"q":"kind:filing"},{"court":["cand"]}]}`, -1, 0, "pub1"},
		{"GET", "/v1/search/export?q=Nightjar&format=jsonl", "", -1, 0, "pub1"},
		{"GET", "/v1/search/export?format=csv", "", -1, 0, "pub2"},
		{"GET", "/v1/documents/sealed1", "", -1, http.StatusNotFound, ""},
		{"GET", "/v1/documents/pub1", "", -1, http.StatusOK, "pub1"},
		{"GET", "/v1/documents/sealed1/file", "", -1, http.StatusNotFound, ""},
		{"GET", "/v1/documents/sealed1/search?q=Nightjar", "", -1, http.StatusNotFound, ""},
		{"GET", "/v1/documents/pub1/search?q=Nightjar", "", -1, 0, "Nightjar"},
		{"GET", "/v1/documents/sealed1/similar", "", -1, http.StatusNotFound, ""},
		{"GET", "/v1/documents/pub1/similar", "", -1, 0, ""},
		{"GET", "/v1/cases/24-cv-01234", "", -1, -1, ""},
	}
	exercised := map[string]bool{}
	for _, p := range probes {
		code, errCode, body := call(t, ts, p.method, p.path, filtered, strings.NewReader(p.body))
		if code == http.StatusNotImplemented {
			t.Logf("%s %s: 501 %s (backend lacks it), not checked", p.method, p.path, errCode)
			continue
		}
		path := strings.SplitN(p.path, "?", 2)[0]
		exercised[p.method+" "+routeOf(srv, p.method, path)] = true
		switch {
		case p.status > 0 && code != p.status:
			t.Errorf("%s %s: status %d %s, want %d", p.method, p.path, code, errCode, p.status)
		case p.status == 0 && (code < 200 || code > 299):
			t.Errorf("%s %s: status %d %s (%s)", p.method, p.path, code, errCode, body)
		}
		for _, m := range sealedMarkers {
			if strings.Contains(body, m) {
				t.Errorf("%s %s: answer to the filtered key contains %q:\n%s", p.method, p.path, m, body)
			}
		}
		if p.mustContain != "" && !strings.Contains(body, p.mustContain) {
			t.Errorf("%s %s: answer lacks %q, which the key may see:\n%s", p.method, p.path, p.mustContain, body)
		}
		if p.total >= 0 {
			var r struct {
				Total *int `json:"total"`
			}
			if err := json.Unmarshal([]byte(body), &r); err != nil || r.Total == nil || *r.Total != p.total {
				got := "absent"
				if r.Total != nil {
					got = strconv.Itoa(*r.Total)
				}
				t.Errorf("%s %s: total %s, want %d", p.method, p.path, got, p.total)
			}
		}
	}
	for _, r := range srv.routes() {
		if (r.scope == ScopeSearch || r.scope == ScopeRead) && !exercised[r.method+" "+r.path] {
			t.Errorf("%s %s (%s) is not exercised by the restriction test; add a probe", r.method, r.path, r.scope)
		}
	}

	// Control: an unrestricted key does see the filing, so the checks
	// above can fail.
	code, _, body := call(t, ts, "GET", "/v1/search?q=exfiltrated", secrets["search"], nil)
	if code != 200 || !strings.Contains(body, "sealed1") {
		t.Errorf("unrestricted key: %d %s", code, body)
	}
	if code, _, _ := call(t, ts, "GET", "/v1/documents/sealed1", secrets["read"], nil); code != 200 {
		t.Errorf("unrestricted key fetching the filing: %d", code)
	}
}

// routeOf returns the route pattern echo matches for method and path.
func routeOf(srv *Server, method, path string) string {
	req := httptest.NewRequest(method, path, nil)
	c := srv.echo.NewContext(req, httptest.NewRecorder())
	srv.echo.Router().Find(method, path, c)
	return c.Path()
}
