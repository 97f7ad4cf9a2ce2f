package pdftext

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAdversarialQPDF runs Extract on every file of qpdf's corpus of crash
// and hang reproducers and hand-made corrupt PDFs (shared/corpus/
// adversarial/qpdf): each must yield a result or a sentinel error within
// its timeouts, and no panic may escape. It takes a few seconds.
func TestAdversarialQPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the adversarial corpus")
	}
	dir := filepath.Join(sharedDir(t), "corpus", "adversarial", "qpdf")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("adversarial corpus not found at %s", dir)
	}
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".pdf") || strings.HasSuffix(path, ".fuzz")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no PDFs under %s", dir)
	}
	opts := Options{MaxPages: 200, PageTimeout: 500 * time.Millisecond, FileTimeout: 2 * time.Second}
	const budget = 50 * time.Second
	start := time.Now()
	counts := make(map[string]int)
	for _, path := range files {
		if time.Since(start) > budget {
			t.Fatalf("stopped after %v: over the time budget with %d files done", budget, counts["total"])
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		fileStart := time.Now()
		res, err := Extract(context.Background(), data, opts)
		if el := time.Since(fileStart); el > opts.FileTimeout+time.Second {
			t.Errorf("%s: took %v", filepath.Base(path), el)
		}
		checkOutcome(t, res, err, opts)
		counts["total"]++
		outcome := "ok"
		for _, s := range sentinels {
			if errors.Is(err, s) {
				outcome = s.Error()
				break
			}
		}
		counts[outcome]++
	}
	t.Logf("%d files in %v: %v", len(files), time.Since(start).Round(time.Millisecond), counts)
}
