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
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return 0, fmt.Errorf("index: segments: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, fmt.Errorf("index: segments: %w", err)
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		return len(snap.Segments()), nil
	}
	return 0, nil
}
