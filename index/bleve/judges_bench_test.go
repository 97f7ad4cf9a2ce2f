package bleve

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"dossier/index/indextest"
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
// logs the most file-backed memory the loop found, from its debug log
// (what the pass maps between two looks), and the most the test saw
// itself, looking every millisecond. With DOSSIER_JUDGE_CAT=1 it first
// reads the index files whole, as a bulk import's writes leave them in the
// page cache (in large folios); with DOSSIER_JUDGE_KEEP_CACHE=1 the
// index leaves them there (Options.keepPageCache), as before the files
// were dropped from it.
//
//	DOSSIER_JUDGE_INDEX=/tmp/judge-copy go test ./index/bleve -run TestJudgePassMapped -v
func TestJudgePassMapped(t *testing.T) {
	dir := os.Getenv("DOSSIER_JUDGE_INDEX")
	if dir == "" {
		t.Skip("set DOSSIER_JUDGE_INDEX to a copy of an index")
	}
	if os.Getenv("DOSSIER_JUDGE_CAT") != "" {
		files, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no segment files in %s: %v", dir, err)
		}
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			_, err = io.Copy(io.Discard, f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	logs := &indextest.SyncBuffer{}
	ix, err := Open(Options{Dir: dir, ReleaseMappedEvery: DefaultReleaseMappedEvery, MaxResidentMapped: DefaultMaxResidentMapped,
		keepPageCache: os.Getenv("DOSSIER_JUDGE_KEEP_CACHE") != ""},
		slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var seen, seenAt atomic.Int64
	stop, done := make(chan struct{}), make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		for {
			if v, ok := residentFileBacked(); ok && v > seen.Load() {
				seen.Store(v)
				seenAt.Store(int64(time.Since(start)))
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	_, err = ingest.ResolveJudgeInitials(context.Background(), ix)
	took := time.Since(start)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if seen.Load() == 0 {
		t.Fatal("no file-backed memory read from /proc/self/statm: the test measured nothing")
	}
	most, n := 0, 0
	for _, m := range regexp.MustCompile(`file_backed_mb=(\d+)`).FindAllStringSubmatch(logs.String(), -1) {
		v, _ := strconv.Atoi(m[1])
		most, n = max(most, v), n+1
	}
	t.Logf("judge pass %v; %d releases; most file-backed memory the loop found %d MiB; most the test saw %d MiB, %v into the pass", took.Round(time.Millisecond), n, most, seen.Load()>>20, time.Duration(seenAt.Load()).Round(time.Millisecond))
}
