package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"dossier/api"
	"dossier/api/keys"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// TestStatsLocalAndServer indexes the sample and a broken PDF, checks the
// counts dossier stats gives against the sample's files, then asks a
// server with keys for the same report: it needs a key with the admin
// scope and answers what the local index did.
func TestStatsLocalAndServer(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(bad, "broken.pdf")
	if err := os.WriteFile(broken, []byte("%PDF-1.7\nnot really"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "idx")
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", sampleDir, bad); code != 3 {
		t.Fatalf("index: exit %d, want 3 (one failed file): %s", code, errOut)
	}
	filings, _ := filepath.Glob(filepath.Join(sampleDir, "filings", "*"))
	news, _ := filepath.Glob(filepath.Join(sampleDir, "news", "*"))
	if len(filings) == 0 || len(news) == 0 {
		t.Fatalf("sample: %d filings, %d news files", len(filings), len(news))
	}

	code, out, errOut := runCmd(t, "stats", "--index", dir, "--json")
	if code != 0 {
		t.Fatalf("stats --json: exit %d: %s", code, errOut)
	}
	var local statsReport
	if err := json.Unmarshal([]byte(out), &local); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	want := map[string]uint64{"filing": uint64(len(filings)), "article": uint64(len(news))}
	if !reflect.DeepEqual(local.Stats.ByKind, want) || local.Stats.Documents != uint64(len(filings)+len(news)) {
		t.Errorf("stats: %+v, want by kind %v", local.Stats, want)
	}
	if local.Stats.DiskBytes <= 0 {
		t.Errorf("disk bytes %d", local.Stats.DiskBytes)
	}
	f := local.Failures
	if f.Total != 1 || len(f.Failures) != 1 || f.Failures[0].Path != broken || f.Failures[0].Reason == "" {
		t.Errorf("failures: %+v, want %s with a reason", f, broken)
	}

	// The same index behind a server with keys.
	keysFile := filepath.Join(tmp, "keys.json")
	var set keys.Set
	admin, _, err := set.Create(keys.CreateOptions{Name: "admin", Scopes: []keys.Scope{keys.ScopeAdmin}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	searchOnly, _, err := set.Create(keys.CreateOptions{Name: "search", Scopes: []keys.Scope{keys.ScopeSearch}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Save(keysFile); err != nil {
		t.Fatal(err)
	}
	ix, ing, err := openIndex(bleve.Options{Dir: dir}, ingest.Options{}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	defer ing.Close()
	srv, err := api.New(ix, api.Options{KeysFile: keysFile, RatePerIP: -1, Ingest: ing}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	code, _, errOut = runCmd(t, "stats", "--index", dir)
	if code != 1 || !strings.Contains(errOut, "query it with --server URL") {
		t.Errorf("stats of a locked index: exit %d, want 1 and a hint at --server: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "stats", "--server", hs.URL)
	if code != 2 || !strings.Contains(errOut, "API key is required") {
		t.Errorf("stats without a key: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "stats", "--server", hs.URL, "--api-key", searchOnly)
	if code != 2 || !strings.Contains(errOut, "admin scope") {
		t.Errorf("stats with a search key: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "search", "--server", hs.URL, "spyware")
	if code != 2 || !strings.Contains(errOut, "API key is required") {
		t.Errorf("search without a key: exit %d: %s", code, errOut)
	}
	code, out, errOut = runCmd(t, "search", "--server", hs.URL, "--api-key", searchOnly, "--json", "spyware")
	if code != 0 || !strings.Contains(out, `"total"`) {
		t.Errorf("search --server with a search key: exit %d: %s%s", code, out, errOut)
	}
	t.Setenv(envAPIKey, admin)
	code, out, errOut = runCmd(t, "stats", "--server", hs.URL, "--json")
	if code != 0 {
		t.Fatalf("stats --server with $%s: exit %d: %s", envAPIKey, code, errOut)
	}
	var remote statsReport
	if err := json.Unmarshal([]byte(out), &remote); err != nil {
		t.Fatalf("stats --server --json: %v\n%s", err, out)
	}
	remote.Stats.DiskBytes = local.Stats.DiskBytes // the open index may have written
	if !reflect.DeepEqual(remote, local) {
		t.Errorf("over HTTP:\n%+v\nlocally:\n%+v", remote, local)
	}
	code, out, _ = runCmd(t, "stats", "--server", hs.URL)
	if code != 0 || !strings.Contains(out, "failed or partial files: 1\n  "+broken+"\n    reason: ") {
		t.Errorf("stats --server: exit %d:\n%s", code, out)
	}
}

// TestPrintStatsCutsTheList checks the text form: kinds in order, zero
// details left out, and the count of failed files not listed.
func TestPrintStatsCutsTheList(t *testing.T) {
	var b strings.Builder
	printStats(&b, statsReport{
		Stats: api.StatsResponse{Documents: 3, ByKind: map[string]uint64{"filing": 2, "article": 1}, DiskBytes: 3 << 20, Segments: 4},
		Failures: api.FailuresResponse{Total: 5, Failures: []index.FailedFile{
			{Path: "/a.pdf", Reason: "empty file (0 bytes)"},
			{Path: "/b.pdf", ID: "b1", Reason: "timeout"},
			{Path: "/c.pdf", ID: "c1", Reason: "3 of 9 pages read", Partial: true},
		}},
	})
	want := `documents  3
  article  1
  filing   2
skipped    0 (recorded with a skip reason, not searchable)
on disk    3.0 MiB (3145728 bytes) in 4 segment(s)

failed or partial files: 5
  /a.pdf
    reason: empty file (0 bytes)
  /b.pdf
    reason: timeout
    id: b1
  /c.pdf
    partial: indexed, some pages without text (index --retry-failed finishes it)
    reason: 3 of 9 pages read
    id: c1
  … and 2 more (--failures N lists more)
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
