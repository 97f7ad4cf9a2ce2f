package bleve

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// DefaultReleaseMappedEvery is how often dossier index looks at its
// file-backed resident memory (Options.ReleaseMappedEvery), and
// DefaultMaxResidentMapped the most it lets it reach before dropping its
// mappings of the index file pages it has read (Options.MaxResidentMapped,
// bytes).
const (
	DefaultReleaseMappedEvery = 10 * time.Millisecond
	DefaultMaxResidentMapped  = 96 << 20
)

// persistedSegment is a segment read from a memory-mapped file (zap's
// *Segment): Data is the mapping, Path the file. In-memory segments (zap's
// SegmentBase, whose bytes are Go heap) have neither method and are never
// released.
type persistedSegment interface {
	Data() []byte
	Path() string
}

// ReleaseMapped drops this process's mappings of the pages of the index's
// segment files, which reading them (searches, merges, exports) mapped in,
// and returns the bytes of mappings it went over. The files are mapped
// read-only and shared, so nothing is lost: the next read of a page maps
// it again from the page cache (a minor fault) or from disk. It exists for
// a bulk import, whose merges and judge pass read every segment: without
// it, the pages read stay mapped, and in the process's resident memory,
// until the segment is closed (2 GB at the end of a 100,000-document
// import). The current snapshot is held while it runs, so no segment it
// goes over can be unmapped meanwhile. On systems other than Linux it does
// nothing and returns 0.
func (ix *Index) ReleaseMapped() (int64, error) {
	var n int64
	err := ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		var err error
		n, err = releaseSnapshot(snap)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("index: release mapped pages: %w", err)
	}
	return n, nil
}

// releaseSnapshot drops this process's mappings of the pages of snap's
// segment files (see ReleaseMapped) and returns the bytes of mappings it
// went over. snap must be held meanwhile.
func releaseSnapshot(snap *scorch.IndexSnapshot) (int64, error) {
	var n int64
	for _, ss := range snap.Segments() {
		seg, ok := ss.Segment().(persistedSegment)
		if !ok || seg.Path() == "" {
			continue
		}
		released, err := releaseMapping(seg.Data())
		if err != nil {
			return n, fmt.Errorf("%s: %w", seg.Path(), err)
		}
		n += released
	}
	return n, nil
}

// releaseMappedLoop looks at the process's file-backed resident memory
// every interval and calls ReleaseMapped when it is above limit bytes (any
// amount when limit is 0), until stop closes. At debug level it logs each
// release: the file-backed resident memory before and after, in MiB (it
// counts every mapped file), and the time it took. Releasing only above a limit
// keeps the pages read again and again (dictionaries, doc values) mapped
// between releases. Each page released and read again costs a fault: a
// 100,000-document import took 407 s of CPU releasing every 10 ms, 386 s
// with the default limit and 341 s releasing nothing during its compaction
// (single runs of TestBulkThroughput's cli mode, see README).
func (ix *Index) releaseMappedLoop(every time.Duration, limit int64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if limit > 0 {
				if resident, ok := residentFileBacked(); ok && resident <= limit {
					continue
				}
			}
			debug := ix.logger.Enabled(context.Background(), slog.LevelDebug)
			var before int64
			if debug {
				before, _ = residentFileBacked()
			}
			start := time.Now()
			if _, err := ix.ReleaseMapped(); err != nil {
				ix.logger.Warn("releasing mapped index pages failed; they stay resident", "err", err)
				return
			}
			if debug {
				after, _ := residentFileBacked()
				ix.logger.Debug("released mapped index pages", "file_backed_mb", before>>20, "after_mb", after>>20, "took", time.Since(start))
			}
		}
	}
}
