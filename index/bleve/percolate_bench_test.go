package bleve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"dossier/corpus"
	"dossier/corpus/synth"
	"dossier/index"
)

// percolateBatchBase is where the benchmark's batch starts among the
// synthetic documents: far past any index largeIndex builds, so the
// batch is new documents, as an ingest batch is.
const percolateBatchBase = 50_000_000

// percolateWorkload returns a batch of n synthetic documents and m saved
// searches drawn from the words, courts and cases of another n documents
// (the researchers' vocabulary): single words, pairs, phrases, words with
// a court filter or a key's mandatory filter, and docket alerts (a case
// filter alone).
func percolateWorkload(tb testing.TB, n, m int) ([]corpus.Document, []index.SearchRequest) {
	tb.Helper()
	shared := synth.SharedDir()
	if shared == "" {
		tb.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	g, err := synth.New(synth.Options{Seed: largeSeed, SourceDir: shared, CacheDir: filepath.Join(benchRoot(), "pool")})
	if err != nil {
		tb.Fatal(err)
	}
	batch := make([]corpus.Document, n)
	for i := range batch {
		batch[i] = g.Document(percolateBatchBase + i)
	}
	var (
		words   []string
		seen    = map[string]bool{}
		phrases []string
		courts  []string
		cases   []string
	)
	for i := range n {
		d := g.Document(percolateBatchBase + n + i)
		fields := strings.FieldsFunc(d.Text, func(r rune) bool { return !unicode.IsLetter(r) })
		for j, w := range fields {
			w = strings.ToLower(w)
			if len(w) < 4 {
				continue
			}
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
			if j%97 == 0 && j+1 < len(fields) && len(fields[j+1]) >= 3 {
				phrases = append(phrases, w+" "+strings.ToLower(fields[j+1]))
			}
		}
		if d.Court != nil && !slices.Contains(courts, d.Court.ID) {
			courts = append(courts, d.Court.ID)
		}
		for _, c := range index.OwnCases(&d) {
			cases = append(cases, c)
		}
	}
	if len(words) == 0 || len(phrases) == 0 || len(courts) == 0 || len(cases) == 0 {
		tb.Fatalf("vocabulary: %d words, %d phrases, %d courts, %d cases", len(words), len(phrases), len(courts), len(cases))
	}
	r := rand.New(rand.NewPCG(largeSeed, 21))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	reqs := make([]index.SearchRequest, m)
	for i := range reqs {
		switch k := r.IntN(20); {
		case k < 7:
			reqs[i].Query = pick(words)
		case k < 11:
			reqs[i].Query = pick(words) + " " + pick(words)
		case k < 14:
			reqs[i].Query = `"` + pick(phrases) + `"`
		case k < 16:
			reqs[i].Query = pick(words)
			reqs[i].Filters.Court = []string{pick(courts)}
		case k < 17:
			reqs[i].Query = pick(words) + " OR " + pick(words)
			reqs[i].Restrict = "court:" + pick(courts)
		default:
			reqs[i].Filters.Case = []string{pick(cases)}
		}
	}
	return batch, reqs
}

// BenchmarkPercolate matches 10,000 saved searches against a batch of
// 1,000 new synthetic documents (DOSSIER_PERCOLATE_ALERTS,
// DOSSIER_PERCOLATE_BATCH) through an Index holding
// DOSSIER_PERCOLATE_INDEX_N documents (default 0: an empty index; 10000
// or 100000 build the cached synthetic index of largeIndex). Percolation
// never reads that index, so the figure does not change with it.
//
//	DOSSIER_PERCOLATE_INDEX_N=10000 go test ./index/bleve -run '^$' -bench Percolate -benchtime 3x -cpu 2
func BenchmarkPercolate(b *testing.B) {
	nAlerts := envInt("DOSSIER_PERCOLATE_ALERTS", 10000)
	nBatch := envInt("DOSSIER_PERCOLATE_BATCH", 1000)
	batch, reqs := percolateWorkload(b, nBatch, nAlerts)
	var ix *Index
	if n := envInt("DOSSIER_PERCOLATE_INDEX_N", 0); n > 0 {
		ix = largeIndex(b, n)
	} else {
		ix = newTestIndex(b)
	}
	indexed, _ := ix.DocCount(context.Background())
	for _, frag := range []int{0, index.DefaultFragmentSize} {
		b.Run(fmt.Sprintf("fragments=%d", frag), func(b *testing.B) {
			var matches, failed int
			start, cpu0 := time.Now(), cpuTime()
			for b.Loop() {
				res, err := ix.Percolate(context.Background(), batch, reqs, index.PercolateOptions{FragmentSize: frag})
				if err != nil {
					b.Fatal(err)
				}
				matches, failed = 0, 0
				for _, r := range res {
					matches += len(r.Matches)
					if r.Err != nil {
						failed++
					}
				}
			}
			if failed > 0 {
				b.Fatalf("%d requests failed", failed)
			}
			b.ReportMetric(float64(matches), "matches")
			b.ReportMetric(float64(indexed), "indexed-docs")
			fmt.Fprintf(os.Stderr, "percolate: %d alerts x %d docs, index of %d docs, fragments %d: %d matches, %v wall and %v CPU per batch (load %s)\n",
				len(reqs), len(batch), indexed, frag, matches, (time.Since(start) / time.Duration(b.N)).Round(time.Millisecond),
				((cpuTime() - cpu0) / time.Duration(b.N)).Round(time.Millisecond), loadAvg())
		})
	}
}
