package bleve

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"dossier/index"
)

// benchMixFile is benchMix's requests as JSON, for benchmarks outside this
// package (api's TestPeers sends them over HTTP and to Xapian).
const benchMixFile = "testdata/benchmix.json"

// benchMixEntry is one line of benchMixFile.
type benchMixEntry struct {
	Class   string
	Request index.SearchRequest
}

// TestBenchMixFile checks that benchMixFile holds benchMix's requests;
// DOSSIER_UPDATE_BENCHMIX=1 rewrites it.
func TestBenchMixFile(t *testing.T) {
	var entries []benchMixEntry
	for _, c := range benchMix() {
		entries = append(entries, benchMixEntry{c.class, c.req})
	}
	// A JSON array with one request a line.
	want := []byte("[\n")
	for i, e := range entries {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, b...)
		if i < len(entries)-1 {
			want = append(want, ',')
		}
		want = append(want, '\n')
	}
	want = append(want, "]\n"...)
	if os.Getenv("DOSSIER_UPDATE_BENCHMIX") != "" {
		if err := os.WriteFile(filepath.FromSlash(benchMixFile), want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(filepath.FromSlash(benchMixFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from benchMix(); run DOSSIER_UPDATE_BENCHMIX=1 go test ./index/bleve -run TestBenchMixFile", benchMixFile)
	}
}
