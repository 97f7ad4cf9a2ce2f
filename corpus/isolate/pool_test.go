package isolate

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/internal/pdffixture"
)

// TestMatchesInProcess checks that a document extracted in a worker that
// runs RunWorker, by path or by bytes, is the one extracted in this process.
func TestMatchesInProcess(t *testing.T) {
	files, _ := filepath.Glob("../testdata/sample/*/*")
	bad, _ := filepath.Glob("../testdata/bad/*")
	files = append(files, bad...)
	if len(files) < 10 {
		t.Fatalf("only %d fixture files", len(files))
	}
	opts := testOptions(t)
	opts.Env = []string{"ISOLATE_TEST_WORKER=real"} // RunWorker, as dossier extract-worker runs it
	p := newPool(t, opts)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, f := range files {
		want := mustJSON(t, ex.ExtractFile(ctx, f))
		if got := mustJSON(t, p.ExtractFile(ctx, f)); !bytes.Equal(got, want) {
			t.Errorf("%s: ExtractFile in a worker differs:\n got %.300s\nwant %.300s", f, got, want)
		}
		data, sha, err := p.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustJSON(t, p.Extract(ctx, f, data, sha)); !bytes.Equal(got, want) {
			t.Errorf("%s: Extract in a worker differs:\n got %.300s\nwant %.300s", f, got, want)
		}
	}
	missing := p.ExtractFile(ctx, filepath.Join(t.TempDir(), "missing.pdf"))
	if missing.SkipReason == "" || !strings.Contains(missing.SkipReason, "no such file") {
		t.Errorf("missing file: skip reason %q", missing.SkipReason)
	}
	if st := p.Stats(); st.Crashed+st.TimedOut+st.OverMemory != 0 || st.Docs != int64(2*len(files)+1) {
		t.Errorf("stats %+v", st)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSoftLimit checks that a slow document is answered, with the pages
// read so far and a partial reason, before the hard timeout kills its
// worker, and that the worker is kept.
func TestSoftLimit(t *testing.T) {
	opts := testOptions(t)
	opts.Workers = 1
	opts.Timeout = 3 * time.Second
	p := newPool(t, opts)
	start := time.Now()
	doc := p.ExtractFile(context.Background(), "fake:pages")
	el := time.Since(start)
	if doc.SkipReason != "" {
		t.Fatalf("skip reason %q: the document should have been kept", doc.SkipReason)
	}
	if !strings.HasPrefix(doc.Partial, "stopped after ") || len(doc.Pages) < 5 {
		t.Errorf("partial %q with %d pages, want a partial reason and the pages read", doc.Partial, len(doc.Pages))
	}
	// The soft limit counts from the request, after the worker started.
	if want := softLimit(opts.Timeout) - time.Second; el < want || el > opts.Timeout {
		t.Errorf("answered after %v, want between the soft limit %v and the timeout %v", el, want, opts.Timeout)
	}
	if st := p.Stats(); st.TimedOut != 0 || st.Started != 1 {
		t.Errorf("stats %+v: want no timeout and the worker kept", st)
	}
}

func TestSoftLimitValues(t *testing.T) {
	for _, tt := range []struct{ remaining, want time.Duration }{
		{120 * time.Second, 105 * time.Second},
		{10 * time.Second, 8 * time.Second},
		{3 * time.Second, 1500 * time.Millisecond},
		{0, 0},
	} {
		if got := softLimit(tt.remaining); got != tt.want {
			t.Errorf("softLimit(%v) = %v, want %v", tt.remaining, got, tt.want)
		}
	}
}

// TestFailures checks each way a worker can fail: the document gets the
// right skip reason within its time, and the next document is extracted
// by a fresh worker.
func TestFailures(t *testing.T) {
	pidDir := t.TempDir()
	tests := []struct {
		name    string
		path    string
		timeout time.Duration
		want    string // the exact skip reason, or its prefix when ending in "…"
		within  time.Duration
	}{
		{"timeout", "fake:hang", time.Second, "extraction timed out after 1s", 3 * time.Second},
		{"panic in goroutine", "fake:panic", 10 * time.Second, "extractor crashed: panic: boom in a goroutine", 5 * time.Second},
		{"exit", "fake:exit", 10 * time.Second, "extractor crashed: bye: leaving with status 3", 5 * time.Second},
		{"stack overflow", "fake:recurse", 10 * time.Second, "extractor crashed: fatal error: stack overflow", 8 * time.Second},
		{"memory", "fake:alloc", 10 * time.Second, "extractor exceeded the 160 MiB memory cap", 5 * time.Second},
		{"child over memory", "fake:child:" + filepath.Join(pidDir, "alloc") + ":alloc", 10 * time.Second, "extractor exceeded the 160 MiB memory cap", 5 * time.Second},
		{"child hangs", "fake:child:" + filepath.Join(pidDir, "sleep") + ":sleep", time.Second, "extraction timed out after 1s", 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions(t)
			opts.Workers = 1
			opts.Timeout = tt.timeout
			opts.MemoryLimit = 160 << 20
			p := newPool(t, opts)
			ctx := context.Background()
			start := time.Now()
			doc := p.ExtractFile(ctx, tt.path)
			if el := time.Since(start); el > tt.within {
				t.Errorf("took %v, want under %v", el, tt.within)
			}
			if doc.SkipReason != tt.want {
				t.Errorf("skip reason %q, want %q", doc.SkipReason, tt.want)
			}
			if doc.Source != tt.path || doc.Text != "" {
				t.Errorf("document source %q text %q", doc.Source, doc.Text)
			}
			if strings.HasPrefix(tt.path, "fake:child:") {
				b, err := os.ReadFile(strings.Split(tt.path, ":")[2])
				if err != nil {
					t.Fatalf("child pid: %v", err)
				}
				pid, _ := strconv.Atoi(string(b))
				deadline := time.Now().Add(2 * time.Second)
				for alive(pid) && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				if alive(pid) {
					t.Errorf("child %d of the killed worker is still alive", pid)
				}
			}
			next := p.ExtractFile(ctx, "fake:echo:after:0")
			if next.SkipReason != "" || next.Text != "after" {
				t.Errorf("next document: %q, %q", next.Text, next.SkipReason)
			}
			if st := p.Stats(); st.Started != 2 || st.Crashed+st.TimedOut+st.OverMemory != 1 {
				t.Errorf("stats %+v: want 2 workers started and one failure", st)
			}
		})
	}
}

// TestAnswerTooLarge checks that an answer over MaxResponseBytes is
// refused without reading it all.
func TestAnswerTooLarge(t *testing.T) {
	opts := testOptions(t)
	opts.MaxResponseBytes = 1 << 20
	p := newPool(t, opts)
	big := bytes.Repeat([]byte("a"), 2<<20)
	doc := p.Extract(context.Background(), "fake:data", big, "")
	if doc.SkipReason != "extractor answer too large: over 1048576 bytes" || doc.Size != int64(len(big)) {
		t.Errorf("skip reason %q, size %d", doc.SkipReason, doc.Size)
	}
	if doc := p.Extract(context.Background(), "fake:data", big[:1000], ""); doc.Text != string(big[:1000]) {
		t.Errorf("small answer after a large one: %q", doc.SkipReason)
	}
}

// TestFailedDocumentIdentity checks that a file whose worker crashed is
// still recorded with its ID, hash, size and type.
func TestFailedDocumentIdentity(t *testing.T) {
	p := newPool(t, testOptions(t))
	data := []byte("%PDF-1.4\nnot much of a PDF")
	doc := p.Extract(context.Background(), "fake:exit", data, "")
	sha := hexSHA(data)
	if doc.SkipReason == "" || doc.SHA256 != sha || doc.ID != corpus.DocumentID(sha) ||
		doc.Size != int64(len(data)) || doc.Kind != corpus.KindFiling || doc.ContentType != corpus.ContentTypePDF {
		t.Errorf("failed inline document: %+v", doc)
	}
	path := filepath.Join(t.TempDir(), "crash.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	fdoc := p.failedFile(path, "x")
	if fdoc.SHA256 != sha || fdoc.Size != int64(len(data)) || fdoc.Source != path || fdoc.Kind != corpus.KindFiling {
		t.Errorf("failed file document: %+v", fdoc)
	}
}

// TestRecycle checks that a worker is replaced after MaxDocsPerWorker
// documents.
func TestRecycle(t *testing.T) {
	opts := testOptions(t)
	opts.Workers = 1
	opts.MaxDocsPerWorker = 3
	p := newPool(t, opts)
	var pids []string
	for range 7 {
		doc := p.ExtractFile(context.Background(), "fake:pid")
		if doc.SkipReason != "" {
			t.Fatalf("skip: %s", doc.SkipReason)
		}
		pids = append(pids, doc.Text)
	}
	for i := 1; i < len(pids); i++ {
		same := pids[i] == pids[i-1]
		if wantSame := i%3 != 0; same != wantSame {
			t.Errorf("document %d ran in pid %s after %s; want a new worker every 3 documents", i+1, pids[i], pids[i-1])
		}
	}
	if st := p.Stats(); st.Started != 3 || st.Recycled != 2 || st.Docs != 7 {
		t.Errorf("stats %+v", st)
	}
}

// TestConcurrent checks that answers go back to the right callers, by
// path and by bytes, with no more than Workers processes.
func TestConcurrent(t *testing.T) {
	p := newPool(t, testOptions(t))
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			if i%2 == 0 {
				tok := "tok" + strconv.Itoa(i)
				doc := p.ExtractFile(ctx, fmt.Sprintf("fake:echo:%s:%d", tok, (i*7)%20))
				if doc.Text != tok || doc.SkipReason != "" {
					errs <- fmt.Errorf("request %d got %q (%s)", i, doc.Text, doc.SkipReason)
				}
				return
			}
			raw := make([]byte, 1<<10+i*40_000) // up to 1.6 MB through the pipe
			rand.Read(raw)
			payload := base64.StdEncoding.EncodeToString(raw)
			doc := p.Extract(ctx, "fake:data", []byte(payload), "")
			if doc.Text != payload || doc.SkipReason != "" || doc.SHA256 != "" && doc.SHA256 != hexSHA([]byte(payload)) {
				errs <- fmt.Errorf("inline request %d got %d bytes back (%s)", i, len(doc.Text), doc.SkipReason)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if st := p.Stats(); st.Started > 2 || st.Docs != 40 {
		t.Errorf("stats %+v: want at most 2 workers and 40 documents", st)
	}
}

// TestStrayStdout checks that prints to standard output inside a worker
// do not break the protocol.
func TestStrayStdout(t *testing.T) {
	p := newPool(t, testOptions(t))
	for range 2 {
		if doc := p.ExtractFile(context.Background(), "fake:print"); doc.Text != "printed" || doc.SkipReason != "" {
			t.Errorf("got %q, %q", doc.Text, doc.SkipReason)
		}
	}
}

// TestCancelAndClose checks that a canceled context and Close end a busy
// document at once.
func TestCancelAndClose(t *testing.T) {
	p := newPool(t, testOptions(t))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	doc := p.ExtractFile(ctx, "fake:hang")
	if !strings.HasPrefix(doc.SkipReason, "extraction canceled: ") || time.Since(start) > 3*time.Second {
		t.Errorf("canceled: %q after %v", doc.SkipReason, time.Since(start))
	}
	done := make(chan corpus.Document)
	go func() { done <- p.ExtractFile(context.Background(), "fake:hang") }()
	time.Sleep(300 * time.Millisecond)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case doc := <-done:
		if doc.SkipReason != reasonClosed {
			t.Errorf("in flight at Close: %q", doc.SkipReason)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("document in flight did not end at Close")
	}
	if doc := p.ExtractFile(context.Background(), "fake:echo:x:0"); doc.SkipReason != reasonClosed {
		t.Errorf("after Close: %q", doc.SkipReason)
	}
}

// TestNewFails checks that a worker command that cannot serve is reported
// by New.
func TestNewFails(t *testing.T) {
	for _, argv := range [][]string{{"/nonexistent/dossier"}, {"true"}, {"echo", "hello"}} {
		opts := testOptions(t)
		opts.Command = argv
		opts.Timeout = 2 * time.Second
		p, err := New(opts)
		if err == nil {
			p.Close()
			t.Errorf("%v: New succeeded", argv)
		} else if !errors.Is(err, ErrStart) {
			t.Errorf("%v: error %v is not ErrStart", argv, err)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		want string // substring of the error, "" for valid
	}{
		{"defaults", func(*Options) {}, ""},
		{"workers", func(o *Options) { o.Workers = -1 }, "workers -1"},
		{"timeout", func(o *Options) { o.Timeout = -time.Second }, "timeout"},
		{"memory", func(o *Options) { o.MemoryLimit = 1 << 20 }, "below"},
		{"max docs", func(o *Options) { o.MaxDocsPerWorker = -2 }, "max docs"},
		{"extract", func(o *Options) { o.Extract.MaxFileBytes = -5 }, "max file bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o Options
			tt.edit(&o)
			o.SetDefaults()
			err := o.Validate()
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestDossierBinary runs the real "dossier extract-worker" when
// DOSSIER_WORKER_BIN names a built dossier binary (go build -o BIN
// ./cmd/dossier): the sample must come out as in this process.
func TestDossierBinary(t *testing.T) {
	bin := os.Getenv("DOSSIER_WORKER_BIN")
	if bin == "" {
		t.Skip("set DOSSIER_WORKER_BIN to a built dossier binary to test its extract-worker command")
	}
	p := newPool(t, Options{Workers: 2, Command: []string{bin, WorkerCommand}})
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/sample/*/*")
	for _, f := range files {
		want := mustJSON(t, ex.ExtractFile(context.Background(), f))
		if got := mustJSON(t, p.ExtractFile(context.Background(), f)); !bytes.Equal(got, want) {
			t.Errorf("%s: differs:\n got %.300s\nwant %.300s", f, got, want)
		}
	}
	if st := p.Stats(); st.Docs != int64(len(files)) || st.Started > 2 {
		t.Errorf("stats %+v", st)
	}
}

// TestTaintedWorkerIsReplaced extracts a PDF whose page tree refers to
// itself: its page read times out inside the worker but keeps spinning
// there, so the worker must be killed after its answer, not reused.
func TestTaintedWorkerIsReplaced(t *testing.T) {
	opts := testOptions(t)
	opts.Workers = 1
	opts.Env = []string{"ISOLATE_TEST_WORKER=real"}
	opts.Extract.PDF.PageTimeout = 300 * time.Millisecond
	opts.Extract.PDF.FileTimeout = time.Second
	p := newPool(t, opts)
	ctx := context.Background()
	// A page tree that lists itself as its own kid: the PDF library walks
	// it forever and cannot be interrupted.
	cyclic := pdffixture.Assemble([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"})
	doc := p.Extract(ctx, "cyclic.pdf", cyclic, "")
	if doc.ID == "" && doc.SkipReason == "" {
		t.Fatalf("no document and no reason: %+v", doc)
	}
	if st := p.Stats(); st.Tainted != 1 || st.Started != 1 {
		t.Fatalf("after the cyclic PDF: %+v, want 1 tainted worker killed", st)
	}
	page := []byte(`<html lang="en"><head><title>Wombat</title></head><body><article><p>` +
		strings.Repeat("The wombat case was heard today in a long session. ", 20) + `</p></article></body></html>`)
	if again := p.Extract(ctx, "wombat.html", page, ""); again.SkipReason != "" || !strings.Contains(again.Text, "wombat") {
		t.Fatalf("next document: %+v", again)
	}
	if st := p.Stats(); st.Started != 2 {
		t.Errorf("the next document did not get a fresh worker: %+v", st)
	}
}
