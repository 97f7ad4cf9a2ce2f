//go:build linux

package bleve

import (
	"bytes"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// releaseMapping advises the kernel that the pages of the file mapping b
// are not needed (MADV_DONTNEED), which unmaps them from this process; for
// a shared file mapping the next access maps the file's page again. b must
// be a whole mapping made by mmap: a slice that does not start on a page
// boundary is left alone, as Go heap memory would be zeroed by the advice.
func releaseMapping(b []byte) (int64, error) {
	if len(b) == 0 || uintptr(unsafe.Pointer(&b[0]))%uintptr(os.Getpagesize()) != 0 {
		return 0, nil
	}
	if err := unix.Madvise(b, unix.MADV_DONTNEED); err != nil {
		return 0, err
	}
	return int64(len(b)), nil
}

// evictFile asks the kernel to drop the page cache of the file at path
// (POSIX_FADV_DONTNEED). Pages mapped by a process or not yet written back
// stay; the rest are read from disk again when next needed, in the small
// folios reading through a mapping allocates.
func evictFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
}

// residentFileBacked returns this process's resident memory shared with
// files (the third field of /proc/self/statm: file-backed pages and shared
// memory), in bytes.
func residentFileBacked() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
