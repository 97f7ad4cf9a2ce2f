package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/isolate"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

const sampleDir = "../../corpus/testdata/sample"

// TestMain lets the test binary serve as the extraction worker that the
// commands under test start (they re-run their own executable).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == isolate.WorkerCommand {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestIndexThenSearchSample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	code, out, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", sampleDir)
	if code != 0 {
		t.Fatalf("index exit %d: %s %s", code, out, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*", "*"))
	if len(files) < 5 {
		t.Fatalf("sample has only %d files", len(files))
	}
	if !strings.Contains(out, "indexed "+strconv.Itoa(len(files))+", unchanged 0, failed 0") {
		t.Errorf("first run summary: %q (sample has %d files)", out, len(files))
	}
	code, out, _ = runCmd(t, "index", "--index", dir, "--log-level", "error", sampleDir)
	if code != 0 || !strings.Contains(out, "indexed 0, unchanged "+strconv.Itoa(len(files))) {
		t.Errorf("second run: exit %d, %q", code, out)
	}

	code, out, errOut = runCmd(t, "search", "--index", dir, "Nightjar")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "[Nightjar]") || !regexp.MustCompile(`court:\s+cand`).MatchString(out) {
		t.Errorf("search output lacks highlights or facets:\n%s", out)
	}
	code, out, errOut = runCmd(t, "search", "--index", dir, "Nigthjar")
	if code != 0 || !strings.Contains(out, "did you mean: nightjar (") {
		t.Errorf("misspelt search: exit %d, no suggestion in:\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCmd(t, "search", "--index", dir, "Nightjar zzzyzzx")
	if code != 0 || !strings.Contains(out, "no document has all 2 words: showing documents with at least 1") || !strings.Contains(out, "missing: zzzyzzx") {
		t.Errorf("relaxed search: exit %d, output:\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "search", "--index", dir, `"unterminated`)
	if code != 2 || !strings.Contains(errOut, "invalid_query") {
		t.Errorf("bad query: exit %d, %q", code, errOut)
	}
}

func TestExtractJSONContract(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "broken.pdf")
	if err := os.WriteFile(bad, []byte("%PDF-1.7\nnot really"), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(sampleDir, "filings", "harbor-light-order-mtd.pdf")
	code, out, errOut := runCmd(t, "extract", "--json", pdf, bad)
	if code != 3 || !strings.Contains(errOut, "1 of 2 files could not be extracted") {
		t.Fatalf("extract of a good and a broken file: exit %d, want 3 (finished with failures): %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON object per file, got %d lines", len(lines))
	}
	var good, broken map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &good); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &broken); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"id", "source", "sha256", "kind", "content_type", "title", "text", "pages", "page_count",
		"language", "date", "court", "case_numbers", "judges", "ecf", "author", "site_name", "extracted_by", "skip_reason", "warnings"} {
		if _, ok := good[key]; !ok {
			t.Errorf("contract field %q missing", key)
		}
	}
	var doc corpus.Document
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Kind != corpus.KindFiling || doc.PageCount < 2 || doc.SkipReason != "" || doc.Court == nil || doc.Court.ID != "cand" {
		t.Errorf("sample order: %+v", doc)
	}
	if doc.ECF == nil || doc.ECF.DocumentNumber != "45" || doc.ECF.Filed != "2024-09-12" || doc.Date != "2024-09-12" {
		t.Errorf("ECF/date: %+v %q", doc.ECF, doc.Date)
	}
	if s, _ := broken["skip_reason"].(string); s == "" {
		t.Errorf("broken file has no skip_reason: %v", broken)
	}
}

func TestUsageErrors(t *testing.T) {
	cases := [][]string{
		{"frobnicate"},
		{"index"},
		{"index", "--batch-size", "-1", "x"},
		{"index", "/no/such/path"},
		{"extract"},
		{"serve", "--addr", "nonsense"},
		{"search", "--size", "many", "x"},
		{"index", "--log-level", "loud", "x"},
	}
	for _, args := range cases {
		if code, _, _ := runCmd(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestIndexBulkDefaults checks that dossier index shows, and so uses, its
// bulk profile (merges, mappings, batch text) as the flags' defaults.
func TestIndexBulkDefaults(t *testing.T) {
	_, _, stderr := runCmd(t, "index", "-h")
	for name, v := range map[string]string{
		"max-segment-docs":  "int\n[^\n]*\\(default " + strconv.Itoa(bleve.BulkMaxSegmentDocs) + "\\)",
		"merge-width":       "int\n[^\n]*\\(default " + strconv.Itoa(bleve.BulkMergeWidth) + "\\)",
		"release-mapped":    "duration\n[^\n]*\\(default " + bleve.DefaultReleaseMappedEvery.String() + "\\)",
		"max-mapped-mb":     "value\n[^\n]*\\(default " + strconv.Itoa(bleve.DefaultMaxResidentMapped>>20) + "\\)",
		"batch-text-bytes":  "int\n[^\n]*\\(default " + strconv.Itoa(ingest.BulkBatchTextBytes) + "\\)",
		"position-cache-mb": "value\n[^\n]*\\(default 0\\)",
	} {
		re := regexp.MustCompile(`-` + name + ` ` + v)
		if !re.MatchString(stderr) {
			t.Errorf("index -h does not match %q for %s:\n%s", v, name, stderr)
		}
	}
}

// TestShouldCompact checks when dossier index compacts after settling:
// only a run that indexed a quarter of the index or more, only when more
// segments remain than --compact allows, and never with --compact 0.
func TestShouldCompact(t *testing.T) {
	for _, tc := range []struct {
		target, segments, indexed int
		total                     uint64
		want                      bool
	}{
		{1, 21, 100000, 100000, true},  // the first bulk import
		{1, 21, 25000, 100000, true},   // a quarter of the index
		{1, 21, 24999, 100000, false},  // a daily run on a large index
		{1, 1, 100000, 100000, false},  // already compact
		{3, 3, 100000, 100000, false},  // at the target
		{3, 4, 100000, 100000, true},   // above it
		{0, 21, 100000, 100000, false}, // --compact 0
		{1, 2, 0, 0, false},            // an empty index
	} {
		if got := shouldCompact(tc.target, tc.segments, tc.indexed, tc.total); got != tc.want {
			t.Errorf("shouldCompact(target %d, segments %d, indexed %d, total %d) = %v, want %v",
				tc.target, tc.segments, tc.indexed, tc.total, got, tc.want)
		}
	}
}

// TestIndexFlagsValidate checks that dossier index refuses flags out of
// range, and takes the defaults.
func TestIndexFlagsValidate(t *testing.T) {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	var def indexFlags
	def.RegisterFlags(fs)
	if err := def.Validate(); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*indexFlags)
		ok   bool
	}{
		{"no cap", func(o *indexFlags) { o.CompactSegmentMB = 0 }, true},
		{"negative cap", func(o *indexFlags) { o.CompactSegmentMB = -1 }, false},
		{"cap too large", func(o *indexFlags) { o.CompactSegmentMB = maxCompactSegmentMB + 1 }, false},
		{"negative compact", func(o *indexFlags) { o.Compact = -1 }, false},
		{"negative settle", func(o *indexFlags) { o.Settle = -time.Second }, false},
	} {
		o := def
		tc.edit(&o)
		if err := o.Validate(); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
