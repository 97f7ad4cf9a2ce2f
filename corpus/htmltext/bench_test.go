package htmltext

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
