package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/bleve"
)

// crashChildEnv tells the re-executed test binary to run one ingest:
// "INDEXDIR|CORPUSDIR".
const crashChildEnv = "DOSSIER_CRASH_CHILD"

// TestCrashChild is the indexer the crash test kills. It does nothing in a
// normal test run.
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashChildEnv)
	if spec == "" {
		t.Skip("helper process for TestCrashResume")
	}
	ixDir, corpusDir, _ := strings.Cut(spec, "|")
	if err := crashIngest(ixDir, corpusDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// crashIngest runs the same command every crash-test run runs: small
// batches, so that kills land in and between many commits.
func crashIngest(ixDir, corpusDir string) error {
	ix, err := openDir(ixDir, Options{Workers: 2, BatchSize: 16, BulkBatchSize: 100})
	if err != nil {
		return err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	if _, err := ix.IngestWith(context.Background(), ex, []string{corpusDir}, index.IngestOptions{}); err != nil {
		ix.Close()
		return err
	}
	return ix.Close()
}

// writeCrashCorpus writes nHTML article pages and one JSON Lines file of
// nJSONL documents, all with distinct bytes.
func writeCrashCorpus(t *testing.T, dir string, nHTML, nJSONL int) {
	t.Helper()
	words := []string{"spyware", "exploit", "subpoena", "injunction", "discovery", "sanctions", "appeal"}
	for i := range nHTML {
		writeFile(t, filepath.Join(dir, "pages", fmt.Sprintf("p%03d", i/100), fmt.Sprintf("a%05d.html", i)),
			articleHTML(i, words[i%len(words)]))
	}
	docs := make([]corpus.Document, nJSONL)
	for i := range docs {
		var b strings.Builder
		for j := range 20 {
			fmt.Fprintf(&b, "Paragraph %d of order %d concerns %s and the %s of record. ", j, i, words[(i+j)%len(words)], words[j%len(words)])
		}
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("%032x", i+1), Source: fmt.Sprintf("order-%d.pdf", i), Kind: corpus.KindFiling,
			ContentType: corpus.ContentTypePDF, Title: fmt.Sprintf("ORDER %d", i), Date: "2024-05-06", PageCount: 2,
			Pages: []corpus.Page{{Number: 1, Text: b.String()}, {Number: 2, Text: "IT IS SO ORDERED " + strconv.Itoa(i)}},
			// 150 cases of 10 filings each, numbered with the judge's
			// initials; only the last filing of a case names her, so the
			// others get their judge from the initials after the commit.
			Court: &legal.Court{ID: "cand"},
			CaseNumbers: []legal.CaseNumber{{Raw: fmt.Sprintf("3:24-cv-%05d-RMS", i/10+1), Canonical: fmt.Sprintf("24-cv-%05d", i/10+1),
				Court: "cand", JudgeInitials: "RMS"}},
		}
		if i%10 == 9 {
			docs[i].Judges = []legal.Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO"}}
		}
	}
	writeJSONL(t, filepath.Join(dir, "bulk", "orders.jsonl"), docs)
}

// snapshot is an index's content: every ID with its stored document as JSON.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	defer ix.Close()
	out := map[string]string{}
	_, err = ix.Export(context.Background(), index.SearchRequest{}, func(h index.Hit) error {
		if _, dup := out[h.ID]; dup {
			t.Fatalf("duplicate hit %s", h.ID)
		}
		d, err := ix.Document(context.Background(), h.ID)
		if err != nil {
			t.Fatalf("document %s: %v", h.ID, err)
		}
		j, _ := json.Marshal(d)
		out[h.ID] = string(j)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Every record is listed: the crash corpus has no skipped documents.
	if n, _ := ix.DocCount(context.Background()); int(n) != len(out) {
		t.Fatalf("DocCount %d but %d documents listed", n, len(out))
	}
	// The facets researchers filter on, counted over everything.
	res2, err := ix.Search(context.Background(), index.SearchRequest{Facets: []string{"judge", "case", "court", "kind"}, FacetSize: index.MaxFacetSize})
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(res2.Facets)
	out["_facets"] = string(j)
	return out
}

// TestCrashResume kills the indexer with SIGKILL at random moments, reruns
// it to completion and compares the index with an uninterrupted run: same
// count, IDs and stored fields (judges resolved from case-number initials
// included), and the same judge, case, court and kind facets. Set DOSSIER_CRASH=1 to run it
// (DOSSIER_CRASH_RUNS runs, default 20).
func TestCrashResume(t *testing.T) {
	if os.Getenv("DOSSIER_CRASH") == "" {
		t.Skip("set DOSSIER_CRASH=1 to run the kill -9 crash test (about a minute)")
	}
	runs := 20
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_CRASH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	tmp := t.TempDir()
	corpusDir := filepath.Join(tmp, "corpus")
	writeCrashCorpus(t, corpusDir, 1500, 1500)

	child := func(ixDir string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+ixDir+"|"+corpusDir)
		cmd.Stderr = os.Stderr
		return cmd
	}
	clean := filepath.Join(tmp, "clean")
	start := time.Now()
	if err := child(clean).Run(); err != nil {
		t.Fatalf("clean run: %v", err)
	}
	full := time.Since(start)
	want := snapshot(t, clean)
	if len(want) != 3001 {
		t.Fatalf("clean run indexed %d documents, want 3000", len(want)-1)
	}
	if !strings.Contains(want["_facets"], `"Value":"Rosa M. Serrano","Count":1500`) {
		t.Fatalf("clean run: the 1,500 orders do not all have their judge: %s", want["_facets"])
	}
	t.Logf("clean run: %d documents in %s", len(want), full.Round(time.Millisecond))

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	interrupted := 0
	for run := range runs {
		dir := filepath.Join(tmp, fmt.Sprintf("run%02d", run))
		cmd := child(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill somewhere between start-up and the end of a full run.
		delay := time.Duration(rng.Int64N(int64(full)))
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
			t.Logf("run %d: finished before the kill at %s", run, delay)
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			interrupted++
		}
		killedAt := 0
		if st, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil && st != nil {
			if m, err := openManifest(dir, time.Second); err == nil {
				_ = m.each(func(*ManifestEntry) error { killedAt++; return nil })
				m.close()
			}
		}
		if err := child(dir).Run(); err != nil {
			t.Fatalf("run %d: rerun after kill at %s: %v", run, delay, err)
		}
		got := snapshot(t, dir)
		if len(got) != len(want) {
			t.Fatalf("run %d (killed at %s, %d files recorded): %d documents, want %d", run, delay, killedAt, len(got), len(want))
		}
		for id, w := range want {
			if got[id] != w {
				t.Fatalf("run %d: document %s differs:\n got %s\nwant %s", run, id, got[id], w)
			}
		}
		t.Logf("run %d: killed at %s with %d manifest entries; rerun matches the clean index", run, delay.Round(time.Millisecond), killedAt)
		os.RemoveAll(dir)
	}
	if interrupted < runs/2 {
		t.Fatalf("only %d of %d runs were interrupted", interrupted, runs)
	}
}
