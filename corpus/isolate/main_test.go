package isolate

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
)

// The test binary doubles as the worker: with ISOLATE_TEST_WORKER=1 it
// runs Serve with testExtractor, and with ISOLATE_TEST_ALLOC=1 it only
// allocates memory (a child process for the memory-cap tests).
func TestMain(m *testing.M) {
	switch {
	case os.Getenv("ISOLATE_TEST_WORKER") == "real":
		if err := RunWorker(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, "real worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	case os.Getenv("ISOLATE_TEST_WORKER") == "1":
		proto, err := protectStdout()
		if err == nil {
			preferOOMKill()
			err = Serve(context.Background(), os.Stdin, proto, newTestExtractor)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "test worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	case os.Getenv("ISOLATE_TEST_ALLOC") == "1":
		allocForever()
	}
	os.Exit(m.Run())
}

// sink keeps allocations alive.
var sink [][]byte

// allocForever allocates and touches memory in 16 MiB steps up to 2 GiB,
// then waits to be killed.
func allocForever() {
	for range 128 {
		b := make([]byte, 16<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		sink = append(sink, b)
		time.Sleep(5 * time.Millisecond)
	}
	select {}
}

// testExtractor runs the real extractor, except for paths (or sources)
// of the form "fake:CMD[:ARG...]", which misbehave on purpose.
type testExtractor struct{ real *extract.Extractor }

func newTestExtractor(opts extract.Options) (Extractor, error) {
	debug.SetMaxStack(16 << 20) // overflow quickly in the recursion test
	ex, err := extract.New(opts)
	if err != nil {
		return nil, err
	}
	return testExtractor{ex}, nil
}

func (e testExtractor) ExtractFile(ctx context.Context, path string) corpus.Document {
	if strings.HasPrefix(path, "fake:") {
		return fake(ctx, path, nil)
	}
	return e.real.ExtractFile(ctx, path)
}

func (e testExtractor) Extract(ctx context.Context, source string, data []byte, sha string) corpus.Document {
	if strings.HasPrefix(source, "fake:") {
		return fake(ctx, source, data)
	}
	return e.real.Extract(ctx, source, data, sha)
}

var depth int

func recurse(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	depth++
	return recurse(n+1) + int(pad[0])
}

// fake acts out a fake command.
func fake(ctx context.Context, name string, data []byte) corpus.Document {
	parts := strings.Split(name, ":")
	doc := corpus.Document{Source: name, Warnings: []string{}}
	arg := func(i int) string {
		if i < len(parts) {
			return parts[i]
		}
		return ""
	}
	switch parts[1] {
	case "echo": // fake:echo:TOKEN:SLEEP_MS
		ms, _ := strconv.Atoi(arg(3))
		time.Sleep(time.Duration(ms) * time.Millisecond)
		doc.Text = arg(2)
	case "data": // echo the inline data
		doc.Text = string(data)
		doc.Size = int64(len(data))
	case "pid":
		doc.Text = strconv.Itoa(os.Getpid())
	case "hang":
		select {}
	case "pages": // one page every 100 ms until the context ends: a slow OCR
		for n := 1; ; n++ {
			select {
			case <-ctx.Done():
				doc.Partial = fmt.Sprintf("stopped after %d pages", n-1)
				return doc
			case <-time.After(100 * time.Millisecond):
				doc.Pages = append(doc.Pages, corpus.Page{Number: n, Text: "page"})
			}
		}
	case "panic":
		go func() { panic("boom in a goroutine") }()
		select {}
	case "exit":
		fmt.Fprintln(os.Stderr, "bye: leaving with status 3")
		os.Exit(3)
	case "recurse":
		recurse(0)
	case "alloc":
		allocForever()
	case "child": // fake:child:PIDFILE:MODE (MODE sleep or alloc)
		cmd := exec.Command("sleep", "300")
		if arg(3) == "alloc" {
			cmd = exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), "ISOLATE_TEST_WORKER=0", "ISOLATE_TEST_ALLOC=1")
		}
		if err := cmd.Start(); err != nil {
			doc.SkipReason = err.Error()
			return doc
		}
		_ = os.WriteFile(arg(2), []byte(strconv.Itoa(cmd.Process.Pid)), 0o644)
		select {}
	case "print": // stray output on stdout, ours and a child's
		fmt.Println("stray line on stdout")
		fmt.Fprintln(os.Stdout, `{"id": 999999, "doc": {}}`)
		_ = exec.Command("echo", "child output").Run()
		doc.Text = "printed"
	default:
		doc.SkipReason = "unknown fake command"
	}
	return doc
}

// testOptions runs this test binary as the worker.
func testOptions(t testing.TB) Options {
	t.Helper()
	return Options{
		Workers:     2,
		Timeout:     10 * time.Second,
		MemoryLimit: 256 << 20,
		Command:     []string{os.Args[0]},
		Env:         []string{"ISOLATE_TEST_WORKER=1"},
	}
}

func newPool(t testing.TB, opts Options) *Pool {
	t.Helper()
	p, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// alive reports whether pid names a live (not zombie) process.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i < 0 || !strings.HasPrefix(strings.TrimSpace(string(b[i+1:])), "Z")
}
