package pdftext

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the shared real-document folder ($DOSSIER_SHARED, or
// ../../../shared from this package, i.e. beside the checkout), or skips
// the test when it is absent.
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
