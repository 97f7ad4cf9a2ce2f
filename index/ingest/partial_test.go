package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/index"
)

// partialExtractor marks its documents partial until finish is set, and
// reports a time limit.
type partialExtractor struct {
	*countingExtractor
	finish bool
	limit  time.Duration
}

func (p *partialExtractor) ExtractFile(ctx context.Context, path string) corpus.Document {
	doc := p.countingExtractor.ExtractFile(ctx, path)
	if !p.finish {
		doc.Partial = "extraction reached its time limit during OCR: 3 of 9 page(s) were read"
	}
	return doc
}

func (p *partialExtractor) TimeLimit() time.Duration { return p.limit }

// TestIngestPartial checks the life of a partial document: indexed and
// searchable, reported, listed with the failures, replayed as partial,
// finished by --retry-failed or by a longer time limit.
func TestIngestPartial(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.html")
	writeFile(t, path, articleHTML(1, "spyware"))
	ix := openTemp(t)
	ex := &partialExtractor{countingExtractor: newCountingExtractor(t), limit: time.Minute}

	sum, res := ingest(t, ix, ex, index.IngestOptions{}, dir)
	r := res[path]
	if sum.Indexed != 1 || sum.Partial != 1 || len(sum.Partials) != 1 || !r.Partial || !strings.Contains(r.Reason, "3 of 9") {
		t.Fatalf("first run: summary %+v, result %+v", sum, r)
	}
	if got, err := ix.Search(context.Background(), index.SearchRequest{Query: "spyware"}); err != nil || got.Total != 1 {
		t.Fatalf("search: %v, %+v", err, got)
	}
	doc, err := ix.Document(context.Background(), r.ID)
	if err != nil || doc.Partial == "" {
		t.Fatalf("stored document: %v, partial %q", err, doc.Partial)
	}
	failed, total, err := ix.Failures(10)
	if err != nil || total != 1 || len(failed) != 1 || !failed[0].Partial || failed[0].ID != r.ID {
		t.Fatalf("failures: %v, %d, %+v", err, total, failed)
	}

	// Unchanged: replayed as partial, not read again.
	ex.calls.Store(0)
	sum, res = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if sum.Unchanged != 1 || sum.Partial != 1 || !res[path].Partial || ex.calls.Load() != 0 {
		t.Fatalf("second run: %+v, %+v, %d extractions", sum, res[path], ex.calls.Load())
	}

	// A longer time limit retries it by itself.
	ex.limit = 2 * time.Minute
	sum, res = ingest(t, ix, ex, index.IngestOptions{}, dir)
	if ex.calls.Load() != 1 || res[path].Reprocessed != "retrying with a longer time limit" || sum.Partial != 1 {
		t.Fatalf("longer limit: %+v, %+v, %d extractions", sum, res[path], ex.calls.Load())
	}

	// --retry-failed finishes it.
	ex.finish = true
	sum, res = ingest(t, ix, ex, index.IngestOptions{RetryFailed: true}, dir)
	if ex.calls.Load() != 2 || res[path].Reprocessed != "finishing a partial document" || sum.Partial != 0 || res[path].Partial {
		t.Fatalf("retry: %+v, %+v, %d extractions", sum, res[path], ex.calls.Load())
	}
	if _, total, _ := ix.Failures(10); total != 0 {
		t.Errorf("failures after the retry: %d", total)
	}
	if doc, _ := ix.Document(context.Background(), r.ID); doc == nil || doc.Partial != "" {
		t.Errorf("stored document still partial: %+v", doc)
	}
}
