package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"

	"dossier/api"
	"dossier/corpus"
	"dossier/corpus/synth"
	"dossier/index/bleve"
)

// BenchmarkSearchPage compares rendering the search page with the JSON
// search it wraps (same query, size, fragments and facets), over a
// synthetic corpus of $DOSSIER_WEB_BENCH_DOCS documents (default 2,000),
// or over an index already built: $DOSSIER_WEB_BENCH_INDEX, such as the
// 100,000-document index index/bleve's TestLargeSearch keeps under
// $DOSSIER_BENCH_DIR. It needs the shared texts (synth.SharedDir) to
// build, and skips without them.
//
//	DOSSIER_WEB_BENCH_DOCS=20000 go test -run '^$' -bench SearchPage ./api/web
//	DOSSIER_WEB_BENCH_INDEX=/tmp/dossier-bench/synth-v6-n100000-s20260601/index go test -run '^$' -bench SearchPage -count 5 ./api/web
func BenchmarkSearchPage(b *testing.B) {
	if dir := os.Getenv("DOSSIER_WEB_BENCH_INDEX"); dir != "" {
		ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
		benchPages(b, ix)
		return
	}
	n := 2000
	if s := os.Getenv("DOSSIER_WEB_BENCH_DOCS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("DOSSIER_WEB_BENCH_DOCS=%q", s)
		}
	}
	shared := synth.SharedDir()
	if _, err := os.Stat(shared); err != nil {
		b.Skipf("no shared texts at %s: %v", shared, err)
	}
	ix, err := bleve.Open(bleve.Options{Dir: b.TempDir()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	batch := make([]corpus.Document, 0, 500)
	err = synth.Generate(synth.Options{N: n, Seed: 1, SourceDir: shared, MaxPDFs: -1}, func(d corpus.Document) error {
		batch = append(batch, d)
		if len(batch) == cap(batch) {
			err := ix.Put(batch...)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = ix.Put(batch...)
	}
	if err != nil {
		b.Fatal(err)
	}
	benchPages(b, ix)
}

// benchPages measures the JSON search and the page that wraps it on ix.
func benchPages(b *testing.B, ix *bleve.Index) {
	srv, err := api.New(ix, api.Options{RatePerIP: -1, RatePerKey: -1, MaxConcurrentSearches: 64}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Mount(srv, nil); err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	const q = "court+motion"
	for _, c := range []struct{ name, path string }{
		{"json", "/v1/search?q=" + q + "&size=20&fragments=3&facet_size=12&facets=kind,court,judge,case,doc_type,site,author,year,month"},
		{"page", "/?q=" + q},
	} {
		b.Run(c.name, func(b *testing.B) {
			bytes := 0
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", c.path, rec.Code, rec.Body)
				}
				bytes = rec.Body.Len()
			}
			b.ReportMetric(float64(bytes), "bytes/response")
		})
	}
}
