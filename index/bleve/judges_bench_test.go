package bleve

import (
	"context"
	"log/slog"
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"

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

// TestJudgePassMapped runs the judge pass once over the index in
// $DOSSIER_JUDGE_INDEX (use a copy) with dossier index's release loop
// (every DefaultReleaseMappedEvery above DefaultMaxResidentMapped) and
// logs the most file-backed memory the loop found, from its debug log:
// what the pass maps between two looks.
//
//	DOSSIER_JUDGE_INDEX=/tmp/judge-copy go test ./index/bleve -run TestJudgePassMapped -v
func TestJudgePassMapped(t *testing.T) {
	dir := os.Getenv("DOSSIER_JUDGE_INDEX")
	if dir == "" {
		t.Skip("set DOSSIER_JUDGE_INDEX to a copy of an index")
	}
	logs := &syncBuffer{}
	ix, err := Open(Options{Dir: dir, ReleaseMappedEvery: DefaultReleaseMappedEvery, MaxResidentMapped: DefaultMaxResidentMapped},
		slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	if _, err := ingest.ResolveJudgeInitials(context.Background(), ix); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	most, n := 0, 0
	for _, m := range regexp.MustCompile(`file_backed_mb=(\d+)`).FindAllStringSubmatch(logs.String(), -1) {
		v, _ := strconv.Atoi(m[1])
		most, n = max(most, v), n+1
	}
	if n == 0 {
		t.Fatal("the release loop logged no release: the test measured nothing")
	}
	t.Logf("judge pass %v; %d releases; most file-backed memory found %d MiB", took.Round(time.Millisecond), n, most)
}
