package bleve

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/index"
	"dossier/index/indextest"
)

// TestReleaseMappedDropsResidentPages checks that ReleaseMapped takes the
// index file pages a search read out of this process's resident memory,
// and that searches read them again unchanged; and that
// Options.ReleaseMappedEvery does the same on its own.
func TestReleaseMappedDropsResidentPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ReleaseMapped releases pages on Linux only")
	}
	dir := fixtureDir(t)
	// Reopened, the index reads its segments from mapped files.
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	req, wantIDs := nightjarSearch(t, ix)
	if kb := mappedResidentKB(t, dir); kb == 0 {
		t.Fatal("after a search no page of the segment files is resident: the test measures nothing")
	}
	n, err := ix.ReleaseMapped()
	if err != nil || n == 0 {
		t.Fatalf("ReleaseMapped: %d bytes, %v", n, err)
	}
	if kb := mappedResidentKB(t, dir); kb != 0 {
		t.Errorf("after ReleaseMapped %d kB of the segment files stay resident", kb)
	}
	if got, _ := searchIDs(t, ix, req); !slices.Equal(got, wantIDs) {
		t.Errorf("after ReleaseMapped the search gives %v, want %v", got, wantIDs)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Below MaxResidentMapped the loop leaves the pages mapped.
	ix, err = Open(Options{Dir: dir, ReleaseMappedEvery: 10 * time.Millisecond, MaxResidentMapped: 1 << 40}, nil)
	if err != nil {
		t.Fatal(err)
	}
	searchIDs(t, ix, req)
	time.Sleep(100 * time.Millisecond)
	if kb := mappedResidentKB(t, dir); kb == 0 {
		t.Error("with MaxResidentMapped far above the process's resident memory, the loop released the pages")
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(Options{Dir: dir, ReleaseMappedEvery: 10 * time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got, _ := searchIDs(t, ix, req); !slices.Equal(got, wantIDs) {
		t.Errorf("with ReleaseMappedEvery the search gives %v, want %v", got, wantIDs)
	}
	deadline := time.Now().Add(5 * time.Second)
	for mappedResidentKB(t, dir) != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("with ReleaseMappedEvery 10ms, %d kB of the segment files are still resident after 5s", mappedResidentKB(t, dir))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// nightjarSearch runs a highlighted search of the fixtures that reads
// their segments' postings, term vectors and stored text, and returns the
// request and the IDs found.
func nightjarSearch(t *testing.T, ix *Index) (index.SearchRequest, []string) {
	t.Helper()
	req := index.SearchRequest{Query: "nightjar", Size: 100, Highlight: true}
	ids, _ := searchIDs(t, ix, req)
	if len(ids) == 0 {
		t.Fatal("the fixture search finds nothing")
	}
	return req, ids
}

// mappedResidentKB sums the resident kB of this process's mappings of
// segment files (*.zap) under dir, from /proc/self/smaps.
func mappedResidentKB(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	prefix := filepath.Clean(dir) + string(filepath.Separator)
	kb, inDir := 0, false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			// A mapping's header: address perms offset dev inode [path].
			inDir = len(f) >= 6 && strings.HasPrefix(f[5], prefix) && strings.HasSuffix(f[5], ".zap")
		case inDir && len(f) == 3 && f[0] == "Rss:":
			n, _ := strconv.Atoi(f[1])
			kb += n
		}
	}
	return kb
}

// BenchmarkReleaseMapped measures one ReleaseMapped over the large
// synthetic index (DOSSIER_BENCH_LARGE=1, see BenchmarkLargeSearch):
// "idle" with nothing mapped since the last call, which is what
// dossier index's loop mostly finds, and "after-search" with the pages a
// highlighted search over a common word mapped in (the search is not
// timed).
func BenchmarkReleaseMapped(b *testing.B) {
	if os.Getenv("DOSSIER_BENCH_LARGE") == "" {
		b.Skip("set DOSSIER_BENCH_LARGE=1 to build and use the large synthetic index")
	}
	ix := largeIndex(b, envInt("DOSSIER_BENCH_N", 100000))
	b.Run("idle", func(b *testing.B) {
		for b.Loop() {
			if _, err := ix.ReleaseMapped(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("after-search", func(b *testing.B) {
		req := index.SearchRequest{Query: "evidence", Highlight: true}
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			if _, err := ix.Search(context.Background(), req); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := ix.ReleaseMapped(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestReleaseMappedLogsAtDebug checks that the release loop logs each
// release at debug level, with the file-backed memory before and after.
func TestReleaseMappedLogsAtDebug(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ReleaseMapped releases pages on Linux only")
	}
	dir := fixtureDir(t)
	logs := &indextest.SyncBuffer{}
	ix, err := Open(Options{Dir: dir, ReleaseMappedEvery: 5 * time.Millisecond}, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	searchIDs(t, ix, index.SearchRequest{Query: "nightjar", Highlight: true})
	want := regexp.MustCompile(`msg="released mapped index pages" file_backed_mb=\d+ after_mb=\d+ took=`)
	for deadline := time.Now().Add(5 * time.Second); !want.MatchString(logs.String()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no record matching %s in 5s; logged:\n%s", want, logs.String())
		}
	}
}
