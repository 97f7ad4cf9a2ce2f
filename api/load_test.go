package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"dossier/index/bleve"
)

// TestHTTPLoad measures searches over HTTP on an index already built
// (DOSSIER_HTTP_LOAD=<index dir>, such as the 100,000-document index
// index/bleve's TestLargeSearch keeps): 1 and 8 clients for
// DOSSIER_HTTP_LOAD_SECONDS (default 20) each, with the default options,
// and, as the baseline in the same run, with no search queue (every search
// beyond the slots refused at once, as before the queue). It reports the
// statuses, the successful requests per second and their latency.
//
//	DOSSIER_HTTP_LOAD=/tmp/dossier-bench/synth-v6-n100000-s20260601/index go test ./api -run TestHTTPLoad -v -timeout 30m
func TestHTTPLoad(t *testing.T) {
	dir := os.Getenv("DOSSIER_HTTP_LOAD")
	if dir == "" {
		t.Skip("set DOSSIER_HTTP_LOAD to an index directory to measure searches over HTTP")
	}
	secs := 20
	if s, err := strconv.Atoi(os.Getenv("DOSSIER_HTTP_LOAD_SECONDS")); err == nil && s > 0 {
		secs = s
	}
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, mode := range []struct {
		name  string
		queue int
	}{{"no queue (baseline)", -1}, {"defaults", 0}} {
		srv, err := New(ix, Options{SearchQueue: mode.queue}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		for _, clients := range []int{1, 8} {
			r := loadRun(ts.URL, clients, time.Duration(secs)*time.Second)
			t.Logf("%-20s %d client(s): %v; %.1f ok req/s, p50 %v, p99 %v (max searches %d, queue %d)",
				mode.name, clients, r.codes, r.okPerSecond, r.p50, r.p99, srv.opts.MaxConcurrentSearches, srv.opts.SearchQueue)
			if r.codes[http.StatusOK] == 0 {
				t.Errorf("%s, %d clients: no search succeeded: %v", mode.name, clients, r.codes)
			}
		}
		ts.Close()
	}
}

// loadResult is what one loadRun saw.
type loadResult struct {
	codes       map[int]int
	okPerSecond float64
	p50, p99    time.Duration
}

// loadRun sends two-word searches with three facets from clients
// goroutines for d.
func loadRun(base string, clients int, d time.Duration) loadResult {
	words := []string{"court", "motion", "evidence", "appellant", "injunction", "contract", "damages", "witness", "statute", "jury", "appeal", "counsel"}
	var mu sync.Mutex
	res := loadResult{codes: map[int]int{}}
	var lat []time.Duration
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			for n := 0; time.Now().Before(end); n++ {
				q := words[(i*7+n)%len(words)] + " " + words[(i*3+n*5+1)%len(words)]
				start := time.Now()
				r, err := http.Get(base + "/v1/search?facets=kind,court,year&q=" + url.QueryEscape(q))
				if err != nil {
					continue
				}
				io.Copy(io.Discard, r.Body)
				r.Body.Close()
				mu.Lock()
				res.codes[r.StatusCode]++
				if r.StatusCode == http.StatusOK {
					lat = append(lat, time.Since(start))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(lat)
	if len(lat) > 0 {
		res.p50 = lat[len(lat)/2].Round(time.Millisecond)
		res.p99 = lat[len(lat)*99/100].Round(time.Millisecond)
	}
	res.okPerSecond = float64(res.codes[http.StatusOK]) / d.Seconds()
	return res
}
