package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dossier/api"
	"dossier/api/keys"
	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index/bleve"
)

// testDocs are two filings of one case, a filing of another case that
// cites it, and an article about it.
func testDocs() []corpus.Document {
	cand := &legal.Court{ID: "cand", Name: "U.S. District Court, N.D. California"}
	nysd := &legal.Court{ID: "nysd", Name: "U.S. District Court, S.D. New York"}
	serrano := []legal.Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO"}}
	own := []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Role: legal.RoleDocket}}
	return []corpus.Document{
		{
			ID: "order1", Source: "order.pdf", Kind: corpus.KindFiling, Title: "ORDER GRANTING MOTION", Date: "2024-09-12", DocType: "order",
			Court: cand, CaseNumbers: own, Judges: serrano,
			ECF: &legal.ECFStamp{CaseNumber: "3:24-cv-01234-RMS", DocumentNumber: "45", Filed: "2024-09-12"},
			Pages: []corpus.Page{
				{Number: 1, Text: "Background of the dispute."},
				{Number: 2, Text: "The Nightjar tool <script>alert(1)</script> exfiltrated messages."},
			},
		},
		{
			ID: "complaint1", Source: "complaint.pdf", Kind: corpus.KindFiling, Title: "COMPLAINT", Date: "2024-03-01",
			Court: cand, CaseNumbers: own, Judges: serrano,
			ECF:   &legal.ECFStamp{CaseNumber: "3:24-cv-01234-RMS", DocumentNumber: "1", Filed: "2024-03-01"},
			Pages: []corpus.Page{{Number: 1, Text: "Plaintiffs allege the Nightjar spyware was sold to a bakery."}},
		},
		{
			ID: "other1", Source: "other.pdf", Kind: corpus.KindFiling, Title: "MEMORANDUM", Date: "2025-01-20",
			Court: nysd, CaseNumbers: []legal.CaseNumber{
				{Raw: "1:23-cv-05555", Canonical: "23-cv-05555", Role: legal.RoleDocket},
				{Raw: "3:24-cv-01234", Canonical: "24-cv-01234", Role: legal.RoleCited},
			},
			Judges: []legal.Judge{{Name: "Alan B. Fox", Raw: "ALAN B. FOX"}},
			Pages:  []corpus.Page{{Number: 1, Text: "As in the Nightjar matter, 24-cv-01234, the court declines."}},
		},
		{
			ID: "art1", Source: "a.html", Kind: corpus.KindArticle, Title: "Nightjar ruling", Date: "2024-09-13",
			SiteName: "The Bay Ledger", Author: "Ana Ruiz", URL: "https://ledger.example/nightjar",
			CaseNumbers: []legal.CaseNumber{{Raw: "24-cv-01234", Canonical: "24-cv-01234", Role: legal.RoleMentioned}},
			Text:        "A judge ruled on the Nightjar spyware case, 24-cv-01234.",
		},
	}
}

// serveWeb serves the test documents' API and pages with opts.
func serveWeb(t *testing.T, opts api.Options) *httptest.Server {
	t.Helper()
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(testDocs()...); err != nil {
		t.Fatal(err)
	}
	if opts.RatePerIP == 0 {
		opts.RatePerIP = -1
	}
	if opts.RatePerKey == 0 {
		opts.RatePerKey = -1
	}
	srv, err := api.New(ix, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Mount(srv, nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// testKeys writes a keys file: "reader" (search and read), "searcher"
// (search only) and "filtered" (search and read, kind:article only).
func testKeys(t *testing.T) (string, map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys.json")
	var set keys.Set
	secrets := map[string]string{}
	for name, opts := range map[string]keys.CreateOptions{
		"reader":   {Scopes: []keys.Scope{keys.ScopeSearch, keys.ScopeRead}},
		"searcher": {Scopes: []keys.Scope{keys.ScopeSearch}},
		"filtered": {Scopes: []keys.Scope{keys.ScopeSearch, keys.ScopeRead}, Filter: "kind:article"},
	} {
		opts.Name = name
		sec, _, err := set.Create(opts, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		secrets[name] = sec
	}
	if err := set.Save(path); err != nil {
		t.Fatal(err)
	}
	return path, secrets
}

// fetch GETs path with the cookies given and returns the status, headers
// and body.
func fetch(t *testing.T, ts *httptest.Server, path string, cookies ...*http.Cookie) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s: must not contain %q", what, b)
		}
	}
}

func TestSearchPageRendersHitsAndFacets(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	code, _, body := fetch(t, ts, "/?q=Nightjar")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	mustContain(t, "search page", body,
		`<strong>4</strong> documents`,
		`href="/documents/order1?q=Nightjar#page-2"`, // title at the hit's page
		`<mark>Nightjar</mark>`,
		`href="/cases/24-cv-01234"`,
		`Rosa M. Serrano`,
		`data-facet="kind"`, `name="kind" value="filing"`,
		`data-facet="court"`, `name="court" value="cand"`,
		`data-facet="judge"`, `data-facet="site"`,
		`href="/export?format=csv&amp;q=Nightjar"`,
		`href="/export?format=jsonl&amp;q=Nightjar"`,
		`<html lang="en">`, `name="viewport"`,
	)
	mustNotContain(t, "search page", body, "<script>alert", "style=")
	// A hit's meta line names the doc type only when it differs from the
	// kind: an article's doc type is "article" too.
	mustContain(t, "hit meta", body, `<span class="kind">filing</span> · <span class="doctype">order</span>`, `<span class="kind">article</span> · <time`)
	mustNotContain(t, "hit meta", body, `<span class="doctype">article</span>`)
	// The kind facet counts 3 filings and 1 article.
	if !regexp.MustCompile(`value="filing">\s*<label for="f-kind-\d+">filing <span class="count">3</span>`).MatchString(body) {
		t.Errorf("kind facet count of filings not 3:\n%s", body)
	}
}

func TestFacetNarrowsResults(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	cases := []struct {
		query   string
		total   string
		present []string
		absent  []string
		checked string
	}{
		{"q=Nightjar&kind=article", "<strong>1</strong> document", []string{"/documents/art1"}, []string{"/documents/order1", "/documents/other1"}, `value="article" checked`},
		{"q=Nightjar&court=nysd", "<strong>1</strong> document", []string{"/documents/other1"}, []string{"/documents/order1", "/documents/art1"}, `value="nysd" checked`},
		{"q=Nightjar&court=cand&court=nysd", "<strong>3</strong> documents", []string{"/documents/other1", "/documents/order1"}, []string{"/documents/art1"}, `value="cand" checked`},
		{"q=&from=2025-01-01", "<strong>1</strong> document", []string{"/documents/other1"}, []string{"/documents/order1"}, `value="2025-01-01"`},
		{"q=&sort=date&kind=filing", "<strong>3</strong> documents", []string{`<option value="date" selected>`}, nil, `value="filing" checked`},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			code, _, body := fetch(t, ts, "/?"+c.query)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			mustContain(t, c.query, body, append([]string{c.total, c.checked}, c.present...)...)
			mustNotContain(t, c.query, body, c.absent...)
		})
	}
}

func TestBadQueryShowsErrorAtPosition(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	code, _, body := fetch(t, ts, "/?q="+url.QueryEscape(`spyware "motion to`))
	if code != http.StatusBadRequest {
		t.Fatalf("status %d", code)
	}
	// The API reports byte 8, the opening quote: shown as character 9,
	// the query split there.
	mustContain(t, "bad query", body, `role="alert"`, `(at character 9)`, `<code>spyware <mark class="at">&#34;</mark>motion to</code>`, `aria-invalid="true"`)
	code, _, body = fetch(t, ts, "/?q=x&size=7&sise=1")
	if code != http.StatusBadRequest || !strings.Contains(body, "unknown parameter") {
		t.Errorf("unknown parameter: %d", code)
	}
}

func TestDocumentPageShowsPagesAndMarks(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	code, _, body := fetch(t, ts, "/documents/order1?q=Nightjar")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	mustContain(t, "document page", body,
		`id="page-1"`, `id="page-2"`,
		`<mark id="hit-1">Nightjar</mark>`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`href="/cases/24-cv-01234"`, `U.S. District Court, N.D. California`, `document 45`,
		`1 match on <a href="#page-2">page 2</a>`, `data-hits="1" hidden`,
	)
	mustNotContain(t, "document page", body, "<script>alert", `id="original"`) // no ingest side: no file link
	if code, _, _ := fetch(t, ts, "/documents/nope"); code != http.StatusNotFound {
		t.Errorf("unknown document: %d", code)
	}
	if code, _, body := fetch(t, ts, "/documents/order1?page=2"); code != http.StatusBadRequest || !strings.Contains(body, "unknown parameter page (known: q)") {
		t.Errorf("unknown parameter: %d", code)
	}
	mustContain(t, "document page", body, `<ul id="similar"><li><a href="/documents/complaint1">`)
	if i := strings.Index(body, `<ul id="similar">`); i >= 0 && strings.Contains(body[i:], `href="/documents/order1"`) {
		t.Errorf("a document is listed as similar to itself")
	}
	code, _, body = fetch(t, ts, "/documents/art1")
	mustContain(t, "article page", body, "Ana Ruiz", "The Bay Ledger", `href="https://ledger.example/nightjar"`, `id="text"`)
}

func TestCasePageListsFilings(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	code, _, body := fetch(t, ts, "/cases/3:24-cv-1234")
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	mustContain(t, "case page", body, "Filings (2)", "ECF 1", "ECF 45", "/documents/art1", "Nightjar ruling", "Rosa M. Serrano", `id="cited-by"`, "/documents/other1")
	// A timeline: the complaint (March) before the order (September).
	if i, j := strings.Index(body, "/documents/complaint1"), strings.Index(body, "/documents/order1"); i < 0 || j < 0 || i > j {
		t.Errorf("filings out of order: complaint at %d, order at %d", i, j)
	}
	if code, _, _ := fetch(t, ts, "/cases/99-cv-99999"); code != http.StatusNotFound {
		t.Errorf("unknown case: %d", code)
	}
}

func TestPagesSendSecurityHeaders(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	for _, path := range []string{"/", "/?q=%22x", "/documents/order1", "/documents/nope", "/cases/24-cv-01234", "/static/style.css"} {
		_, h, _ := fetch(t, ts, path)
		if got := h.Get("Content-Security-Policy"); got != CSP || !strings.Contains(got, "default-src 'self'") || strings.Contains(got, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
	// The JSON API is untouched.
	_, h, body := fetch(t, ts, "/v1/search?q=Nightjar")
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json") || !strings.Contains(body, `"total":4`) {
		t.Errorf("JSON search: %s %s", h.Get("Content-Type"), body)
	}
}

// TestFilteredKeyNeverSeesOutsideItsFilterThroughPages: the "filtered"
// key (kind:article) sees no filing through any page.
func TestFilteredKeyNeverSeesOutsideItsFilterThroughPages(t *testing.T) {
	path, secrets := testKeys(t)
	ts := serveWeb(t, api.Options{KeysFile: path})
	ck := &http.Cookie{Name: keyCookie, Value: secrets["filtered"]}
	sealed := []string{"order1", "complaint1", "other1", "ORDER GRANTING", "COMPLAINT", "MEMORANDUM", "exfiltrated", "Serrano", "nysd", "bakery"}
	for _, p := range []string{"/?q=Nightjar", "/?q=", "/?q=Nightjar&kind=filing", "/cases/24-cv-01234", "/documents/art1?q=Nightjar",
		"/export?format=csv&q=Nightjar", "/export?format=jsonl&q="} {
		code, _, body := fetch(t, ts, p, ck)
		if code != http.StatusOK {
			t.Errorf("%s: status %d", p, code)
		}
		mustNotContain(t, p, body, sealed...)
	}
	if _, _, body := fetch(t, ts, "/?q=exfiltrated", ck); !strings.Contains(body, "<strong>0</strong> documents") || strings.Contains(body, "order1") {
		t.Errorf("the filtered key found the filing's words")
	}
	if code, _, body := fetch(t, ts, "/?q=Nightjar", ck); !strings.Contains(body, "/documents/art1") || code != 200 {
		t.Errorf("the filtered key should see the article")
	}
	for _, p := range []string{"/documents/order1", "/documents/order1?q=Nightjar", "/cases/23-cv-05555"} {
		code, _, body := fetch(t, ts, p, ck)
		if code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, code)
		}
		mustNotContain(t, p, body, "exfiltrated", "MEMORANDUM", "ORDER GRANTING")
	}
	// The reader key sees the filing; the search-only key may not read it.
	if code, _, _ := fetch(t, ts, "/documents/order1", &http.Cookie{Name: keyCookie, Value: secrets["reader"]}); code != 200 {
		t.Errorf("reader: %d", code)
	}
	if code, _, body := fetch(t, ts, "/documents/order1", &http.Cookie{Name: keyCookie, Value: secrets["searcher"]}); code != http.StatusForbidden || !strings.Contains(body, "read scope") {
		t.Errorf("searcher reading a document: %d", code)
	}
	// A script may send the key as the API takes it; the JSON API does
	// not take the pages' cookie.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/cases/24-cv-01234", nil)
	req.Header.Set("Authorization", "bearer "+secrets["reader"])
	if res, err := ts.Client().Do(req); err != nil || res.StatusCode != 200 {
		t.Errorf("bearer key on a page: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	if code, _, _ := fetch(t, ts, "/v1/search?q=Nightjar", &http.Cookie{Name: keyCookie, Value: secrets["reader"]}); code != http.StatusUnauthorized {
		t.Errorf("JSON API with the pages' cookie: %d, want 401", code)
	}
	// No key: the sign-in form, with 401.
	code, _, body := fetch(t, ts, "/?q=Nightjar")
	if code != http.StatusUnauthorized || !strings.Contains(body, `action="/sign-in"`) || strings.Contains(body, "order1") {
		t.Errorf("no key: %d", code)
	}
	mustContain(t, "sign-in form", body, `name="next" value="/?q=Nightjar"`)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// signInForm loads the sign-in form in a browser-like client and returns
// the client and the form's CSRF token.
func signInForm(t *testing.T, ts *httptest.Server) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	cl := ts.Client()
	cl.Jar = jar
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := cl.Get(ts.URL + "/sign-in")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindStringSubmatch(string(b))
	if res.StatusCode != 200 || m == nil {
		t.Fatalf("sign-in form: %d, token %v", res.StatusCode, m)
	}
	return cl, m[1]
}

func TestSignInSetsCookieAndRefusesForgedForms(t *testing.T) {
	path, secrets := testKeys(t)
	for _, tls := range []bool{false, true} {
		var ts *httptest.Server
		if tls {
			ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ix.Close() })
			srv, err := api.New(ix, api.Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Mount(srv, nil); err != nil {
				t.Fatal(err)
			}
			ts = httptest.NewTLSServer(srv.Handler())
			t.Cleanup(ts.Close)
		} else {
			ts = serveWeb(t, api.Options{KeysFile: path})
		}
		cl, token := signInForm(t, ts)
		cases := []struct {
			name   string
			form   url.Values
			status int
			cookie bool
		}{
			{"no token", url.Values{"key": {secrets["reader"]}}, http.StatusForbidden, false},
			{"forged token", url.Values{"key": {secrets["reader"]}, "csrf": {strings.Repeat("0", 64)}}, http.StatusForbidden, false},
			{"bad key", url.Values{"key": {"nope"}, "csrf": {token}}, http.StatusUnauthorized, false},
			{"good", url.Values{"key": {secrets["reader"]}, "csrf": {token}, "next": {"/?q=Nightjar"}}, http.StatusSeeOther, true},
		}
		for _, c := range cases {
			res, err := cl.PostForm(ts.URL+"/sign-in", c.form)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			var key *http.Cookie
			for _, ck := range res.Cookies() {
				if ck.Name == keyCookie {
					key = ck
				}
			}
			if res.StatusCode != c.status || (key != nil) != c.cookie {
				t.Errorf("tls=%v %s: status %d, key cookie %v", tls, c.name, res.StatusCode, key)
				continue
			}
			if key == nil {
				continue
			}
			if !key.HttpOnly || key.SameSite != http.SameSiteStrictMode || key.Secure != tls || key.Path != "/" {
				t.Errorf("tls=%v: cookie attributes %+v", tls, key)
			}
			if loc := res.Header.Get("Location"); loc != "/?q=Nightjar" {
				t.Errorf("redirect to %q", loc)
			}
		}
		// Signed in: the page answers; sign-out needs the token too.
		res, err := cl.Get(ts.URL + "/?q=Nightjar")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), `action="/sign-out"`) {
			t.Errorf("tls=%v signed in: %d", tls, res.StatusCode)
		}
		res, _ = cl.PostForm(ts.URL+"/sign-out", url.Values{})
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("sign-out without token: %d", res.StatusCode)
		}
		res, _ = cl.PostForm(ts.URL+"/sign-out", url.Values{"csrf": {token}})
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("sign-out: %d", res.StatusCode)
		}
		res, _ = cl.Get(ts.URL + "/?q=Nightjar")
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("tls=%v after sign-out: %d", tls, res.StatusCode)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/?q=x": "/?q=x", "/cases/1": "/cases/1", "": "/", "//evil.example": "/", "/\\evil.example": "/",
		"https://evil.example": "/", "javascript:alert(1)": "/",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkedHTMLAllowsOnlyMark(t *testing.T) {
	for in, want := range map[string]string{
		"a <mark>b</mark> c":                  "a <mark>b</mark> c",
		"&lt;script&gt;x <mark>y</mark>":      "&lt;script&gt;x <mark>y</mark>",
		"<script>alert(1)</script>":           "&lt;script&gt;alert(1)&lt;/script&gt;",
		"<mark>open":                          "<mark>open</mark>",
		"</mark>x<mark onclick=1>y":           "x&lt;mark onclick=1&gt;y",
		"<mark><mark>a</mark></mark>":         "<mark>a</mark>",
		`&quot;q&quot; &amp; <b>bold</b>`:     "&#34;q&#34; &amp; &lt;b&gt;bold&lt;/b&gt;",
		"<img src=x onerror=alert(1)><mark>z": "&lt;img src=x onerror=alert(1)&gt;<mark>z</mark>",
		"plain":                               "plain",
	} {
		if got := string(markedHTML(in)); got != want {
			t.Errorf("markedHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchPageWeight: the search page with its stylesheet and script
// stays well under 100 KB.
func TestSearchPageWeight(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	total := 0
	for _, p := range []string{"/?q=Nightjar", "/static/style.css", "/static/app.js"} {
		code, _, body := fetch(t, ts, p)
		if code != 200 {
			t.Fatalf("%s: %d", p, code)
		}
		total += len(body)
	}
	t.Logf("search page with its assets: %d bytes", total)
	if total > 100<<10 {
		t.Errorf("search page weighs %d bytes", total)
	}
}

// originals is an ingest side that knows one file for every document.
type originals struct {
	api.IngestBackend // nil: only Paths is called
	path              string
}

func (o originals) Paths(string) []string { return []string{o.path} }

// TestDocumentPageLinksTheOriginalFile: with an ingest side, the document
// page links the original at each page and /documents/{id}/file serves it
// (sandboxed) to a signed-in key, which the API's own route would refuse
// without an Authorization header.
func TestDocumentPageLinksTheOriginalFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "order.pdf")
	if err := os.WriteFile(file, nil, 0o644); err != nil { // testDocs' sizes are 0
		t.Fatal(err)
	}
	path, secrets := testKeys(t)
	ts := serveWeb(t, api.Options{KeysFile: path, Ingest: originals{path: file}})
	ck := &http.Cookie{Name: keyCookie, Value: secrets["reader"]}
	_, _, body := fetch(t, ts, "/documents/order1", ck)
	mustContain(t, "document page", body, `id="original"`, `href="/documents/order1/file#page=2"`)
	code, h, _ := fetch(t, ts, "/documents/order1/file", ck)
	if code != http.StatusOK || h.Get("Content-Security-Policy") != "default-src 'none'; sandbox; frame-ancestors 'none'" {
		t.Errorf("original file: %d, CSP %q", code, h.Get("Content-Security-Policy"))
	}
	if code, _, _ := fetch(t, ts, "/documents/order1/file", &http.Cookie{Name: keyCookie, Value: secrets["filtered"]}); code != http.StatusNotFound {
		t.Errorf("the filtered key fetched a filing's file: %d", code)
	}
	if code, _, _ := fetch(t, ts, "/v1/documents/order1/file", ck); code != http.StatusUnauthorized {
		t.Errorf("the API's file route with the pages' cookie: %d", code)
	}
}

// TestExportLinksExportTheSearch: the search page's export links stream
// the same search (its filters included) from the API's export.
func TestExportLinksExportTheSearch(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	_, _, body := fetch(t, ts, "/?q=Nightjar&kind=filing&court=nysd")
	for _, c := range []struct{ id, ctype string }{{"export-csv", "text/csv"}, {"export-jsonl", "application/x-ndjson"}} {
		m := regexp.MustCompile(`href="([^"]+)" id="` + c.id + `"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no %s link", c.id)
		}
		code, h, out := fetch(t, ts, strings.ReplaceAll(m[1], "&amp;", "&"))
		if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), c.ctype) {
			t.Fatalf("%s: %d %s", c.id, code, h.Get("Content-Type"))
		}
		mustContain(t, c.id, out, "other1")
		mustNotContain(t, c.id, out, "order1", "complaint1", "art1")
	}
}

func TestDateHistogram(t *testing.T) {
	ts := serveWeb(t, api.Options{})
	cases := []struct {
		query string
		want  []string
	}{
		{"q=Nightjar", []string{
			`aria-label="Documents by year"`,
			`<a href="/?from=2024&amp;q=Nightjar&amp;to=2024" class="h-10" aria-label="2024: 3">`,
			`<a href="/?from=2025&amp;q=Nightjar&amp;to=2025" class="h-3" aria-label="2025: 1">`,
		}},
		// A year selected: its months, and the way back.
		{"q=Nightjar&from=2024&to=2024", []string{
			`<strong>3</strong> documents`,
			`aria-label="Documents by month of 2024"`,
			`<a href="/?q=Nightjar">All years</a>`,
			`<a href="/?from=2024-03&amp;q=Nightjar&amp;to=2024-03" class="h-5" aria-label="2024-03: 1">`,
			`class="h-10" aria-label="2024-09: 2"`,
		}},
		{"q=Nightjar&from=2024-09&to=2024-09", []string{`<strong>2</strong> documents`, `class="h-10 current" aria-label="2024-09: 2" aria-current="true"`}},
	}
	for _, c := range cases {
		_, _, body := fetch(t, ts, "/?"+c.query)
		mustContain(t, c.query, body, c.want...)
	}
}
