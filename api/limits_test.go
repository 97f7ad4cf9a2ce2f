package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/api/keys"
	"dossier/index"
)

// TestOpenLoopbackHasNoAddressLimit checks the default mode (no keys
// file, loopback only): a researcher's script fetching many documents is
// not refused with 429.
func TestOpenLoopbackHasNoAddressLimit(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{RatePerIP: 0.5, BurstPerIP: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for i := range 100 {
		if code, ec, _ := call(t, ts, "GET", "/v1/documents/order1", "", nil); code != 200 {
			t.Fatalf("request %d in open loopback mode: %d %s", i+1, code, ec)
		}
	}
}

func TestRateLimitPerAddress(t *testing.T) {
	// The per-address limit holds with a keys file or --insecure-open.
	srv, err := New(openTestIndex(t), Options{RatePerIP: 0.5, BurstPerIP: 3, InsecureOpen: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for i := range 3 {
		if code, ec, _ := call(t, ts, "GET", "/v1/search?q=Nightjar", "", nil); code != 200 {
			t.Fatalf("request %d within the burst: %d %s", i+1, code, ec)
		}
	}
	res, err := http.Get(ts.URL + "/v1/search?q=Nightjar")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("past the burst: %d, want 429", res.StatusCode)
	}
	if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Errorf("Retry-After %q, want 1 or 2 seconds at 0.5/s", res.Header.Get("Retry-After"))
	}
	// Probes are not limited.
	for range 5 {
		if code, _, _ := call(t, ts, "GET", "/healthz", "", nil); code != 200 {
			t.Fatalf("healthz limited: %d", code)
		}
	}
	// A forged X-Forwarded-For does not buy a fresh bucket: no proxy is trusted.
	req, _ := http.NewRequest("GET", ts.URL+"/v1/search?q=x", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For bypassed the per-address limit: %d", res.StatusCode)
	}
}

func TestTrustedProxies(t *testing.T) {
	cases := []struct {
		trusted []string
		xff     string
		want    string
	}{
		{nil, "203.0.113.7", "127.0.0.1"},
		{[]string{"10.0.0.0/8"}, "203.0.113.7", "127.0.0.1"}, // peer is not a trusted proxy
		{[]string{"127.0.0.1"}, "203.0.113.7", "203.0.113.7"},
		{[]string{"127.0.0.0/8"}, "198.51.100.1, 203.0.113.7", "203.0.113.7"}, // nearest untrusted hop
		{[]string{"127.0.0.0/8", "203.0.113.0/24"}, "198.51.100.1, 203.0.113.7", "198.51.100.1"},
		{[]string{"127.0.0.0/8"}, "", "127.0.0.1"},
	}
	for _, c := range cases {
		ex := ipExtractor(c.trusted)
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = "127.0.0.1:5555"
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := ex(req); got != c.want {
			t.Errorf("trusted %v, XFF %q: client %q, want %q", c.trusted, c.xff, got, c.want)
		}
	}
	if err := (Options{TrustedProxies: []string{"not-a-cidr"}}).Validate(); err == nil {
		t.Errorf("a bad CIDR was accepted")
	}
}

func TestClientKey(t *testing.T) {
	if clientKey("2001:db8:1:2:aaaa::1") != clientKey("2001:db8:1:2:bbbb::9") {
		t.Errorf("two addresses of one IPv6 /64 are limited separately")
	}
	if clientKey("2001:db8:1:2::1") == clientKey("2001:db8:1:3::1") {
		t.Errorf("two IPv6 /64s share a limit")
	}
	if clientKey("192.0.2.1") == clientKey("192.0.2.2") {
		t.Errorf("two IPv4 addresses share a limit")
	}
}

func TestLimiterStoreBoundsMemory(t *testing.T) {
	l := newLimiterStore(1, 1)
	now := time.Now()
	for i := range maxLimiters + 100 {
		l.allow(fmt.Sprint("ip:", i), now)
	}
	if n := l.size(); n != maxLimiters {
		t.Errorf("%d buckets, want the cap %d", n, maxLimiters)
	}
	// Past the idle time the next call sweeps them all but its own.
	l.allow("ip:new", now.Add(limiterIdle+2*time.Minute))
	if n := l.size(); n != 1 {
		t.Errorf("%d buckets after the sweep, want 1", n)
	}
	if newLimiterStore(-1, 1) != nil {
		t.Errorf("a negative rate should disable the limit")
	}
}

func TestRateLimitPerKey(t *testing.T) {
	_, ts, secrets := newKeyedServer(t, Options{RatePerKey: 0.5, BurstPerKey: 2}, nil)
	for range 2 {
		if code, ec, _ := call(t, ts, "GET", "/v1/search?q=x", secrets["search"], nil); code != 200 {
			t.Fatalf("within burst: %d %s", code, ec)
		}
	}
	if code, ec, _ := call(t, ts, "GET", "/v1/search?q=x", secrets["search"], nil); code != 429 || ec != CodeRateLimited {
		t.Errorf("past the key's burst: %d %s, want 429 rate_limited", code, ec)
	}
	// Another key from the same address has its own budget.
	if code, ec, _ := call(t, ts, "GET", "/v1/search?q=x", secrets["filtered"], nil); code != 200 {
		t.Errorf("other key: %d %s", code, ec)
	}
}

// gatedBackend holds searches until released, to fill the search slots.
type gatedBackend struct {
	Backend
	started chan struct{}
	release chan struct{}
}

func (g *gatedBackend) Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error) {
	g.started <- struct{}{}
	<-g.release
	return g.Backend.Search(ctx, req)
}

func TestConcurrentSearchBound(t *testing.T) {
	g := &gatedBackend{Backend: openTestIndex(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	srv, err := New(g, Options{MaxConcurrentSearches: 2, SearchQueue: -1, RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for range 2 {
		wg.Go(func() {
			res, err := http.Get(ts.URL + "/v1/search?q=Nightjar")
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes <- res.StatusCode
		})
	}
	<-g.started
	<-g.started
	res, err := http.Get(ts.URL + "/v1/search?q=Nightjar")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), CodeOverloaded) || res.Header.Get("Retry-After") != "1" {
		t.Errorf("third search with 2 slots: %d %s Retry-After=%q", res.StatusCode, b, res.Header.Get("Retry-After"))
	}
	// Other routes are not bound by search slots.
	if code, _, _ := call(t, ts, "GET", "/v1/documents/order1", "", nil); code != 200 {
		t.Errorf("document fetch while searches are full: %d", code)
	}
	close(g.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("held search: %d", c)
		}
	}
	// Slots are given back.
	g.started = make(chan struct{}, 1)
	if code, _, _ := call(t, ts, "GET", "/v1/search?q=Nightjar", "", nil); code != 200 {
		t.Errorf("search after the others finished: %d", code)
	}
}

func TestBodyLimits(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{MaxBodyBytes: 1 << 10, MaxUploadBytes: 8 << 10, RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	cases := []struct {
		method, path string
		n            int
		tooLarge     bool
	}{
		{"GET", "/v1/search?q=x", 2 << 10, true},
		{"GET", "/v1/search?q=x", 512, false},
		{"POST", "/v1/documents", 16 << 10, true},
		{"POST", "/v1/documents", 4 << 10, false}, // over MaxBodyBytes, under MaxUploadBytes
	}
	for _, c := range cases {
		code, ec, _ := call(t, ts, c.method, c.path, "", bytes.NewReader(make([]byte, c.n)))
		if got := code == http.StatusRequestEntityTooLarge; got != c.tooLarge || (got && ec != CodeTooLarge) {
			t.Errorf("%s %s with %d bytes: %d %s, want too large=%v", c.method, c.path, c.n, code, ec, c.tooLarge)
		}
	}
}

func TestReadyz(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, c := range []struct {
		ready bool
		code  int
	}{{true, 200}, {false, 503}, {true, 200}} {
		srv.SetReady(c.ready)
		if code, _, _ := call(t, ts, "GET", "/readyz", "", nil); code != c.code {
			t.Errorf("ready=%v: /readyz %d, want %d", c.ready, code, c.code)
		}
		if code, _, _ := call(t, ts, "GET", "/healthz", "", nil); code != 200 {
			t.Errorf("ready=%v: /healthz %d", c.ready, code)
		}
	}
}

func TestMetrics(t *testing.T) {
	srv, ts, secrets := newKeyedServer(t, Options{}, nil)
	call(t, ts, "GET", "/v1/search?q=Nightjar", secrets["search"], nil)
	call(t, ts, "GET", "/v1/search?q=Nightjar", "", nil)
	call(t, ts, "GET", "/nowhere/at/all", "", nil)
	m := srv.Metrics()
	m.IngestFile("indexed")
	m.IngestFile("indexed")
	m.IngestFailure("timeout")
	for i := range maxLabelValues + 5 {
		m.IngestFailure(fmt.Sprint("reason", i))
	}
	if err := m.WatchWorkers(func() WorkerStats { return WorkerStats{Crashed: 2, OverMemory: 1} }); err != nil {
		t.Fatal(err)
	}
	var nilMetrics *Metrics
	nilMetrics.IngestFile("indexed") // must not panic

	if code, ec, _ := call(t, ts, "GET", "/metrics", secrets["search"], nil); code != 403 {
		t.Errorf("/metrics with a search key: %d %s, want 403", code, ec)
	}
	code, _, body := call(t, ts, "GET", "/metrics", secrets["admin"], nil)
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`dossier_http_requests_total{code="200",method="GET",route="/v1/search"} 1`,
		`dossier_http_requests_total{code="401",method="GET",route="/v1/search"} 1`,
		`dossier_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`dossier_http_request_duration_seconds_bucket{code="200",method="GET",route="/v1/search",le="+Inf"} 1`,
		`dossier_search_duration_seconds_count 1`,
		`dossier_http_rejected_total{reason="unauthorized"} 1`,
		`dossier_index_documents 2`,
		`dossier_index_documents_by_kind{kind="filing"} 1`,
		`dossier_index_disk_bytes `,
		`dossier_index_cache_bytes 0`,
		`dossier_ready 1`,
		`dossier_ingest_files_total{outcome="indexed"} 2`,
		`dossier_ingest_failures_total{reason="timeout"} 1`,
		`dossier_ingest_failures_total{reason="other"} 6`,
		`dossier_ingest_worker_restarts_total{reason="crashed"} 2`,
		`dossier_ingest_worker_restarts_total{reason="memory"} 1`,
		`dossier_ingest_worker_restarts_total{reason="timeout"} 0`,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(body, "Nightjar") || strings.Contains(body, "/nowhere") {
		t.Errorf("/metrics leaks a query or a raw path")
	}
}

// TestAccessLog: one line per request with its ID, route and status, and
// never the query text, the key's secret or document text.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(lockedWriter{&buf, &mu}, nil))
	path, secrets := testKeys(t)
	srv, err := New(openTestIndex(t), Options{KeysFile: path}, logger)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/v1/search?q=exfiltrated", nil)
	req.Header.Set("Authorization", "Bearer "+secrets["search"])
	req.Header.Set("X-Request-Id", "trace-42")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.Header.Get("X-Request-Id") != "trace-42" {
		t.Errorf("request ID not echoed: %q", res.Header.Get("X-Request-Id"))
	}
	res2, err := http.Get(ts.URL + "/v1/documents/order1")
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	generated := res2.Header.Get("X-Request-Id")
	if len(generated) != 16 {
		t.Errorf("generated request ID %q", generated)
	}
	mu.Lock()
	logs := buf.String()
	mu.Unlock()
	for _, want := range []string{`"request_id":"trace-42"`, `"route":"/v1/search"`, `"status":200`, `"key":"search"`,
		`"request_id":"` + generated + `"`, `"route":"/v1/documents/:id"`, `"status":401`} {
		if !strings.Contains(logs, want) {
			t.Errorf("access log lacks %s:\n%s", want, logs)
		}
	}
	for _, secret := range []string{"exfiltrated", secrets["search"], "Nightjar", "q="} {
		if strings.Contains(logs, secret) {
			t.Errorf("access log contains %q:\n%s", secret, logs)
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func BenchmarkLimiterAllow(b *testing.B) {
	l := newLimiterStore(1e9, 1<<30)
	now := time.Now()
	i := 0
	for b.Loop() {
		l.allow(clientKey(fmt.Sprintf("10.0.%d.%d", (i>>8)&255, i&255)), now)
		i++
	}
}

// BenchmarkAuthenticatedRequest measures a whole keyed request through
// the middleware stack to /healthz-like cost: a document fetch.
func BenchmarkAuthenticatedRequest(b *testing.B) {
	ix := openTestIndex(b)
	dir := b.TempDir()
	path := filepath.Join(dir, "keys.json")
	secret := writeOneKey(b, path)
	srv, err := New(ix, Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/v1/documents/order1", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func writeOneKey(tb testing.TB, path string) string {
	tb.Helper()
	var set keys.Set
	secret, _, err := set.Create(keys.CreateOptions{Name: "bench", Scopes: []keys.Scope{keys.ScopeRead}}, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	if err := set.Save(path); err != nil {
		tb.Fatal(err)
	}
	return secret
}

// TestSearchQueue checks the queue in front of the search slots: with one
// slot held, the next search waits and runs once the slot frees; a search
// beyond the queue is refused at once; a search whose wait runs out is
// refused then; and the queue empties again.
func TestSearchQueue(t *testing.T) {
	g := &gatedBackend{Backend: openTestIndex(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	srv, err := New(g, Options{MaxConcurrentSearches: 1, SearchQueue: 1, SearchQueueWait: 3 * time.Second, RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	get := func() (int, time.Duration) {
		start := time.Now()
		res, err := http.Get(ts.URL + "/v1/search?q=Nightjar")
		if err != nil {
			t.Error(err)
			return 0, 0
		}
		res.Body.Close()
		return res.StatusCode, time.Since(start)
	}
	held := make(chan int, 1)
	go func() { code, _ := get(); held <- code }()
	<-g.started // the slot is taken
	queued := make(chan int, 1)
	go func() { code, _ := get(); queued <- code }()
	deadline := time.Now().Add(2 * time.Second)
	for srv.queued.Load() != 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := srv.queued.Load(); n != 1 {
		t.Fatalf("%d searches queued, want 1", n)
	}
	if res, err := http.Get(ts.URL + "/metrics"); err == nil {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), "\ndossier_searches_queued 1\n") {
			t.Errorf("metrics do not show the queued search:\n%s", b)
		}
	} else {
		t.Error(err)
	}
	if code, took := get(); code != http.StatusServiceUnavailable || took > time.Second {
		t.Errorf("search beyond a full queue: %d after %v, want 503 at once", code, took)
	}
	close(g.release) // the held search ends; the queued one takes its slot
	if code := <-held; code != 200 {
		t.Errorf("held search: %d", code)
	}
	if code := <-queued; code != 200 {
		t.Errorf("queued search: %d, want 200 once the slot freed", code)
	}
	if n := srv.queued.Load(); n != 0 {
		t.Errorf("%d searches still queued", n)
	}

	// A wait that runs out.
	g2 := &gatedBackend{Backend: openTestIndex(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	srv2, err := New(g2, Options{MaxConcurrentSearches: 1, SearchQueueWait: 300 * time.Millisecond, RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(srv2.Handler())
	defer ts2.Close()
	go func() {
		if res, err := http.Get(ts2.URL + "/v1/search?q=Nightjar"); err == nil {
			res.Body.Close()
		}
	}()
	<-g2.started
	start := time.Now()
	res, err := http.Get(ts2.URL + "/v1/search?q=Nightjar")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if took := time.Since(start); res.StatusCode != http.StatusServiceUnavailable || took < 250*time.Millisecond || took > 3*time.Second {
		t.Errorf("search whose wait runs out: %d after %v, want 503 after about 300ms", res.StatusCode, took)
	}
	close(g2.release)
}
