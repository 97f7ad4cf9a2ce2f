package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/corpus/extract"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// TestWatchLogsAFailedFileOnce watches a folder holding a broken PDF for
// several scans: the failure is logged once, not on every scan.
func TestWatchLogsAFailedFileOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.7\nnot really"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, ing, err := openIndex(bleve.Options{Dir: filepath.Join(t.TempDir(), "idx")}, ingest.Options{}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	defer ing.Close()
	ex, err := extract.New(extract.Options{NoPDFFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	o := watchOptions{Dirs: pathList{dir}, Interval: 100 * time.Millisecond}
	if err := runWatch(ctx, ing, ex, o, slog.New(slog.NewTextHandler(&logs, nil))); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(logs.String(), "watched file failed"); n != 1 {
		t.Errorf("the failed file was logged %d times over about 15 scans:\n%s", n, logs.String())
	}
}
