package bleve

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"dossier/corpus"
	"dossier/corpus/synth"
	"dossier/index"
	"dossier/index/ingest"
)

// tpChildEnv makes the re-executed test binary run one import:
// "MODE|JSONL|DIR" with MODE dossier or bleve.
const tpChildEnv = "DOSSIER_TP_CHILD"

// TestThroughputChild is the importer TestBulkThroughput measures in its
// own process (for a clean peak RSS). It does nothing in a normal run.
func TestThroughputChild(t *testing.T) {
	spec := os.Getenv(tpChildEnv)
	if spec == "" {
		t.Skip("helper process for TestBulkThroughput")
	}
	parts := strings.SplitN(spec, "|", 3)
	if prof := os.Getenv("DOSSIER_TP_CPUPROFILE"); prof != "" {
		f, err := os.Create(prof)
		if err != nil {
			t.Fatal(err)
		}
		pprof.StartCPUProfile(f)
	}
	if prof := os.Getenv("DOSSIER_TP_HEAPPROFILE"); prof != "" {
		go peakHeapProfile(prof)
	}
	var err error
	switch parts[0] {
	case "dossier":
		err = tpDossier(parts[1], parts[2])
	case "bleve":
		err = tpBleve(parts[1], parts[2])
	default:
		err = fmt.Errorf("unknown mode %q", parts[0])
	}
	pprof.StopCPUProfile()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// peakHeapProfile writes a heap profile to path whenever the heap in use
// reaches a new high, checking every 200ms.
func peakHeapProfile(path string) {
	var peak uint64
	for range time.Tick(200 * time.Millisecond) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak {
			peak = ms.HeapInuse
			if f, err := os.Create(path); err == nil {
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
	}
}

// tpDossier imports the JSON Lines file through ingest.Ingester.IngestWith, with
// DOSSIER_TP_BATCH documents per batch and DOSSIER_TP_BLEVE (JSON) extra
// bleve config, then checks a highlighted search works.
func tpDossier(jsonl, dir string) error {
	if os.Getenv("GOMEMLIMIT") == "" { // as the dossier index command does
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
	opts := Options{Dir: dir, MaxSegmentDocs: BulkMaxSegmentDocs, MergeWidth: BulkMergeWidth, // as the dossier index command does
		ReleaseMappedEvery: DefaultReleaseMappedEvery, MaxResidentMapped: DefaultMaxResidentMapped}
	var ingOpts ingest.Options
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_TP_SEGMENT_DOCS")); err == nil {
		opts.MaxSegmentDocs = n
	}
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_TP_BATCH")); err == nil {
		ingOpts.BulkBatchSize = n
	}
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_TP_BATCH_BYTES")); err == nil {
		ingOpts.BatchTextBytes = n
	}
	if cfg := os.Getenv("DOSSIER_TP_BLEVE"); cfg != "" {
		if err := json.Unmarshal([]byte(cfg), &opts.Bleve); err != nil {
			return err
		}
	}
	ix, err := Open(opts, nil)
	if err != nil {
		return err
	}
	ing, err := ingest.Open(dir, ix, ingOpts, nil)
	if err != nil {
		ix.Close()
		return err
	}
	importPeak := sampleOwnMemory()
	sum, err := ing.IngestWith(context.Background(), nil, []string{jsonl}, index.IngestOptions{})
	if cerr := ing.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d documents failed: %v", sum.Failed, sum.Failures[0])
	}
	// The peaks so far are the import's; the highlighted search below reads
	// (and maps in) parts of the index files too.
	fmt.Fprintf(os.Stderr, "import: %s\n", importPeak())
	printMergeStats(ix)
	searchPeak := sampleOwnMemory()
	res, err := ix.Search(context.Background(), index.SearchRequest{Query: "court", Highlight: true, Size: 3})
	fmt.Fprintf(os.Stderr, "check search: %s\n", searchPeak())
	if err != nil {
		return err
	}
	if len(res.Hits) == 0 || len(res.Hits[0].Highlights) == 0 {
		return fmt.Errorf("no highlighted hit after import: %+v", res.Hits)
	}
	closePeak := sampleOwnMemory()
	defer func() { fmt.Fprintf(os.Stderr, "close: %s\n", closePeak()) }()
	return ix.Close()
}

// tpBleve indexes the same documents with bleve's defaults: the default
// mapping and batches of 1000.
func tpBleve(jsonl, dir string) error {
	bi, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		return err
	}
	f, err := os.Open(jsonl)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	b := bi.NewBatch()
	for sc.Scan() {
		var d corpus.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return err
		}
		if err := b.Index(d.ID, d); err != nil {
			return err
		}
		if b.Size() >= 1000 {
			if err := bi.Batch(b); err != nil {
				return err
			}
			b = bi.NewBatch()
		}
	}
	if err := bi.Batch(b); err != nil {
		return err
	}
	return bi.Close()
}

type tpResult struct {
	name    string
	elapsed time.Duration
	cpu     time.Duration // user + system CPU time
	rssMB   float64       // peak resident set, as getrusage reports it
	anonMB  float64       // peak anonymous resident memory (heap, stacks)
	fileMB  float64       // peak file-backed resident memory (mapped index files)
	// fileAt says when the file-backed peak came and which mapped files
	// held it (mappedBreakdown).
	fileAt string
	// anonAt says when the anonymous peak came.
	anonAt string
	// hwmMB is the RSS high-water mark last sampled (VmHWM), and hwmAt
	// when it last grew: the peak came in the sampling interval before.
	hwmMB  float64
	hwmAt  string
	diskMB float64
	// cgroupMB is the memory cgroup's peak charge (anonymous memory plus
	// page cache) when the run had one (DOSSIER_TP_MEMCG), else 0.
	cgroupMB float64
}

// runMeasured runs cmd and returns its wall time, CPU time and peak
// memory. Besides getrusage's peak RSS it samples /proc/PID/status every
// 100 ms for the peaks of anonymous and file-backed resident memory: the
// index's segment files are memory-mapped, and their pages count in RSS
// although the kernel can drop them at any time.
func runMeasured(t *testing.T, cmd *exec.Cmd, cg *memoryCgroup) tpResult {
	t.Helper()
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	if cg != nil {
		if err := cg.add(cmd.Process.Pid); err != nil {
			cmd.Process.Kill()
			t.Fatalf("memory cgroup: %v", err)
		}
	}
	var r tpResult
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		every := 100 * time.Millisecond
		if ms, err := strconv.Atoi(os.Getenv("DOSSIER_TP_SAMPLE_MS")); err == nil && ms > 0 {
			every = time.Duration(ms) * time.Millisecond
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(status); err == nil {
				at := time.Since(start).Round(10 * time.Millisecond)
				if a := statusKB(b, "RssAnon:") / 1024; a > r.anonMB {
					r.anonMB, r.anonAt = a, at.String()
				}
				if f := statusKB(b, "RssFile:") / 1024; f > r.fileMB {
					r.fileMB, r.fileAt = f, at.String()+": "+mappedBreakdown(cmd.Process.Pid)
				}
				// The kernel's high-water mark of the RSS only grows: the
				// last sample where it grew brackets the peak's moment.
				if h := statusKB(b, "VmHWM:") / 1024; h > r.hwmMB {
					r.hwmMB, r.hwmAt = h, at.String()
				}
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	close(stop)
	<-sampled
	if err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	r.elapsed = time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	r.rssMB = float64(ru.Maxrss) / 1024 // KiB on Linux
	return r
}

// mappedBreakdown reads /proc/PID/smaps and lists the resident MB of the
// process's file mappings by file: the index segments (*.zap) together,
// other files by name, the largest first.
func mappedBreakdown(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", pid))
	if err != nil {
		return err.Error()
	}
	kb := map[string]float64{}
	var file string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			file = "" // a mapping's header: range, perms, offset, dev, inode[, path]
			if len(f) >= 6 && strings.HasPrefix(f[5], "/") {
				file = filepath.Base(f[5])
				if strings.HasSuffix(file, ".zap") {
					file = "*.zap"
				}
			}
		case len(f) >= 2 && f[0] == "Rss:" && file != "":
			v, _ := strconv.ParseFloat(f[1], 64)
			kb[file] += v
		}
	}
	names := make([]string, 0, len(kb))
	for n := range kb {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return kb[names[i]] > kb[names[j]] })
	var parts []string
	for _, n := range names {
		if kb[n] >= 1024 {
			parts = append(parts, fmt.Sprintf("%s %.0f", n, kb[n]/1024))
		}
	}
	return strings.Join(parts, ", ")
}

// sampleOwnMemory samples this process's anonymous and file-backed
// resident memory every 50 ms until the returned function is called, which
// stops it and describes the peaks.
func sampleOwnMemory() func() string {
	var anon, file, total float64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			if b, err := os.ReadFile("/proc/self/status"); err == nil {
				a, f := statusKB(b, "RssAnon:")/1024, statusKB(b, "RssFile:")/1024
				anon, file, total = max(anon, a), max(file, f), max(total, a+f)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() string {
		close(stop)
		<-done
		return fmt.Sprintf("peak RSS %.0f MB (anon %.0f, file-backed %.0f)", total, anon, file)
	}
}

// statusKB reads a "Key:   123 kB" line of /proc/PID/status.
func statusKB(status []byte, key string) float64 {
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				v, _ := strconv.ParseFloat(f[0], 64)
				return v
			}
		}
	}
	return 0
}

// TestBulkThroughput compares, on DOSSIER_THROUGHPUT synthetic documents
// (corpus/synth, 5-10 KB of text each), a JSON Lines import into dossier,
// raw bleve batch indexing with default settings and SQLite FTS5 (sqlite3
// CLI) loading the same text: docs/s, peak RSS and size on disk. Each runs
// in its own process. DOSSIER_TP_MODES limits the modes (comma list of
// dossier, bleve, sqlite, cli; gen only writes the corpus to
// DOSSIER_TP_DIR). dossier imports through package ingest alone; cli runs
// the whole dossier index command (built with go build, with the flags in
// DOSSIER_TP_FLAGS), which settles and compacts the index after it.
// DOSSIER_TP_MEMCG=MB runs the dossier import inside a memory cgroup with
// that hard limit (root only; it skips where cgroups are not writable).
func TestBulkThroughput(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DOSSIER_THROUGHPUT"))
	if n <= 0 {
		t.Skip("set DOSSIER_THROUGHPUT=N (e.g. 100000) to measure bulk import throughput")
	}
	modes := "dossier,bleve,sqlite"
	if m := os.Getenv("DOSSIER_TP_MODES"); m != "" {
		modes = m
	}
	work := os.Getenv("DOSSIER_TP_DIR")
	if work == "" {
		work = t.TempDir()
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	jsonl := filepath.Join(work, fmt.Sprintf("synth-%d.jsonl", n))
	csvPath := filepath.Join(work, fmt.Sprintf("synth-%d.csv", n))
	if _, err := os.Stat(jsonl); err != nil {
		so := synth.Options{N: n, Seed: 1, CacheDir: filepath.Join(work, "synth-cache")}
		so.SetDefaults()
		if _, err := os.Stat(so.SourceDir); so.SourceDir == "" || err != nil {
			t.Skip("shared material not found: set DOSSIER_SHARED")
		}
		if err := writeSynth(jsonl, csvPath, so); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(jsonl)
	t.Logf("%d documents, JSON Lines %.0f MB", n, float64(st.Size())/1e6)

	var results []tpResult
	for _, mode := range strings.Split(modes, ",") {
		dir := filepath.Join(work, "out-"+mode)
		os.RemoveAll(dir)
		var r tpResult
		switch mode {
		case "gen": // only write the corpus files
			continue
		case "cli": // the dossier index command, built from this module
			bin := filepath.Join(work, "dossier")
			build := exec.Command("go", "build", "-o", bin, "dossier/cmd/dossier")
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
			args := append([]string{"index", "--index", dir}, strings.Fields(os.Getenv("DOSSIER_TP_FLAGS"))...)
			r = runMeasured(t, exec.Command(bin, append(args, jsonl)...), nil)
			r.diskMB = float64(dirSize(dir)) / 1e6
		case "dossier", "bleve":
			cmd := exec.Command(os.Args[0], "-test.run=^TestThroughputChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), tpChildEnv+"="+mode+"|"+jsonl+"|"+dir)
			var cg *memoryCgroup
			if mb, err := strconv.Atoi(os.Getenv("DOSSIER_TP_MEMCG")); err == nil && mode == "dossier" {
				if cg, err = newMemoryCgroup(mb); err != nil {
					t.Skipf("DOSSIER_TP_MEMCG needs a writable memory cgroup: %v", err)
				}
				t.Logf("dossier runs in a memory cgroup limited to %d MB", mb)
			}
			r = runMeasured(t, cmd, cg)
			if cg != nil {
				r.cgroupMB = cg.peakMB()
				if err := cg.remove(); err != nil {
					t.Logf("memory cgroup: %v", err)
				}
			}
			r.diskMB = float64(dirSize(dir)) / 1e6
		case "sqlite":
			if _, err := exec.LookPath("sqlite3"); err != nil {
				t.Log("sqlite3 not on PATH: skipping SQLite FTS5")
				continue
			}
			os.MkdirAll(dir, 0o755)
			db := filepath.Join(dir, "fts.db")
			cmd := exec.Command("sqlite3", db)
			cmd.Stdin = strings.NewReader(
				"PRAGMA journal_mode=WAL;\n" +
					"CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text);\n" +
					".import --csv " + csvPath + " docs\n" +
					"SELECT count(*) FROM docs;\n")
			cmd.Stdout = os.Stderr
			r = runMeasured(t, cmd, nil)
			r.diskMB = float64(dirSize(dir)) / 1e6
		default:
			t.Fatalf("unknown mode %q", mode)
		}
		r.name = mode
		results = append(results, r)
		t.Logf("%-8s %7.0f docs/s  %6.1f s wall  %6.1f s CPU (%5.0f docs per CPU-s)  peak RSS %5.0f MB (anon %4.0f, file %4.0f)  disk %5.0f MB",
			mode, float64(n)/r.elapsed.Seconds(), r.elapsed.Seconds(), r.cpu.Seconds(),
			float64(n)/r.cpu.Seconds(), r.rssMB, r.anonMB, r.fileMB, r.diskMB)
		if r.fileAt != "" {
			t.Logf("%-8s anonymous peak at %s; file-backed peak at %s (MB); RSS high-water mark %.0f MB, last grown by %s", mode, r.anonAt, r.fileAt, r.hwmMB, r.hwmAt)
		}
		if r.cgroupMB != 0 {
			t.Logf("%-8s memory cgroup peak charge %.0f MB", mode, r.cgroupMB)
		}
		if os.Getenv("DOSSIER_TP_KEEP") == "" {
			os.RemoveAll(dir)
		}
	}
}

// writeSynth writes the synthetic corpus as JSON Lines (for dossier and
// bleve) and as CSV id,title,text (for sqlite3 .import).
func writeSynth(jsonlPath, csvPath string, so synth.Options) error {
	jf, err := os.Create(jsonlPath)
	if err != nil {
		return err
	}
	defer jf.Close()
	cf, err := os.Create(csvPath)
	if err != nil {
		return err
	}
	defer cf.Close()
	jw := bufio.NewWriterSize(jf, 1<<20)
	enc := json.NewEncoder(jw)
	enc.SetEscapeHTML(false)
	cw := csv.NewWriter(cf)
	err = synth.Generate(so, func(d corpus.Document) error {
		if err := enc.Encode(&d); err != nil {
			return err
		}
		text := d.Text
		if text == "" && len(d.Pages) > 0 {
			text, _ = joinPages(d.Pages)
		}
		return cw.Write([]string{d.ID, d.Title, text})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if err := jw.Flush(); err != nil {
		return err
	}
	return nil
}

// printMergeStats prints scorch's counts of segments persisted and merged,
// which tell how many times the average document was rewritten.
func printMergeStats(ix *Index) {
	st, ok := ix.bleve.StatsMap()["index"].(map[string]any)
	if !ok {
		return
	}
	var parts []string
	for _, k := range []string{"TotPersistedSegments", "TotMemMergeDone", "TotFileMergePlanTasksDone",
		"TotFileMergeSegments", "TotFileMergeWrittenBytes", "TotFileMergeZapTime"} {
		if v, ok := st[k]; ok {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
	}
	if adv, err := ix.bleve.Advanced(); err == nil {
		if r, err := adv.Reader(); err == nil {
			if snap, ok := r.(*scorch.IndexSnapshot); ok {
				parts = append(parts, fmt.Sprintf("segments=%d", len(snap.Segments())))
			}
			r.Close()
		}
	}
	fmt.Fprintf(os.Stderr, "scorch: %s\n", strings.Join(parts, " "))
}
