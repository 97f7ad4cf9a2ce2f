package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/index/bleve"
)

// Abuse run bounds. The run sends about 2,500 requests and takes about
// 15 s on 2 CPUs.
const (
	abuseFloodRequests = 1500
	abuseFloodWorkers  = 16
	abuseDeadline      = 90 * time.Second // the flood stops there
	abuseSaturation    = 5 * time.Second  // searches at full capacity
	// abuseHealthBound is the slowest /healthz answer allowed during the run.
	abuseHealthBound = 100 * time.Millisecond
	// abuseRSSBound is the most resident memory the server process may
	// reach during the run (its VmHWM).
	abuseRSSBound = 256 << 20
)

// abuseCodes are the documented answers: a status and, for errors, the
// error code it must carry ("" for a 2xx). A request line and headers over
// 64 KiB are dossier's JSON 431; only over 1 MiB, which this run does not
// send, is the 431 net/http's own, in plain text.
var abuseCodes = map[int][]string{
	200: {""},
	400: {CodeInvalidParameter, CodeInvalidQuery},
	401: {CodeUnauthorized},
	403: {CodeForbidden},
	404: {CodeNotFound},
	413: {CodeTooLarge},
	429: {CodeRateLimited},
	431: {CodeHeaderTooLarge},
	503: {CodeOverloaded, CodeTimeout},
}

// TestAbuse runs a real server on loopback and attacks it: oversized
// bodies, 10k-clause queries, leading wildcards, huge size and page, and
// floods past the rate limit. Every answer must be a documented status
// with its error code, /healthz must stay under abuseHealthBound and the
// heap under abuseHeapBound throughout. Set DOSSIER_ABUSE=1 to run it.
func TestAbuse(t *testing.T) {
	if os.Getenv("DOSSIER_ABUSE") == "" {
		t.Skip("set DOSSIER_ABUSE=1 to run the abuse run (about 15 s)")
	}
	dir := t.TempDir()
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := testDocs()
	for i := range 2000 {
		docs = append(docs, corpus.Document{
			ID: fmt.Sprintf("gen%05d", i), Source: fmt.Sprintf("gen%d.html", i), Kind: corpus.KindArticle,
			Title: fmt.Sprintf("Report %d on spyware", i), Date: "2024-01-02", SiteName: "Generated Times",
			Text: strings.Repeat(fmt.Sprintf("surveillance vendor %d exploit chain zero-click nightjar word%d ", i%97, i), 40),
		})
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	path, secrets := testKeys(t)
	opts, _ := json.Marshal(Options{
		Addr: "127.0.0.1:0", KeysFile: path, RatePerIP: 200, BurstPerIP: 200, RatePerKey: 100, BurstPerKey: 100,
		MaxBodyBytes: 1 << 20, MaxUploadBytes: 4 << 20, SearchTimeout: 5 * time.Second,
		// A small, short search queue, so that saturation still reaches
		// the 503 beyond it within the test's time.
		SearchQueue: 8, SearchQueueWait: 250 * time.Millisecond,
	})
	// The server runs in a child process, so that its memory and its
	// scheduling are its own, not shared with this client.
	base, child := startChildServer(t, dir, "DOSSIER_HELPER_OPTS="+string(opts))

	// Baseline: /healthz latency on this machine before any attack, for
	// comparison (other processes share the CPUs).
	baseline := healthLatencies(t, base, 100)
	t.Logf("baseline /healthz before the attack: p50 %v, p99 %v, max %v", baseline[50], baseline[98], baseline[99])

	// Watchers: /healthz latency and heap, every 10 ms until the end.
	stop := make(chan struct{})
	var watch sync.WaitGroup
	var worstHealth atomic.Int64
	var healthMu sync.Mutex
	var during []time.Duration
	var healthFailures atomic.Int64
	var healthChecks atomic.Int64
	watch.Go(func() {
		hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
			start := time.Now()
			res, err := hc.Get(base + "/healthz")
			d := time.Since(start)
			healthChecks.Add(1)
			if err != nil || res.StatusCode != 200 {
				healthFailures.Add(1)
			}
			if res != nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			healthMu.Lock()
			during = append(during, d)
			healthMu.Unlock()
			if int64(d) > worstHealth.Load() {
				worstHealth.Store(int64(d))
			}
		}
	})
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: abuseFloodWorkers}}
	var mu sync.Mutex
	tally := map[string]int{}
	check := func(name string, req *http.Request, allowed ...int) {
		res, err := client.Do(req)
		if err != nil {
			t.Errorf("%s: transport error: %v", name, err)
			return
		}
		body, rerr := io.ReadAll(io.LimitReader(res.Body, 4<<20))
		res.Body.Close()
		if rerr != nil {
			t.Errorf("%s: reading the answer: %v", name, rerr)
		}
		codes, documented := abuseCodes[res.StatusCode]
		var eb ErrorBody
		_ = json.Unmarshal(body, &eb)
		switch {
		case !documented:
			t.Errorf("%s: undocumented status %d: %.200s", name, res.StatusCode, body)
		case len(allowed) > 0 && !slices.Contains(allowed, res.StatusCode):
			t.Errorf("%s: status %d, want one of %v: %.200s", name, res.StatusCode, allowed, body)
		case !slices.Contains(codes, eb.Error.Code):
			t.Errorf("%s: status %d with error code %q, want %v", name, res.StatusCode, eb.Error.Code, codes)
		case res.StatusCode >= 400 && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json"):
			t.Errorf("%s: %d with content type %q, want the JSON error body", name, res.StatusCode, res.Header.Get("Content-Type"))
		case (res.StatusCode == 429 || eb.Error.Code == CodeOverloaded) && res.Header.Get("Retry-After") == "":
			t.Errorf("%s: %d without Retry-After", name, res.StatusCode)
		}
		mu.Lock()
		tally[fmt.Sprintf("%s %d", name, res.StatusCode)]++
		mu.Unlock()
	}
	search := secrets["search"]
	newReq := func(method, path string, body io.Reader, secret string) *http.Request {
		req, err := http.NewRequest(method, base+path, body)
		if err != nil {
			t.Fatal(err)
		}
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		if method == "POST" && path != "/v1/documents" {
			req.Header.Set("Content-Type", "application/json")
		}
		return req
	}

	// Oversized bodies, with and without Content-Length.
	big := bytes.Repeat([]byte("x"), 2<<20)
	check("oversized POST /v1/search", newReq("POST", "/v1/search", bytes.NewReader(big), search), 413)
	chunked := newReq("POST", "/v1/search", io.MultiReader(bytes.NewReader([]byte(`{"q":"`)), bytes.NewReader(big)), search)
	chunked.ContentLength = -1
	check("oversized chunked POST /v1/search", chunked, 413)
	check("oversized batch", newReq("POST", "/v1/search/batch", bytes.NewReader(big), search), 413)
	upload := newReq("POST", "/v1/documents", bytes.NewReader(bytes.Repeat([]byte("x"), 5<<20)), secrets["ingest"])
	upload.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	check("oversized upload", upload, 413)

	// 10k-clause queries: in the URL, in a JSON body, as a 10k-query batch.
	clauses := make([]string, 10000)
	for i := range clauses {
		clauses[i] = fmt.Sprintf("w%d", i%10)
	}
	q10k := strings.Join(clauses, " OR ")
	check("10k clauses in the URL", newReq("GET", "/v1/search?q="+strings.ReplaceAll(q10k, " ", "+"), nil, search), 400) // 60 KB: under 64 KiB
	check("10k clauses over the header limit", newReq("GET", "/v1/search?q="+url.QueryEscape(q10k+" "+q10k), nil, search), 431)
	jq, _ := json.Marshal(map[string]string{"q": q10k})
	check("10k clauses in a body", newReq("POST", "/v1/search", bytes.NewReader(jq), search), 400)
	short := make([]string, 0, 10000)
	for range 10000 {
		short = append(short, `{"q":"nightjar"}`)
	}
	check("10k-query batch", newReq("POST", "/v1/search/batch", strings.NewReader(`{"queries":[`+strings.Join(short, ",")+`]}`), search), 400)
	check("deep nesting", newReq("GET", "/v1/search?q="+url.QueryEscape(strings.Repeat("(", 2000)+"a"+strings.Repeat(")", 2000)), nil, search), 400)
	check("256 prefixes", newReq("GET", "/v1/search?q="+url.QueryEscape(strings.Repeat("w* OR ", 255)+"w*"), nil, search), 200, 400)

	// Leading wildcards and wildcard-only queries: refused or searched
	// literally, never expanded over the whole term dictionary.
	for _, q := range []string{"*", "*ware", "?pyware", "**", "*a*", "text:*", "title:*ploit", `"*"`} {
		check("wildcard "+q, newReq("GET", "/v1/search?q="+url.QueryEscape(q), nil, search), 200, 400)
	}

	// Huge size and page.
	for _, p := range []string{"size=1000000", "size=101", "page=99999999", "page=100000000000000000000",
		"size=100&page=101", "facet_size=100000", "fragments=1000", "fragment_size=99999999", "size=-1"} {
		check("huge "+p, newReq("GET", "/v1/search?q=nightjar&"+p, nil, search), 400)
	}

	// Floods: bad keys, then good searches from one key past its limit
	// and the search slots.
	var flood sync.WaitGroup
	jobs := make(chan int)
	for range abuseFloodWorkers {
		flood.Go(func() {
			for i := range jobs {
				switch {
				case i%10 == 0:
					check("flood bad key", newReq("GET", "/v1/search?q=nightjar", nil, "dsk_wrong"), 401, 429)
				case i%10 == 1:
					check("flood document", newReq("GET", "/v1/documents/order1", nil, secrets["read"]), 200, 429)
				default:
					q := fmt.Sprintf("/v1/search?q=%s&facets=site,year&size=50", url.QueryEscape(fmt.Sprintf("surveillance OR word%d OR vend*", i)))
					check("flood search", newReq("GET", q, nil, search), 200, 429, 503)
				}
			}
		})
	}
	floodEnd := time.Now().Add(abuseDeadline)
	for i := range abuseFloodRequests {
		if time.Now().After(floodEnd) {
			t.Errorf("flood stopped after %v at request %d", abuseDeadline, i)
			break
		}
		jobs <- i
	}
	close(jobs)
	flood.Wait()

	// Saturation: heavy searches at the rate limit for abuseSaturation, so
	// that every search slot stays busy while /healthz is watched.
	satEnd := time.Now().Add(abuseSaturation)
	for w := range abuseFloodWorkers / 2 {
		flood.Go(func() {
			for i := 0; time.Now().Before(satEnd); i++ {
				q := fmt.Sprintf("/v1/search?q=%s&facets=site,year,kind&size=100", url.QueryEscape(fmt.Sprintf("(surveillance OR exploit OR vend* OR chain) word%d", (w*1000+i)%2000)))
				check("saturation search", newReq("GET", q, nil, secrets["filtered"]), 200, 429, 503)
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
	flood.Wait()
	close(stop)
	watch.Wait()
	peakRSS, rssErr := peakRSSBytes(child.Process.Pid)
	if err := child.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := child.Wait(); err != nil {
		t.Errorf("server child: %v", err)
	}

	mu.Lock()
	defer mu.Unlock()
	limited := tally["flood search 429"] + tally["flood bad key 429"] + tally["flood document 429"]
	if limited == 0 {
		t.Errorf("the flood never hit the rate limit: %v", tally)
	}
	// Searches beyond the slots wait in the queue; beyond the queue (or
	// its wait) they get 503. Saturation must succeed, and the attack as a
	// whole must have filled slots and queue.
	if tally["saturation search 200"] == 0 || tally["saturation search 503"]+tally["flood search 503"] == 0 {
		t.Errorf("saturation did not both succeed and fill the search slots and queue: %v", tally)
	}
	if tally["flood search 200"] == 0 {
		t.Errorf("no flood search succeeded: %v", tally)
	}
	worst := time.Duration(worstHealth.Load())
	if worst > abuseHealthBound {
		t.Errorf("slowest /healthz %v, bound %v", worst, abuseHealthBound)
	}
	if n := healthFailures.Load(); n > 0 {
		t.Errorf("%d /healthz checks failed", n)
	}
	switch {
	case rssErr != nil:
		t.Logf("peak memory not measured: %v", rssErr)
	case peakRSS > abuseRSSBound:
		t.Errorf("server peak resident memory %d MiB, bound %d MiB", peakRSS>>20, abuseRSSBound>>20)
	}
	keysSorted := make([]string, 0, len(tally))
	for k := range tally {
		keysSorted = append(keysSorted, k)
	}
	slices.Sort(keysSorted)
	for _, k := range keysSorted {
		t.Logf("%-50s %d", k, tally[k])
	}
	slices.Sort(during)
	if n := len(during); n > 0 {
		over := n - slices.IndexFunc(during, func(d time.Duration) bool { return d > abuseHealthBound })
		if over > n {
			over = 0
		}
		load, _ := os.ReadFile("/proc/loadavg")
		t.Logf("/healthz during the attack: p50 %v, p99 %v, max %v over %d checks, %d over %v; machine load %s",
			during[n/2], during[n*99/100], during[n-1], n, over, abuseHealthBound, strings.TrimSpace(string(load)))
	}
	t.Logf("healthz: %d checks, slowest %v (bound %v); server peak resident memory %d MiB (bound %d MiB)",
		healthChecks.Load(), worst.Round(time.Microsecond), abuseHealthBound, peakRSS>>20, abuseRSSBound>>20)
}

// peakRSSBytes reads a process's peak resident set size (VmHWM) on Linux.
func peakRSSBytes(pid int) (uint64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb uint64
			if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb); err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// healthLatencies times n sequential /healthz requests, sorted.
func healthLatencies(t *testing.T, base string, n int) []time.Duration {
	t.Helper()
	hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{}}
	out := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		res, err := hc.Get(base + "/healthz")
		if err != nil {
			t.Fatalf("baseline /healthz: %v", err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		out = append(out, time.Since(start))
		time.Sleep(5 * time.Millisecond)
	}
	slices.Sort(out)
	return out
}
