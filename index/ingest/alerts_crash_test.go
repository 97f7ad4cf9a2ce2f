package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dossier/corpus/extract"
	"dossier/index"
	"dossier/index/alert"
)

// alertsCrashChildEnv tells the re-executed test binary to run one ingest
// with alerts and deliveries: "INDEXDIR|CORPUSDIR".
const alertsCrashChildEnv = "DOSSIER_ALERTS_CRASH_CHILD"

// TestAlertsCrashChild is the indexer TestAlertsCrashResume kills. It does
// nothing in a normal test run.
func TestAlertsCrashChild(t *testing.T) {
	spec := os.Getenv(alertsCrashChildEnv)
	if spec == "" {
		t.Skip("helper process for TestAlertsCrashResume")
	}
	ixDir, corpusDir, _ := strings.Cut(spec, "|")
	if err := alertsCrashIngest(ixDir, corpusDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// alertsCrashIngest opens the index, its alerts store, the matcher as the
// commit hook and a deliverer, ingests corpusDir, and delivers every
// waiting event before it returns.
func alertsCrashIngest(ixDir, corpusDir string) error {
	ix, err := openDir(ixDir, Options{Workers: 2, BatchSize: 16, BulkBatchSize: 100})
	if err != nil {
		return err
	}
	defer ix.Close()
	st, err := alert.Open(filepath.Join(ixDir, alert.FileName), alert.StoreOptions{AllowPrivate: true}, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := alert.NewMatcher(st, ix.Index, alert.MatcherOptions{}, nil)
	if err != nil {
		return err
	}
	dl, err := alert.NewDeliverer(st, alert.DelivererOptions{AllowPrivate: true, Poll: 20 * time.Millisecond,
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, Timeout: 5 * time.Second}, nil)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = dl.Run(ctx) })
	defer func() { cancel(); wg.Wait() }()
	if err := ix.SetCommitHook(context.Background(), m); err != nil {
		return err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	if _, err := ix.IngestWith(context.Background(), ex, []string{corpusDir}, index.IngestOptions{}); err != nil {
		return err
	}
	for deadline := time.Now().Add(time.Minute); st.OutboxDepth() > 0; {
		if time.Now().After(deadline) {
			return fmt.Errorf("outbox still holds %d deliveries", st.OutboxDepth())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// crashReceiver records every event it accepts, per URL path (one per
// run), and refuses one delivery in ten with a 503.
type crashReceiver struct {
	mu     sync.Mutex
	rng    *rand.Rand
	events map[string]map[string][]string // path -> event ID -> documents (as "id@version")
	dups   map[string]int                 // path -> deliveries of an event already received
	bad    []string
}

func (r *crashReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var ev alert.Event
	if err := json.Unmarshal(body, &ev); err != nil || ev.ID != req.Header.Get(alert.HeaderEventID) {
		r.mu.Lock()
		r.bad = append(r.bad, fmt.Sprintf("bad event %q: %v", body, err))
		r.mu.Unlock()
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rng.IntN(10) == 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	var docs []string
	for _, d := range ev.Documents {
		docs = append(docs, d.ID+"@"+d.Version)
	}
	byEvent := r.events[req.URL.Path]
	if byEvent == nil {
		byEvent = map[string][]string{}
		r.events[req.URL.Path] = byEvent
	}
	if prev, ok := byEvent[ev.ID]; ok {
		r.dups[req.URL.Path]++
		if !slices.Equal(prev, docs) {
			r.bad = append(r.bad, fmt.Sprintf("event %s delivered twice with other documents", ev.ID))
		}
	}
	byEvent[ev.ID] = docs
}

// crashAlerts are the alerts of every run: words of the crash corpus, a
// key restricted to court cand, a docket alert; the first two have
// webhooks.
func crashAlerts(url string) []alert.Alert {
	return []alert.Alert{
		{Name: "spyware", Query: "spyware", Webhook: alert.Webhook{URL: url}},
		{Name: "subpoena-cand", Owner: "cand", Query: "subpoena", Restrict: "court:cand", Webhook: alert.Webhook{URL: url}},
		{Name: "journalists", Query: `"surveillance of journalists"`},
		{Name: "docket", Case: "3:24-cv-00007"},
	}
}

// TestAlertsCrashResume kills an ingest that matches alerts and delivers
// them (to a receiver refusing one delivery in ten) with SIGKILL at
// random moments, reruns it to completion, and compares with an
// uninterrupted run: the same matches (alert, document, version), each
// recorded once; every match of an alert with a webhook delivered at
// least once; an event delivered twice carries the same documents; the
// outbox empty. Set DOSSIER_CRASH=1 to run it: it goes on until
// DOSSIER_CRASH_RUNS runs (default 20) were killed mid-ingest, and
// checks the runs that ended before their kill time too.
func TestAlertsCrashResume(t *testing.T) {
	if os.Getenv("DOSSIER_CRASH") == "" {
		t.Skip("set DOSSIER_CRASH=1 to run the kill -9 crash test with alerts")
	}
	runs := 20
	if n, err := strconv.Atoi(os.Getenv("DOSSIER_CRASH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	tmp := t.TempDir()
	corpusDir := filepath.Join(tmp, "corpus")
	writeCrashCorpus(t, corpusDir, 400, 1500)
	rcv := &crashReceiver{rng: rand.New(rand.NewPCG(1, 2)), events: map[string]map[string][]string{}, dups: map[string]int{}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()

	// prepare makes run's index directory with its alerts, whose webhooks
	// post to /NAME; it returns alert ID -> name.
	prepare := func(name string) (string, map[string]string) {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		st, err := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{AllowPrivate: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		names := map[string]string{}
		for _, a := range crashAlerts(srv.URL + "/" + name) {
			got, err := st.Create(a)
			if err != nil {
				t.Fatal(err)
			}
			names[got.ID] = a.Name
		}
		return dir, names
	}
	child := func(dir string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestAlertsCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), alertsCrashChildEnv+"="+dir+"|"+corpusDir)
		cmd.Stderr = os.Stderr
		return cmd
	}
	// matches lists a run's matches as "alert name|doc@version", sorted,
	// failing on a match recorded twice.
	matches := func(dir string, names map[string]string) []string {
		st, err := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if n := st.OutboxDepth(); n != 0 {
			t.Errorf("%s: %d deliveries left in the outbox", dir, n)
		}
		var out []string
		seen := map[string]bool{}
		for id, name := range names {
			var after uint64
			for {
				ms, err := st.Matches(id, alert.MatchQuery{AfterSeq: after, Limit: alert.MaxMatchesPage})
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) == 0 {
					break
				}
				for _, m := range ms {
					k := name + "|" + m.Doc.ID + "@" + m.Doc.Version
					if seen[k] || seen[m.ID] {
						t.Errorf("%s: match %s recorded twice", dir, k)
					}
					seen[k], seen[m.ID] = true, true
					out = append(out, k)
					after = m.Seq
				}
			}
		}
		slices.Sort(out)
		return out
	}
	// delivered lists what the receiver accepted for a run, as matches
	// lists it (alerts with webhooks only).
	delivered := func(name string) []string {
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		seen := map[string]bool{}
		var out []string
		for _, docs := range rcv.events["/"+name] {
			for _, d := range docs {
				if !seen[d] {
					seen[d] = true
					out = append(out, d)
				}
			}
		}
		slices.Sort(out)
		return out
	}
	// withWebhook keeps the matches of the alerts with webhooks, as
	// "doc@version" (what a receiver sees of one run; the two alerts'
	// documents are told apart by event in the receiver, not here).
	withWebhook := func(ms []string) []string {
		seen := map[string]bool{}
		var out []string
		for _, m := range ms {
			name, d, _ := strings.Cut(m, "|")
			if (name == "spyware" || name == "subpoena-cand") && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
		slices.Sort(out)
		return out
	}

	cleanDir, cleanNames := prepare("clean")
	start := time.Now()
	if err := child(cleanDir).Run(); err != nil {
		t.Fatalf("clean run: %v", err)
	}
	full := time.Since(start)
	want := matches(cleanDir, cleanNames)
	counts := map[string]int{}
	for _, m := range want {
		name, _, _ := strings.Cut(m, "|")
		counts[name]++
	}
	if counts["spyware"] == 0 || counts["subpoena-cand"] == 0 || counts["journalists"] != 400 || counts["docket"] != 10 {
		t.Fatalf("clean run: matches per alert %v", counts)
	}
	if got := delivered("clean"); !slices.Equal(got, withWebhook(want)) {
		t.Fatalf("clean run: %d documents delivered, want %d", len(got), len(withWebhook(want)))
	}
	t.Logf("clean run: %d matches %v in %s", len(want), counts, full.Round(time.Millisecond))

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	// Runs go on until runs of them were killed mid-ingest: a run that
	// ends before its kill (warm caches make it faster than the clean
	// one) is checked too, but does not count.
	interrupted := 0
	for run := 0; interrupted < runs; run++ {
		if run >= 3*runs {
			t.Fatalf("only %d of %d runs were killed before they ended", interrupted, run)
		}
		name := fmt.Sprintf("run%02d", run)
		dir, names := prepare(name)
		cmd := child(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(full) * 4 / 5))
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		what := "killed at " + delay.Round(time.Millisecond).String()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d: %v", run, err)
			}
			what = "finished before the kill at " + delay.Round(time.Millisecond).String()
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
			interrupted++
		}
		if err := child(dir).Run(); err != nil {
			t.Fatalf("run %d: rerun after kill at %s: %v", run, delay, err)
		}
		got := matches(dir, names)
		if !slices.Equal(got, want) {
			t.Fatalf("run %d (%s): %d matches, want %d; first difference %s", run, what, len(got), len(want), firstDiff(got, want))
		}
		if d := delivered(name); !slices.Equal(d, withWebhook(want)) {
			t.Fatalf("run %d: %d documents delivered, want %d; first difference %s", run, len(d), len(withWebhook(want)), firstDiff(d, withWebhook(want)))
		}
		rcv.mu.Lock()
		dups := rcv.dups["/"+name]
		rcv.mu.Unlock()
		t.Logf("run %d: %s; %d matches recorded once each, all delivered (%d events delivered twice, same IDs)", run, what, len(got), dups)
		os.RemoveAll(dir)
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	if len(rcv.bad) > 0 {
		t.Fatalf("receiver: %s", strings.Join(rcv.bad[:min(5, len(rcv.bad))], "; "))
	}
}

// firstDiff describes the first element in which a and b differ.
func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("%q vs %q", a[i], b[i])
		}
	}
	if len(a) > len(b) {
		return fmt.Sprintf("extra %q", a[len(b)])
	}
	if len(b) > len(a) {
		return fmt.Sprintf("missing %q", b[len(a)])
	}
	return "none"
}
