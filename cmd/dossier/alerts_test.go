package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/api"
	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index/alert"
	"dossier/index/indextest"
)

// hookReceiver is a webhook endpoint that keeps what it is sent.
type hookReceiver struct {
	mu     sync.Mutex
	bodies [][]byte
	sigs   []string
	srv    *httptest.Server
}

func newHookReceiver(t *testing.T) *hookReceiver {
	t.Helper()
	r := &hookReceiver{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, b)
		r.sigs = append(r.sigs, req.Header.Get(alert.HeaderSignature))
		r.mu.Unlock()
	}))
	t.Cleanup(r.srv.Close)
	return r
}

// events returns the events received so far, each verified with secret.
func (r *hookReceiver) events(t *testing.T, secret string) []alert.Event {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []alert.Event
	for i, b := range r.bodies {
		if err := alert.Verify(secret, r.sigs[i], b, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("delivery %d: %v", i, err)
		}
		var ev alert.Event
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

// writeJSONL writes docs as a JSON Lines file at path.
func writeJSONL(t *testing.T, path string, docs ...corpus.Document) {
	t.Helper()
	var buf bytes.Buffer
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(append(b, '\n'))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// jsonlFiling is a filing of case 24-cv-01234 in court cand with text.
func jsonlFiling(id, text string) corpus.Document {
	return corpus.Document{
		ID: id, Source: id + ".pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF, Title: "ORDER " + id,
		Date: "2026-01-05", PageCount: 1, Court: &legal.Court{ID: "cand"},
		CaseNumbers: []legal.CaseNumber{{Raw: "3:24-cv-01234", Canonical: "24-cv-01234", Court: "cand", Role: legal.RoleDocket}},
		Pages:       []corpus.Page{{Number: 1, Text: text}},
	}
}

var (
	reAlertID = regexp.MustCompile(`created alert ([0-9a-f]{32})`)
	reSecret  = regexp.MustCompile(`(?m)^(whsec_[0-9a-f]+)$`)
)

// storeMatches opens the alerts store of index dir (no process holds it
// between commands) and returns the document IDs alert id matched.
func storeMatches(t *testing.T, dir, id string) []string {
	t.Helper()
	st, err := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Matches(id, alert.MatchQuery{Limit: alert.MaxMatchesPage})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.Doc.ID)
	}
	return out
}

// TestAlertsCLI: dossier alerts create, list, test and delete on a local
// index; dossier index (a JSON Lines import) matches its new documents
// against the alerts, and only those; test --webhook sends a signed test
// delivery.
func TestAlertsCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", sampleDir); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	code, out, errOut := runCmd(t, "alerts", "create", "--index", dir, "--name", "turbines in cand", "--court", "cand", "turbines")
	m := reAlertID.FindStringSubmatch(out)
	if code != 0 || m == nil || !reSecret.MatchString(out) || !strings.Contains(out, "/feed?token=") {
		t.Fatalf("create: %d\n%s\n%s", code, out, errOut)
	}
	id := m[1]
	// Indexed before the alert existed: the sample never matches it.
	if got := storeMatches(t, dir, id); len(got) != 0 {
		t.Errorf("matches before any new document: %v", got)
	}

	// A JSON Lines import: one new matching filing, one that does not match.
	jsonl := filepath.Join(t.TempDir(), "new", "docs.jsonl")
	writeJSONL(t, jsonl, jsonlFiling("wind1", "An order about wind turbines."), jsonlFiling("other1", "An order about fisheries."))
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", jsonl); code != 0 {
		t.Fatalf("index of the JSON Lines file: %d %s", code, errOut)
	}
	if got := storeMatches(t, dir, id); !slices.Equal(got, []string{"wind1"}) {
		t.Errorf("after the import the alert matched %v, want [wind1]", got)
	}
	// --alerts=false leaves the alerts alone.
	jsonl2 := filepath.Join(filepath.Dir(jsonl), "more.jsonl")
	writeJSONL(t, jsonl2, jsonlFiling("wind2", "More turbines."))
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", "--alerts=false", jsonl2); code != 0 {
		t.Fatalf("index --alerts=false: %d %s", code, errOut)
	}
	if got := storeMatches(t, dir, id); !slices.Equal(got, []string{"wind1"}) {
		t.Errorf("--alerts=false still matched: %v", got)
	}

	code, out, _ = runCmd(t, "alerts", "list", "--index", dir)
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "turbines in cand") || strings.Contains(out, "whsec_") {
		t.Errorf("list: %d\n%s", code, out)
	}
	var list api.AlertList
	code, out, _ = runCmd(t, "alerts", "list", "--index", dir, "--json")
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list.Alerts) != 1 || list.Alerts[0].WebhookSecret != "" {
		t.Errorf("list --json: %d %v\n%s", code, err, out)
	}

	code, out, _ = runCmd(t, "alerts", "test", "--index", dir, id)
	if code != 0 || !strings.Contains(out, "id wind1") || !strings.Contains(out, "id wind2") || !strings.Contains(out, "2 matching documents") {
		t.Errorf("test: %d\n%s", code, out)
	}

	// A webhook on this host needs --alerts-allow-private.
	rcv := newHookReceiver(t)
	if code, _, errOut := runCmd(t, "alerts", "create", "--index", dir, "--name", "hooked", "--webhook", rcv.srv.URL, "turbines"); code != 2 || !strings.Contains(errOut, "webhook_refused") {
		t.Errorf("a loopback webhook without --alerts-allow-private: %d %s", code, errOut)
	}
	code, out, errOut = runCmd(t, "alerts", "create", "--index", dir, "--name", "hooked", "--webhook", rcv.srv.URL, "--alerts-allow-private", "turbines")
	hm, sm := reAlertID.FindStringSubmatch(out), reSecret.FindStringSubmatch(out)
	if code != 0 || hm == nil || sm == nil {
		t.Fatalf("create with a webhook: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCmd(t, "alerts", "test", "--index", dir, "--webhook", "--alerts-allow-private", hm[1]); code != 0 {
		t.Errorf("test --webhook: %d %s", code, errOut)
	}
	if evs := rcv.events(t, sm[1]); len(evs) != 1 || evs[0].Type != alert.EventTest || evs[0].Alert.ID != hm[1] {
		t.Errorf("test deliveries: %+v", evs)
	}
	if code, _, errOut := runCmd(t, "alerts", "test", "--index", dir, "--webhook", id); code != 2 || !strings.Contains(errOut, "no webhook") {
		t.Errorf("test --webhook of an alert without one: %d %s", code, errOut)
	}

	// Following a case.
	code, out, _ = runCmd(t, "alerts", "create", "--index", dir, "--follow", "3:24-cv-1234", "--court", "cand")
	fm := reAlertID.FindStringSubmatch(out)
	if code != 0 || fm == nil || !strings.Contains(out, `"Case 24-cv-01234"`) {
		t.Fatalf("follow: %d %s", code, out)
	}
	jsonl3 := filepath.Join(filepath.Dir(jsonl), "docket.jsonl")
	writeJSONL(t, jsonl3, jsonlFiling("docket9", "A minute order."))
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", jsonl3); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	if got := storeMatches(t, dir, fm[1]); !slices.Equal(got, []string{"docket9"}) {
		t.Errorf("the followed case matched %v, want [docket9]", got)
	}

	code, out, _ = runCmd(t, "alerts", "delete", "--index", dir, id, "0123456789abcdef0123456789abcdef")
	if code != 3 || !strings.Contains(out, "deleted: "+id) || !strings.Contains(out, "not found: 0123456789abcdef0123456789abcdef") {
		t.Errorf("delete: %d\n%s", code, out)
	}
	if code, out, _ = runCmd(t, "alerts", "list", "--index", dir); strings.Contains(out, id) {
		t.Errorf("deleted alert still listed:\n%s", out)
	}
}

// TestServeAlertsEndToEnd: dossier serve opens the alerts store, serves
// /v1/alerts, matches uploads and watched files against the alerts and delivers the
// matches to a webhook on this host (--alerts-allow-private), signed, and
// stops cleanly.
func TestServeAlertsEndToEnd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	watched := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr indextest.SyncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--index", dir, "--addr", "127.0.0.1:0", "--in-process", "--web=false",
			"--alerts-allow-private", "--log-format", "json", "--watch", watched, "--watch-interval", "100ms"}, io.Discard, &stderr)
	}()
	reAddr := regexp.MustCompile(`"addr":"(http://127\.0\.0\.1:\d+)"`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := reAddr.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve did not start:\n%s", stderr.String())
	}

	rcv := newHookReceiver(t)
	res, err := http.Post(base+"/v1/alerts", "application/json",
		strings.NewReader(`{"name":"quokkas","q":"quokka","webhook_url":"`+rcv.srv.URL+`/in"}`))
	if err != nil {
		t.Fatal(err)
	}
	var a api.AlertResponse
	json.NewDecoder(res.Body).Decode(&a)
	res.Body.Close()
	if res.StatusCode != 201 || a.WebhookSecret == "" {
		t.Fatalf("create: %d %+v", res.StatusCode, a)
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, text := range map[string]string{"q.html": "The quokka habitat dispute was decided today.", "w.html": "Wombats dig long burrows."} {
		w, _ := mw.CreateFormFile("files", name)
		io.WriteString(w, `<html lang="en"><head><title>`+name+`</title></head><body><article><h1>`+name+`</h1>`+strings.Repeat("<p>"+text+"</p>", 5)+`</article></body></html>`)
	}
	mw.Close()
	res, err = http.Post(base+"/v1/documents", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("upload: %d", res.StatusCode)
	}

	var evs []alert.Event
	for deadline := time.Now().Add(15 * time.Second); len(evs) == 0 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		evs = rcv.events(t, a.WebhookSecret)
	}
	if len(evs) != 1 || evs[0].Type != alert.EventMatches || len(evs[0].Documents) != 1 || evs[0].Documents[0].Title != "q.html" {
		t.Errorf("deliveries: %+v, want one event with the quokka page", evs)
	}
	// A file that appears in a watched folder is matched too.
	page := `<html lang="en"><head><title>watched quokka</title></head><body><article><h1>watched quokka</h1>` +
		strings.Repeat("<p>Another quokka colony was found near the river today.</p>", 5) + `</article></body></html>`
	if err := os.WriteFile(filepath.Join(watched, "w.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(15 * time.Second); len(evs) < 2 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		evs = rcv.events(t, a.WebhookSecret)
	}
	if len(evs) != 2 || len(evs[1].Documents) != 1 || evs[1].Documents[0].Title != "watched quokka" {
		t.Errorf("deliveries after the watched file: %+v", evs)
	}
	// The CLI against the running server.
	if code, out, errOut := runCmd(t, "alerts", "list", "--server", base); code != 0 || !strings.Contains(out, a.ID) || strings.Contains(out, "whsec_") {
		t.Errorf("alerts list --server: %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := runCmd(t, "alerts", "test", "--server", base, a.ID); code != 0 || !strings.Contains(out, "2 matching documents") {
		t.Errorf("alerts test --server: %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runCmd(t, "alerts", "create", "--server", base, "--name", "wombats", "wombat")
	wm := reAlertID.FindStringSubmatch(out)
	if code != 0 || wm == nil {
		t.Fatalf("alerts create --server: %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runCmd(t, "alerts", "delete", "--server", base, wm[1]); code != 0 || !strings.Contains(out, "deleted: "+wm[1]) {
		t.Errorf("alerts delete --server: %d\n%s", code, out)
	}
	mres, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(mres.Body)
	mres.Body.Close()
	if !strings.Contains(string(metrics), "dossier_alert_matches_total 2") || !strings.Contains(string(metrics), "dossier_alert_deliveries_total 2") {
		t.Errorf("metrics lack the alert counters:\n%s", metrics)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d:\n%s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	for _, secret := range []string{a.WebhookSecret, a.FeedToken} {
		if strings.Contains(stderr.String(), secret) {
			t.Errorf("the log holds a secret")
		}
	}
}
