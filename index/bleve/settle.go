package bleve

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
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

// DefaultCompactSegmentBytes is the default of CompactOptions.MaxSegmentBytes:
// 512 MiB of index per segment.
const DefaultCompactSegmentBytes = 512 << 20

// CompactOptions bound a compaction.
type CompactOptions struct {
	// MaxSegments is the most segments to leave; at least 1. Compaction
	// may leave more when MaxSegmentBytes allows no further merge.
	MaxSegments int
	// MaxSegmentBytes caps the size of the segments compaction writes, in
	// bytes on disk; 0: no cap. Bleve's merges count documents, so the cap
	// becomes a number of documents at the index's current bytes per
	// document. A merge holds each term's encoded postings in memory
	// while it writes them, so the largest segment sets its peak heap: a
	// 100,000-document import (2.0 GB of index) peaked at 301 MB of
	// anonymous memory compacting into one segment and at 198 MB (the
	// import's own) with segments of at most 512 MiB (5), and searches
	// over 4 segments took 3.9 % more CPU than over 1 (README,
	// "Performance", gives the commands).
	MaxSegmentBytes int64
}

// Compact merges the index's segments until at most opts.MaxSegments
// remain, or no merge is allowed under opts.MaxSegmentBytes, as Lucene's
// forceMerge does, and returns the count at the end. Bleve's force merge
// takes at most 10 segments per merge, so it runs again while the count
// falls and is above MaxSegments. Searches go on meanwhile and see the old
// segments until a merge is published.
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
func (ix *Index) Compact(ctx context.Context, opts CompactOptions) (int, error) {
	maxSegments := max(opts.MaxSegments, 1)
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
	plan := mergeplan.SingleSegmentMergePlanOptions
	if opts.MaxSegmentBytes > 0 {
		docs, size, err := ix.snapshotSize()
		if err != nil {
			return n, err
		}
		plan.MaxSegmentSize = segmentDocsCap(docs, size, opts.MaxSegmentBytes)
	}
	for n > maxSegments {
		if err := s.ForceMerge(ctx, &plan); err != nil {
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

// segmentDocsCap turns a cap in bytes into bleve's merge cap in documents
// (a merge writes a segment of fewer documents than it) for an index of
// docs documents in size bytes: at least 2, so that two one-document
// segments still merge, and at most what bleve accepts.
func segmentDocsCap(docs uint64, size, maxBytes int64) int64 {
	if docs == 0 || size <= 0 {
		return mergeplan.MaxSegmentSizeLimit
	}
	c := float64(maxBytes) * float64(docs) / float64(size)
	return int64(min(max(c, 2), mergeplan.MaxSegmentSizeLimit))
}

// snapshotSize returns the documents and the file bytes of the current
// snapshot's persisted segments (not those still in memory).
func (ix *Index) snapshotSize() (docs uint64, size int64, err error) {
	err = ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		for _, ss := range snap.Segments() {
			if seg, ok := ss.Segment().(persistedSegment); ok {
				docs += ss.Count()
				size += int64(len(seg.Data()))
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("index: segment sizes: %w", err)
	}
	return docs, size, nil
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
