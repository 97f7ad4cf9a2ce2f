package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/api/keys"
	"dossier/index/bleve"
)

// testKeys writes a keys file with one key per scope ("search", "read",
// "ingest", "admin"), "expired" and "revoked" keys holding every scope,
// and "filtered" (search and read, restricted to articles). It returns
// the file and each key's secret by name.
func testKeys(t *testing.T) (string, map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys.json")
	var set keys.Set
	secrets := map[string]string{}
	now := time.Now()
	add := func(name string, at time.Time, opts keys.CreateOptions) {
		opts.Name = name
		sec, _, err := set.Create(opts, at)
		if err != nil {
			t.Fatal(err)
		}
		secrets[name] = sec
	}
	for _, sc := range keys.AllScopes {
		add(string(sc), now, keys.CreateOptions{Scopes: []keys.Scope{sc}})
	}
	// Created two hours ago, expired one hour ago.
	add("expired", now.Add(-2*time.Hour), keys.CreateOptions{Scopes: keys.AllScopes, Expires: now.Add(-time.Hour)})
	add("revoked", now, keys.CreateOptions{Scopes: keys.AllScopes})
	if err := set.Revoke("revoked", now); err != nil {
		t.Fatal(err)
	}
	add("filtered", now, keys.CreateOptions{Scopes: []keys.Scope{keys.ScopeSearch, keys.ScopeRead}, Filter: "kind:article"})
	if err := set.Save(path); err != nil {
		t.Fatal(err)
	}
	return path, secrets
}

// newKeyedServer serves the test documents with a keys file and no rate
// limits unless opts sets them.
func newKeyedServer(t *testing.T, opts Options, backend Backend) (*Server, *httptest.Server, map[string]string) {
	t.Helper()
	path, secrets := testKeys(t)
	opts.KeysFile = path
	if opts.RatePerIP == 0 {
		opts.RatePerIP = -1
	}
	if opts.RatePerKey == 0 {
		opts.RatePerKey = -1
	}
	if backend == nil {
		backend = openTestIndex(t)
	}
	srv, err := New(backend, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, ts, secrets
}

func openTestIndex(t testing.TB) *bleve.Index {
	t.Helper()
	ix, err := bleve.Open(bleve.Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(testDocs()...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// call sends one request with an optional bearer secret and returns the
// status, the error code of a JSON error body, and the body.
func call(t *testing.T, ts *httptest.Server, method, path, secret string, body io.Reader) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if secret != "" {
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var eb ErrorBody
	_ = json.Unmarshal(b, &eb)
	return res.StatusCode, eb.Error.Code, string(b)
}

// concretePath fills route parameters so that the router matches.
func concretePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		switch {
		case strings.HasPrefix(s, ":"):
			parts[i] = "order1"
		case s == "*":
			parts[i] = "x"
		}
	}
	return strings.Join(parts, "/")
}

// TestRouteKeyMatrix walks every route echo has registered (so a route
// added later is covered) × {no key, malformed header, unknown key,
// expired key, revoked key, a key of each scope} and checks each is
// protected as its declared scope says.
func TestRouteKeyMatrix(t *testing.T) {
	srv, ts, secrets := newKeyedServer(t, Options{}, nil)
	declared := map[string]Scope{}
	for _, r := range srv.routes() {
		if !knownScope(r.scope) {
			t.Errorf("%s %s declares unknown scope %q", r.method, r.path, r.scope)
		}
		declared[r.method+" "+r.path] = r.scope
	}
	registered := srv.echo.Routes()
	if len(registered) < len(declared) {
		t.Fatalf("echo has %d routes, the table declares %d", len(registered), len(declared))
	}
	type cred struct {
		name   string
		header string // full Authorization header; "" for none
		scope  Scope  // scope held; "" for an invalid credential
	}
	creds := []cred{
		{"no key", "", ""},
		{"malformed header", "Basic " + secrets["admin"], ""},
		{"empty bearer", "Bearer ", ""},
		{"unknown key", "Bearer " + keys.SecretPrefix + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ""},
		{"expired key", "Bearer " + secrets["expired"], ""},
		{"revoked key", "Bearer " + secrets["revoked"], ""},
	}
	for _, sc := range keys.AllScopes {
		creds = append(creds, cred{"key with " + string(sc), "Bearer " + secrets[string(sc)], Scope(sc)})
	}
	checked := 0
	for _, r := range registered {
		scope, ok := declared[r.Method+" "+r.Path]
		if !ok {
			t.Errorf("%s %s is registered but not in the route table: it has no declared scope", r.Method, r.Path)
			continue
		}
		path := concretePath(r.Path)
		for _, c := range creds {
			req, _ := http.NewRequest(r.Method, ts.URL+path, strings.NewReader(""))
			if c.header != "" {
				req.Header.Set("Authorization", c.header)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var eb ErrorBody
			_ = json.NewDecoder(res.Body).Decode(&eb)
			res.Body.Close()
			checked++
			denied := res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden
			switch {
			case scope == ScopePublic:
				if denied {
					t.Errorf("%s %s (public) with %s: %d %s", r.Method, path, c.name, res.StatusCode, eb.Error.Code)
				}
			case c.scope == "":
				if res.StatusCode != http.StatusUnauthorized || eb.Error.Code != CodeUnauthorized {
					t.Errorf("%s %s (%s) with %s: %d %q, want 401 unauthorized", r.Method, path, scope, c.name, res.StatusCode, eb.Error.Code)
				}
				if res.StatusCode == http.StatusUnauthorized && res.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("%s %s with %s: 401 without WWW-Authenticate", r.Method, path, c.name)
				}
			case c.scope == scope:
				if denied {
					t.Errorf("%s %s (%s) with %s: %d %s, want admitted", r.Method, path, scope, c.name, res.StatusCode, eb.Error.Code)
				}
			default:
				if res.StatusCode != http.StatusForbidden || eb.Error.Code != CodeForbidden {
					t.Errorf("%s %s (%s) with %s: %d %q, want 403 forbidden", r.Method, path, scope, c.name, res.StatusCode, eb.Error.Code)
				}
			}
		}
	}
	t.Logf("checked %d routes × %d credentials = %d requests", len(registered), len(creds), checked)
}

// TestOpenModeOnLoopback: with no keys file every route is open.
func TestOpenModeOnLoopback(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, r := range srv.echo.Routes() {
		code, errCode, _ := call(t, ts, r.Method, concretePath(r.Path), "", strings.NewReader(""))
		if code == http.StatusUnauthorized || code == http.StatusForbidden {
			t.Errorf("%s %s in open mode: %d %s", r.Method, r.Path, code, errCode)
		}
	}
}

func TestUndeclaredScopeIsDenied(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.echo.GET("/test/undeclared", srv.healthz, srv.requireScope("", false))
	srv.echo.GET("/test/bogus", srv.healthz, srv.requireScope("everything", false))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, p := range []string{"/test/undeclared", "/test/bogus"} {
		if code, errCode, _ := call(t, ts, "GET", p, "", nil); code != http.StatusForbidden || errCode != CodeForbidden {
			t.Errorf("%s: %d %s, want 403 forbidden even in open mode", p, code, errCode)
		}
	}
}

func TestOpenOnNetworkRefused(t *testing.T) {
	path, _ := testKeys(t)
	cases := []struct {
		opts Options
		ok   bool
	}{
		{Options{Addr: "127.0.0.1:0"}, true},
		{Options{Addr: "[::1]:0"}, true},
		{Options{Addr: "localhost:0"}, true},
		{Options{Addr: ":8080"}, false},
		{Options{Addr: "0.0.0.0:8080"}, false},
		{Options{Addr: "[::]:8080"}, false},
		{Options{Addr: "192.0.2.1:8080"}, false},
		{Options{Addr: "0.0.0.0:8080", InsecureOpen: true}, true},
		{Options{Addr: "0.0.0.0:8080", KeysFile: path}, true},
	}
	for _, c := range cases {
		_, err := New(brokenBackend{}, c.opts, nil)
		if (err == nil) != c.ok || (!c.ok && !errors.Is(err, ErrOpenOnNetwork)) {
			t.Errorf("%+v: err %v, want ok=%v", c.opts, err, c.ok)
		}
	}
	if _, err := New(brokenBackend{}, Options{KeysFile: filepath.Join(t.TempDir(), "missing.json")}, nil); err == nil {
		t.Errorf("a missing keys file was accepted")
	}
}

func TestBearer(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"Bearer abc", "abc", true},
		{"bearer  abc ", "abc", true},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Basic abc", "", false},
		{"", "", false},
		{"Bearer " + strings.Repeat("a", maxAuthorization), "", false},
	}
	for _, c := range cases {
		got, ok := bearer(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("bearer(%q) = %q, %v", c.in, got, ok)
		}
	}
}

// TestBadKeyFilterDisablesThatKey: a key whose mandatory filter does not
// parse is left out, reported by /readyz, and does not keep the server from
// starting or the other keys from working; once revoked it is no error.
func TestBadKeyFilterDisablesThatKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	var set keys.Set
	if _, _, err := set.Create(keys.CreateOptions{Name: "bad", Scopes: []keys.Scope{keys.ScopeSearch}, Filter: "(kind:article"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	badSecret := ""
	goodSecret, _, err := set.Create(keys.CreateOptions{Name: "good", Scopes: []keys.Scope{keys.ScopeSearch}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Save(path); err != nil {
		t.Fatal(err)
	}
	srv, err := New(openTestIndex(t), Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1}, nil)
	if err != nil {
		t.Fatalf("New with one bad filter: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	if code, _, _ := call(t, ts, "GET", "/v1/search?q=Nightjar", goodSecret, nil); code != 200 {
		t.Errorf("the good key: %d", code)
	}
	_ = badSecret
	if code, _, body := call(t, ts, "GET", "/readyz", "", nil); code != 503 || !strings.Contains(body, `\"bad\"`) {
		t.Errorf("readyz with a disabled key: %d %s", code, body)
	}
	if err := set.Revoke("bad", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := set.Save(path); err != nil {
		t.Fatal(err)
	}
	srv2, err := New(openTestIndex(t), Options{KeysFile: path}, nil)
	if err != nil {
		t.Fatalf("New after revoking the bad key: %v", err)
	}
	if err := srv2.keys.Err(); err != nil {
		t.Errorf("a revoked key's filter still reported: %v", err)
	}
}
