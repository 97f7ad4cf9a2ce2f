package api

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// TestBrokenKeysFileIsReported breaks the keys file of a running server:
// the last good keys stay in force, and the failure is logged once at
// ERROR, shown by a metric and by /readyz, until the file is repaired.
func TestBrokenKeysFileIsReported(t *testing.T) {
	path, secrets := testKeys(t)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv, err := New(openTestIndex(t), Options{KeysFile: path, RatePerIP: -1, RatePerKey: -1}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now()
	srv.now = func() time.Time { return clock }
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	metric := func() string {
		_, _, body := call(t, ts, "GET", "/metrics", secrets["admin"], nil)
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "dossier_keys_file_invalid ") {
				return strings.TrimPrefix(l, "dossier_keys_file_invalid ")
			}
		}
		return "absent"
	}
	ready := func() int {
		res, err := http.Get(ts.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if code := ready(); code != 200 || metric() != "0" {
		t.Fatalf("before: readyz %d, metric %s", code, metric())
	}
	for _, breakIt := range []func() error{
		func() error { return os.WriteFile(path, []byte("{not json"), 0o600) },
		func() error { return os.Remove(path) },
	} {
		if err := breakIt(); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(2 * time.Second) // past the reload interval
		if code, _, body := call(t, ts, "GET", "/v1/search?q=Nightjar", secrets["search"], nil); code != 200 {
			t.Errorf("the last good key was refused: %d %s", code, body)
		}
		if code := ready(); code != http.StatusServiceUnavailable {
			t.Errorf("readyz with a broken keys file: %d", code)
		}
		if m := metric(); m != "1" {
			t.Errorf("dossier_keys_file_invalid %s, want 1", m)
		}
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n < 1 || n > 2 {
		t.Errorf("%d ERROR lines for two breakages:\n%s", n, logs.String())
	}
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(2 * time.Second)
	if code := ready(); code != 200 || metric() != "0" {
		t.Errorf("after repair: readyz %d, metric %s", code, metric())
	}
}
