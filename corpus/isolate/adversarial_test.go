package isolate

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Caps the adversarial run checks, in bytes.
const (
	// parentRSSCap bounds the parent's peak resident set: it holds no
	// document bytes, only the answers.
	parentRSSCap = 512 << 20
	// workerSlack is how far a worker may be seen above MemoryLimit: the
	// cap is sampled every PollInterval, so a fast allocator overshoots
	// by what it allocates in that time before it is killed.
	workerSlack = 256 << 20
)

func sharedDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("DOSSIER_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if st, err := os.Stat(filepath.Join(dir, "corpus")); err != nil || !st.IsDir() {
		t.Skipf("shared corpus not found at %s (set DOSSIER_SHARED to the folder holding corpus/)", dir)
	}
	return dir
}

// advResult is the outcome of one adversarial file.
type advResult struct {
	path     string
	elapsed  time.Duration
	outcome  string // "text", "skipped", "empty"
	reason   string
	popplers string // pdftotext's outcome: "text", "empty", "error", "timeout"
}

// TestAdversarialCorpus runs the pool, with its default limits and two
// workers, over every PDF of shared/corpus/adversarial (pdfjs and qpdf):
// each must end with text or a skip reason within the timeout, the parent
// must survive and stay under parentRSSCap. It then runs pdftotext over
// the same files for comparison and logs both counts, the wall times and
// the peak memory. Set DOSSIER_ADVERSARIAL=1 to run it (minutes on 2
// cores; far more with OCR of image pages, which DOSSIER_ADVERSARIAL_NO_OCR=1
// turns off); DOSSIER_ADVERSARIAL_REPORT=FILE writes a TSV line per file.
func TestAdversarialCorpus(t *testing.T) {
	if os.Getenv("DOSSIER_ADVERSARIAL") == "" {
		t.Skip("set DOSSIER_ADVERSARIAL=1 to run the pool over shared/corpus/adversarial (a few minutes)")
	}
	dir := filepath.Join(sharedDir(t), "corpus", "adversarial")
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
	opts := testOptions(t)
	opts.Workers = 2
	opts.Timeout = 0     // the defaults
	opts.MemoryLimit = 0 // the defaults
	if os.Getenv("DOSSIER_ADVERSARIAL_NO_OCR") != "" {
		opts.Extract.OCR.Disabled = true
	}
	opts.SetDefaults()
	p := newPool(t, opts)
	t.Logf("%d files; worker timeout %v, memory cap %d MiB, OCR disabled: %v",
		len(files), opts.Timeout, opts.MemoryLimit>>20, opts.Extract.OCR.Disabled)
	var done atomic.Int64

	results := make([]advResult, len(files))
	start := time.Now()
	run(len(files), 2, func(i int) {
		t0 := time.Now()
		doc := p.ExtractFile(context.Background(), files[i])
		r := advResult{path: files[i], elapsed: time.Since(t0), reason: doc.SkipReason}
		switch {
		case doc.SkipReason != "":
			r.outcome = "skipped"
		case strings.TrimSpace(doc.Text) != "":
			r.outcome = "text"
		default:
			r.outcome = "empty"
		}
		results[i] = r
		if n := done.Add(1); n%100 == 0 {
			t.Logf("%d files done after %v", n, time.Since(start).Round(time.Second))
		}
	})
	poolWall := time.Since(start)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	st := p.Stats()
	var self, children syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)

	counts := map[string]int{}
	reasons := map[string]int{}
	for _, r := range results {
		counts[r.outcome]++
		if r.reason != "" {
			reasons[reasonClass(r.reason)]++
		}
		if r.elapsed > opts.Timeout+5*time.Second {
			t.Errorf("%s: took %v, over the %v timeout", r.path, r.elapsed, opts.Timeout)
		}
		if r.outcome == "skipped" && !isUTF8Line(r.reason) {
			t.Errorf("%s: skip reason %q is not one clean line", r.path, r.reason)
		}
	}
	t.Logf("pool: %d files in %v with %d workers: text %d, skipped %d, no text and no skip reason %d",
		len(files), poolWall.Round(time.Millisecond), opts.Workers, counts["text"], counts["skipped"], counts["empty"])
	t.Logf("pool stats: %+v", st)
	t.Logf("peak RSS: parent %d MiB (cap %d MiB); one worker group %d MiB sampled or at exit (cap %d MiB); largest reaped child %d MiB",
		self.Maxrss>>10, parentRSSCap>>20, st.PeakRSS>>20, opts.MemoryLimit>>20, children.Maxrss>>10)
	t.Logf("skip reasons: %s", topReasons(reasons, 12))
	if self.Maxrss<<10 > parentRSSCap {
		t.Errorf("parent peak RSS %d MiB is over the %d MiB cap", self.Maxrss>>10, parentRSSCap>>20)
	}
	if st.PeakRSS > opts.MemoryLimit+workerSlack {
		t.Errorf("worker peak RSS %d MiB is over the cap plus slack (%d MiB)", st.PeakRSS>>20, (opts.MemoryLimit+workerSlack)>>20)
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Logf("pdftotext not installed: no comparison")
		return
	}
	start = time.Now()
	run(len(files), 2, func(i int) {
		results[i].popplers = pdftotext(files[i], opts.Timeout)
	})
	popWall := time.Since(start)
	pc := map[string]int{}
	var theirsOnly []string
	for _, r := range results {
		pc[r.popplers]++
		if r.popplers == "text" && r.outcome != "text" {
			theirsOnly = append(theirsOnly, fmt.Sprintf("%s (%s)", filepath.Base(r.path), firstNonEmpty(r.reason, r.outcome)))
		}
	}
	t.Logf("pdftotext: %d files in %v, 2 at a time: text %d, empty %d, error %d, timeout %d",
		len(files), popWall.Round(time.Millisecond), pc["text"], pc["empty"], pc["error"], pc["timeout"])
	t.Logf("%d files have text from pdftotext but not from the pool; first ones: %s",
		len(theirsOnly), strings.Join(theirsOnly[:min(15, len(theirsOnly))], "; "))
	if out := os.Getenv("DOSSIER_ADVERSARIAL_REPORT"); out != "" {
		var b bytes.Buffer
		b.WriteString("path\toutcome\tms\tskip_reason\tpdftotext\n")
		for _, r := range results {
			rel, _ := filepath.Rel(dir, r.path)
			fmt.Fprintf(&b, "%s\t%s\t%d\t%s\t%s\n", rel, r.outcome, r.elapsed.Milliseconds(), r.reason, r.popplers)
		}
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// run calls f(0..n-1) on par goroutines.
func run(n, par int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range par {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// pdftotext runs poppler's pdftotext on path and says whether it printed text.
func pdftotext(path string, timeout time.Duration) string {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", "-q", path, "-")
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "timeout"
	case err != nil:
		return "error"
	case len(bytes.TrimSpace(out.Bytes())) == 0:
		return "empty"
	}
	return "text"
}

// reasonClass shortens a skip reason to its kind, for the tally.
func reasonClass(r string) string {
	if i := strings.IndexAny(r, ":("); i > 0 {
		r = r[:i]
	}
	if len(r) > 60 {
		r = r[:60]
	}
	return r
}

func topReasons(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range m {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v || all[i].v == all[j].v && all[i].k < all[j].k })
	var parts []string
	for i, e := range all {
		if i == n {
			break
		}
		parts = append(parts, fmt.Sprintf("%d× %q", e.v, e.k))
	}
	return strings.Join(parts, ", ")
}

func isUTF8Line(s string) bool {
	return !strings.ContainsAny(s, "\n\r") && strings.ToValidUTF8(s, "") == s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
