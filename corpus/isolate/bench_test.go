package isolate

import (
	"context"
	"testing"

	"dossier/corpus/extract"
)

const benchPDF = "../testdata/sample/filings/harbor-light-complaint.pdf"

// BenchmarkExtractFile compares one small PDF extracted in a worker with
// the same in this process: the difference is the cost of isolation.
func BenchmarkExtractFile(b *testing.B) {
	ctx := context.Background()
	b.Run("in-process", func(b *testing.B) {
		ex, err := extract.New(extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if doc := ex.ExtractFile(ctx, benchPDF); doc.Skipped() {
				b.Fatal(doc.SkipReason)
			}
		}
	})
	b.Run("worker", func(b *testing.B) {
		opts := testOptions(b)
		opts.Workers = 1
		p := newPool(b, opts)
		for b.Loop() {
			if doc := p.ExtractFile(ctx, benchPDF); doc.Skipped() {
				b.Fatal(doc.SkipReason)
			}
		}
	})
	b.Run("worker-restart-each", func(b *testing.B) {
		opts := testOptions(b)
		opts.Workers = 1
		opts.MaxDocsPerWorker = 1
		p := newPool(b, opts)
		for b.Loop() {
			if doc := p.ExtractFile(ctx, benchPDF); doc.Skipped() {
				b.Fatal(doc.SkipReason)
			}
		}
	})
}
