package bleve

// Large search benchmark over a synthetic corpus (issue 6, Evidence).
//
// It runs only with DOSSIER_BENCH_LARGE=1 and the shared texts present:
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestLargeSearch -v -timeout 60m
//
// Knobs: DOSSIER_BENCH_N (documents, default 100000), DOSSIER_BENCH_DIR
// (where built indexes are kept between runs, default $TMPDIR/dossier-bench),
// DOSSIER_BENCH_ROUNDS (latency rounds over the query mix, default 30),
// DOSSIER_BENCH_SECONDS (per throughput run, default 10).
//
// The index is built once per (N, seed, mapping) in a cache directory and
// reused by later runs; a file named "complete" marks a finished build.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus"
	"dossier/corpus/synth"
	"dossier/index"
)

const largeSeed = 20260601

// envInt reads a positive integer environment variable or returns def.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// mappingKey hashes the current mapping so that a mapping change forces a
// rebuild of the cached benchmark index.
func mappingKey(t testing.TB) string {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:12]
}

// benchRoot is where benchmark indexes are kept between runs.
func benchRoot() string {
	if root := os.Getenv("DOSSIER_BENCH_DIR"); root != "" {
		return root
	}
	return filepath.Join(os.TempDir(), "dossier-bench")
}

// cachedIndex opens the index kept under benchRoot()/name, building it
// with build first when it is missing or unfinished. A file "complete"
// holding the mapping key marks a finished build; an index built with
// another mapping is reused with a note unless DOSSIER_BENCH_REBUILD is set.
func cachedIndex(t testing.TB, name string, build func(*Index)) *Index {
	t.Helper()
	dir := filepath.Join(benchRoot(), name)
	marker := filepath.Join(dir, "complete")
	key := mappingKey(t)
	b, err := os.ReadFile(marker)
	if err == nil && (string(b) == key || os.Getenv("DOSSIER_BENCH_REBUILD") == "") {
		if string(b) != key {
			t.Logf("reusing %s built with another mapping (%s, now %s); set DOSSIER_BENCH_REBUILD=1 to rebuild", dir, b, key)
		}
		ix, err := Open(Options{Dir: filepath.Join(dir, "index")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ix.Close() })
		settleBench(t, ix)
		return ix
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(Options{Dir: filepath.Join(dir, "index")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	build(ix)
	settleBench(t, ix)
	if err := os.WriteFile(marker, []byte(key), 0o644); err != nil {
		t.Fatal(err)
	}
	return ix
}

// settleBench waits for the merges a server would find due, as `dossier
// index --settle` does, so that searches are measured on the merged index
// a server serves and not while segments are being rewritten; with
// DOSSIER_BENCH_COMPACT set it then compacts the index.
func settleBench(t testing.TB, ix *Index) {
	t.Helper()
	start := time.Now()
	n, quiet, err := ix.Settle(context.Background(), 30*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("settled: %d segments after %s (quiet %v)", n, time.Since(start).Round(time.Second), quiet)
	if os.Getenv("DOSSIER_BENCH_COMPACT") == "" || n <= 1 {
		return
	}
	// DOSSIER_BENCH_COMPACT=1 compacts the index as dossier index
	// --compact does after a bulk import, with segments of at most
	// DOSSIER_BENCH_SEGMENT_MB MiB (default DefaultCompactSegmentBytes; 0:
	// one segment); use it on a copy to compare both states.
	capMB := DefaultCompactSegmentBytes >> 20
	if v, err := strconv.Atoi(os.Getenv("DOSSIER_BENCH_SEGMENT_MB")); err == nil && v >= 0 {
		capMB = v
	}
	start = time.Now()
	if n, err = ix.Compact(context.Background(), CompactOptions{MaxSegments: 1, MaxSegmentBytes: int64(capMB) << 20}); err != nil {
		t.Fatal(err)
	}
	t.Logf("compacted to %d segment(s) in %s", n, time.Since(start).Round(time.Second))
}

// largeIndex opens (building when needed) the synthetic index of n
// documents. It skips when the shared texts are missing.
func largeIndex(t testing.TB, n int) *Index {
	t.Helper()
	shared := synth.SharedDir()
	if shared == "" {
		t.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	return cachedIndex(t, fmt.Sprintf("synth-v%d-n%d-s%d", MappingVersion, n, largeSeed), func(ix *Index) {
		g, err := synth.New(synth.Options{Seed: largeSeed, SourceDir: shared, CacheDir: filepath.Join(benchRoot(), "pool")})
		if err != nil {
			t.Fatal(err)
		}
		start, cpu0 := time.Now(), cpuTime()
		const batch = 500
		docs := make(chan []corpus.Document, 2)
		go func() {
			defer close(docs)
			for i := 0; i < n; i += batch {
				b := make([]corpus.Document, 0, batch)
				for j := i; j < min(i+batch, n); j++ {
					b = append(b, g.Document(j))
				}
				docs <- b
			}
		}()
		done := 0
		for b := range docs {
			if err := ix.Put(b...); err != nil {
				t.Fatal(err)
			}
			done += len(b)
			if done%10000 == 0 {
				t.Logf("indexed %d documents in %v", done, time.Since(start).Round(time.Second))
			}
		}
		took := time.Since(start)
		t.Logf("built %d documents in %v (%.0f docs/s wall, %v CPU)", n, took.Round(time.Second), float64(n)/took.Seconds(), (cpuTime() - cpu0).Round(time.Second))
	})
}

// loadAvg returns /proc/loadavg, to show how busy the machine was.
func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return string(b)
}

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestLargeBuild(t *testing.T) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		t.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	n := envInt("DOSSIER_BENCH_N", 100000)
	ix := largeIndex(t, n)
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != uint64(n) {
		t.Errorf("index holds %d documents, want %d", st.Documents, n)
	}
	t.Logf("n=%d stats %+v", n, st)
}

// benchCase is one request of the fixed query mix, with the equivalent
// request written directly against bleve (nil where bleve has no
// equivalent, as for proximity).
type benchCase struct {
	class string
	req   index.SearchRequest
	raw   func() *bleve.SearchRequest
}

// Raw bleve building blocks, written as a bleve user would for this
// mapping: the same fields and boosts as dossier's default search.
func rawMatch(field, text string, boost float64) query.Query {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	q.SetOperator(query.MatchQueryOperatorAnd)
	q.SetBoost(boost)
	return q
}

func rawPhrase(field, text string, boost float64) query.Query {
	q := bleve.NewMatchPhraseQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func rawTerm(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

func rawWord(w string) query.Query {
	return bleve.NewDisjunctionQuery(rawMatch("text", w, 1), rawMatch("title", w, 2), rawMatch("judge_name", w, 1.5))
}

func rawQuotes(p string) query.Query {
	return bleve.NewDisjunctionQuery(rawPhrase("text", p, 1), rawPhrase("title", p, 2))
}

// rawRequest wraps q (ANDed with the live-record filter and any extra
// filters) into a top-10 request loading the stored metadata, with facets
// and bleve's own highlighter when asked.
func rawRequest(q query.Query, facets []string, highlight bool, filters ...query.Query) func() *bleve.SearchRequest {
	return func() *bleve.SearchRequest {
		parts := append([]query.Query{rawTerm("status", "ok"), q}, filters...)
		br := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(parts...), 10, 0, false)
		br.Fields = []string{"meta"}
		br.SortBy([]string{"-_score", "_id"})
		for _, f := range facets {
			br.AddFacet(f, bleve.NewFacetRequest(f, 10))
		}
		if highlight {
			br.Highlight = bleve.NewHighlightWithStyle("html")
			br.Highlight.AddField("text")
		}
		return br
	}
}

var benchFacets = []string{"kind", "court", "judge", "year"}

// benchMix is the fixed query mix: terms of several frequencies, phrases,
// proximity, boolean queries, filters, facets, highlights and the target
// class (faceted and highlighted top 10).
func benchMix() []benchCase {
	y2023from := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	y2023to := time.Date(2023, 12, 31, 23, 59, 59, 0, time.UTC)
	incl := true
	dr := bleve.NewDateRangeInclusiveQuery(y2023from, y2023to, &incl, &incl)
	dr.SetField("date")
	var mix []benchCase
	add := func(class string, req index.SearchRequest, raw func() *bleve.SearchRequest) {
		mix = append(mix, benchCase{class, req, raw})
	}
	for _, w := range []string{"appellant", "evidence", "injunction", "budget", "arbitration"} {
		add("term", index.SearchRequest{Query: w}, rawRequest(rawWord(w), nil, false))
	}
	for _, p := range []string{"motion to dismiss", "high court", "prima facie", "reasonable doubt", "the learned counsel for the appellant"} {
		add("phrase", index.SearchRequest{Query: `"` + p + `"`}, rawRequest(rawQuotes(p), nil, false))
	}
	for _, p := range []string{"police custody", "evidence witness", "contract breach"} {
		add("proximity", index.SearchRequest{Query: `"` + p + `"~5`}, nil)
	}
	add("boolean", index.SearchRequest{Query: "(murder OR homicide) AND evidence -acquittal"}, rawRequest(func() query.Query {
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewDisjunctionQuery(rawWord("murder"), rawWord("homicide")), rawWord("evidence"))
		b.AddMustNot(rawWord("acquittal"))
		return b
	}(), nil, false))
	add("boolean", index.SearchRequest{Query: "police AND (arrest OR custody) NOT bail"}, rawRequest(func() query.Query {
		b := bleve.NewBooleanQuery()
		b.AddMust(rawWord("police"), bleve.NewDisjunctionQuery(rawWord("arrest"), rawWord("custody")))
		b.AddMustNot(rawWord("bail"))
		return b
	}(), nil, false))
	add("boolean", index.SearchRequest{Query: "contract OR agreement OR lease"}, rawRequest(
		bleve.NewDisjunctionQuery(rawWord("contract"), rawWord("agreement"), rawWord("lease")), nil, false))
	add("filter", index.SearchRequest{Query: "evidence", Filters: index.Filters{Court: []string{"cand"}}},
		rawRequest(rawWord("evidence"), nil, false, rawTerm("court", "cand")))
	add("filter", index.SearchRequest{Query: "appellant", Filters: index.Filters{Kind: []string{"filing"}, From: y2023from, To: y2023to}},
		rawRequest(rawWord("appellant"), nil, false, rawTerm("kind", "filing"), dr))
	add("filter", index.SearchRequest{Query: "police", Filters: index.Filters{DocType: []string{"order"}}},
		rawRequest(rawWord("police"), nil, false, rawTerm("doc_type", "order")))
	add("facets", index.SearchRequest{Query: "evidence", Facets: benchFacets}, rawRequest(rawWord("evidence"), benchFacets, false))
	add("facets", index.SearchRequest{Query: `"high court"`, Facets: benchFacets}, rawRequest(rawQuotes("high court"), benchFacets, false))
	add("facets", index.SearchRequest{Query: "budget", Facets: benchFacets}, rawRequest(rawWord("budget"), benchFacets, false))
	add("highlight", index.SearchRequest{Query: "injunction", Highlight: true}, rawRequest(rawWord("injunction"), nil, true))
	add("highlight", index.SearchRequest{Query: `"prima facie"`, Highlight: true}, rawRequest(rawQuotes("prima facie"), nil, true))
	add("highlight", index.SearchRequest{Query: "appellant", Highlight: true}, rawRequest(rawWord("appellant"), nil, true))
	add("facet+highlight", index.SearchRequest{Query: "evidence", Facets: benchFacets, Highlight: true}, rawRequest(rawWord("evidence"), benchFacets, true))
	add("facet+highlight", index.SearchRequest{Query: `"motion to dismiss"`, Facets: benchFacets, Highlight: true}, rawRequest(rawQuotes("motion to dismiss"), benchFacets, true))
	add("facet+highlight", index.SearchRequest{Query: "custody", Facets: benchFacets, Highlight: true, Filters: index.Filters{DocType: []string{"order"}}},
		rawRequest(rawWord("custody"), benchFacets, true, rawTerm("doc_type", "order")))
	return mix
}

// latencies collects durations by class.
type latencies map[string][]time.Duration

func (l latencies) add(class string, d time.Duration) { l[class] = append(l[class], d) }

// quantile returns the q-quantile (nearest rank) of ds.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(i, 0)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// runDossier and runRaw answer one case.
func runDossier(ix *Index, c benchCase) (uint64, error) {
	res, err := ix.Search(context.Background(), c.req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

func runRaw(ix *Index, c benchCase) (uint64, error) {
	res, err := ix.bleve.SearchInContext(context.Background(), c.raw())
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// throughput runs the mix on clients goroutines for d and returns
// requests per second and CPU time per request.
func throughput(t *testing.T, ix *Index, mix []benchCase, clients int, d time.Duration, raw bool) (float64, time.Duration) {
	var (
		wg    sync.WaitGroup
		count atomic.Int64
	)
	cpu0 := cpuTime()
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i++ {
				bc := mix[i%len(mix)]
				var err error
				if raw {
					_, err = runRaw(ix, bc)
				} else {
					_, err = runDossier(ix, bc)
				}
				if err != nil {
					t.Error(err)
					return
				}
				count.Add(1)
			}
		}()
	}
	wg.Wait()
	n := count.Load()
	return float64(n) / time.Since(start).Seconds(), (cpuTime() - cpu0) / time.Duration(max(n, 1))
}

// TestLargeSearch measures the query mix on the synthetic index: p50 and
// p99 per class for dossier's Search and for the equivalent raw bleve
// request, interleaved in the same run, then throughput with 1 and 8
// clients over the mixes that have a raw equivalent.
func TestLargeSearch(t *testing.T) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		t.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	n := envInt("DOSSIER_BENCH_N", 100000)
	rounds := envInt("DOSSIER_BENCH_ROUNDS", 30)
	secs := envInt("DOSSIER_BENCH_SECONDS", 10)
	ix := largeIndex(t, n)
	mix := benchMix()
	if cl := os.Getenv("DOSSIER_BENCH_CLASS"); cl != "" {
		mix = slices.DeleteFunc(mix, func(c benchCase) bool { return c.class != cl })
	}

	// Warm up, and check that each raw request answers what dossier does.
	for _, c := range mix {
		got, err := runDossier(ix, c)
		if err != nil {
			t.Fatalf("%s %q: %v", c.class, c.req.Query, err)
		}
		if c.raw == nil {
			t.Logf("%-16s %-45q total %d", c.class, c.req.Query, got)
			continue
		}
		want, err := runRaw(ix, c)
		if err != nil {
			t.Fatalf("raw %s %q: %v", c.class, c.req.Query, err)
		}
		t.Logf("%-16s %-45q total %d (raw %d)", c.class, c.req.Query, got, want)
		// Raw bleve searches each word as written; dossier also finds its
		// other forms (wordforms.go), so a bare word may match more.
		// Phrases are exact in both.
		if got < want || got != want && strings.Contains(c.req.Query, `"`) {
			t.Errorf("%s %q: dossier total %d, raw bleve %d", c.class, c.req.Query, got, want)
		}
	}

	// Wall-clock latency, and process CPU time per request (user+system,
	// including GC), which depends less on other load on the machine.
	dl, rl, dc, rc := latencies{}, latencies{}, latencies{}, latencies{}
	perQuery := latencies{} // dossier CPU time by class and query
	for r := range rounds {
		for i, c := range mix {
			order := []bool{false, true}
			if (r+i)%2 == 1 {
				order = []bool{true, false}
			}
			for _, raw := range order {
				if raw && c.raw == nil {
					continue
				}
				start, cpu0 := time.Now(), cpuTime()
				var err error
				if raw {
					_, err = runRaw(ix, c)
				} else {
					_, err = runDossier(ix, c)
				}
				took, cpu := time.Since(start), cpuTime()-cpu0
				if err != nil {
					t.Fatal(err)
				}
				if raw {
					rl.add(c.class, took)
					rc.add(c.class, cpu)
				} else {
					dl.add(c.class, took)
					dc.add(c.class, cpu)
					perQuery.add(fmt.Sprintf("%-16s %q", c.class, c.req.Query), cpu)
				}
			}
		}
	}
	var classes []string
	for _, c := range mix {
		if !slices.Contains(classes, c.class) {
			classes = append(classes, c.class)
		}
	}
	var report strings.Builder
	fmt.Fprintf(&report, "n=%d rounds=%d GOMAXPROCS=%d\n", n, rounds, runtime.GOMAXPROCS(0))
	fmt.Fprintf(&report, "%-16s %8s %8s %8s %8s | %8s %8s %8s %8s | %6s %6s %6s\n", "class",
		"p50 ms", "p99 ms", "cpu p50", "cpu p99", "raw p50", "raw p99", "rcpu p50", "rcpu p99", "p50 x", "p99 x", "cpu x")
	for _, cl := range classes {
		d, c := dl[cl], dc[cl]
		line := fmt.Sprintf("%-16s %8.2f %8.2f %8.2f %8.2f |", cl, ms(quantile(d, .5)), ms(quantile(d, .99)), ms(quantile(c, .5)), ms(quantile(c, .99)))
		if r, rcpu := rl[cl], rc[cl]; len(r) > 0 {
			line += fmt.Sprintf(" %8.2f %8.2f %8.2f %8.2f | %6.2f %6.2f %6.2f", ms(quantile(r, .5)), ms(quantile(r, .99)),
				ms(quantile(rcpu, .5)), ms(quantile(rcpu, .99)),
				ms(quantile(d, .5))/ms(quantile(r, .5)), ms(quantile(d, .99))/ms(quantile(r, .99)), ms(quantile(c, .5))/ms(quantile(rcpu, .5)))
		} else {
			line += fmt.Sprintf(" %8s %8s %8s %8s |", "n/a", "n/a", "n/a", "n/a")
		}
		report.WriteString(line + "\n")
	}
	fmt.Fprintf(&report, "load average at end: %s", loadAvg())
	report.WriteString("dossier CPU ms per query, p50 / p99:\n")
	for _, c := range mix {
		k := fmt.Sprintf("%-16s %q", c.class, c.req.Query)
		if ds := perQuery[k]; len(ds) > 0 {
			fmt.Fprintf(&report, "  %-62s %8.2f %8.2f\n", k, ms(quantile(ds, .5)), ms(quantile(ds, .99)))
			perQuery[k] = nil
		}
	}
	var withRaw []benchCase
	for _, c := range mix {
		if c.raw != nil {
			withRaw = append(withRaw, c)
		}
	}
	for _, clients := range []int{1, 8} {
		dq, dcpu := throughput(t, ix, withRaw, clients, time.Duration(secs)*time.Second, false)
		rq, rcpu := throughput(t, ix, withRaw, clients, time.Duration(secs)*time.Second, true)
		fmt.Fprintf(&report, "throughput %d client(s): dossier %.1f req/s (%.1f ms CPU/req), raw bleve %.1f req/s (%.1f ms CPU/req), ratio %.2f\n",
			clients, dq, ms(dcpu), rq, ms(rcpu), dq/rq)
	}
	t.Log("\n" + report.String())
	if out := os.Getenv("DOSSIER_BENCH_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// Phrase experiment (DOSSIER_BENCH_PHRASE=1): the first DOSSIER_PHRASE_N
// (default 20,000) synthetic documents are indexed into a bleve index of
// their text alone, twice over: "text" as dossier maps it (unicode words,
// lower-cased, term vectors) and "text2" with the same tokens turned into
// word bigrams (shingles, no term vectors); and into a SQLite FTS5 table
// (unicode61 tokenizer) through the sqlite3 command. Each phrase is then
// answered (exact total and top 10 by score) by bleve's phrase searcher on
// "text", by a conjunction of the phrase's bigrams on "text2" (verified by
// the phrase searcher for three words or more), by a phrase of bigrams on
// "text2" (positions of consecutive bigrams), and by FTS5.

const bigramAnalyzer = "bench_bigram"

// phraseMapping is the experiment's mapping.
func phraseMapping(t testing.TB) *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(im.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{lowercase.Name},
	}))
	must(im.AddCustomTokenFilter("bench_shingle2", map[string]any{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ",
	}))
	must(im.AddCustomAnalyzer(bigramAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name, "token_filters": []string{lowercase.Name, "bench_shingle2"},
	}))
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = textAnalyzer
	dm := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer, text.Store, text.IncludeTermVectors, text.IncludeInAll = textAnalyzer, false, true, false
	dm.AddFieldMappingsAt("text", text)
	bi := bleve.NewTextFieldMapping()
	// Term vectors on the bigrams let a phrase of three words or more run
	// as a phrase of bigrams ("bigram phrase" below).
	bi.Analyzer, bi.Store, bi.IncludeTermVectors, bi.IncludeInAll = bigramAnalyzer, false, true, false
	dm.AddFieldMappingsAt("text2", bi)
	im.DefaultMapping = dm
	return im
}

// phraseCorpus opens (building when needed) the experiment's bleve index
// and SQLite database for the first n synthetic documents.
func phraseCorpus(t *testing.T, n int) (bleve.Index, string) {
	shared := synth.SharedDir()
	if shared == "" {
		t.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 not on PATH (apt-get install sqlite3)")
	}
	dir := filepath.Join(benchRoot(), fmt.Sprintf("phrase-v2-n%d-s%d", n, largeSeed))
	dbPath := filepath.Join(dir, "fts5.db")
	marker := filepath.Join(dir, "complete")
	if _, err := os.Stat(marker); err == nil {
		bi, err := bleve.Open(filepath.Join(dir, "bleve"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = bi.Close() })
		return bi, dbPath
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	g, err := synth.New(synth.Options{Seed: largeSeed, SourceDir: shared, CacheDir: filepath.Join(benchRoot(), "pool")})
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.New(filepath.Join(dir, "bleve"), phraseMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = bi.Close() })
	sqlFile, err := os.Create(filepath.Join(dir, "load.sql"))
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(sqlFile, 1<<20)
	fmt.Fprintln(w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;\nCREATE VIRTUAL TABLE docs USING fts5(text, tokenize='unicode61');\nBEGIN;")
	start := time.Now()
	b := bi.NewBatch()
	for i := range n {
		d := g.Document(i)
		if err := b.Index(d.ID, map[string]any{"text": d.Text, "text2": d.Text}); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "INSERT INTO docs(rowid, text) VALUES(%d, '%s');\n", i+1, strings.ReplaceAll(d.Text, "'", "''"))
		if b.Size() == 500 {
			if err := bi.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = bi.NewBatch()
		}
	}
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	t.Logf("bleve experiment index of %d documents built in %v", n, time.Since(start).Round(time.Second))
	fmt.Fprintln(w, "COMMIT;")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	sqlFile.Close()
	start = time.Now()
	cmd := exec.Command(sqlite, dbPath, ".read "+filepath.Join(dir, "load.sql"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sqlite3 load: %v\n%s", err, out)
	}
	_ = os.Remove(filepath.Join(dir, "load.sql"))
	t.Logf("FTS5 table of %d documents built in %v", n, time.Since(start).Round(time.Second))
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return bi, dbPath
}

// bigramQuery is the phrase as a conjunction of its word bigrams on text2,
// with the positional check on text for three words or more (two words
// make one bigram, which is the phrase itself).
func bigramQuery(t testing.TB, m mapping.IndexMapping, phrase string, verify bool) query.Query {
	toks := m.AnalyzerNamed(bigramAnalyzer).Analyze([]byte(phrase))
	var qs []query.Query
	for _, tok := range toks {
		qs = append(qs, rawTerm("text2", string(tok.Term)))
	}
	if len(qs) == 0 {
		t.Fatalf("phrase %q has no bigram", phrase)
	}
	if verify && len(qs) > 1 {
		qs = append(qs, rawPhrase("text", phrase, 1))
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// sqliteTimes runs each statement reps times in one sqlite3 process with
// .timer on and returns, per statement, the CPU times (user+sys) and the
// rows printed by its first run.
func sqliteTimes(t *testing.T, db string, stmts []string, reps int) ([][]time.Duration, []string) {
	var script strings.Builder
	script.WriteString(".timer on\n")
	for r := range reps {
		for i, s := range stmts {
			fmt.Fprintf(&script, ".print @@%d@@%d\n%s\n", i, r, s)
		}
	}
	cmd := exec.Command("sqlite3", db)
	cmd.Stdin = strings.NewReader(script.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sqlite3: %v", err)
	}
	cpu := make([][]time.Duration, len(stmts))
	first := make([]string, len(stmts))
	cur, rep := -1, 0
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "@@"):
			f := strings.Split(line, "@@")
			cur, _ = strconv.Atoi(f[1])
			rep, _ = strconv.Atoi(f[2])
		case strings.HasPrefix(line, "Run Time:"):
			// Run Time: real 0.001 user 0.000080 sys 0.000000
			f := strings.Fields(line)
			user, _ := strconv.ParseFloat(f[5], 64)
			sys, _ := strconv.ParseFloat(f[7], 64)
			cpu[cur] = append(cpu[cur], time.Duration((user+sys)*float64(time.Second)))
		case cur >= 0 && rep == 0 && line != "":
			first[cur] += line + " "
		}
	}
	return cpu, first
}

func TestPhraseSpeed(t *testing.T) {
	if os.Getenv("DOSSIER_BENCH_PHRASE") == "" {
		t.Skip("set DOSSIER_BENCH_PHRASE=1 to compare phrase search with bigrams and SQLite FTS5")
	}
	n := envInt("DOSSIER_PHRASE_N", 20000)
	reps := envInt("DOSSIER_BENCH_ROUNDS", 30)
	bi, db := phraseCorpus(t, n)
	m := bi.Mapping()
	phrases := []string{
		"motion to dismiss", "high court", "prima facie", "reasonable doubt", "summary judgment",
		"in the light of", "the learned counsel for the appellant", "of the",
	}
	var stmts []string
	for _, p := range phrases {
		fts := `'"` + p + `"'`
		stmts = append(stmts,
			"SELECT count(*) FROM docs WHERE docs MATCH "+fts+";",
			"SELECT rowid FROM docs WHERE docs MATCH "+fts+" ORDER BY rank LIMIT 10;")
	}
	sqlCPU, sqlOut := sqliteTimes(t, db, stmts, reps)

	type variant struct {
		name string
		q    func(p string) query.Query
	}
	variants := []variant{
		{"dossier phrase", func(p string) query.Query { return newPhraseQuery("text", p, 1) }},
		{"bleve phrase", func(p string) query.Query { return rawPhrase("text", p, 1) }},
		{"bigrams+verify", func(p string) query.Query { return bigramQuery(t, m, p, true) }},
		{"bigrams only", func(p string) query.Query { return bigramQuery(t, m, p, false) }},
		{"bigram phrase", func(p string) query.Query { return rawPhrase("text2", p, 1) }},
	}
	var report strings.Builder
	fmt.Fprintf(&report, "n=%d reps=%d; CPU ms per query (user+sys), p50/p99; totals\n", n, reps)
	fmt.Fprintf(&report, "%-40s", "phrase")
	for _, v := range variants {
		fmt.Fprintf(&report, " | %-24s", v.name)
	}
	fmt.Fprintf(&report, " | %-24s\n", "sqlite fts5 count+top10")
	for pi, p := range phrases {
		fmt.Fprintf(&report, "%-40q", p)
		var totals []uint64
		for _, v := range variants {
			var cpus []time.Duration
			var total uint64
			for range reps {
				req := bleve.NewSearchRequestOptions(v.q(p), 10, 0, false)
				cpu0 := cpuTime()
				res, err := bi.Search(req)
				cpus = append(cpus, cpuTime()-cpu0)
				if err != nil {
					t.Fatal(err)
				}
				total = res.Total
			}
			totals = append(totals, total)
			fmt.Fprintf(&report, " | %6.2f %7.2f %8d", ms(quantile(cpus, .5)), ms(quantile(cpus, .99)), total)
		}
		var sum []time.Duration
		for r := range reps {
			sum = append(sum, sqlCPU[2*pi][r]+sqlCPU[2*pi+1][r])
		}
		fmt.Fprintf(&report, " | %6.2f %7.2f %8s\n", ms(quantile(sum, .5)), ms(quantile(sum, .99)), strings.TrimSpace(sqlOut[2*pi]))
		if totals[0] != totals[1] || totals[0] != totals[2] || totals[0] != totals[4] {
			t.Errorf("%q: dossier phrase total %d, bleve phrase %d, bigrams+verify %d, bigram phrase %d",
				p, totals[0], totals[1], totals[2], totals[4])
		}
	}
	proximitySpeed(t, bi, db, reps, &report)
	t.Log("\n" + report.String())
}

// proximitySpeed compares dossier's proximity search ("a b"~N) with
// FTS5's NEAR(a b, N) on the phrase experiment's corpus. FTS5's NEAR
// counts the words between the two (N), dossier counts the extra
// positions of the window (slop), so the two agree for two words.
func proximitySpeed(t *testing.T, bi bleve.Index, db string, reps int, report *strings.Builder) {
	pairs := []struct {
		words string
		n     int
	}{{"police custody", 5}, {"evidence witness", 5}, {"contract breach", 5}, {"court appeal", 10}, {"the of", 3}}
	var stmts []string
	for _, p := range pairs {
		near := fmt.Sprintf("'NEAR(%s, %d)'", p.words, p.n)
		stmts = append(stmts,
			"SELECT count(*) FROM docs WHERE docs MATCH "+near+";",
			"SELECT rowid FROM docs WHERE docs MATCH "+near+" ORDER BY rank LIMIT 10;")
	}
	sqlCPU, sqlOut := sqliteTimes(t, db, stmts, reps)
	fmt.Fprintf(report, "\n%-40s | %-24s | %-24s\n", "proximity", "dossier ~N", "sqlite fts5 NEAR count+top10")
	for pi, p := range pairs {
		var cpus []time.Duration
		var total uint64
		for range reps {
			req := bleve.NewSearchRequestOptions(newProximityQuery("text", p.words, p.n, 1), 10, 0, false)
			cpu0 := cpuTime()
			res, err := bi.Search(req)
			cpus = append(cpus, cpuTime()-cpu0)
			if err != nil {
				t.Fatal(err)
			}
			total = res.Total
		}
		var sum []time.Duration
		for r := range reps {
			sum = append(sum, sqlCPU[2*pi][r]+sqlCPU[2*pi+1][r])
		}
		fts := strings.TrimSpace(sqlOut[2*pi])
		fmt.Fprintf(report, "%-40s | %6.2f %7.2f %8d | %6.2f %7.2f %8s\n", fmt.Sprintf("%q~%d", p.words, p.n),
			ms(quantile(cpus, .5)), ms(quantile(cpus, .99)), total, ms(quantile(sum, .5)), ms(quantile(sum, .99)), fts)
		if fmt.Sprint(total) != fts {
			t.Logf("%q~%d: dossier %d, FTS5 %s (tokenizers differ on some words)", p.words, p.n, total, fts)
		}
	}
}

// BenchmarkLargeSearch runs each class of the mix as a sub-benchmark on
// the synthetic index (DOSSIER_BENCH_LARGE=1; size DOSSIER_BENCH_N), for
// profiling with -cpuprofile:
//
//	DOSSIER_BENCH_LARGE=1 DOSSIER_BENCH_N=5000 go test ./index/bleve -run XXX -bench 'LargeSearch/^phrase$' -cpuprofile cpu.out
//
// DOSSIER_BENCH_QUERY keeps only the cases with that query text.
func BenchmarkLargeSearch(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	mix := benchMix()
	if q := os.Getenv("DOSSIER_BENCH_QUERY"); q != "" {
		// One query of the mix, e.g. DOSSIER_BENCH_QUERY='"high court"'.
		mix = slices.DeleteFunc(mix, func(c benchCase) bool { return c.req.Query != q })
	}
	var classes []string
	for _, c := range mix {
		if !slices.Contains(classes, c.class) {
			classes = append(classes, c.class)
		}
	}
	for _, cl := range classes {
		for _, raw := range []bool{false, true} {
			name := cl
			if raw {
				name = "raw-" + cl // not "cl/raw": -bench LargeSearch/term$ must not run it
			}
			b.Run(name, func(b *testing.B) {
				i := 0
				for b.Loop() {
					c := mix[i%len(mix)]
					i++
					for c.class != cl {
						c = mix[i%len(mix)]
						i++
					}
					if raw && c.raw == nil {
						b.Skip("no raw bleve equivalent")
					}
					var err error
					if raw {
						_, err = runRaw(ix, c)
					} else {
						_, err = runDossier(ix, c)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestRequiredQueryCost measures what requiredQuery (required.go) saves
// over bleve's boolean query of the same clauses, the shape searches had
// before: for every case of the mix, the page's search (top 10 by score,
// exact total, stored meta of the hits, the case's facets) runs with each
// shape (see compareCost). Both shapes give the same hits and scores
// (TestRequiredQueryScoresAsBoolean).
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestRequiredQueryCost -v -timeout 60m
func TestRequiredQueryCost(t *testing.T) {
	ix := largeBenchIndex(t)
	ctx, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	compareCost(t, ix, "search", [2]string{"required", "boolean"},
		func(q query.Query) query.Query { return asBleveBoolean(q) },
		func(_ int, req index.SearchRequest, q query.Query) (uint64, error) {
			br := bleve.NewSearchRequestOptions(q, req.Size, 0, false)
			br.Fields = []string{fieldMeta}
			br.SortBy([]string{"-_score"})
			res, err := ix.searchCounting(ctx, br, req.Facets, req.FacetSize)
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		})
}

// TestCountUnscoredCost measures what running a count unscored saves (as
// searchCounting does for requests for no hits: CountOnly, and the facets
// whose own filter is set): every query of the mix is counted with bleve's
// default scoring and with "none" (see compareCost).
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestCountUnscoredCost -v -timeout 60m
func TestCountUnscoredCost(t *testing.T) {
	ix := largeBenchIndex(t)
	scored, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	compareCost(t, ix, "count", [2]string{"unscored", "scored"}, nil,
		func(way int, _ index.SearchRequest, q query.Query) (uint64, error) {
			br := bleve.NewSearchRequestOptions(q, 0, 0, false)
			ctx := scored
			if way == 0 {
				br.Score = bleve.ScoreNone
				ctx = unscoredContext(scored)
			}
			res, err := ix.bleve.SearchInContext(ctx, br)
			if err != nil {
				return 0, err
			}
			return res.Total, nil
		})
}

// largeBenchIndex opens the large synthetic index, or skips without
// DOSSIER_BENCH_LARGE.
func largeBenchIndex(t *testing.T) *Index {
	t.Helper()
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		t.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	return largeIndex(t, envInt("DOSSIER_BENCH_N", 100000))
}

// compareCost runs every case of the mix two ways, interleaved (the order
// alternates), DOSSIER_BENCH_ROUNDS times (default 15), and logs the
// process CPU time of each way summed per class. Way 0 runs the case's
// query as searches build it; way 1 runs variant of it (the same query when
// variant is nil), made before the clock starts. The totals of the two ways
// must agree.
func compareCost(t *testing.T, ix *Index, what string, ways [2]string, variant func(query.Query) query.Query,
	run func(way int, req index.SearchRequest, q query.Query) (uint64, error)) {
	rounds := envInt("DOSSIER_BENCH_ROUNDS", 15)
	cpu := map[string]*[2]time.Duration{}
	var classes []string
	for r := range rounds {
		for i, c := range benchMix() {
			req := c.req
			req.SetDefaults()
			cr, err := compileRequest(req, &ix.forms)
			if err != nil {
				t.Fatal(err)
			}
			qs := [2]query.Query{cr.build(req.Filters, nil, 0), nil}
			qs[1] = qs[0]
			if variant != nil {
				qs[1] = variant(qs[0])
			}
			if cpu[c.class] == nil {
				cpu[c.class] = &[2]time.Duration{}
				classes = append(classes, c.class)
			}
			var totals [2]uint64
			for k := range 2 {
				way := (k + r + i) % 2
				c0 := cpuTime()
				total, err := run(way, req, qs[way])
				cpu[c.class][way] += cpuTime() - c0
				if err != nil {
					t.Fatal(err)
				}
				totals[way] = total
			}
			if totals[0] != totals[1] {
				t.Fatalf("%s %q: total %d %s, %d %s", c.class, c.req.Query, totals[0], ways[0], totals[1], ways[1])
			}
		}
	}
	var report strings.Builder
	var sum [2]time.Duration
	n := float64(rounds)
	fmt.Fprintf(&report, "%s CPU ms per round (every query of the class once), %d rounds, load average at end %s\n%-16s %9s %9s %6s\n",
		what, rounds, loadAvg(), "class", ways[0], ways[1], "ratio")
	for _, cl := range classes {
		d := cpu[cl]
		sum[0], sum[1] = sum[0]+d[0], sum[1]+d[1]
		fmt.Fprintf(&report, "%-16s %9.2f %9.2f %6.3f\n", cl, ms(d[0])/n, ms(d[1])/n, ms(d[0])/ms(d[1]))
	}
	fmt.Fprintf(&report, "%-16s %9.1f %9.1f %6.3f (whole mix, ms per round)\n", "all", ms(sum[0])/n, ms(sum[1])/n, ms(sum[0])/ms(sum[1]))
	t.Log("\n" + report.String())
}

// TestCompareIndexes runs the query mix on two indexes of the same
// documents (directories DOSSIER_COMPARE_A and DOSSIER_COMPARE_B: say, one
// compacted with a segment cap and one without), interleaved (the order
// alternates) DOSSIER_BENCH_ROUNDS times (default 15), and logs the
// process CPU time per class on each and the ratio B/A. The totals must
// agree.
//
//	DOSSIER_COMPARE_A=/tmp/a DOSSIER_COMPARE_B=/tmp/b go test ./index/bleve -run TestCompareIndexes -v
func TestCompareIndexes(t *testing.T) {
	dirs := [2]string{os.Getenv("DOSSIER_COMPARE_A"), os.Getenv("DOSSIER_COMPARE_B")}
	if dirs[0] == "" || dirs[1] == "" {
		t.Skip("set DOSSIER_COMPARE_A and DOSSIER_COMPARE_B to two index directories")
	}
	var ixs [2]*Index
	var report strings.Builder
	for i, d := range dirs {
		ix, err := Open(Options{Dir: d}, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ix.Close() })
		n, err := ix.segmentCount()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&report, "%c: %s, %d segment(s)\n", 'A'+i, d, n)
		ixs[i] = ix
	}
	mix := benchMix()
	for _, c := range mix { // warm both
		for _, ix := range ixs {
			if _, err := ix.Search(context.Background(), c.req); err != nil {
				t.Fatal(err)
			}
		}
	}
	rounds := envInt("DOSSIER_BENCH_ROUNDS", 15)
	cpu := map[string]*[2]time.Duration{}
	var classes []string
	for r := range rounds {
		for i, c := range mix {
			if cpu[c.class] == nil {
				cpu[c.class] = &[2]time.Duration{}
				classes = append(classes, c.class)
			}
			var totals [2]uint64
			for k := range 2 {
				w := (k + r + i) % 2
				c0 := cpuTime()
				res, err := ixs[w].Search(context.Background(), c.req)
				cpu[c.class][w] += cpuTime() - c0
				if err != nil {
					t.Fatal(err)
				}
				totals[w] = res.Total
			}
			if totals[0] != totals[1] {
				t.Fatalf("%s %q: total %d on A, %d on B", c.class, c.req.Query, totals[0], totals[1])
			}
		}
	}
	n := float64(rounds)
	var sum [2]time.Duration
	fmt.Fprintf(&report, "CPU ms per round (every query of the class once), %d rounds, load average at end %s\n%-16s %9s %9s %6s\n",
		rounds, loadAvg(), "class", "A", "B", "B/A")
	for _, cl := range classes {
		d := cpu[cl]
		sum[0] += d[0]
		sum[1] += d[1]
		fmt.Fprintf(&report, "%-16s %9.2f %9.2f %6.3f\n", cl, ms(d[0])/n, ms(d[1])/n, float64(d[1])/float64(d[0]))
	}
	fmt.Fprintf(&report, "%-16s %9.1f %9.1f %6.3f (whole mix, ms per round)\n", "all", ms(sum[0])/n, ms(sum[1])/n, float64(sum[1])/float64(sum[0]))
	t.Log("\n" + report.String())
}

// TestExportPageCost measures what Export's steps save: it exports every
// filing of the large synthetic index by date (what the judge pass of
// dossier index does) in Export's steps, in steps growing to
// exportMaxPage without the last step for the rest, and in fixed steps of
// exportFirstPage hits, in turn DOSSIER_BENCH_ROUNDS times (default 3),
// and logs the median CPU time of each. All must export the same hits.
//
//	DOSSIER_BENCH_LARGE=1 go test ./index/bleve -run TestExportPageCost -v -timeout 60m
func TestExportPageCost(t *testing.T) {
	ix := largeBenchIndex(t)
	req := index.SearchRequest{Filters: index.Filters{Kind: []string{"filing"}}, Sort: index.SortDateAsc}
	ways := []exportSteps{defaultExportSteps, {exportFirstPage, exportMaxPage, 0}, {exportFirstPage, exportFirstPage, 0}}
	rounds := envInt("DOSSIER_BENCH_ROUNDS", 3)
	cpu := make([][]time.Duration, len(ways))
	counts := make([]int, len(ways))
	for r := range rounds {
		for k := range ways {
			w := (k + r) % len(ways)
			c0 := cpuTime()
			n, err := ix.export(context.Background(), req, func(index.Hit) error { return nil }, ways[w])
			cpu[w] = append(cpu[w], cpuTime()-c0)
			if err != nil {
				t.Fatal(err)
			}
			counts[w] = n
		}
	}
	if counts[0] == 0 || counts[1] != counts[0] || counts[2] != counts[0] {
		t.Fatalf("exported %v hits in the three ways", counts)
	}
	base := quantile(cpu[2], .5)
	for w, steps := range ways {
		c := quantile(cpu[w], .5)
		t.Logf("%d filings exported by date in steps %+v: median CPU of %d rounds %.0f ms, %.2f of fixed steps of %d",
			counts[w], steps, rounds, ms(c), float64(c)/float64(base), exportFirstPage)
	}
	t.Logf("load average at end %s", loadAvg())
}

// BenchmarkPhraseWorkers runs each case of the mix whose query holds a
// phrase or proximity search (DOSSIER_BENCH_QUERY: one of them) with its
// documents in one goroutine and spread over Options.SearchWorkers' default
// (the cores), one after the other, so that -count interleaves the two:
//
//	DOSSIER_BENCH_LARGE=1 DOSSIER_BENCH_COMPACT=1 go test ./index/bleve -run '^$' -bench PhraseWorkers -count 6
func BenchmarkPhraseWorkers(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	cores := ix.opts.SearchWorkers
	q := os.Getenv("DOSSIER_BENCH_QUERY")
	for _, c := range benchMix() {
		if !strings.Contains(c.req.Query, `"`) || (q != "" && c.req.Query != q) {
			continue
		}
		for _, workers := range []int{1, cores} {
			b.Run(fmt.Sprintf("%s/%s/workers=%d", c.class, strings.ReplaceAll(c.req.Query, " ", "_"), workers), func(b *testing.B) {
				ix.opts.SearchWorkers = workers
				defer func() { ix.opts.SearchWorkers = cores }()
				for b.Loop() {
					if _, err := runDossier(ix, c); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSpread runs each case of the mix (DOSSIER_BENCH_QUERY: one of
// them) in one goroutine and spread over the cores (spread.go), one after
// the other in the same run, so that the ratio is measured on the same
// machine state. Only searches with facets are spread unless
// DOSSIER_BENCH_SPREAD_ALL is set:
//
//	DOSSIER_BENCH_LARGE=1 DOSSIER_BENCH_COMPACT=1 go test ./index/bleve -run '^$' -bench Spread -count 5
func BenchmarkSpread(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	q := os.Getenv("DOSSIER_BENCH_QUERY")
	for _, c := range benchMix() {
		if q != "" && c.req.Query != q {
			continue
		}
		for _, spread := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/%s/spread=%t", c.class, strings.ReplaceAll(c.req.Query, " ", "_"), spread), func(b *testing.B) {
				ix.noSpread, ix.spreadAll = !spread, os.Getenv("DOSSIER_BENCH_SPREAD_ALL") != ""
				defer func() { ix.noSpread, ix.spreadAll = false, false }()
				// One search first, untimed: it fills the caches (facets,
				// positions) as a server's first searches do.
				if _, err := runDossier(ix, c); err != nil {
					b.Fatal(err)
				}
				// The tail matters as much as the mean: a spread search
				// waits for its slowest goroutine.
				var took []time.Duration
				for b.Loop() {
					start := time.Now()
					if _, err := runDossier(ix, c); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				b.ReportMetric(float64(quantile(took, 0.5))/1e6, "p50-ms")
				b.ReportMetric(float64(quantile(took, 0.99))/1e6, "p99-ms")
			})
		}
	}
}

// BenchmarkMixRound runs the whole mix once per op and variant, in order,
// as a round of TestPeers does, and reports each class's median and 99th
// percentile latency per variant (DOSSIER_BENCH_CLASS: that class's only,
// and each of its queries', as class#n for its n-th in the mix). A query
// whose data the others have pushed out of the CPU's caches is slower
// than when it runs again and again, as in BenchmarkSpread. The variants
// take turns within each op, so that a noisy neighbour slows them alike:
//
//   - "default": as Index.Search runs;
//
//   - "whole": a search is spread whole (spread.go) even where one of
//     its phrases could spread itself;
//
//   - "one": no search spread whole (phrases still spread themselves);
//
//   - "share=f": as default, with a spread phrase's own goroutine
//     searching the share f of its documents (splitDocs), for each f of
//     DOSSIER_BENCH_OWN_SHARE (comma-separated; none by default).
//
//     DOSSIER_BENCH_LARGE=1 DOSSIER_BENCH_COMPACT=1 DOSSIER_BENCH_CLASS=facets go test ./index/bleve -run '^$' -bench MixRound -benchtime 30x
func BenchmarkMixRound(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	mix := benchMix()
	only := os.Getenv("DOSSIER_BENCH_CLASS")
	variants := []string{"default", "whole", "one"}
	shares := map[string]float64{}
	if list := os.Getenv("DOSSIER_BENCH_OWN_SHARE"); list != "" {
		for v := range strings.SplitSeq(list, ",") {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f <= 0 || f >= 1 {
				b.Fatalf("DOSSIER_BENCH_OWN_SHARE=%q: want numbers in (0, 1), comma-separated", list)
			}
			name := "share=" + v
			shares[name] = f
			variants = append(variants, name)
		}
	}
	set := func(v string) {
		ix.noSpread, ix.wholeFirst, ix.phraseOwnShare = v == "one", v == "whole", shares[v]
	}
	defer set("default")
	for _, v := range variants { // fills the caches, as a server's first searches do
		set(v)
		for _, c := range mix {
			if _, err := runDossier(ix, c); err != nil {
				b.Fatal(err)
			}
		}
	}
	lat := latencies{}
	for b.Loop() {
		for _, v := range variants {
			set(v)
			n := 0
			for _, c := range mix {
				start := time.Now()
				if _, err := runDossier(ix, c); err != nil {
					b.Fatal(err)
				}
				took := time.Since(start)
				if only == "" || c.class == only {
					lat.add(v+"/"+c.class, took)
				}
				if c.class == only {
					n++
					lat.add(fmt.Sprintf("%s/%s#%d", v, c.class, n), took)
				}
			}
		}
	}
	for k, ds := range lat {
		b.ReportMetric(ms(quantile(ds, 0.5)), k+"-p50-ms")
		b.ReportMetric(ms(quantile(ds, 0.99)), k+"-p99-ms")
	}
}

// BenchmarkPositionCache runs each case of the mix whose query holds a
// phrase or proximity (DOSSIER_BENCH_QUERY: one of them) reading the
// postings ("cache=false") and reading the position cache
// (positioncache.go; "cache=true", warmed by one search first), one after
// the other in the same run, and reports the bytes the cache holds after
// the case (MB/cache):
//
//	DOSSIER_BENCH_LARGE=1 DOSSIER_BENCH_COMPACT=1 go test ./index/bleve -run '^$' -bench PositionCache -count 5
func BenchmarkPositionCache(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and search the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	cache := ix.positions
	defer func() { ix.positions = cache }()
	q := os.Getenv("DOSSIER_BENCH_QUERY")
	for _, c := range benchMix() {
		if !strings.Contains(c.req.Query, `"`) || (q != "" && c.req.Query != q) {
			continue
		}
		for _, on := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/%s/cache=%t", c.class, strings.ReplaceAll(c.req.Query, " ", "_"), on), func(b *testing.B) {
				ix.positions = nil
				if on {
					ix.positions = cache
					if _, err := runDossier(ix, c); err != nil {
						b.Fatal(err)
					}
				}
				for b.Loop() {
					if _, err := runDossier(ix, c); err != nil {
						b.Fatal(err)
					}
				}
				used, _ := cache.usage()
				b.ReportMetric(float64(used)/(1<<20), "MB/cache")
			})
		}
	}
}
