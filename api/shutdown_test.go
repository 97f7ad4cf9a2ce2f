package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dossier/corpus/extract"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// slowBackend makes every search take at least delay, so that searches
// are in flight when shutdown starts.
type slowBackend struct {
	Backend
	delay   time.Duration
	started chan struct{}
}

func (b *slowBackend) Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error) {
	select {
	case b.started <- struct{}{}:
	default:
	}
	time.Sleep(b.delay)
	return b.Backend.Search(ctx, req)
}

// slowUpload posts a small multipart PDF to /v1/documents, writing the
// body in pieces over about d, and returns the status or the transport
// error.
func slowUpload(base string, d time.Duration) (int, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", "slow.pdf")
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		chunk := []byte("%PDF-1.4\n" + strings.Repeat("% padding line\n", 64))
		for range 10 {
			if _, err := fw.Write(chunk); err != nil {
				pw.CloseWithError(err)
				return
			}
			time.Sleep(d / 10)
		}
		mw.Close()
		pw.Close()
	}()
	req, err := http.NewRequest("POST", base+"/v1/documents", pr)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return res.StatusCode, err
	}
	return res.StatusCode, nil
}

// inFlight runs n searches and one slow upload against base and returns
// their outcomes once all have answered.
func inFlight(base string, n int) (searches []string, upload string) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range n {
		wg.Go(func() {
			res, err := http.Get(base + "/v1/search?q=Nightjar")
			out := ""
			if err != nil {
				out = "error: " + err.Error()
			} else {
				b, rerr := io.ReadAll(res.Body)
				res.Body.Close()
				out = fmt.Sprint(res.StatusCode)
				if rerr != nil || !strings.Contains(string(b), `"total"`) {
					out += fmt.Sprintf(" incomplete body (%v)", rerr)
				}
			}
			mu.Lock()
			searches = append(searches, out)
			mu.Unlock()
		})
	}
	wg.Go(func() {
		code, err := slowUpload(base, 400*time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			upload = "error: " + err.Error()
			return
		}
		upload = fmt.Sprint(code)
	})
	wg.Wait()
	return searches, upload
}

func checkDrained(t *testing.T, searches []string, upload string, n int) {
	t.Helper()
	if len(searches) != n {
		t.Fatalf("%d of %d searches answered", len(searches), n)
	}
	for _, s := range searches {
		if s != "200" {
			t.Errorf("search during shutdown: %s", s)
		}
	}
	switch {
	case strings.HasPrefix(upload, "error"):
		t.Errorf("upload during shutdown: %s", upload)
	case upload != "200":
		t.Errorf("upload during shutdown answered %s, want 200", upload)
	default:
		t.Logf("upload during shutdown answered %s", upload)
	}
}

// TestGracefulShutdown cancels ListenAndServe's context while searches
// and an upload are in flight: every request gets its whole answer, the
// server turns not-ready, and the index closes and reopens clean.
func TestGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(testDocs()...); err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ing := openIngester(t, dir, ix, ingest.Options{}, ex)
	const n = 8
	sb := &slowBackend{Backend: ix, delay: 300 * time.Millisecond, started: make(chan struct{}, n)}
	srv, err := New(sb, Options{Addr: "127.0.0.1:0", MaxConcurrentSearches: n, RatePerIP: -1, Ingest: ing}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx, func(a string) { addrc <- a }) }()
	base := "http://" + <-addrc

	var searches []string
	var upload string
	var wg sync.WaitGroup
	wg.Go(func() {
		searches, upload = inFlight(base, n)
	})
	for range n {
		<-sb.started
	}
	// Let the upload's headers reach the server too: a request not yet
	// received when shutdown begins is not in flight.
	time.Sleep(100 * time.Millisecond)
	cancel()
	time.Sleep(20 * time.Millisecond)
	if srv.Ready() {
		t.Errorf("still ready while shutting down")
	}
	if err := <-done; err != nil {
		t.Fatalf("ListenAndServe: %v", err)
	}
	wg.Wait()
	checkDrained(t, searches, upload, n)
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("the server still accepts connections after shutdown")
	}
	if err := errors.Join(ing.Close(), ix.Close()); err != nil {
		t.Fatalf("close: %v", err)
	}
	ix2, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer ix2.Close()
	st, err := ix2.Stats(context.Background())
	if err != nil || st.Documents != 2 {
		t.Errorf("reopened index: %+v, %v", st, err)
	}
}

// TestSIGTERMDrains runs a server in a child process (this test binary),
// sends it SIGTERM while searches and an upload are in flight, and checks
// that every request is answered, the child exits 0 after closing the
// index, and the index reopens clean.
func TestSIGTERMDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process; skipped with -short")
	}
	dir := t.TempDir()
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(testDocs()...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	base, cmd := startChildServer(t, dir, "DOSSIER_HELPER_DELAY=400ms",
		`DOSSIER_HELPER_OPTS={"Addr":"127.0.0.1:0","RatePerIP":-1,"MaxConcurrentSearches":16}`)
	const n = 6
	var searches []string
	var upload string
	var wg sync.WaitGroup
	wg.Go(func() {
		searches, upload = inFlight(base, n)
	})
	time.Sleep(100 * time.Millisecond) // the child's searches take 400 ms
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child exit: %v", err)
	}
	checkDrained(t, searches, upload, n)
	ix2, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatalf("reopen after SIGTERM: %v", err)
	}
	defer ix2.Close()
	if st, err := ix2.Stats(context.Background()); err != nil || st.Documents != 2 {
		t.Errorf("reopened index: %+v, %v", st, err)
	}
}

// TestHelperServe is the server child of TestSIGTERMDrains and TestAbuse;
// it does nothing unless DOSSIER_HELPER_SERVE names an index folder.
// DOSSIER_HELPER_OPTS may hold Options as JSON, DOSSIER_HELPER_DELAY a
// delay added to every search.
func TestHelperServe(t *testing.T) {
	dir := os.Getenv("DOSSIER_HELPER_SERVE")
	if dir == "" {
		t.Skip("helper process for TestSIGTERMDrains and TestAbuse")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	ix, err := bleve.Open(bleve.Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ing := openIngester(t, dir, ix, ingest.Options{}, ex)
	opts := Options{Addr: "127.0.0.1:0", RatePerIP: -1}
	if j := os.Getenv("DOSSIER_HELPER_OPTS"); j != "" {
		if err := json.Unmarshal([]byte(j), &opts); err != nil {
			t.Fatal(err)
		}
	}
	opts.Ingest = ing
	var backend Backend = ix
	if d, _ := time.ParseDuration(os.Getenv("DOSSIER_HELPER_DELAY")); d > 0 {
		backend = &slowBackend{Backend: ix, delay: d, started: make(chan struct{}, 1)}
	}
	srv, err := New(backend, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = srv.ListenAndServe(ctx, func(a string) { fmt.Println("LISTENING " + a) })
	if cerr := errors.Join(ing.Close(), ix.Close()); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

// startChildServer runs TestHelperServe in a child process over the index
// in dir and returns its base URL and the running command.
func startChildServer(t *testing.T, dir string, env ...string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServe$", "-test.v")
	cmd.Env = append(append(os.Environ(), "DOSSIER_HELPER_SERVE="+dir), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "LISTENING "); ok {
			go io.Copy(io.Discard, stdout)
			return "http://" + a, cmd
		}
	}
	t.Fatal("the child did not start serving")
	return "", nil
}
