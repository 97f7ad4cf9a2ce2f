//go:build !linux

package bleve

// releaseMapping does nothing outside Linux, where MADV_DONTNEED on a file
// mapping may not mean "map again from the file".
func releaseMapping(b []byte) (int64, error) { return 0, nil }

// evictFile does nothing outside Linux.
func evictFile(path string) error { return nil }

// residentFileBacked is not known outside Linux.
func residentFileBacked() (int64, bool) { return 0, false }
