package api

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"dossier/api/keys"
	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/alert"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// alertEnv is a keyed server over an empty index that takes uploads,
// with an alerts store whose matcher is the ingester's commit hook, and a
// deliverer the test runs by hand.
type alertEnv struct {
	ts      *httptest.Server
	ing     *ingest.Ingester
	store   *alert.Store
	deliver *alert.Deliverer
	secrets map[string]string // key name -> secret
	corpus  string            // a folder for JSON Lines files to ingest
}

// alertKeys are the keys of alertEnv: one per line of the table, "desk"
// restricted to one site.
var alertKeys = []struct {
	name   string
	scopes []keys.Scope
	filter string
}{
	{"searcher", []keys.Scope{keys.ScopeSearch, keys.ScopeRead}, ""},
	{"watcher", []keys.Scope{keys.ScopeAlerts}, ""},
	{"other", []keys.Scope{keys.ScopeAlerts}, ""},
	{"boss", []keys.Scope{keys.ScopeAlerts, keys.ScopeAdmin, keys.ScopeSearch}, ""},
	{"desk", []keys.Scope{keys.ScopeAlerts, keys.ScopeSearch}, `site:"The Bay Ledger"`},
	{"uploader", []keys.Scope{keys.ScopeIngest}, ""},
	{"filteredboss", []keys.Scope{keys.ScopeAlerts, keys.ScopeAdmin}, `site:"The Bay Ledger"`},
}

// newAlertEnv builds an alertEnv; allowPrivate lets webhooks name the
// test's loopback receivers.
func newAlertEnv(t *testing.T, allowPrivate bool) *alertEnv {
	t.Helper()
	dir := t.TempDir()
	ixDir := filepath.Join(dir, "index")
	ix, err := bleve.Open(bleve.Options{Dir: ixDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	st, err := alert.Open(filepath.Join(ixDir, alert.FileName), alert.StoreOptions{AllowPrivate: allowPrivate}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() }) // after the ingester's
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ing := openIngester(t, ixDir, ix, ingest.Options{OriginalsDir: filepath.Join(dir, "originals")}, ex)
	t.Cleanup(func() { ing.Close() })
	m, err := alert.NewMatcher(st, ix, alert.MatcherOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ing.SetCommitHook(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	dl, err := alert.NewDeliverer(st, alert.DelivererOptions{AllowPrivate: allowPrivate}, nil)
	if err != nil {
		t.Fatal(err)
	}

	var set keys.Set
	secrets := map[string]string{}
	for _, k := range alertKeys {
		sec, _, err := set.Create(keys.CreateOptions{Name: k.name, Scopes: k.scopes, Filter: k.filter}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		secrets[k.name] = sec
	}
	keysFile := filepath.Join(dir, "keys.json")
	if err := set.Save(keysFile); err != nil {
		t.Fatal(err)
	}
	srv, err := New(ix, Options{KeysFile: keysFile, RatePerIP: -1, RatePerKey: -1, Ingest: ing, Alerts: st}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &alertEnv{ts: ts, ing: ing, store: st, deliver: dl, secrets: secrets, corpus: filepath.Join(dir, "corpus")}
}

// do sends one request as key (a name of alertKeys, or "" for none) and
// decodes a JSON answer into out when out is not nil.
func (e *alertEnv) do(t *testing.T, key, method, path, body string, out any) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+e.secrets[key])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var eb ErrorBody
	_ = json.Unmarshal(b, &eb)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decode %q: %v", method, path, b, err)
		}
	}
	return res.StatusCode, eb.Error.Code
}

// create makes an alert as key and returns it (with its secrets).
func (e *alertEnv) create(t *testing.T, key, body string) AlertResponse {
	t.Helper()
	var a AlertResponse
	if code, ec := e.do(t, key, "POST", "/v1/alerts", body, &a); code != http.StatusCreated {
		t.Fatalf("create %s as %s: %d %s", body, key, code, ec)
	}
	return a
}

// upload sends HTML pages (name -> content) as the uploader key.
func (e *alertEnv) upload(t *testing.T, pages map[string]string) {
	t.Helper()
	body, ct := multipartBody(t, pages)
	req, _ := http.NewRequest("POST", e.ts.URL+"/v1/documents", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.secrets["uploader"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var up UploadResponse
	json.NewDecoder(res.Body).Decode(&up)
	res.Body.Close()
	if res.StatusCode != 200 || len(up.Documents) != len(pages) {
		t.Fatalf("upload: %d %+v", res.StatusCode, up)
	}
	for _, d := range up.Documents {
		if d.Outcome != "indexed" {
			t.Fatalf("upload of %s: %+v", d.Name, d)
		}
	}
}

// ingestJSONL writes docs to a JSON Lines file and ingests it, as
// dossier index does (an administrator's import).
func (e *alertEnv) ingestJSONL(t *testing.T, name string, docs []corpus.Document) {
	t.Helper()
	if err := os.MkdirAll(e.corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(e.corpus, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := e.ing.IngestWith(context.Background(), nil, []string{p}, index.IngestOptions{})
	if err != nil || sum.Indexed != len(docs) {
		t.Fatalf("ingest %s: %+v %v", name, sum, err)
	}
}

// matchedIDs lists the document IDs of alert id's matches as key sees them.
func (e *alertEnv) matchedIDs(t *testing.T, key, id string) []string {
	t.Helper()
	var mr MatchesResponse
	if code, ec := e.do(t, key, "GET", "/v1/alerts/"+id+"/matches?limit=1000", "", &mr); code != 200 {
		t.Fatalf("matches of %s as %s: %d %s", id, key, code, ec)
	}
	var out []string
	for _, m := range mr.Matches {
		out = append(out, m.Document.ID)
	}
	slices.Sort(out)
	return out
}

// article is an HTML page of site with body text.
func article(site, title, text string) string {
	return `<html lang="en"><head><title>` + title + `</title><meta property="og:site_name" content="` + site + `"></head>` +
		`<body><article><h1>` + title + `</h1>` + strings.Repeat(`<p>`+text+`</p>`, 4) + `</article></body></html>`
}

// TestAlertsCRUDAndScopes: the alerts scope is needed (a search key gets
// 403), an alert's owner and an administrator see and change it and no
// other key does, its secret and feed token are shown once, and every
// parameter is bounded.
func TestAlertsCRUDAndScopes(t *testing.T) {
	e := newAlertEnv(t, false)
	if code, ec := e.do(t, "searcher", "POST", "/v1/alerts", `{"name":"x","q":"quokka"}`, nil); code != 403 || ec != CodeForbidden {
		t.Errorf("search key creating an alert: %d %s, want 403", code, ec)
	}
	if code, ec := e.do(t, "searcher", "GET", "/v1/alerts", "", nil); code != 403 || ec != CodeForbidden {
		t.Errorf("search key listing alerts: %d %s, want 403", code, ec)
	}
	if code, ec := e.do(t, "", "GET", "/v1/alerts", "", nil); code != 401 || ec != CodeUnauthorized {
		t.Errorf("no key: %d %s, want 401", code, ec)
	}

	a := e.create(t, "watcher", `{"name":"Quokka watch","q":"quokka habitat","court":["cand"],"from":"2024-01-01"}`)
	if a.ID == "" || a.Owner != "watcher" || a.WebhookSecret == "" || a.FeedToken == "" || !strings.Contains(a.FeedURL, url.QueryEscape(a.FeedToken)) {
		t.Errorf("created: %+v", a)
	}
	if a.Q != "quokka habitat" || !slices.Equal(a.Filters.Court, []string{"cand"}) || a.Filters.From != "2024-01-01" || a.Restrict != "" {
		t.Errorf("created search: %+v", a)
	}

	// Visibility: the owner and the administrator, no other key.
	for _, c := range []struct {
		key  string
		want int
	}{{"watcher", 200}, {"boss", 200}, {"other", 404}, {"desk", 404}, {"filteredboss", 404}} {
		var got AlertResponse
		code, _ := e.do(t, c.key, "GET", "/v1/alerts/"+a.ID, "", &got)
		if code != c.want {
			t.Errorf("GET as %s: %d, want %d", c.key, code, c.want)
		}
		if code == 200 && (got.WebhookSecret != "" || got.FeedToken != "" || got.FeedURL != "" || got.ID != a.ID) {
			t.Errorf("GET as %s shows secrets or another alert: %+v", c.key, got)
		}
		var list AlertList
		if code, _ := e.do(t, c.key, "GET", "/v1/alerts", "", &list); code != 200 {
			t.Errorf("list as %s: %d", c.key, code)
		}
		if seen := len(list.Alerts) == 1; seen != (c.want == 200) {
			t.Errorf("list as %s: %+v", c.key, list)
		}
		for _, l := range list.Alerts {
			if l.WebhookSecret != "" || l.FeedToken != "" {
				t.Errorf("list as %s shows secrets: %+v", c.key, l)
			}
		}
		for _, m := range []struct{ method, path, body string }{
			{"PUT", "/v1/alerts/" + a.ID, `{"name":"taken over","q":"x"}`},
			{"GET", "/v1/alerts/" + a.ID + "/matches", ""},
			{"POST", "/v1/alerts/" + a.ID + "/rotate", ""},
		} {
			if c.want == 404 {
				if code, ec := e.do(t, c.key, m.method, m.path, m.body, nil); code != 404 || ec != CodeNotFound {
					t.Errorf("%s %s as %s: %d %s, want 404", m.method, m.path, c.key, code, ec)
				}
			}
		}
	}

	// Update: the search is replaced, the webhook kept when absent, the
	// secret never shown; the owner's key is kept.
	var up AlertResponse
	if code, ec := e.do(t, "watcher", "PUT", "/v1/alerts/"+a.ID, `{"name":"Renamed","q":"wombat","kind":["article"]}`, &up); code != 200 {
		t.Fatalf("update: %d %s", code, ec)
	}
	if up.Name != "Renamed" || up.Q != "wombat" || len(up.Filters.Court) != 0 || !slices.Equal(up.Filters.Kind, []string{"article"}) ||
		up.Owner != "watcher" || up.WebhookSecret != "" || !up.Created.Equal(a.Created) {
		t.Errorf("updated: %+v", up)
	}
	stored, err := e.store.Get(a.ID)
	if err != nil || stored.Webhook.Secret != a.WebhookSecret || stored.FeedToken != a.FeedToken {
		t.Errorf("the update changed the secrets: %v", err)
	}

	// Rotate: new secrets, shown once, the old feed token stops working.
	var rot AlertResponse
	if code, _ := e.do(t, "boss", "POST", "/v1/alerts/"+a.ID+"/rotate", "", &rot); code != 200 ||
		rot.WebhookSecret == "" || rot.WebhookSecret == a.WebhookSecret || rot.FeedToken == a.FeedToken {
		t.Errorf("rotate: %d %+v", code, rot)
	}
	if code, _ := e.do(t, "", "GET", "/v1/alerts/"+a.ID+"/feed?token="+url.QueryEscape(a.FeedToken), "", nil); code != 404 {
		t.Errorf("old feed token after rotate: %d, want 404", code)
	}

	// Every parameter is checked.
	long := strings.Repeat("a", alert.MaxNameBytes+1)
	for _, c := range []struct{ body, code string }{
		{`{"q":"quokka"}`, CodeInvalidParameter},
		{`{"name":"  ","q":"quokka"}`, CodeInvalidParameter},
		{`{"name":"` + long + `"}`, CodeInvalidParameter},
		{`{"name":"x","q":"(quokka"}`, CodeInvalidQuery},
		{`{"name":"x","q":"` + strings.Repeat("w ", 2100) + `"}`, CodeInvalidQuery},
		{`{"name":"x","colour":"red"}`, CodeInvalidParameter},
		{`{"name":"x","court":["cnad"]}`, CodeInvalidParameter},
		{`{"name":"x","from":"yesterday"}`, CodeInvalidParameter},
		{`{"name":"x","from":"-30d"}`, CodeInvalidParameter},
		{`{"name":"x","case":["not a case"]}`, CodeInvalidParameter},
		{`{"name":"x","webhook_url":"ftp://example.com/hook"}`, CodeWebhookRefused},
		{`{"name":"x","webhook_url":"http://127.0.0.1:9/hook"}`, CodeWebhookRefused},
		{`{"name":"x","webhook_url":"http://10.1.2.3/hook"}`, CodeWebhookRefused},
		{`{"name":"x","webhook_url":"https://user:pw@example.com/hook"}`, CodeWebhookRefused},
		{``, CodeInvalidParameter},
	} {
		if code, ec := e.do(t, "watcher", "POST", "/v1/alerts", c.body, nil); code != 400 || ec != c.code {
			t.Errorf("create %.60s: %d %s, want 400 %s", c.body, code, ec, c.code)
		}
	}
	if code, ec := e.do(t, "watcher", "PUT", "/v1/alerts/"+a.ID, `{"name":"x","webhook_url":"http://192.168.1.1/"}`, nil); code != 400 || ec != CodeWebhookRefused {
		t.Errorf("update to a private webhook: %d %s", code, ec)
	}
	for _, q := range []string{"limit=0", "limit=1001", "limit=x", "since=yesterday", "since=" + strings.Repeat("9", 30), "colour=red", "limit=1&limit=2"} {
		if code, ec := e.do(t, "watcher", "GET", "/v1/alerts/"+a.ID+"/matches?"+q, "", nil); code != 400 || ec != CodeInvalidParameter {
			t.Errorf("matches?%s: %d %s, want 400", q, code, ec)
		}
	}
	for _, id := range []string{"nope", strings.Repeat("a", 32), "../x"} {
		if code, ec := e.do(t, "watcher", "GET", "/v1/alerts/"+url.PathEscape(id), "", nil); code != 404 || ec != CodeNotFound {
			t.Errorf("GET /v1/alerts/%s: %d %s, want 404", id, code, ec)
		}
	}

	// Delete: the owner may, then the alert is gone for everyone.
	if code, _ := e.do(t, "other", "DELETE", "/v1/alerts/"+a.ID, "", nil); code != 404 {
		t.Errorf("another key deleting: %d, want 404", code)
	}
	if code, _ := e.do(t, "watcher", "DELETE", "/v1/alerts/"+a.ID, "", nil); code != 204 {
		t.Errorf("delete: %d", code)
	}
	if code, _ := e.do(t, "boss", "GET", "/v1/alerts/"+a.ID, "", nil); code != 404 {
		t.Errorf("deleted alert: %d, want 404", code)
	}
}

// TestAlertsOff: a server without an alerts store answers every alert
// route with 501 alerts_disabled.
func TestAlertsOff(t *testing.T) {
	ts := newTestServer(t)
	for _, r := range []struct{ method, path string }{
		{"POST", "/v1/alerts"}, {"GET", "/v1/alerts"}, {"GET", "/v1/alerts/abc"}, {"PUT", "/v1/alerts/abc"},
		{"DELETE", "/v1/alerts/abc"}, {"GET", "/v1/alerts/abc/matches"}, {"GET", "/v1/alerts/abc/feed?token=x"},
		{"POST", "/v1/cases/24-cv-01234/follow"}, {"POST", "/v1/alerts/abc/rotate"}, {"GET", "/v1/alerts/abc/preview"},
	} {
		code, ec, _ := call(t, ts, r.method, r.path, "", strings.NewReader(`{"name":"x"}`))
		if code != http.StatusNotImplemented || ec != CodeAlertsDisabled {
			t.Errorf("%s %s: %d %s, want 501 %s", r.method, r.path, code, ec, CodeAlertsDisabled)
		}
	}
}

// receiver is a webhook endpoint that records what it is sent.
type receiver struct {
	mu     sync.Mutex
	bodies [][]byte
	sigs   []string
	srv    *httptest.Server
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, b)
		r.sigs = append(r.sigs, req.Header.Get(alert.HeaderSignature))
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// events returns the events received, each checked against secret.
func (r *receiver) events(t *testing.T, secret string) []alert.Event {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []alert.Event
	for i, b := range r.bodies {
		if err := alert.Verify(secret, r.sigs[i], b, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("delivery %d does not verify: %v", i, err)
		}
		if err := alert.Verify(secret+"x", r.sigs[i], b, time.Now(), 5*time.Minute); err == nil {
			t.Errorf("delivery %d verifies with a wrong secret", i)
		}
		var ev alert.Event
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

// TestFilteredKeyAlert: an alert made with a filtered key keeps the key's
// filter: of two uploaded pages that match its query, only the one inside
// the filter appears in its matches, its feed and its webhook delivery,
// while an administrator's alert with the same query sees both. Another
// key cannot see the alert; an administrator can.
func TestFilteredKeyAlert(t *testing.T) {
	e := newAlertEnv(t, true)
	rcv := newReceiver(t)
	desk := e.create(t, "desk", `{"name":"quokka at the Ledger","q":"quokka","webhook_url":"`+rcv.srv.URL+`/hook"}`)
	if desk.Restrict != `site:"The Bay Ledger"` {
		t.Errorf("the desk key's filter is not kept: %+v", desk)
	}
	all := e.create(t, "boss", `{"name":"every quokka","q":"quokka"}`)

	e.upload(t, map[string]string{
		"inside.html":  article("The Bay Ledger", "Quokka ruling at the Ledger", "The court ruled on the quokka habitat dispute in a long opinion today."),
		"outside.html": article("Harbor Times", "Quokka ruling elsewhere", "Harbor reporters covered the quokka habitat dispute and its long opinion."),
		"other.html":   article("The Bay Ledger", "Wombat news", "Nothing about the marsupial in question, only wombats and their burrows."),
	})
	var sr SearchResponse
	if code, _ := e.do(t, "boss", "GET", "/v1/search?q=quokka", "", &sr); code != 200 || sr.Total != 2 {
		t.Fatalf("both quokka pages should be indexed: %d %+v", code, sr)
	}
	insideID, outsideID := "", ""
	for _, h := range sr.Hits {
		switch h.SiteName {
		case "The Bay Ledger":
			insideID = h.ID
		case "Harbor Times":
			outsideID = h.ID
		}
	}
	if insideID == "" || outsideID == "" {
		t.Fatalf("site names not extracted: %+v", sr.Hits)
	}

	if got := e.matchedIDs(t, "desk", desk.ID); !slices.Equal(got, []string{insideID}) {
		t.Errorf("the desk's alert matched %v, want only %s (inside its filter)", got, insideID)
	}
	if got := e.matchedIDs(t, "boss", all.ID); !slices.Equal(got, sorted(insideID, outsideID)) {
		t.Errorf("the unrestricted alert matched %v, want both pages", got)
	}
	// Who may read the desk's matches: the desk and the administrator.
	if got := e.matchedIDs(t, "boss", desk.ID); !slices.Equal(got, []string{insideID}) {
		t.Errorf("the administrator reading the desk's matches: %v", got)
	}
	if code, _ := e.do(t, "other", "GET", "/v1/alerts/"+desk.ID+"/matches", "", nil); code != 404 {
		t.Errorf("another key reading the desk's matches: %d, want 404", code)
	}

	// The preview runs the alert now, over the whole index, with the
	// desk's filter.
	for _, c := range []struct {
		key, id string
		want    []string
	}{{"desk", desk.ID, []string{insideID}}, {"boss", all.ID, sorted(insideID, outsideID)}} {
		var pr SearchResponse
		if code, ec := e.do(t, c.key, "GET", "/v1/alerts/"+c.id+"/preview?size=5", "", &pr); code != 200 {
			t.Fatalf("preview: %d %s", code, ec)
		}
		var got []string
		for _, h := range pr.Hits {
			got = append(got, h.ID)
		}
		if slices.Sort(got); !slices.Equal(got, c.want) {
			t.Errorf("preview of %s's alert: %v, want %v", c.key, got, c.want)
		}
	}

	// The feed.
	feed := fetchFeed(t, e, desk.ID, desk.FeedToken)
	if len(feed.Entries) != 1 || !strings.HasSuffix(feed.Entries[0].Link.Href, "/v1/documents/"+insideID) {
		t.Errorf("the desk's feed: %+v", feed.Entries)
	}

	// The webhook.
	n, err := e.deliver.Pass(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("deliveries: %d %v, want 1", n, err)
	}
	evs := rcv.events(t, desk.WebhookSecret)
	if len(evs) != 1 || evs[0].Alert.ID != desk.ID || len(evs[0].Documents) != 1 || evs[0].Documents[0].ID != insideID {
		t.Errorf("delivered: %+v, want one event with %s only", evs, insideID)
	}
	if mt := e.store.Metrics(); mt.Deliveries != 1 || mt.Outbox != 0 {
		t.Errorf("store metrics after the delivery: %+v", mt)
	}
	_, _, body := call(t, e.ts, "GET", "/metrics", e.secrets["boss"], nil)
	for _, want := range []string{"dossier_alert_matches_total 3", "dossier_alert_deliveries_total 1", "dossier_alert_outbox_depth 0", "dossier_alert_delivery_failures_total 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func sorted(s ...string) []string { slices.Sort(s); return s }

// testFeed is an Atom feed read back.
type testFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"summary"`
	} `xml:"entry"`
}

// fetchFeed reads alert id's feed with token and parses it.
func fetchFeed(t *testing.T, e *alertEnv, id, token string) testFeed {
	t.Helper()
	res, err := http.Get(e.ts.URL + "/v1/alerts/" + id + "/feed?token=" + url.QueryEscape(token))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("feed: %d %s", res.StatusCode, ct)
	}
	var f testFeed
	if err := xml.NewDecoder(res.Body).Decode(&f); err != nil {
		t.Fatalf("feed is not Atom: %v", err)
	}
	return f
}

// filing is a JSON Lines filing of case number raw (canonical canon) in
// court, with text.
func filing(id, court, raw, canon, text string) corpus.Document {
	return corpus.Document{
		ID: id, Source: id + ".pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF, Title: "ORDER " + id,
		Date: "2024-09-12", PageCount: 1, Court: &legal.Court{ID: court},
		CaseNumbers: []legal.CaseNumber{{Raw: raw, Canonical: canon, Court: court, Role: legal.RoleDocket}},
		Pages:       []corpus.Page{{Number: 1, Text: text}},
	}
}

// TestAlertFeed: the feed answers the right token with valid Atom (the
// latest matches, newest first, title, link and fragment), and a wrong,
// missing or another alert's token with the 404 of an unknown alert.
func TestAlertFeed(t *testing.T) {
	e := newAlertEnv(t, false)
	a := e.create(t, "watcher", `{"name":"Nightjar & co","q":"nightjar"}`)
	b := e.create(t, "watcher", `{"name":"other","q":"nightjar"}`)
	e.ingestJSONL(t, "one.jsonl", []corpus.Document{
		filing("f1", "cand", "3:24-cv-01234", "24-cv-01234", "The Nightjar implant exfiltrated messages."),
		filing("f2", "cand", "3:24-cv-01234", "24-cv-01234", "An order about turbines."),
	})
	e.ingestJSONL(t, "two.jsonl", []corpus.Document{
		filing("f3", "cand", "3:24-cv-01234", "24-cv-01234", "Nightjar again, in a later order."),
	})
	for _, c := range []struct{ name, query string }{
		{"no token", ""},
		{"wrong token", "?token=" + strings.Repeat("A", 52)},
		{"another alert's token", "?token=" + url.QueryEscape(b.FeedToken)},
		{"an overlong token", "?token=" + strings.Repeat("A", 200)},
		{"an unknown alert", ""},
	} {
		id := a.ID
		if c.name == "an unknown alert" {
			id, c.query = strings.Repeat("0", 32), "?token="+url.QueryEscape(a.FeedToken)
		}
		code, ec, body := call(t, e.ts, "GET", "/v1/alerts/"+id+"/feed"+c.query, "", nil)
		if code != 404 || ec != CodeNotFound || strings.Contains(body, "f1") {
			t.Errorf("feed with %s: %d %s", c.name, code, ec)
		}
	}
	// An API key does not open a feed: only its token does.
	if code, _, _ := call(t, e.ts, "GET", "/v1/alerts/"+a.ID+"/feed", e.secrets["watcher"], nil); code != 404 {
		t.Errorf("feed with an API key and no token: %d, want 404", code)
	}
	f := fetchFeed(t, e, a.ID, a.FeedToken)
	if f.ID != "urn:dossier:alert:"+a.ID || f.Title != "dossier alert: Nightjar & co" || len(f.Entries) != 2 {
		t.Fatalf("feed: %+v", f)
	}
	if f.Entries[0].Title != "ORDER f3" || f.Entries[1].Title != "ORDER f1" {
		t.Errorf("entries not newest first: %q, %q", f.Entries[0].Title, f.Entries[1].Title)
	}
	for _, en := range f.Entries {
		if _, err := time.Parse(time.RFC3339, en.Updated); err != nil {
			t.Errorf("entry updated %q: %v", en.Updated, err)
		}
		if !strings.HasPrefix(en.Link.Href, e.ts.URL+"/v1/documents/f") || en.Summary.Type != "html" || !strings.Contains(en.Summary.Body, "<mark>") {
			t.Errorf("entry: %+v", en)
		}
	}
}

// TestAlertMatchesPaging: since= pages through the matches in record
// order, each once, more says whether a page was full, and a time or a
// date selects by record time.
func TestAlertMatchesPaging(t *testing.T) {
	e := newAlertEnv(t, false)
	a := e.create(t, "watcher", `{"name":"turbines","q":"turbines"}`)
	var docs []corpus.Document
	for i := range 7 {
		docs = append(docs, filing(fmt.Sprintf("t%d", i), "cand", "3:24-cv-01234", "24-cv-01234", fmt.Sprintf("Order %d about turbines.", i)))
	}
	docs = append(docs, filing("x", "cand", "3:24-cv-01234", "24-cv-01234", "Nothing of the sort."))
	e.ingestJSONL(t, "t.jsonl", docs)

	var seen []string
	var lastSeq uint64
	since := ""
	for page, want := range []struct {
		n    int
		more bool
	}{{3, true}, {3, true}, {1, false}, {0, false}} {
		var mr MatchesResponse
		code, ec := e.do(t, "watcher", "GET", "/v1/alerts/"+a.ID+"/matches?limit=3&since="+since, "", &mr)
		if code != 200 || len(mr.Matches) != want.n || mr.More != want.more {
			t.Fatalf("page %d: %d %s %d matches more=%v, want %d more=%v", page, code, ec, len(mr.Matches), mr.More, want.n, want.more)
		}
		for _, m := range mr.Matches {
			if m.Seq <= lastSeq {
				t.Errorf("page %d: seq %d after %d", page, m.Seq, lastSeq)
			}
			lastSeq = m.Seq
			seen = append(seen, m.Document.ID)
		}
		if want.n > 0 && mr.NextSince != strconv.FormatUint(lastSeq, 10) {
			t.Errorf("page %d: next_since %q, want %d", page, mr.NextSince, lastSeq)
		}
		if want.n == 0 && mr.NextSince != since {
			t.Errorf("empty page: next_since %q, want the since given %q", mr.NextSince, since)
		}
		since = mr.NextSince
	}
	if want := []string{"t0", "t1", "t2", "t3", "t4", "t5", "t6"}; !slices.Equal(seen, want) {
		t.Errorf("paged through %v, want %v", seen, want)
	}
	for _, c := range []struct {
		since string
		n     int
	}{
		{time.Now().Add(time.Hour).UTC().Format(time.RFC3339), 0},
		{time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), 7},
		{"2000-01-01", 7},
		{"0", 7},
	} {
		var mr MatchesResponse
		if code, _ := e.do(t, "watcher", "GET", "/v1/alerts/"+a.ID+"/matches?since="+url.QueryEscape(c.since), "", &mr); code != 200 || len(mr.Matches) != c.n {
			t.Errorf("since=%s: %d, %d matches, want %d", c.since, code, len(mr.Matches), c.n)
		}
	}
}

// TestFollowCase: following a case makes a docket alert that matches the
// case's own filings (in the court asked for), not the filings of other
// cases that cite it, not the articles that mention it.
func TestFollowCase(t *testing.T) {
	e := newAlertEnv(t, false)
	var inCand, anyCourt AlertResponse
	if code, ec := e.do(t, "watcher", "POST", "/v1/cases/3:24-CV-1234-RMS/follow", `{"court":"cand"}`, &inCand); code != 201 {
		t.Fatalf("follow: %d %s", code, ec)
	}
	if inCand.Case != "24-cv-01234" || inCand.Name != "Case 24-cv-01234" || inCand.WebhookSecret == "" || inCand.FeedToken == "" ||
		!slices.Equal(inCand.Filters.Court, []string{"cand"}) {
		t.Errorf("followed: %+v", inCand)
	}
	if code, ec := e.do(t, "watcher", "POST", "/v1/cases/24-cv-01234/follow", "", &anyCourt); code != 201 {
		t.Fatalf("follow without a body: %d %s", code, ec)
	}
	for _, c := range []struct{ path, body string }{
		{"/v1/cases/not-a-case/follow", ""},
		{"/v1/cases/24-cv-01234/follow", `{"colour":"red"}`},
		{"/v1/cases/24-cv-01234/follow", `{"name":"` + strings.Repeat("n", 300) + `"}`},
		{"/v1/cases/24-cv-01234/follow?court=cand", ""},
	} {
		if code, ec := e.do(t, "watcher", "POST", c.path, c.body, nil); code != 400 || ec != CodeInvalidParameter {
			t.Errorf("follow %s %s: %d %s, want 400", c.path, c.body, code, ec)
		}
	}
	if code, _ := e.do(t, "searcher", "POST", "/v1/cases/24-cv-01234/follow", "", nil); code != 403 {
		t.Errorf("follow with a search key: %d, want 403", code)
	}

	citing := filing("citing", "cand", "3:24-cv-09999", "24-cv-09999", "As held in 24-cv-01234, the motion is denied.")
	citing.CaseNumbers = append(citing.CaseNumbers, legal.CaseNumber{Raw: "24-cv-01234", Canonical: "24-cv-01234", Role: legal.RoleCited})
	e.ingestJSONL(t, "case.jsonl", []corpus.Document{
		filing("own", "cand", "3:24-cv-01234-RMS", "24-cv-01234", "Order granting the motion to dismiss."),
		filing("nysd", "nysd", "1:24-cv-01234", "24-cv-01234", "An order of the Southern District."),
		citing,
		{ID: "press", Source: "p.html", Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML, Title: "Case 24-cv-01234 in the news",
			Date: "2024-09-13", Text: "Reporters followed case 24-cv-01234 closely.",
			CaseNumbers: []legal.CaseNumber{{Raw: "24-cv-01234", Canonical: "24-cv-01234", Role: legal.RoleMentioned}}},
	})
	if got := e.matchedIDs(t, "watcher", inCand.ID); !slices.Equal(got, []string{"own"}) {
		t.Errorf("following in cand matched %v, want [own]", got)
	}
	if got := e.matchedIDs(t, "watcher", anyCourt.ID); !slices.Equal(got, []string{"nysd", "own"}) {
		t.Errorf("following in any court matched %v, want [nysd own]", got)
	}
	// A docket alert keeps its case: filters cannot be added to it.
	if code, ec := e.do(t, "watcher", "PUT", "/v1/alerts/"+inCand.ID, `{"name":"renamed","court":["nysd"]}`, nil); code != 400 || ec != CodeInvalidParameter {
		t.Errorf("changing a docket alert's filters: %d %s", code, ec)
	}
	var up AlertResponse
	if code, _ := e.do(t, "watcher", "PUT", "/v1/alerts/"+inCand.ID, `{"name":"renamed"}`, &up); code != 200 || up.Case != "24-cv-01234" || up.Name != "renamed" ||
		!slices.Equal(up.Filters.Court, []string{"cand"}) || !slices.Equal(up.Filters.Kind, []string{"filing"}) {
		t.Errorf("renaming a docket alert: %d %+v", code, up)
	}
}

// TestParseSince: the forms since takes, and what it refuses.
func TestParseSince(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Since
		ok   bool
	}{
		{"", Since{}, true},
		{"0", Since{}, true},
		{"42", Since{AfterSeq: 42}, true},
		{"18446744073709551615", Since{AfterSeq: 1<<64 - 1}, true},
		{"18446744073709551616", Since{}, false},
		{"2026-01-02", Since{Time: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}, true},
		{"2026-01-02T03:04:05+01:00", Since{Time: time.Date(2026, 1, 2, 2, 4, 5, 0, time.UTC)}, true},
		{"-1", Since{}, false},
		{"1e3", Since{}, false},
		{"yesterday", Since{}, false},
		{strings.Repeat("1", 65), Since{}, false},
	} {
		got, err := ParseSince(c.in)
		if (err == nil) != c.ok || got.AfterSeq != c.want.AfterSeq || !got.Time.Equal(c.want.Time) {
			t.Errorf("ParseSince(%q) = %+v, %v; want %+v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

// FuzzParseSince: any input is either refused or read as exactly one of
// a seq or a time, never both, and a seq reads back as written.
func FuzzParseSince(f *testing.F) {
	for _, s := range []string{"", "0", "42", "2026-01-02", "2026-01-02T03:04:05Z", "x", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseSince(s)
		if err != nil {
			if got != (Since{}) {
				t.Errorf("%q: error %v with a value %+v", s, err, got)
			}
			return
		}
		if got.AfterSeq != 0 && !got.Time.IsZero() {
			t.Errorf("%q: both a seq and a time: %+v", s, got)
		}
		if len(s) > maxSinceBytes {
			t.Errorf("%q: longer than %d bytes accepted", s, maxSinceBytes)
		}
		if isDecimal(s) && strings.TrimLeft(s, "0") != strings.TrimLeft(strconv.FormatUint(got.AfterSeq, 10), "0") {
			t.Errorf("%q read as seq %d", s, got.AfterSeq)
		}
	})
}

// TestAlertsOpenAPI: the alert routes' real answers match openapi.json.
func TestAlertsOpenAPI(t *testing.T) {
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	e := newAlertEnv(t, false)
	doc.Servers = openapi3.Servers{{URL: e.ts.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	a := e.create(t, "watcher", `{"name":"n","q":"nightjar","kind":["filing"]}`)
	e.ingestJSONL(t, "n.jsonl", []corpus.Document{filing("f1", "cand", "3:24-cv-01234", "24-cv-01234", "The Nightjar order.")})
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/v1/alerts", `{"name":"m","q":"nightjar","court":["cand"],"from":"2024-01-01"}`},
		{"POST", "/v1/alerts", `{"name":"m","q":"(x"}`},
		{"GET", "/v1/alerts", ""},
		{"GET", "/v1/alerts/" + a.ID, ""},
		{"GET", "/v1/alerts/" + strings.Repeat("0", 32), ""},
		{"PUT", "/v1/alerts/" + a.ID, `{"name":"renamed","q":"nightjar"}`},
		{"GET", "/v1/alerts/" + a.ID + "/matches?limit=5", ""},
		{"GET", "/v1/alerts/" + a.ID + "/preview?size=3", ""},
		{"POST", "/v1/alerts/" + a.ID + "/rotate", ""},
		{"POST", "/v1/cases/24-cv-01234/follow", `{"court":"cand"}`},
		{"DELETE", "/v1/alerts/" + a.ID, ""},
	} {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req, _ := http.NewRequest(c.method, e.ts.URL+c.path, body)
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("Authorization", "Bearer "+e.secrets["watcher"])
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
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
			Body: io.NopCloser(bytes.NewReader(resBody))}
		if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
			t.Errorf("%s %s → %d does not match openapi.json: %v", c.method, c.path, res.StatusCode, err)
		}
	}
}
