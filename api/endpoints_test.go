package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"dossier/index"
)

func post(t *testing.T, ts *httptest.Server, path, body string, out any) int {
	t.Helper()
	res, err := http.Post(ts.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatalf("%s: decode: %v", path, err)
		}
	}
	return res.StatusCode
}

func TestSearchPostMatchesGet(t *testing.T) {
	ts := newTestServer(t)
	var viaGet, viaPost SearchResponse
	if code := get(t, ts, "/v1/search?q=Nightjar&kind=filing&facets=court&size=5", &viaGet); code != 200 {
		t.Fatalf("GET: %d", code)
	}
	if code := post(t, ts, "/v1/search", `{"q":"Nightjar","kind":["filing"],"facets":["court"],"size":5}`, &viaPost); code != 200 {
		t.Fatalf("POST: %d", code)
	}
	viaGet.TookMS, viaPost.TookMS = 0, 0
	g, _ := json.Marshal(viaGet)
	p, _ := json.Marshal(viaPost)
	if !bytes.Equal(g, p) {
		t.Errorf("POST differs from GET:\n%s\n%s", p, g)
	}
	var eb ErrorBody
	for body, want := range map[string]string{
		`{"q":"x","colour":"red"}`: CodeInvalidParameter,
		`{"size":-1}`:              CodeInvalidParameter,
		`{"q":"(a"}`:               CodeInvalidQuery,
		``:                         CodeInvalidParameter,
		`{"q":"a"} {"q":"b"}`:      CodeInvalidParameter,
	} {
		if code := post(t, ts, "/v1/search", body, &eb); code != 400 || eb.Error.Code != want {
			t.Errorf("POST %q: %d %+v, want 400 %s", body, code, eb, want)
		}
	}
}

func TestBatchSearch(t *testing.T) {
	ts := newTestServer(t)
	var out BatchResponse
	code := post(t, ts, "/v1/search/batch", `{"queries":[{"q":"Nightjar"},{"q":"\"broken"},{"q":"spyware","kind":["article"]}]}`, &out)
	if code != 200 || len(out.Results) != 3 {
		t.Fatalf("batch: %d %+v", code, out)
	}
	if r := out.Results[0]; r.SearchResponse == nil || r.Total != 2 || r.Error != nil {
		t.Errorf("first: %+v", r)
	}
	if r := out.Results[1]; r.Error == nil || r.Error.Code != CodeInvalidQuery || r.SearchResponse != nil {
		t.Errorf("second should fail alone: %+v", r)
	}
	if r := out.Results[2]; r.SearchResponse == nil || r.Total != 1 || r.Hits[0].ID != "art1" {
		t.Errorf("third: %+v", r)
	}
	// A page whose window overflows an int is that query's 400, not the
	// batch's 500 (it used to panic in bleve's collector).
	out = BatchResponse{}
	code = post(t, ts, "/v1/search/batch", `{"queries":[{"q":"Nightjar"},{"q":"Nightjar","page":922337203685477587,"size":10}]}`, &out)
	if code != 200 || len(out.Results) != 2 || out.Results[0].SearchResponse == nil ||
		out.Results[1].Error == nil || out.Results[1].Error.Code != CodeInvalidParameter {
		t.Errorf("batch with an overflowing page: %d %+v", code, out)
	}
	many := `{"queries":[` + strings.TrimSuffix(strings.Repeat(`{"q":"a"},`, MaxBatchQueries+1), ",") + `]}`
	var eb ErrorBody
	if code := post(t, ts, "/v1/search/batch", many, &eb); code != 400 {
		t.Errorf("%d queries: %d %+v", MaxBatchQueries+1, code, eb)
	}
}

func TestExportCSVAndJSONL(t *testing.T) {
	ts := newTestServer(t)
	res, err := http.Get(ts.URL + "/v1/search/export?format=csv&q=Nightjar&sort=date")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(res.Body).ReadAll()
	res.Body.Close()
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("csv: %d %v", res.StatusCode, err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], exportColumns) || rows[1][0] != "order1" || rows[2][0] != "art1" {
		t.Errorf("csv rows: %v", rows)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("content type %q", ct)
	}
	res, err = http.Get(ts.URL + "/v1/search/export?format=jsonl&q=Nightjar")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) != 2 {
		t.Fatalf("jsonl lines: %q", body)
	}
	for _, l := range lines {
		var h SearchHit
		if err := json.Unmarshal([]byte(l), &h); err != nil || h.ID == "" {
			t.Errorf("line %q: %v", l, err)
		}
	}
	var eb ErrorBody
	for _, q := range []string{"format=xml", "format=csv&size=5", "format=csv&q=%22x"} {
		if code := get(t, ts, "/v1/search/export?"+q, &eb); code != 400 {
			t.Errorf("%s: %d %+v", q, code, eb)
		}
	}
	if got := csvRow(indexHit("=HYPERLINK(1)")); got[8] != "'=HYPERLINK(1)" {
		t.Errorf("formula not neutralised: %q", got[8])
	}
}

func TestDocumentSearchSimilarAndCase(t *testing.T) {
	ts := newTestServer(t)
	var in InDocumentResponse
	if code := get(t, ts, "/v1/documents/order1/search?q=Nightjar", &in); code != 200 || !in.Matched || len(in.Pages) != 1 || in.Pages[0].Page != 2 {
		t.Errorf("in-document search: %d %+v", code, in)
	}
	if code := get(t, ts, "/v1/documents/order1/search?q=absentword", &in); code != 200 || in.Matched || len(in.Pages) != 0 {
		t.Errorf("no match: %d %+v", code, in)
	}
	var eb ErrorBody
	if code := get(t, ts, "/v1/documents/nope/search?q=Nightjar", &eb); code != 404 {
		t.Errorf("missing document: %d %+v", code, eb)
	}
	var sim SearchResponse
	if code := get(t, ts, "/v1/documents/order1/similar", &sim); code != 200 || len(sim.Hits) != 1 || sim.Hits[0].ID != "art1" {
		t.Errorf("similar: %d %+v", code, sim)
	}
	var cr CaseResponse
	if code := get(t, ts, "/v1/cases/3:24-CV-1234-RMS", &cr); code != 200 || cr.Case != "24-cv-01234" || len(cr.Filings) != 1 || cr.Judges[0] != "Rosa M. Serrano" || cr.Initials["RMS"] != "Rosa M. Serrano" {
		t.Errorf("case: %d %+v", code, cr)
	}
	if code := get(t, ts, "/v1/cases/99-cv-00001", &eb); code != 404 || eb.Error.Code != CodeNotFound {
		t.Errorf("unknown case: %d %+v", code, eb)
	}
}

// TestOpenAPI checks that the description covers every registered route
// and that real responses match its schemas.
func TestOpenAPI(t *testing.T) {
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	ts := newTestServer(t)
	srv, err := New(nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.routes() {
		path := r.path
		for _, seg := range strings.Split(path, "/") {
			if strings.HasPrefix(seg, ":") {
				path = strings.Replace(path, seg, "{"+seg[1:]+"}", 1)
			}
		}
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(r.method) == nil {
			t.Errorf("%s %s is not described in openapi.json", r.method, path)
			continue
		}
		if got := item.GetOperation(r.method).Extensions["x-dossier-scope"]; got != string(r.scope) {
			t.Errorf("%s %s: openapi scope %v, route scope %s", r.method, path, got, r.scope)
		}
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/healthz", ""},
		{"GET", "/v1/search?q=Nightjar&facets=kind,court,month&fragments=2", ""},
		{"GET", "/v1/search?q=%22open", ""},
		{"GET", "/v1/search?size=1000", ""},
		{"POST", "/v1/search", `{"q":"Nightjar","size":1}`},
		{"POST", "/v1/search/batch", `{"queries":[{"q":"Nightjar"},{"q":"(x"}]}`},
		{"GET", "/v1/documents/order1", ""},
		{"GET", "/v1/documents/nope", ""},
		{"GET", "/v1/documents/order1/search?q=Nightjar", ""},
		{"GET", "/v1/documents/order1/similar", ""},
		{"GET", "/v1/cases/24-cv-01234", ""},
		{"GET", "/v1/stats", ""},
	} {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req, _ := http.NewRequest(c.method, ts.URL+c.path, body)
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resBody, _ := io.ReadAll(res.Body)
		res.Body.Close()
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s %s: no route in openapi.json: %v", c.method, c.path, err)
			continue
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		out := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
			Body: io.NopCloser(bytes.NewReader(resBody)),
		}
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			t.Errorf("%s %s → %d does not match openapi.json: %v", c.method, c.path, res.StatusCode, err)
		}
	}
	var _ routers.Router = router
}

func indexHit(title string) index.Hit { return index.Hit{ID: "x", Title: title} }
