package api

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
)

// routeCase is one case of testdata/route_requests.json: a request to any
// route and the status, error code and message fragment it must get.
type routeCase struct {
	Name    string `json:"name"`
	Method  string `json:"method"`
	Path    string `json:"path"`
	Body    string `json:"body"`
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func TestRouteCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/route_requests.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []routeCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			req, err := http.NewRequest(c.Method, ts.URL+c.Path, strings.NewReader(c.Body))
			if err != nil {
				t.Fatal(err)
			}
			if c.Body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var eb ErrorBody
			_ = json.NewDecoder(res.Body).Decode(&eb)
			if res.StatusCode != c.Status {
				t.Fatalf("status %d, want %d (%+v)", res.StatusCode, c.Status, eb.Error)
			}
			if c.Code != "" && eb.Error.Code != c.Code {
				t.Errorf("code %q, want %q", eb.Error.Code, c.Code)
			}
			if c.Message != "" && !strings.Contains(eb.Error.Message, c.Message) {
				t.Errorf("message %q lacks %q", eb.Error.Message, c.Message)
			}
		})
	}
}
