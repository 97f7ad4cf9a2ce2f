package api

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestSlowBodiesDoNotHoldSearchSlots sends two POST searches whose bodies
// trickle in, with two search slots: other searches must still run, and
// the trickling requests end with 408 once the body read timeout passes.
func TestSlowBodiesDoNotHoldSearchSlots(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{MaxConcurrentSearches: 2, RatePerIP: -1, BodyReadTimeout: 500 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	var conns []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		fmt.Fprintf(c, "POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"q\":\"")
	}
	time.Sleep(100 * time.Millisecond) // both requests are in their handlers' hands
	for i := range 3 {
		res, err := http.Get(ts.URL + "/v1/search?q=Nightjar")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("search %d while two bodies trickle: %d", i, res.StatusCode)
		}
	}
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		line, _ := bufio.NewReader(c).ReadString('\n')
		c.Close()
		if !strings.HasPrefix(line, "HTTP/1.1 408") {
			t.Errorf("trickling body: %q, want a 408", line)
		}
	}
}

// TestReadRoutesTakeSearchSlots fills the search slots and checks that the
// read-scope routes that search (in-document search, similar, cases) are
// refused like searches, while plain document reads still answer.
func TestReadRoutesTakeSearchSlots(t *testing.T) {
	g := &gatedBackend{Backend: openTestIndex(t), started: make(chan struct{}, 4), release: make(chan struct{})}
	srv, err := New(g, Options{MaxConcurrentSearches: 1, SearchQueue: -1, RatePerIP: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		if res, err := http.Get(ts.URL + "/v1/search?q=Nightjar"); err == nil {
			res.Body.Close()
		}
	}()
	<-g.started
	for _, path := range []string{"/v1/documents/order1/search?q=Nightjar", "/v1/documents/order1/similar", "/v1/cases/24-cv-01234"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+path, nil)
		res, err := http.DefaultClient.Do(req)
		cancel()
		if err != nil {
			t.Errorf("%s: %v (it waited for the held search)", path, err)
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), CodeOverloaded) {
			t.Errorf("%s with every slot taken: %d %s", path, res.StatusCode, b)
		}
	}
	if code, _, _ := call(t, ts, "GET", "/v1/documents/order1", "", nil); code != 200 {
		t.Errorf("document fetch while searches are full: %d", code)
	}
	close(g.release)
	<-done
}
