//go:build linux

package bleve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestOpenEvictsSegmentFiles checks that an index opened with
// ReleaseMappedEvery drops its segment files from the page cache (see
// evictNewSegments), and that searches then read them again unchanged;
// and that one opened without it, or with keepPageCache, leaves them
// cached.
func TestOpenEvictsSegmentFiles(t *testing.T) {
	dir := fixtureDir(t)
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	if fs.Type == unix.TMPFS_MAGIC {
		t.Skipf("%s is on tmpfs, whose pages are the files: nothing to drop", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no segment files in %s: %v", dir, err)
	}
	// Written back and read whole, as a bulk import's flushes and merges
	// leave them.
	cache := func() {
		t.Helper()
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if _, err := os.ReadFile(name); err != nil {
				t.Fatal(err)
			}
		}
	}

	cache()
	before := cachedPages(t, files)
	if before == 0 {
		t.Fatal("no page of the segment files is cached after reading them: the test measures nothing")
	}
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	req, wantIDs := nightjarSearch(t, ix)
	if got := cachedPages(t, files); got < before {
		t.Errorf("opened without ReleaseMappedEvery, %d of %d cached pages were dropped", before-got, before)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// keepPageCache, which TestJudgePassMapped's comparison uses, keeps
	// them.
	ix, err = Open(Options{Dir: dir, ReleaseMappedEvery: time.Hour, keepPageCache: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cachedPages(t, files); got < before {
		t.Errorf("opened with keepPageCache, %d of %d cached pages were dropped", before-got, before)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	cache()
	before = cachedPages(t, files)
	ix, err = Open(Options{Dir: dir, ReleaseMappedEvery: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if got := cachedPages(t, files); got > before/10 {
		t.Errorf("opened with ReleaseMappedEvery, %d of %d pages of the segment files stay cached", got, before)
	}
	if got, _ := searchIDs(t, ix, req); !slices.Equal(got, wantIDs) {
		t.Errorf("after the files were dropped the search gives %v, want %v", got, wantIDs)
	}
}

// cachedPages counts the pages of files in the page cache (mincore over a
// mapping of each file of its own).
func cachedPages(t *testing.T, files []string) int {
	t.Helper()
	n := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.Stat()
		if err != nil || st.Size() == 0 {
			f.Close()
			continue
		}
		b, err := unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		vec := make([]byte, (len(b)+os.Getpagesize()-1)/os.Getpagesize())
		_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0])))
		unix.Munmap(b)
		if errno != 0 {
			t.Fatalf("mincore %s: %v", name, errno)
		}
		for _, v := range vec {
			n += int(v & 1)
		}
	}
	return n
}
