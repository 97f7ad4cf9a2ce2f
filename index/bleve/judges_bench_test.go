package bleve

import (
	"context"
	"os"
	"testing"

	"dossier/index/ingest"
)

// BenchmarkResolveJudgeInitials measures ingest's judge pass over every
// filing (what dossier index runs after a bulk import) three ways: in
// steps growing to exportMaxPage, as Export read before it had a last step
// for the rest; with that step; and with it and the stored metadata read
// by document number (stored.go) rather than by bleve's loader. It runs on
// 2,000 five-page benchDocs filings, or on the index in
// $DOSSIER_JUDGE_INDEX (opened as is; use a copy, since a pass may update
// documents):
//
//	go test ./index/bleve -run '^$' -bench ResolveJudgeInitials -count 6
//	DOSSIER_JUDGE_INDEX=/tmp/judge-index go test ./index/bleve -run '^$' -bench ResolveJudgeInitials -benchtime 3x -count 3
func BenchmarkResolveJudgeInitials(b *testing.B) {
	var ix *Index
	if dir := os.Getenv("DOSSIER_JUDGE_INDEX"); dir != "" {
		var err error
		if ix, err = Open(Options{Dir: dir}, nil); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
	} else {
		ix = newTestIndex(b, benchDocs(2000)...)
	}
	ctx := context.Background()
	ways := []struct {
		name        string
		bleveStored bool
		steps       exportSteps
	}{
		{"steps=growing/loader=bleve", true, exportSteps{exportFirstPage, exportMaxPage, 0}},
		{"steps=rest/loader=bleve", true, defaultExportSteps},
		{"steps=rest/loader=number", false, defaultExportSteps},
	}
	for _, w := range ways {
		b.Run(w.name, func(b *testing.B) {
			ix.bleveStored, ix.exportSteps = w.bleveStored, w.steps
			defer func() { ix.bleveStored, ix.exportSteps = false, exportSteps{} }()
			for b.Loop() {
				if _, err := ingest.ResolveJudgeInitials(ctx, ix); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
