package bleve

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"

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
// live documents, and per-segment structures meet deletions. As in
// manySegments, each batch is written by its own open and close of the
// index, so that it is persisted as a segment file of its own, and a merge
// cap of one document keeps the background merger from merging them; it
// fails when the layout it promises is not there.
func segmentedTestIndex(t testing.TB) *Index {
	t.Helper()
	base := fixtureDocs()
	dir := t.TempDir()
	var ids []string
	for batch := range 4 {
		var docs []corpus.Document
		for i := range 3 * len(base) {
			d := base[(i+batch)%len(base)]
			d.ID = fmt.Sprintf("s%d-%03d", batch, i)
			docs = append(docs, d)
			ids = append(ids, d.ID)
		}
		ix, err := Open(Options{Dir: dir, MaxSegmentDocs: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(Options{Dir: dir, MaxSegmentDocs: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Delete(ids[0], ids[4], ids[len(ids)/2], ids[len(ids)-1]); err != nil {
		t.Fatal(err)
	}
	repl := base[len(base)-1]
	repl.ID = ids[1]
	if err := ix.Put(repl); err != nil {
		t.Fatal(err)
	}
	// The layout: several segments, and deleted documents in one that is
	// not the last.
	err = ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		segs := snap.Segments()
		for _, ss := range segs[:max(len(segs)-1, 0)] {
			if ss.Deleted() != nil && !ss.Deleted().IsEmpty() {
				return nil
			}
		}
		return fmt.Errorf("%d segments, none but the last with deleted documents", len(segs))
	})
	if err != nil {
		t.Fatalf("segmentedTestIndex: %v", err)
	}
	return ix
}

// snapshotReader returns a reader of ix's current snapshot, closed when
// the test ends.
func snapshotReader(t testing.TB, ix *Index) bleveindex.IndexReader {
	t.Helper()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
