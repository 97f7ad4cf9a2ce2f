package bleve

import (
	"context"
	"fmt"
	"testing"

	"dossier/corpus"
	"dossier/index"
	"dossier/index/indextest"
)

// fixtureDocs is the contract's corpus (see indextest.Fixtures).
func fixtureDocs() []corpus.Document { return indextest.Fixtures() }

func newTestIndex(t testing.TB, docs ...corpus.Document) *Index {
	t.Helper()
	ix, err := Open(Options{Dir: t.TempDir()}, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(docs...); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return ix
}

// fixtureDir writes the fixtures to an index in a new directory, closes
// it and returns the directory: reopened, the index reads its segments
// from files.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(fixtureDocs()...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func searchIDs(t *testing.T, ix *Index, req index.SearchRequest) ([]string, *index.SearchResult) {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids, res
}

// segmentedTestIndex is an index of the fixtures copied into four
// segments (IDs "s<segment>-<n>"), with deleted and replaced documents
// left in old segments: document numbers then differ from positions among
// live documents, and per-segment structures meet deletions.
func segmentedTestIndex(t testing.TB) *Index {
	base := fixtureDocs()
	ix := newTestIndex(t)
	var ids []string
	for batch := range 4 { // a segment per batch
		var docs []corpus.Document
		for i := range 3 * len(base) {
			d := base[(i+batch)%len(base)]
			d.ID = fmt.Sprintf("s%d-%03d", batch, i)
			docs = append(docs, d)
			ids = append(ids, d.ID)
		}
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Delete(ids[0], ids[4], ids[len(ids)/2], ids[len(ids)-1]); err != nil {
		t.Fatal(err)
	}
	repl := base[len(base)-1]
	repl.ID = ids[1]
	if err := ix.Put(repl); err != nil {
		t.Fatal(err)
	}
	return ix
}
