package htmltext

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func BenchmarkExtract(b *testing.B) {
	var pages [][]byte
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.html"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatalf("read sample: %v", err)
		}
		pages = append(pages, data)
	}
	if len(pages) == 0 {
		b.Fatalf("no sample pages under %s", sampleDir)
	}
	// A larger synthetic page: a long article inside heavy page furniture.
	var big strings.Builder
	big.WriteString(`<html lang="en"><head><title>Long read</title></head><body><nav>`)
	for i := 0; i < 300; i++ {
		big.WriteString(`<a href="/section">Section link</a> `)
	}
	big.WriteString(`</nav><article>`)
	for i := 0; i < 400; i++ {
		big.WriteString(`<p>The council met again on Tuesday to discuss the harbour budget, and members argued for an hour about dredging costs.</p>`)
	}
	big.WriteString(`</article><footer>Footer</footer></body></html>`)
	pages = append(pages, []byte(big.String()))

	var total int64
	for _, p := range pages {
		total += int64(len(p))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Extract(ctx, p, "", Options{}); err != nil {
				b.Fatalf("Extract: %v", err)
			}
		}
	}
}

// BenchmarkExtractSharedParallel extracts the 181 real news pages of the
// shared extraction benchmark with GOMAXPROCS goroutines and reports
// pages/s; run with -cpu 2 for the two-core figure. Skipped without the
// shared corpus.
func BenchmarkExtractSharedParallel(b *testing.B) {
	shared := sharedDir(b)
	if shared == "" {
		b.Skip("shared corpus not found: set DOSSIER_SHARED or place it at ../shared beside the repository")
	}
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "articles", "extraction-benchmark", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skip("no extraction-benchmark pages in the shared corpus")
	}
	pages := make([][]byte, 0, len(files))
	var total int64
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, data)
		total += int64(len(data))
	}
	b.SetBytes(total / int64(len(pages))) // per op = per page
	b.ReportAllocs()
	var next atomic.Int64
	ctx := context.Background()
	cpu0 := processCPU()
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p := pages[int(next.Add(1))%len(pages)]
			if _, err := Extract(ctx, p, "", Options{}); err != nil && !errors.Is(err, ErrNoContent) {
				b.Errorf("Extract: %v", err)
			}
		}
	})
	wall := time.Since(start)
	cpu := processCPU() - cpu0
	b.ReportMetric(float64(b.N)/wall.Seconds(), "pages/s")
	// On a shared machine the wall-clock rate depends on other load; the
	// CPU time per page gives the rate two idle cores would reach.
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/page")
		b.ReportMetric(2*float64(b.N)/cpu.Seconds(), "pages/s-2cores-by-cpu")
	}
}
