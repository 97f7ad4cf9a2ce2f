package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
)

func TestUploadSearchableAtOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := openDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.IngestStored(context.Background(), nil); !errors.Is(err, index.ErrUploadsDisabled) {
		t.Fatalf("without an extractor: %v, want ErrUploadsDisabled", err)
	}
	ix.SetExtractor(newCountingExtractor(t))
	page := articleHTML(7, "quetzalcoatlus")
	sf, err := ix.StoreUpload("ruling.html", strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	other, err := ix.StoreUpload("notes.txt", strings.NewReader("just text"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.IngestStored(context.Background(), []index.StoredFile{sf, other})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Outcome != index.OutcomeIndexed || res[1].Outcome != index.OutcomeIgnored {
		t.Fatalf("results: %+v", res)
	}
	id := res[0].ID
	found, err := ix.Search(context.Background(), index.SearchRequest{Query: "quetzalcoatlus"})
	if err != nil {
		t.Fatal(err)
	}
	if found.Total != 1 || found.Hits[0].ID != id || found.Hits[0].Source != "ruling.html" {
		t.Fatalf("search right after upload: %+v", found)
	}
	// The original survives a restart.
	ix.Close()
	ix, err = openDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	paths := ix.Paths(id)
	if len(paths) != 1 {
		t.Fatalf("Paths(%s) = %v", id, paths)
	}
	data, err := os.ReadFile(paths[0])
	if err != nil || string(data) != page {
		t.Fatalf("original: %v", err)
	}
}

// liveDocs makes n documents of about 5 KB drawn from a fixed vocabulary.
func liveDocs(n int, vocab []string) []corpus.Document {
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]corpus.Document, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 5000 {
			b.WriteString(vocab[r.IntN(len(vocab))])
			b.WriteByte(' ')
		}
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("live%06d", i), Source: fmt.Sprintf("live-%d.pdf", i), Kind: corpus.KindFiling,
			Title: "ORDER " + strconv.Itoa(i), PageCount: 1, Pages: []corpus.Page{{Number: 1, Text: b.String()}},
		}
	}
	return docs
}

// TestSearchDuringIngest runs searches at a steady rate (50/s) while a JSON
// Lines import of DOSSIER_LIVE documents (5 KB each) is written, and
// reports latency percentiles. No search may fail.
func TestSearchDuringIngest(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DOSSIER_LIVE"))
	if n <= 0 {
		t.Skip("set DOSSIER_LIVE=N (e.g. 20000) to search during a large ingest")
	}
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", i*7919)
	}
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "live.jsonl")
	writeJSONL(t, jsonl, liveDocs(n, vocab))
	ix := openIndex(t, filepath.Join(dir, "ix"), Options{})
	if err := ix.Put(liveDocs(1, vocab)...); err != nil { // something to find from the start
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failures  []error
		wg        sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		r := rand.New(rand.NewPCG(3, 4))
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			q := vocab[r.IntN(len(vocab))] + " " + vocab[r.IntN(len(vocab))]
			if r.IntN(2) == 0 {
				q = `"` + q + `"`
			}
			start := time.Now()
			_, err := ix.Search(context.Background(), index.SearchRequest{Query: q, Highlight: true, Size: 10})
			el := time.Since(start)
			mu.Lock()
			latencies = append(latencies, el)
			if err != nil {
				failures = append(failures, err)
			}
			mu.Unlock()
		}
	}()
	start := time.Now()
	sum, err := ix.IngestWith(context.Background(), nil, []string{jsonl}, index.IngestOptions{})
	elapsed := time.Since(start)
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != n {
		t.Fatalf("indexed %d of %d", sum.Indexed, n)
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d searches failed during ingest, first: %v", len(failures), len(latencies), failures[0])
	}
	if len(latencies) < 10 {
		t.Fatalf("only %d searches ran", len(latencies))
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	t.Logf("ingest of %d docs in %s (%.0f docs/s); %d searches during it, 0 failed; p50 %s, p99 %s, max %s",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), len(latencies),
		pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), latencies[len(latencies)-1].Round(time.Microsecond))
}

// TestIngestResolvesJudgeInitials checks that an ingest resolves case-number
// initials for the cases it touched: a complaint that carries only "RMS"
// gets its judge when a later ingest brings an order that names her.
func TestIngestResolvesJudgeInitials(t *testing.T) {
	ix := openTemp(t)
	dir := t.TempDir()
	line := func(d corpus.Document) string {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	cn := []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "cand", JudgeInitials: "RMS"}}
	cand := &legal.Court{ID: "cand"}
	complaint := corpus.Document{ID: "c1", Kind: corpus.KindFiling, Title: "COMPLAINT", Text: "complaint text", Court: cand, CaseNumbers: cn}
	order := corpus.Document{ID: "o1", Kind: corpus.KindFiling, Title: "ORDER", Text: "order text", Court: cand, CaseNumbers: cn,
		Judges: []legal.Judge{{Name: "Rosa M. Serrano"}}}
	first := filepath.Join(dir, "first.jsonl")
	writeFile(t, first, line(complaint))
	sum, _ := ingest(t, ix, nil, index.IngestOptions{}, first)
	if sum.JudgesResolved != 0 {
		t.Fatalf("first ingest: resolved %d", sum.JudgesResolved)
	}
	second := filepath.Join(dir, "second.jsonl")
	writeFile(t, second, line(order))
	sum, _ = ingest(t, ix, nil, index.IngestOptions{}, second)
	if sum.JudgesResolved != 1 {
		t.Fatalf("second ingest resolved %d filings, want 1", sum.JudgesResolved)
	}
	if sum.JudgePass <= 0 || sum.JudgePass > sum.Elapsed {
		t.Errorf("judge pass took %v of the run's %v", sum.JudgePass, sum.Elapsed)
	}
	d, err := ix.Document(context.Background(), "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Judges) != 1 || d.Judges[0].Name != "Rosa M. Serrano" || d.Judges[0].Role != RoleFromInitials {
		t.Fatalf("complaint judges: %+v", d.Judges)
	}
}

// TestIngestResolvesJudgeInitialsOfManyCases covers a run touching more
// cases than one filter takes (MaxFilterValues) but no more than
// MaxTargetedJudgeCases.
func TestIngestResolvesJudgeInitialsOfManyCases(t *testing.T) {
	const n = index.MaxFilterValues + 8
	if n > MaxTargetedJudgeCases {
		t.Skip("MaxTargetedJudgeCases is below MaxFilterValues+8")
	}
	ix := openTemp(t)
	dir := t.TempDir()
	var first, second strings.Builder
	cand := &legal.Court{ID: "cand"}
	for i := range n {
		raw := fmt.Sprintf("3:24-cv-%05d-RMS", 100+i)
		cn := []legal.CaseNumber{{Raw: raw, Canonical: fmt.Sprintf("24-cv-%05d", 100+i), Court: "cand", JudgeInitials: "RMS"}}
		for _, d := range []struct {
			b   *strings.Builder
			doc corpus.Document
		}{
			{&first, corpus.Document{ID: fmt.Sprintf("c%02d", i), Kind: corpus.KindFiling, Text: "complaint", Court: cand, CaseNumbers: cn}},
			{&second, corpus.Document{ID: fmt.Sprintf("o%02d", i), Kind: corpus.KindFiling, Text: "order", Court: cand, CaseNumbers: cn,
				Judges: []legal.Judge{{Name: "Rosa M. Serrano"}}}},
		} {
			b, err := json.Marshal(d.doc)
			if err != nil {
				t.Fatal(err)
			}
			d.b.Write(append(b, '\n'))
		}
	}
	writeFile(t, filepath.Join(dir, "a.jsonl"), first.String())
	ingest(t, ix, nil, index.IngestOptions{}, filepath.Join(dir, "a.jsonl"))
	writeFile(t, filepath.Join(dir, "b.jsonl"), second.String())
	sum, _ := ingest(t, ix, nil, index.IngestOptions{}, filepath.Join(dir, "b.jsonl"))
	if sum.JudgesResolved != n {
		t.Fatalf("resolved %d filings, want %d", sum.JudgesResolved, n)
	}
}

// TestJudgeResolutionSurvivesAKill stops an ingest between its last commit
// and its judge resolution, as a kill -9 would, and checks that the next
// run, with nothing new to index, resolves what the first left; and that
// a run touching more than MaxTargetedJudgeCases cases resolves them too
// (it used to leave them to a caller that uploads never were).
func TestJudgeResolutionSurvivesAKill(t *testing.T) {
	ix := openTemp(t)
	dir := t.TempDir()
	cand := &legal.Court{ID: "cand"}
	var b strings.Builder
	n := MaxTargetedJudgeCases + 6
	for i := range n {
		cn := []legal.CaseNumber{{Raw: fmt.Sprintf("3:24-cv-%05d-RMS", i+1), Canonical: fmt.Sprintf("24-cv-%05d", i+1), Court: "cand", JudgeInitials: "RMS"}}
		for _, d := range []corpus.Document{
			{ID: fmt.Sprintf("c%03d", i), Kind: corpus.KindFiling, Title: "COMPLAINT", Text: "complaint", Court: cand, CaseNumbers: cn},
			{ID: fmt.Sprintf("o%03d", i), Kind: corpus.KindFiling, Title: "ORDER", Text: "order", Court: cand, CaseNumbers: cn,
				Judges: []legal.Judge{{Name: "Rosa M. Serrano"}}},
		} {
			j, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(append(j, '\n'))
		}
	}
	path := filepath.Join(dir, "cases.jsonl")
	writeFile(t, path, b.String())
	killed := errors.New("killed before resolving")
	ix.resolveJudges = func(context.Context) (int, error) { return 0, killed }
	if _, err := ix.IngestWith(context.Background(), nil, []string{path}, index.IngestOptions{}); !errors.Is(err, killed) {
		t.Fatalf("first run: %v, want the simulated kill", err)
	}
	if d, err := ix.Document(context.Background(), "c000"); err != nil || len(d.Judges) != 0 {
		t.Fatalf("before the rerun: %+v %v", d, err)
	}
	ix.resolveJudges = nil
	sum, _ := ingest(t, ix, nil, index.IngestOptions{}, path)
	if sum.Indexed != 0 || sum.JudgesResolved != n {
		t.Fatalf("rerun: indexed %d, resolved %d, want 0 and %d", sum.Indexed, sum.JudgesResolved, n)
	}
	for i := range n {
		d, err := ix.Document(context.Background(), fmt.Sprintf("c%03d", i))
		if err != nil || len(d.Judges) != 1 || d.Judges[0].Name != "Rosa M. Serrano" {
			t.Fatalf("complaint %d after the rerun: %+v %v", i, d, err)
		}
	}
	if pending, err := ix.manifest.judgesPending(); err != nil || len(pending) != 0 {
		t.Fatalf("pending after resolution: %q %v", pending, err)
	}
}
