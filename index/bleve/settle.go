package bleve

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// settlePoll is how often Settle looks at the merger, and settleQuiet how
// long it must have been idle with the segments unchanged.
const (
	settlePoll  = 100 * time.Millisecond
	settleQuiet = time.Second
)

// Settle waits, up to maxWait, for the background merger to finish the
// merges the last writes made due, so that a bulk import leaves the index
// in its merged state rather than leaving those merges to the next
// process that opens it (a server's first minutes). It returns the number
// of segments at the end and whether the merger went quiet: no merge
// running and the segments unchanged for settleQuiet.
func (ix *Index) Settle(ctx context.Context, maxWait time.Duration) (segments int, quiet bool, err error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return 0, false, fmt.Errorf("index: settle: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0, true, nil
	}
	deadline := time.Now().Add(maxWait)
	last, lastChange := -1, time.Now()
	for {
		m := s.StatsMap()
		running := m["TotFileMergeZapBeg"] != m["TotFileMergeZapEnd"]
		n, err := ix.segmentCount()
		if err != nil {
			return 0, false, err
		}
		if n != last || running {
			last, lastChange = n, time.Now()
		}
		if time.Since(lastChange) >= settleQuiet {
			return n, true, nil
		}
		if time.Now().After(deadline) {
			return n, false, nil
		}
		select {
		case <-ctx.Done():
			return n, false, ctx.Err()
		case <-time.After(settlePoll):
		}
	}
}

// segmentCount counts the segments of the current snapshot.
func (ix *Index) segmentCount() (int, error) {
	n := 0
	err := ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		n = len(snap.Segments())
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index: segments: %w", err)
	}
	return n, nil
}

// withSnapshot runs fn on the current scorch snapshot, held (so none of
// its segments is closed) until fn returns. It does nothing for an index
// that is not scorch.
func (ix *Index) withSnapshot(fn func(*scorch.IndexSnapshot) error) error {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		return fn(snap)
	}
	return nil
}

// Compact merges the index's segments until at most maxSegments remain
// (at least 1), as Lucene's forceMerge does, and returns the count at the
// end. Bleve's force merge takes at most 10 segments per merge, so it runs
// again while the count falls and is above maxSegments. Searches go on
// meanwhile and see the old segments until a merge is published.
//
// A search walks each term's postings once per segment, with a dictionary
// lookup per segment for every word form, so fewer segments answer
// faster: at 100,000 documents, 21 segments (what the default policy
// leaves after a bulk import) against 1 cost about 15 % more CPU per
// query over the benchmark mix (BenchmarkLargeSearch). The price is the
// rewrite: every live document is written once more, the disk must hold
// the old segments and the new (about twice the index) until the old are
// deleted, which Compact waits for, and while a merge runs it maps the
// segments it reads (their pages count in the process's resident set, as
// file cache the kernel can drop).
func (ix *Index) Compact(ctx context.Context, maxSegments int) (int, error) {
	maxSegments = max(maxSegments, 1)
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return 0, fmt.Errorf("index: compact: %w", err)
	}
	n, err := ix.segmentCount()
	if err != nil {
		return 0, err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return n, nil
	}
	for n > maxSegments {
		if err := s.ForceMerge(ctx, nil); err != nil {
			return n, fmt.Errorf("index: compact: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return n, fmt.Errorf("index: compact: %w", err)
		}
		after, err := ix.segmentCount()
		if err != nil {
			return n, err
		}
		waitOldFilesRemoved(ctx, s, after)
		if after >= n { // nothing left that bleve would merge
			return after, nil
		}
		n = after
	}
	return n, nil
}

// filesRemovedWait bounds how long Compact waits for the files of merged
// segments to be deleted.
const filesRemovedWait = 30 * time.Second

// waitOldFilesRemoved waits, up to filesRemovedWait, until the index
// directory holds no more files than segments and the root file: bleve
// deletes merged-away segment files shortly after the merge, in the
// background. Waiting keeps the disk a compaction needs to about twice
// the index (the old segments and the new) rather than one copy more per
// round, and leaves no stale files behind when the process exits next.
func waitOldFilesRemoved(ctx context.Context, s *scorch.Scorch, segments int) {
	deadline := time.Now().Add(filesRemovedWait)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if files, ok := s.StatsMap()["CurOnDiskFiles"].(uint64); !ok || files <= uint64(segments)+1 {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(settlePoll):
		}
	}
}
