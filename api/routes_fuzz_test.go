package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"dossier/index/alert"
)

// allowed5xx are the server errors an answer may carry: a 503 refusal
// (busy, timed out, not ready) or a 501 for a feature the backend lacks or
// the server runs without (alerts).
var allowed5xx = map[int][]string{
	http.StatusServiceUnavailable: {CodeOverloaded, CodeTimeout, CodeUnavailable},
	http.StatusNotImplemented:     {CodeNotImplemented, CodeAlertsDisabled},
}

// FuzzRoutes drives every route with arbitrary path parameters, query
// parameters and bodies, and checks that no answer is a 5xx other than a
// documented refusal, and that every error has the JSON error body.
func FuzzRoutes(f *testing.F) {
	seeds := []struct {
		route      uint8
		param, raw string
		body       []byte
	}{
		{3, "order1", "q=Nightjar&page=922337203685477587&size=10", nil},
		{3, "order1", "q=date:1000&from=-1000y", nil},
		{4, "order1", "", []byte(`{"q":"Nightjar","page":9223372036854775807,"size":100}`)},
		{5, "order1", "", []byte(`{"queries":[{"q":"a","page":1e30},{"q":"\"x"}]}`)},
		{6, "order1", "format=csv&q=§ ¶ &", nil},
		{9, "../../etc/passwd", "q=x", nil},
		{11, "24-cv-01234", "court=%ff", nil},
		{12, "order1", "", []byte("--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.html\"\r\n\r\n<p>")},
		{3, "order1", "q=((((((((((x&relax=maybe&case=Nibi v. Doe, 5:24-cv-06184", nil},
		{17, "order1", "", []byte(`{"name":"n","q":"Nightjar","court":["cand"],"webhook_url":"http://127.0.0.1/x"}`)},
		{20, "order1", "0?0", []byte(`{"name":"n","q":"\"x"}`)},
	}
	for _, s := range seeds {
		f.Add(s.route, s.param, s.raw, s.body)
	}
	// With an alerts store, so that the alert routes are driven too.
	st, err := alert.Open(filepath.Join(f.TempDir(), alert.FileName), alert.StoreOptions{}, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv, err := New(openTestIndex(f), Options{RatePerIP: -1, RatePerKey: -1, Alerts: st}, nil)
	if err != nil {
		f.Fatal(err)
	}
	routes := srv.routes()
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, which uint8, param, rawQuery string, body []byte) {
		r := routes[int(which)%len(routes)]
		path := strings.ReplaceAll(concretePath(r.path), "order1", url.PathEscape(param))
		if param == "" {
			path = concretePath(r.path)
		}
		req, err := http.NewRequest(r.method, "http://dossier"+path+"?"+rawQuery, bytes.NewReader(body))
		if err != nil {
			return // not a request a client can send
		}
		if len(body) > 0 && body[0] == '-' {
			req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		} else {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			var eb ErrorBody
			_ = json.Unmarshal(rec.Body.Bytes(), &eb)
			ok := false
			for _, c := range allowed5xx[rec.Code] {
				ok = ok || eb.Error.Code == c
			}
			if !ok {
				t.Fatalf("%s %s?%s: %d %s", r.method, path, rawQuery, rec.Code, rec.Body)
			}
		}
		if rec.Code >= 400 && r.path != "/metrics" {
			var eb ErrorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil || eb.Error.Code == "" {
				t.Fatalf("%s %s?%s: %d without the JSON error body: %.200s", r.method, path, rawQuery, rec.Code, rec.Body)
			}
		}
	})
}
