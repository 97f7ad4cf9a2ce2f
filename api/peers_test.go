package api

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"dossier/index"
	"dossier/index/bleve"
)

// TestPeers compares dossier with Xapian (issue 20) in one run, on an
// index already built (DOSSIER_PEERS=<index dir>, such as the
// 100,000-document index index/bleve's TestLargeSearch keeps) and the
// query mix of index/bleve's TestLargeSearch (testdata/benchmix.json
// there). It needs Debian's python3-xapian (apt-get install python3-xapian)
// and skips without it.
//
//	DOSSIER_PEERS=/tmp/dossier-bench/synth-v6-n100000-s20260601/index go test ./api -run TestPeers -v -timeout 90m
//
// The first run exports the index's documents (id, title, text, kind,
// court, doc_type, judges, date: the values dossier indexes) as JSON Lines
// and indexes them with Xapian (testdata/xapian_peer.py build), in
// DOSSIER_PEERS_DIR (default: xapian-peer beside the index directory);
// later runs reuse the database. Each query of the mix is then answered,
// interleaved, DOSSIER_PEERS_ROUNDS times (default 15) by dossier over HTTP
// (an in-process server with the default options on a 127.0.0.1 listener),
// by dossier's Index.Search in process, by Xapian with exact counts
// (checkatleast = the database's size, so that totals and facet counts
// are exact like dossier's) and by Xapian with its default check (counts
// estimated; for reference). Xapian's time is measured inside its Python
// process: parsing the query, the match, the top 10 ids and, when the
// query asks, facet counts and a snippet of each hit's text. Throughput
// runs the whole mix for DOSSIER_PEERS_SECONDS (default 15) with 1 and 8
// clients (8 Python processes for Xapian, whose bindings hold the GIL).
// DOSSIER_PEERS_OUT names a file for the report. DOSSIER_PEERS_TOLERANCE
// (default 0.03) is how far apart the engines' totals may be, as a share
// of dossier's: on real text, where English stems conflate more words
// than dossier's forms ("appellant" and "appellate"), a run needs more.
// DOSSIER_PEERS_POSITION_CACHE_MB sets the server's --position-cache-mb
// (0: no position cache).
func TestPeers(t *testing.T) {
	dir := os.Getenv("DOSSIER_PEERS")
	if dir == "" {
		t.Skip("set DOSSIER_PEERS to an index directory to compare dossier with Xapian")
	}
	python := xapianPython()
	if python == "" {
		t.Skip("no python3 that can import xapian: apt-get install python3-xapian")
	}
	rounds := envPositive("DOSSIER_PEERS_ROUNDS", 15)
	secs := envPositive("DOSSIER_PEERS_SECONDS", 15)
	work := os.Getenv("DOSSIER_PEERS_DIR")
	if work == "" {
		work = filepath.Join(filepath.Dir(filepath.Clean(dir)), "xapian-peer")
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := bleve.Options{Dir: dir}
	if v := os.Getenv("DOSSIER_PEERS_POSITION_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("DOSSIER_PEERS_POSITION_CACHE_MB=%q: %v", v, err)
		}
		opts.PositionCacheMB = cmp.Or(n, -1) // 0: none, as the flag
	}
	ix, err := bleve.Open(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	xdb := filepath.Join(work, "db")
	buildXapian(t, ix, python, work, xdb)

	mix := readBenchMix(t)
	specs := filepath.Join(work, "specs.jsonl")
	writeSpecs(t, mix, specs)
	xs := startXapian(t, python, xdb, specs)
	defer xs.close()

	srv, err := New(ix, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	// Totals and warm-up.
	var report strings.Builder
	fmt.Fprintf(&report, "dossier %s vs Xapian; GOMAXPROCS=%d rounds=%d; load average at start: %s", dir, runtime.GOMAXPROCS(0), rounds, loadAverage())
	fmt.Fprintf(&report, "%-16s %-46s %9s %9s %9s %6s\n", "class", "query", "dossier", "xapian", "x. est.", "x/d")
	for i, c := range mix {
		_, hr := httpSearch(t, client, ts.URL, c.Request)
		res, err := ix.Search(ctx, c.Request)
		if err != nil {
			t.Fatalf("%s %q: %v", c.Class, c.Request.Query, err)
		}
		xr := xs.run(t, i, true)
		xe := xs.run(t, i, false)
		fmt.Fprintf(&report, "%-16s %-46q %9d %9d %9d %6.3f\n", c.Class, c.Request.Query, res.Total, xr.Total, xe.Total, float64(xr.Total)/float64(max(res.Total, 1)))
		if hr.Total != res.Total {
			t.Errorf("%s %q: total %d over HTTP, %d in process", c.Class, c.Request.Query, hr.Total, res.Total)
		}
		report.WriteString(checkPeerTotals(t, c, res, xr))
	}

	// Latency, the engines' order rotating from one query to the next.
	engines := []string{"http", "inproc", "xapian", "xapian-est"}
	lat := map[string]map[string][]time.Duration{}
	for _, e := range engines {
		lat[e] = map[string][]time.Duration{}
	}
	for r := range rounds {
		for i, c := range mix {
			for k := range engines {
				e := engines[(r+i+k)%len(engines)]
				var d time.Duration
				switch e {
				case "http":
					d, _ = httpSearch(t, client, ts.URL, c.Request)
				case "inproc":
					start := time.Now()
					if _, err := ix.Search(ctx, c.Request); err != nil {
						t.Fatal(err)
					}
					d = time.Since(start)
				case "xapian", "xapian-est":
					d = time.Duration(xs.run(t, i, e == "xapian").MS * float64(time.Millisecond))
				}
				lat[e][c.Class] = append(lat[e][c.Class], d)
				lat[e]["all"] = append(lat[e]["all"], d)
			}
		}
	}
	var classes []string
	for _, c := range mix {
		if !slices.Contains(classes, c.Class) {
			classes = append(classes, c.Class)
		}
	}
	classes = append(classes, "all")
	fmt.Fprintf(&report, "\nlatency ms (p50 / p99; %d rounds): dossier over HTTP, dossier in process, Xapian exact counts, ratio HTTP/Xapian, Xapian estimated counts\n", rounds)
	fmt.Fprintf(&report, "%-16s %15s %15s %15s %13s %15s\n", "class", "http", "in-process", "xapian", "http/x", "xapian est.")
	for _, cl := range classes {
		q := func(e string, p float64) float64 { return peerMS(peerQuantile(lat[e][cl], p)) }
		fmt.Fprintf(&report, "%-16s %6.2f / %6.2f %6.2f / %6.2f %6.2f / %6.2f %5.2f / %5.2f %6.2f / %6.2f\n", cl,
			q("http", .5), q("http", .99), q("inproc", .5), q("inproc", .99), q("xapian", .5), q("xapian", .99),
			q("http", .5)/q("xapian", .5), q("http", .99)/q("xapian", .99), q("xapian-est", .5), q("xapian-est", .99))
	}

	// Throughput over the whole mix.
	d := time.Duration(secs) * time.Second
	// The same server with other search slots, at 8 clients: one and two
	// per CPU, and 16.
	others := []int{runtime.GOMAXPROCS(0), 2 * runtime.GOMAXPROCS(0), 16}
	otherURLs := make([]string, len(others))
	for i, n := range others {
		srv, err := New(ix, Options{MaxConcurrentSearches: n}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		otherURLs[i] = ts.URL
	}
	fmt.Fprintf(&report, "\nthroughput, queries/s over the whole mix, %v per run\n", d)
	for _, clients := range []int{1, 8} {
		h := peerThroughput(clients, d, func(i int) error {
			_, err := httpGet(client, ts.URL, mix[i%len(mix)].Request)
			return err
		})
		in := peerThroughput(clients, d, func(i int) error {
			_, err := ix.Search(ctx, mix[i%len(mix)].Request)
			return err
		})
		x := xapianThroughput(t, python, xdb, specs, clients, d)
		fmt.Fprintf(&report, "%d client(s): dossier HTTP %.1f, dossier in process %.1f, Xapian %.1f; HTTP/Xapian %.2f\n", clients, h, in, x, h/x)
		if clients == 8 {
			for i, n := range others {
				h := peerThroughput(clients, d, func(j int) error {
					_, err := httpGet(client, otherURLs[i], mix[j%len(mix)].Request)
					return err
				})
				fmt.Fprintf(&report, "%d client(s): dossier HTTP with --max-searches %d: %.1f; /Xapian %.2f\n", clients, n, h, h/x)
			}
		}
	}
	fmt.Fprintf(&report, "load average at end: %s", loadAverage())
	t.Log("\n" + report.String())
	if out := os.Getenv("DOSSIER_PEERS_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// benchMixEntry is one request of index/bleve's benchmark mix.
type benchMixEntry struct {
	Class   string
	Request index.SearchRequest
}

func readBenchMix(t *testing.T) []benchMixEntry {
	b, err := os.ReadFile(filepath.FromSlash("../index/bleve/testdata/benchmix.json"))
	if err != nil {
		t.Fatal(err)
	}
	var mix []benchMixEntry
	if err := json.Unmarshal(b, &mix); err != nil {
		t.Fatal(err)
	}
	if len(mix) == 0 {
		t.Fatal("empty benchmark mix")
	}
	return mix
}

// xapianPython returns a python3 that can import xapian, or "". Debian's
// python3-xapian serves /usr/bin/python3, which another python3 on PATH
// (pyenv's) may hide.
func xapianPython() string {
	for _, p := range []string{os.Getenv("DOSSIER_PYTHON"), "python3", "/usr/bin/python3"} {
		if p != "" && exec.Command(p, "-c", "import xapian").Run() == nil {
			return p
		}
	}
	return ""
}

func envPositive(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return string(b)
}

// peerDoc is what Xapian indexes of a document: the values dossier's
// mapping indexes for the fields the mix searches, filters and counts.
type peerDoc struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Kind    string   `json:"kind"`
	Court   string   `json:"court"`
	DocType string   `json:"doc_type"`
	Judges  []string `json:"judges"`
	Date    string   `json:"date"`
}

// buildXapian exports the index's searchable documents and indexes them
// with Xapian in xdb, unless a finished build (a file "complete" in work)
// is there.
func buildXapian(t *testing.T, ix *bleve.Index, python, work, xdb string) {
	marker := filepath.Join(work, "complete")
	if _, err := os.Stat(marker); err == nil {
		return
	}
	ctx := context.Background()
	docs := filepath.Join(work, "docs.jsonl")
	f, err := os.Create(docs)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	start := time.Now()
	n, err := ix.Export(ctx, index.SearchRequest{}, func(h index.Hit) error {
		d, err := ix.Document(ctx, h.ID)
		if err != nil {
			return err
		}
		return enc.Encode(peerDoc{ID: h.ID, Title: h.Title, Text: d.Text, Kind: h.Kind, Court: h.Court,
			DocType: h.DocType, Judges: h.Judges, Date: h.Date})
	})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exported %d documents in %v", n, time.Since(start).Round(time.Second))
	start = time.Now()
	cmd := exec.Command(python, filepath.Join("testdata", "xapian_peer.py"), "build", docs, xdb)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("xapian build: %v", err)
	}
	t.Logf("Xapian indexed %d documents in %v", n, time.Since(start).Round(time.Second))
	if err := os.WriteFile(marker, []byte(strconv.Itoa(n)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// proximity is dossier's proximity syntax, "a b"~N.
var proximity = regexp.MustCompile(`^"([^"]+)"~(\d+)$`)

// xapianQuery writes a query of the mix in Xapian's QueryParser syntax,
// which reads the mix's phrases and boolean queries as dossier does. Only
// proximity differs: dossier's "a b"~N is a window of N extra positions
// (two words at most N+1 apart), Xapian's a NEAR/N b a window of N+1
// positions (at most N apart), so it becomes NEAR/(N+1).
func xapianQuery(q string) string {
	m := proximity.FindStringSubmatch(q)
	if m == nil {
		return q
	}
	words := strings.Fields(m[1])
	slop, _ := strconv.Atoi(m[2])
	return strings.Join(words, fmt.Sprintf(" NEAR/%d ", len(words)-1+slop))
}

func writeSpecs(t *testing.T, mix []benchMixEntry, path string) {
	var b strings.Builder
	for _, c := range mix {
		r := c.Request
		f := r.Filters
		if f.Judge != nil || f.Case != nil || f.Cites != nil || f.Site != nil || f.Author != nil || f.IDs != nil || r.Restrict != "" || r.Sort != "" {
			t.Fatalf("%s %q: the Xapian peer has no equivalent of this request's filters or sort", c.Class, r.Query)
		}
		filters := map[string]any{}
		for name, v := range map[string][]string{"court": f.Court, "kind": f.Kind, "doc_type": f.DocType} {
			if len(v) > 0 {
				filters[name] = v
			}
		}
		if !f.From.IsZero() {
			filters["from"] = f.From.Format("20060102")
		}
		if !f.To.IsZero() {
			filters["to"] = f.To.Format("20060102")
		}
		line, err := json.Marshal(map[string]any{"class": c.Class, "query": xapianQuery(r.Query), "filters": filters,
			"facets": r.Facets, "highlight": r.Highlight})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// searchURL is the GET /v1/search URL of r.
func searchURL(base string, r index.SearchRequest) string {
	v := url.Values{}
	v.Set("q", r.Query)
	for name, list := range map[string][]string{"court": r.Filters.Court, "kind": r.Filters.Kind, "doc_type": r.Filters.DocType} {
		for _, x := range list {
			v.Add(name, x)
		}
	}
	if !r.Filters.From.IsZero() {
		v.Set("from", r.Filters.From.Format(time.DateOnly))
	}
	if !r.Filters.To.IsZero() {
		v.Set("to", r.Filters.To.Format(time.DateOnly))
	}
	if len(r.Facets) > 0 {
		v.Set("facets", strings.Join(r.Facets, ","))
	}
	v.Set("highlight", strconv.FormatBool(r.Highlight))
	return base + "/v1/search?" + v.Encode()
}

// httpGet sends r and returns the response body.
func httpGet(client *http.Client, base string, r index.SearchRequest) ([]byte, error) {
	resp, err := client.Get(searchURL(base, r))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", resp.Status, body)
	}
	return body, err
}

// httpSearch times one search over HTTP, to the end of the body, and
// decodes the response after the clock stops.
func httpSearch(t *testing.T, client *http.Client, base string, r index.SearchRequest) (time.Duration, SearchResponse) {
	start := time.Now()
	body, err := httpGet(client, base, r)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	var out SearchResponse
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return took, out
}

// xapianResult is one answer of xapian_peer.py serve.
type xapianResult struct {
	MS       float64            `json:"ms"`
	Total    uint64             `json:"total"`
	Exact    bool               `json:"exact"` // the total's lower and upper bounds are equal
	IDs      []string           `json:"ids"`
	Facets   map[string][][]any `json:"facets"` // [value, count] pairs
	Snippets int                `json:"snippets"`
	Marked   int                `json:"marked"` // snippets with a highlighted word
}

// xapianServer is a running xapian_peer.py serve.
type xapianServer struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Scanner
}

func startXapian(t *testing.T, python, xdb, specs string) *xapianServer {
	cmd := exec.Command(python, filepath.Join("testdata", "xapian_peer.py"), "serve", xdb, specs)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	return &xapianServer{cmd: cmd, in: in, out: sc}
}

// run answers spec i, with exact counts or Xapian's default check.
func (x *xapianServer) run(t *testing.T, i int, exact bool) xapianResult {
	mode := "estimate"
	if exact {
		mode = "exact"
	}
	if _, err := fmt.Fprintf(x.in, "%d %s\n", i, mode); err != nil {
		t.Fatal(err)
	}
	if !x.out.Scan() {
		t.Fatalf("xapian_peer.py serve stopped: %v", x.out.Err())
	}
	var r xapianResult
	if err := json.Unmarshal(x.out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (x *xapianServer) close() {
	x.in.Close()
	_ = x.cmd.Wait()
}

// peerTotalTolerance is how far apart, as a share of dossier's total,
// dossier's and Xapian's totals may be.
var peerTotalTolerance = envFloat("DOSSIER_PEERS_TOLERANCE", 0.03)

// envFloat reads a positive number from the environment variable name,
// or gives def.
func envFloat(name string, def float64) float64 {
	if f, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil && f > 0 {
		return f
	}
	return def
}

// checkPeerTotals fails where the totals are further apart than
// peerTotalTolerance, where Xapian finds nothing that dossier finds
// plenty of, where it returns no hit or no highlighted snippet, gives an
// estimated total, or counts facets other than dossier does for the same
// matches. It returns lines comparing the facets' top values.
func checkPeerTotals(t *testing.T, c benchMixEntry, d *index.SearchResult, x xapianResult) string {
	t.Helper()
	if d.Total >= 100 && x.Total == 0 {
		t.Errorf("%s %q: Xapian finds nothing, dossier %d", c.Class, c.Request.Query, d.Total)
	}
	// The engines split a few words differently: dossier keeps
	// "physician.Police" one word, as Unicode's word rules do, Xapian
	// splits it at the full stop. At 100,000 synthetic documents that is
	// 215 of the 44,434 with "police", and 2.0 % of the total of "police
	// AND (arrest OR custody) NOT bail"; every other total of the mix is
	// within 0.1 %. Dossier's forms of a bare word and Xapian's English
	// stems found the same documents there.
	if diff := math.Abs(float64(x.Total) - float64(d.Total)); diff > 1+float64(d.Total)*peerTotalTolerance {
		t.Errorf("%s %q: Xapian total %d, dossier %d: more apart than %.0f%%", c.Class, c.Request.Query, x.Total, d.Total, 100*peerTotalTolerance)
	}
	if !x.Exact {
		t.Errorf("%s %q: Xapian's total %d is an estimate", c.Class, c.Request.Query, x.Total)
	}
	if len(d.Hits) > 0 && len(x.IDs) == 0 {
		t.Errorf("%s %q: Xapian returns no hit", c.Class, c.Request.Query)
	}
	if c.Request.Highlight && len(x.IDs) > 0 && x.Marked == 0 {
		t.Errorf("%s %q: no Xapian snippet marks a match", c.Class, c.Request.Query)
	}
	var line strings.Builder
	for _, name := range c.Request.Facets {
		var sum uint64
		for _, v := range x.Facets[name] {
			n, _ := v[1].(float64)
			sum += uint64(n)
		}
		if name == "kind" && sum != x.Total {
			t.Errorf("%s %q: Xapian's kind counts add up to %d, its total is %d", c.Class, c.Request.Query, sum, x.Total)
		}
		// With the same matches, the single-valued facets count the same;
		// dossier's judge facet folds spellings of a name together.
		if name != "judge" && d.Total == x.Total {
			var dv, xv []string
			for _, v := range d.Facets[name].Values {
				dv = append(dv, fmt.Sprintf("%s %d", v.Value, v.Count))
			}
			for _, v := range x.Facets[name] {
				xv = append(xv, fmt.Sprintf("%v %v", v[0], v[1]))
			}
			if !slices.Equal(dv, xv) {
				t.Errorf("%s %q: facet %s: dossier %v, Xapian %v", c.Class, c.Request.Query, name, dv, xv)
			}
		}
		fmt.Fprintf(&line, "    %-6s dossier", name)
		for _, v := range d.Facets[name].Values[:min(3, len(d.Facets[name].Values))] {
			fmt.Fprintf(&line, " %s %d", v.Value, v.Count)
		}
		line.WriteString("; xapian")
		for _, v := range x.Facets[name][:min(3, len(x.Facets[name]))] {
			fmt.Fprintf(&line, " %v %v", v[0], v[1])
		}
		line.WriteByte('\n')
	}
	return line.String()
}

// peerQuantile is the q-quantile (nearest rank) of ds.
func peerQuantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[max(int(math.Ceil(q*float64(len(s))))-1, 0)]
}

func peerMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peerThroughput calls search from clients goroutines for d, each going
// through the mix from its own place, and returns calls per second.
func peerThroughput(clients int, d time.Duration, search func(i int) error) float64 {
	var n, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for c := range clients {
		wg.Go(func() {
			for i := c * 3; time.Now().Before(end); i++ {
				if search(i) != nil {
					failed.Add(1)
					continue
				}
				n.Add(1)
			}
		})
	}
	wg.Wait()
	if failed.Load() > 0 {
		return math.NaN()
	}
	return float64(n.Load()) / time.Since(start).Seconds()
}

// xapianThroughput runs clients xapian_peer.py bench processes at once
// and returns their queries per second together.
func xapianThroughput(t *testing.T, python, xdb, specs string, clients int, d time.Duration) float64 {
	outs := make([][]byte, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			cmd := exec.Command(python, filepath.Join("testdata", "xapian_peer.py"), "bench", xdb, specs,
				strconv.FormatFloat(d.Seconds(), 'f', -1, 64), strconv.Itoa(c*3))
			cmd.Stderr = os.Stderr
			outs[c], errs[c] = cmd.Output()
		})
	}
	wg.Wait()
	var qps float64
	for c := range clients {
		if errs[c] != nil {
			t.Fatalf("xapian bench: %v", errs[c])
		}
		var r struct {
			Count   int     `json:"count"`
			Seconds float64 `json:"seconds"`
		}
		if err := json.Unmarshal(outs[c], &r); err != nil {
			t.Fatal(err)
		}
		qps += float64(r.Count) / r.Seconds
	}
	return qps
}

func TestXapianQuery(t *testing.T) {
	for q, want := range map[string]string{
		`"police custody"~5`:                      "police NEAR/6 custody",
		`"motion to dismiss"`:                     `"motion to dismiss"`,
		`police AND (arrest OR custody) NOT bail`: "police AND (arrest OR custody) NOT bail",
	} {
		if got := xapianQuery(q); got != want {
			t.Errorf("xapianQuery(%q) = %q, want %q", q, got, want)
		}
	}
}
