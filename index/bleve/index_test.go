package bleve

import (
	"context"
	"errors"
	"fmt"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"dossier/index"
	ql "dossier/index/query"
)

func TestDocumentRoundTrip(t *testing.T) {
	docs := fixtureDocs()
	ix := newTestIndex(t, docs...)
	got, err := ix.Document(context.Background(), "order1")
	if err != nil {
		t.Fatal(err)
	}
	want := docs[0]
	if len(got.Pages) != len(want.Pages) {
		t.Fatalf("pages: got %d, want %d", len(got.Pages), len(want.Pages))
	}
	for i := range want.Pages {
		if got.Pages[i] != want.Pages[i] {
			t.Errorf("page %d: got %+v, want %+v", i+1, got.Pages[i], want.Pages[i])
		}
	}
	if got.Title != want.Title || got.Date != want.Date || got.Court.ID != "cand" {
		t.Errorf("metadata: got %q %q %v", got.Title, got.Date, got.Court)
	}
	if !reflect.DeepEqual(got.CaseNumbers, want.CaseNumbers) || !reflect.DeepEqual(got.Judges, want.Judges) {
		t.Errorf("legal metadata: got %+v %+v", got.CaseNumbers, got.Judges)
	}
	wantText := want.Pages[0].Text + pageSeparator + want.Pages[1].Text + pageSeparator + want.Pages[2].Text
	if got.Text != wantText {
		t.Errorf("text: got %q, want %q", got.Text, wantText)
	}

	if _, err := ix.Document(context.Background(), "nope"); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("missing document: got %v, want ErrNotFound", err)
	}
	skipped, err := ix.Document(context.Background(), "broken1")
	if err != nil || skipped.SkipReason == "" {
		t.Errorf("skipped document: got %+v, %v", skipped, err)
	}
}

func TestPutSameIDReplaces(t *testing.T) {
	docs := fixtureDocs()
	ix := newTestIndex(t, docs...)
	changed := docs[1]
	changed.Title = "AMENDED COMPLAINT"
	if err := ix.Put(changed, changed); err != nil {
		t.Fatal(err)
	}
	st, err := ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 4 || st.Skipped != 1 {
		t.Errorf("stats after re-put: %+v, want 4 documents and 1 skipped", st)
	}
	if st.ByKind["filing"] != 3 || st.ByKind["article"] != 1 {
		t.Errorf("by kind: %v", st.ByKind)
	}
	if st.DiskBytes <= 0 {
		t.Errorf("disk bytes: %d", st.DiskBytes)
	}
	got, _ := ix.Document(context.Background(), changed.ID)
	if got.Title != "AMENDED COMPLAINT" {
		t.Errorf("title after replace: %q", got.Title)
	}
}

func TestOpenLockedIndexFailsFast(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// bbolt's lock is per process and file; a second open in the same
	// process must still time out rather than hang.
	_, err = Open(Options{Dir: dir, LockTimeout: 200e6}, nil)
	if !errors.Is(err, index.ErrLocked) {
		t.Fatalf("second open: got %v, want ErrLocked", err)
	}
}

func TestReopenKeepsDocuments(t *testing.T) {
	dir := fixtureDir(t)
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := ix.Stats(context.Background())
	if err != nil || st.Documents != 4 {
		t.Fatalf("after reopen: %+v, %v", st, err)
	}
}

// TestSettleReturnsWhenMergesAreDone checks that Settle comes back quiet
// once the merger has nothing left, with the segment count, and that it
// honours its context.
func TestSettleReturnsWhenMergesAreDone(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	for i := range 12 { // many small commits: merges become due
		d := fixtureDocs()[0]
		d.ID = fmt.Sprintf("copy%02d", i)
		if err := ix.Put(d); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	n, quiet, err := ix.Settle(context.Background(), 30*time.Second)
	if err != nil || !quiet || n < 1 {
		t.Fatalf("Settle: %d segments, quiet %v, %v", n, quiet, err)
	}
	if el := time.Since(start); el < settleQuiet || el > 25*time.Second {
		t.Errorf("Settle took %v, want at least the quiet period %v and well under the limit", el, settleQuiet)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, quiet, err := ix.Settle(ctx, time.Minute); err == nil || quiet {
		t.Errorf("Settle with a cancelled context: quiet %v, %v", quiet, err)
	}
}

// manySegments opens an index in a new directory holding 24 copies of
// the fixtures in segment files of a few documents.
func manySegments(t *testing.T) (string, *Index) {
	t.Helper()
	dir := t.TempDir()
	// Closing after every few commits persists them as a segment file of
	// their own; a merge cap of one document keeps the background merger
	// from merging them (Compact's force merge has a plan of its own).
	var ix *Index
	for i := range 24 {
		if i%3 == 0 {
			if ix != nil {
				if err := ix.Close(); err != nil {
					t.Fatal(err)
				}
			}
			var err error
			if ix, err = Open(Options{Dir: dir, MaxSegmentDocs: 1}, nil); err != nil {
				t.Fatal(err)
			}
		}
		d := fixtureDocs()[i%len(fixtureDocs())]
		d.ID = fmt.Sprintf("copy%02d", i)
		if err := ix.Put(d); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ix
}

// TestCompactMergesToTheTarget checks that Compact leaves at most the
// segments asked for, keeps every document and answers as before, and
// that a second call has nothing to do.
func TestCompactMergesToTheTarget(t *testing.T) {
	dir, ix := manySegments(t)
	defer ix.Close()
	before, err := ix.segmentCount()
	if err != nil || before < 2 {
		t.Fatalf("want several segments before compacting, have %d (%v)", before, err)
	}
	req := index.SearchRequest{Query: "court", Size: 100}
	wantIDs, wantRes := searchIDs(t, ix, req)
	n, err := ix.Compact(context.Background(), CompactOptions{MaxSegments: 1})
	if err != nil || n != 1 {
		t.Fatalf("Compact to 1 from %d segments: %d segments, %v", before, n, err)
	}
	if got, _ := ix.segmentCount(); got != 1 {
		t.Fatalf("after Compact the snapshot has %d segments", got)
	}
	// The merged-away segments' files are gone when Compact returns.
	if zaps, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap")); len(zaps) != 1 {
		t.Errorf("after Compact the index directory holds %d segment files: %v", len(zaps), zaps)
	}
	gotIDs, gotRes := searchIDs(t, ix, req)
	if !slices.Equal(gotIDs, wantIDs) || gotRes.Total != wantRes.Total {
		t.Errorf("after Compact: %v (total %d), before %v (total %d)", gotIDs, gotRes.Total, wantIDs, wantRes.Total)
	}
	if st, err := ix.Stats(context.Background()); err != nil || st.Documents+st.Skipped != 24 {
		t.Errorf("after Compact: %+v, %v", st, err)
	}
	if n, err := ix.Compact(context.Background(), CompactOptions{MaxSegments: 1}); err != nil || n != 1 {
		t.Errorf("Compact again: %d, %v", n, err)
	}
}

// TestCompactCapsSegmentSize checks that Compact writes no segment
// larger than MaxSegmentBytes allows, in documents at the index's bytes
// per document, so that it leaves more segments than MaxSegments asks for
// rather than one too large, and keeps every document.
func TestCompactCapsSegmentSize(t *testing.T) {
	_, ix := manySegments(t)
	defer ix.Close()
	docs, size, err := ix.snapshotSize()
	if err != nil || docs != 24 || size <= 0 {
		t.Fatalf("snapshotSize: %d documents, %d bytes, %v", docs, size, err)
	}
	// A cap of 9 documents: bleve merges segments of under 4.5 documents
	// into segments of under 9.
	capBytes := (size*9 + 23) / 24
	if c := segmentDocsCap(docs, size, capBytes); c != 9 {
		t.Fatalf("cap of %d bytes gives %d documents, want 9", capBytes, c)
	}
	before, _ := ix.segmentCount()
	req := index.SearchRequest{Query: "court", Size: 100}
	wantIDs, wantRes := searchIDs(t, ix, req)
	n, err := ix.Compact(context.Background(), CompactOptions{MaxSegments: 1, MaxSegmentBytes: capBytes})
	if err != nil || n < 2 || n >= before {
		t.Fatalf("Compact with a cap of 9 documents from %d segments: %d segments, %v", before, n, err)
	}
	err = ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		var total uint64
		for _, ss := range snap.Segments() {
			if ss.Count() >= 9 {
				t.Errorf("a segment of %d documents, over the cap of 9", ss.Count())
			}
			total += ss.Count()
		}
		if total != 24 {
			t.Errorf("%d documents after Compact, want 24", total)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	gotIDs, gotRes := searchIDs(t, ix, req)
	if !slices.Equal(gotIDs, wantIDs) || gotRes.Total != wantRes.Total {
		t.Errorf("after Compact: %v (total %d), before %v (total %d)", gotIDs, gotRes.Total, wantIDs, wantRes.Total)
	}
}

// TestSegmentDocsCap checks the conversion of a cap in bytes to bleve's
// cap in documents at its edges.
func TestSegmentDocsCap(t *testing.T) {
	for _, tc := range []struct {
		docs       uint64
		size, capB int64
		want       int64
	}{
		{100000, 2 << 30, 512 << 20, 25000},
		{10, 1000, 1, 2},                                 // at least 2
		{0, 0, 512 << 20, mergeplan.MaxSegmentSizeLimit}, // nothing on disk yet
		{1 << 40, 1, 1 << 40, mergeplan.MaxSegmentSizeLimit},
	} {
		if got := segmentDocsCap(tc.docs, tc.size, tc.capB); got != tc.want {
			t.Errorf("segmentDocsCap(%d, %d, %d) = %d, want %d", tc.docs, tc.size, tc.capB, got, tc.want)
		}
	}
}

// TestFieldTablesMatchMapping checks that the backend-neutral tables name
// fields this mapping indexes as keywords: every filter and facet of
// index.FilterFields, and every keyword field of the query language.
func TestFieldTablesMatchMapping(t *testing.T) {
	for _, ff := range index.FilterFields {
		if !slices.Contains(keywordFields, ff.Field) {
			t.Errorf("filter %s: field %q is not a keyword field of the mapping", ff.Name, ff.Field)
		}
	}
	for name := range ql.Fields {
		if keywordField(name) && !slices.Contains(keywordFields, name) {
			t.Errorf("query field %s: not a keyword field of the mapping", name)
		}
	}
}
