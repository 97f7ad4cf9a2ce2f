package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestHeaderLimit sends requests around maxHeaderBytes and headerBackstop
// to a real server, so that net/http's own limit is in play: over 64 KiB
// is our JSON 431, before routing's 404 and the key check; under it the
// route answers; over the backstop net/http answers alone. The JSON 431s
// are counted and logged like any other answer.
func TestHeaderLimit(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(lockedWriter{&buf, &mu}, nil))
	path, secrets := testKeys(t)
	srv, err := New(openTestIndex(t), Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1}, logger)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(srv.Handler())
	ts.Config.MaxHeaderBytes = headerBackstop // as Serve sets it
	ts.Start()
	defer ts.Close()

	// longQuery is a search URL of about n bytes.
	longQuery := func(n int) string {
		return "/v1/search?q=" + strings.Repeat("longquery+", n/len("longquery+"))
	}
	search := secrets["search"]
	cases := []struct {
		name   string
		path   string
		pad    int // bytes of an X-Pad header
		secret string
		status int
		code   string // "": no JSON body asserted
	}{
		{"a 70 KB URL", longQuery(70_000), 0, search, 431, CodeHeaderTooLarge},
		{"a 70 KB URL without a key", longQuery(70_000), 0, "", 431, CodeHeaderTooLarge},
		{"a 70 KB URL to no route", "/nowhere?x=" + strings.Repeat("y", 70_000), 0, "", 431, CodeHeaderTooLarge},
		{"a 70 KB header", "/v1/search?q=Nightjar", 70_000, search, 431, CodeHeaderTooLarge},
		{"a 60 KB URL", longQuery(60_000), 0, search, 400, CodeInvalidQuery},
		{"a 60 KB header", "/v1/search?q=Nightjar", 60_000, search, 200, ""},
		{"a 1.5 MiB URL, over the backstop", longQuery(headerBackstop * 3 / 2), 0, search, 431, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", ts.URL+c.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.secret != "" {
				req.Header.Set("Authorization", "Bearer "+c.secret)
			}
			if c.pad > 0 {
				req.Header.Set("X-Pad", strings.Repeat("p", c.pad))
			}
			res, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.200s", res.StatusCode, c.status, body)
			}
			if c.code == "" {
				return
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q, want application/json", ct)
			}
			var eb ErrorBody
			if err := json.Unmarshal(body, &eb); err != nil {
				t.Fatalf("body is not the JSON error: %v: %.200s", err, body)
			}
			if eb.Error.Code != c.code {
				t.Errorf("code %q, want %q (%s)", eb.Error.Code, c.code, eb.Error.Message)
			}
			if c.status == 431 {
				for _, want := range []string{"64 KiB", "POST /v1/search"} {
					if !strings.Contains(eb.Error.Message, want) {
						t.Errorf("message %q lacks %q", eb.Error.Message, want)
					}
				}
			}
		})
	}

	code, _, metrics := call(t, ts, "GET", "/metrics", secrets["admin"], nil)
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`dossier_http_requests_total{code="431",method="GET",route="/v1/search"} 3`,
		`dossier_http_requests_total{code="431",method="GET",route="unmatched"} 1`,
		`dossier_http_rejected_total{reason="header_too_large"} 4`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	mu.Lock()
	logs := buf.String()
	mu.Unlock()
	if n := strings.Count(logs, `"status":431`); n != 4 {
		t.Errorf("access log has %d lines with status 431, want 4:\n%.2000s", n, logs)
	}
	if strings.Contains(logs, "longquery") {
		t.Errorf("access log contains the query")
	}
}

// TestServeHeaderLimit checks that Serve's own net/http limit is the
// backstop, not maxHeaderBytes: a 70 KB URL reaches limitHeader.
func TestServeHeaderLimit(t *testing.T) {
	srv, err := New(openTestIndex(t), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, nil) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	res, err := http.Get("http://" + ln.Addr().String() + "/v1/search?q=" + strings.Repeat("x", 70_000))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var eb ErrorBody
	_ = json.NewDecoder(res.Body).Decode(&eb)
	if res.StatusCode != 431 || eb.Error.Code != CodeHeaderTooLarge {
		t.Errorf("status %d, code %q; want 431 %s", res.StatusCode, eb.Error.Code, CodeHeaderTooLarge)
	}
}

// TestHeaderBytes checks headerBytes against the size of raw requests as
// read by net/http.
func TestHeaderBytes(t *testing.T) {
	for _, raw := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"GET /v1/search?q=a+b HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: t\r\nAccept: */*\r\n\r\n",
		"POST /v1/search HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nX-A: 1\r\nX-A: 2\r\nContent-Length: 0\r\n\r\n",
		"GET /" + strings.Repeat("z", 1000) + " HTTP/1.0\r\nX-Pad: " + strings.Repeat("p", 500) + "\r\n\r\n",
	} {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			t.Fatal(err)
		}
		if got := headerBytes(req); got != len(raw) {
			t.Errorf("headerBytes %d, want %d for %q", got, len(raw), fmt.Sprintf("%.80s", raw))
		}
	}
}
