package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/index"
	"dossier/index/bleve"
)

// countingExtractor counts the files it extracts.
type countingExtractor struct {
	ex    *extract.Extractor
	calls atomic.Int64
}

func (c *countingExtractor) ExtractFile(ctx context.Context, path string) corpus.Document {
	c.calls.Add(1)
	return c.ex.ExtractFile(ctx, path)
}

func newCountingExtractor(t testing.TB) *countingExtractor {
	t.Helper()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &countingExtractor{ex: ex}
}

// articleHTML is a small generated article page; n makes its bytes unique.
func articleHTML(n int, word string) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>Ruling number %d</title></head><body><article>
<h1>Ruling number %d</h1>
<p>The court granted the motion in part. Reporter %d wrote about %s and the surveillance of journalists.</p>
<p>A second paragraph with more words, so that extraction keeps the article body of page %d.</p>
</article></body></html>`, n, n, n, word, n)
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testIndex is an engine with its ingester, opened as cmd/dossier opens
// them: the engine first, closed last.
type testIndex struct {
	*bleve.Index
	*Ingester
}

// Close closes the ingester, then the engine.
func (ix testIndex) Close() error {
	return errors.Join(ix.Ingester.Close(), ix.Index.Close())
}

// openDir opens the engine in dir and its ingester with opts.
func openDir(dir string, opts Options) (testIndex, error) {
	eng, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		return testIndex{}, err
	}
	in, err := Open(dir, eng, opts, nil)
	if err != nil {
		eng.Close()
		return testIndex{}, err
	}
	return testIndex{eng, in}, nil
}

// openIndex is openDir, closed when the test ends.
func openIndex(t testing.TB, dir string, opts Options) testIndex {
	t.Helper()
	ix, err := openDir(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func openTemp(t testing.TB) testIndex {
	t.Helper()
	return openIndex(t, filepath.Join(t.TempDir(), "ix"), Options{Workers: 2})
}

func ingest(t testing.TB, ix testIndex, ex index.Extractor, opts index.IngestOptions, paths ...string) (index.IngestSummary, map[string]index.FileResult) {
	t.Helper()
	got := map[string]index.FileResult{}
	user := opts.Progress
	opts.Progress = func(r index.FileResult) {
		got[r.Path] = r
		if user != nil {
			user(r)
		}
	}
	sum, err := ix.IngestWith(context.Background(), ex, paths, opts)
	if err != nil {
		t.Fatalf("IngestWith: %v", err)
	}
	return sum, got
}

func TestIngestIncremental(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("a%d.html", i)), articleHTML(i, "spyware"))
	}
	writeFile(t, filepath.Join(dir, "notes.txt"), "plain text, not indexed")
	ix := openTemp(t)
	ex := newCountingExtractor(t)

	sum, res := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 3 || sum.Ignored != 1 || sum.Failed != 0 {
		t.Fatalf("first run: %+v", sum)
	}
	a0 := filepath.Join(dir, "a0.html")
	oldID := res[a0].ID
	if oldID == "" {
		t.Fatalf("no ID for a0: %+v", res[a0])
	}

	// Second run: nothing is read.
	ex.calls.Store(0)
	sum, _ = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Unchanged != 3 || sum.Ignored != 1 || sum.Indexed != 0 || ex.calls.Load() != 0 {
		t.Fatalf("second run: %+v, %d extractions", sum, ex.calls.Load())
	}

	// A changed file replaces its document.
	writeFile(t, a0, articleHTML(100, "exploit"))
	future := time.Now().Add(time.Minute)
	if err := os.Chtimes(a0, future, future); err != nil {
		t.Fatal(err)
	}
	sum, res = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 1 || sum.Unchanged != 2 {
		t.Fatalf("after change: %+v", sum)
	}
	newID := res[a0].ID
	if newID == oldID {
		t.Fatal("changed file kept its ID")
	}
	if _, err := ix.Document(context.Background(), oldID); !errors.Is(err, index.ErrNotFound) {
		t.Fatalf("old document still there: %v", err)
	}

	// The same bytes under a second path: one document, both paths.
	copyPath := filepath.Join(dir, "sub", "copy.html")
	writeFile(t, copyPath, articleHTML(1, "spyware"))
	sum, res = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Duplicate != 1 || sum.Indexed != 0 {
		t.Fatalf("after copy: %+v", sum)
	}
	dupID := res[copyPath].ID
	if paths := ix.Paths(dupID); len(paths) != 2 {
		t.Fatalf("Paths(%s) = %v, want 2 paths", dupID, paths)
	}

	// Prune: removing one of the two paths keeps the document; removing a
	// sole path drops it.
	if err := os.Remove(filepath.Join(dir, "a1.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "a2.html")); err != nil {
		t.Fatal(err)
	}
	a2ID := res[filepath.Join(dir, "a2.html")].ID
	sum, _ = ingest(t, ix, ex, index.IngestOptions{Prune: true}, dir)
	if sum.Pruned != 2 {
		t.Fatalf("prune: %+v", sum)
	}
	if _, err := ix.Document(context.Background(), dupID); err != nil {
		t.Fatalf("document held by the copy was pruned: %v", err)
	}
	if a2ID != "" {
		if _, err := ix.Document(context.Background(), a2ID); !errors.Is(err, index.ErrNotFound) {
			t.Fatalf("pruned document still there: %v", err)
		}
	}
	if paths := ix.Paths(dupID); len(paths) != 1 || paths[0] != copyPath {
		t.Fatalf("Paths after prune = %v", paths)
	}
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 {
		t.Fatalf("documents = %d, want 2 (a0 changed, copy)", st.Documents)
	}
}

func TestIngestVersionBumpReprocesses(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.html")
	writeFile(t, p, articleHTML(1, "spyware"))
	ix := openTemp(t)
	ex := newCountingExtractor(t)
	ingest(t, ix, ex, index.IngestOptions{}, dir)
	// Pretend an older extractor processed the file.
	err := ix.manifest.update(func(tx manifestTx) error {
		e := tx.get(p)
		e.ExtractorVersion = corpus.ExtractorVersion - 1
		return tx.put(e)
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Reprocessed != 1 || sum.Indexed != 1 || len(sum.ReprocessReasons) != 1 ||
		!strings.Contains(sum.ReprocessReasons[0], "extractor version") {
		t.Fatalf("after version bump: %+v", sum)
	}
}

func jsonlDocs(n int) []corpus.Document {
	docs := make([]corpus.Document, n)
	for i := range docs {
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("bulk%04d", i), Source: fmt.Sprintf("doc%d.pdf", i), Kind: corpus.KindFiling,
			ContentType: corpus.ContentTypePDF, Title: fmt.Sprintf("ORDER %d", i), PageCount: 1,
			Pages: []corpus.Page{{Number: 1, Text: fmt.Sprintf("Order number %d on the nightjar implant.", i)}},
		}
	}
	return docs
}

func writeJSONL(t testing.TB, path string, docs []corpus.Document, extra ...string) {
	t.Helper()
	var b strings.Builder
	for i := range docs {
		j, err := json.Marshal(docs[i])
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	writeFile(t, path, b.String())
}

func TestIngestJSONL(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bulk.jsonl")
	writeJSONL(t, p, jsonlDocs(5), "{not json", "")
	ix := openTemp(t)
	ex := newCountingExtractor(t)
	sum, _ := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 5 || sum.Failed != 1 || ex.calls.Load() != 0 {
		t.Fatalf("import: %+v", sum)
	}
	d, err := ix.Document(context.Background(), "bulk0003")
	if err != nil || !strings.Contains(d.Text, "Order number 3") {
		t.Fatalf("Document(bulk0003) = %v, %v", d, err)
	}
	if paths := ix.Paths("bulk0003"); len(paths) != 0 {
		t.Fatalf("JSONL documents have no original file, got %v", paths)
	}
	sum, _ = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Unchanged != 1 || sum.Indexed != 0 {
		t.Fatalf("rerun: %+v", sum)
	}

	// An interrupted import resumes at the recorded offset.
	data, _ := os.ReadFile(p)
	lines := strings.SplitAfter(string(data), "\n")
	off := len(lines[0]) + len(lines[1])
	err = ix.manifest.update(func(tx manifestTx) error {
		e := tx.get(p)
		e.Outcome, e.Offset, e.Docs = "", int64(off), 2
		return tx.put(e)
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, res := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 3 || sum.Failed != 1 {
		t.Fatalf("resume: %+v", sum)
	}
	if _, ok := res[p+":3"]; !ok {
		t.Fatalf("resume did not start at line 3: %v", res)
	}

	// A changed file replaces the documents it held.
	writeJSONL(t, p, jsonlDocs(2))
	future := time.Now().Add(time.Minute)
	os.Chtimes(p, future, future)
	sum, _ = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 2 {
		t.Fatalf("changed JSONL: %+v", sum)
	}
	st, _ := ix.Stats(context.Background())
	if st.Documents != 2 {
		t.Fatalf("documents = %d after the JSONL shrank to 2", st.Documents)
	}
}

func TestIngestCancelRecordsNothingFalse(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("a%02d.html", i)), articleHTML(i, "spyware"))
	}
	ix := openTemp(t)
	ex := newCountingExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := ix.IngestWith(ctx, ex, []string{dir}, index.IngestOptions{Progress: func(index.FileResult) {
		n++
		if n == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Every recorded file is in the index; the rerun completes the rest.
	_ = ix.manifest.each(func(e *ManifestEntry) error {
		if _, err := ix.Document(context.Background(), e.ID); err != nil {
			t.Errorf("manifest records %s but the index lacks %s: %v", e.Path, e.ID, err)
		}
		return nil
	})
	sum, _ := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed+sum.Unchanged != 20 {
		t.Fatalf("rerun: %+v", sum)
	}
	st, _ := ix.Stats(context.Background())
	if st.Documents != 20 {
		t.Fatalf("documents = %d, want 20", st.Documents)
	}
}

// TestStaleManifestStartsAfresh puts the manifest of one index beside a
// new, empty one: it references documents the new index lacks, so it is
// emptied and the files are indexed again rather than skipped.
func TestStaleManifestStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.html"), articleHTML(1, "spyware"))
	ex := newCountingExtractor(t)
	oldDir := filepath.Join(t.TempDir(), "old")
	old := openIndex(t, oldDir, Options{})
	ingest(t, old, ex, index.IngestOptions{}, dir)
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	newDir := filepath.Join(t.TempDir(), "new")
	data, err := os.ReadFile(filepath.Join(oldDir, manifestFile))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(newDir, manifestFile), string(data))
	ix := openIndex(t, newDir, Options{})
	sum, _ := ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Indexed != 1 || sum.Unchanged != 0 {
		t.Fatalf("beside a stale manifest: %+v", sum)
	}
}
