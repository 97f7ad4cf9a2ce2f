package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/api"
)

// sharedDir finds the shared corpus: $DOSSIER_SHARED, else ../shared beside
// the repository root.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DOSSIER_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "corpus", "filings", "whatsapp-v-nso")); err != nil {
		t.Skipf("shared corpus not found at %s (set DOSSIER_SHARED): %v", dir, err)
	}
	return dir
}

// TestSharedWhatsAppEndToEnd is the foundation's acceptance run: index the
// WhatsApp v. NSO filings and the readability news pages, then search.
func TestSharedWhatsAppEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes ~300 real files; skipped with -short")
	}
	shared := sharedDir(t)
	idx := filepath.Join(t.TempDir(), "idx")
	code, out, errOut := runCmd(t, "index", "--index", idx, "--log-level", "error",
		filepath.Join(shared, "corpus", "filings", "whatsapp-v-nso"),
		filepath.Join(shared, "corpus", "articles", "readability"))
	if code != 0 {
		t.Fatalf("index exit %d:\n%s\n%s", code, out, errOut)
	}
	t.Logf("index: %s", strings.SplitN(out, "\n", 2)[0])

	search := func(args ...string) api.SearchResponse {
		t.Helper()
		code, out, errOut := runCmd(t, append([]string{"search", "--index", idx, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("search %v exit %d: %s", args, code, errOut)
		}
		var resp api.SearchResponse
		if err := json.Unmarshal([]byte(out), &resp); err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := search("--facets", "court,judge,year,kind", "Pegasus")
	// pdftotext finds "Pegasus" in 5 of the 30 filings.
	if resp.Total < 5 {
		t.Errorf("Pegasus: %d hits, want at least 5", resp.Total)
	}
	for _, h := range resp.Hits {
		if !strings.Contains(h.Source, "whatsapp-v-nso") || h.Kind != "filing" {
			t.Errorf("unexpected hit %s (%s)", h.Source, h.Kind)
		}
		if len(h.Highlights) == 0 || !strings.Contains(h.Highlights[0].Fragment, "<mark>") || h.Highlights[0].Page < 1 {
			t.Errorf("hit %s lacks a page-located highlight: %+v", h.Source, h.Highlights)
		}
		if len(h.CaseNumbers) == 0 || h.CaseNumbers[0] != "19-cv-07123" {
			t.Errorf("hit %s case numbers %v", h.Source, h.CaseNumbers)
		}
	}
	if c := resp.Facets["court"].Values; len(c) == 0 || c[0].Value != "cand" {
		t.Errorf("court facet: %+v", c)
	}
	if y := resp.Facets["year"].Values; len(y) == 0 || y[0].Count == 0 {
		t.Errorf("year facet: %+v", y)
	}
	all := search("--kind", "filing", "--facets", "judge", "--size", "1")
	if j := all.Facets["judge"].Values; len(j) == 0 {
		t.Errorf("no judge facet over the filings")
	} else {
		t.Logf("judge facet over filings: %+v", j)
	}
}
