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
func (ix *Index) releaseMappedLoop(every time.Duration, limit int64, evicted map[string]bool, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if evicted == nil {
				// Keep the files cached (Options.keepPageCache).
			} else if err := ix.evictNewSegments(evicted); err != nil {
				ix.logger.Warn("dropping new index files from the page cache failed; reading them may map large pages", "err", err)
			}
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

// evictNewSegments drops from the page cache the segment files of the
// current snapshot that are not in evicted (see evictFile), after dropping
// this process's mappings of them, and records them there; it forgets the
// files the snapshot no longer holds.
//
// Why: the kernel caches a file that was just written (a flush or a merge
// writes every segment) in folios of up to 2 MiB, and a read through the
// mapping maps a whole folio into the process. The scattered reads of a
// search or an export (a document's stored fields, a doc value) then add
// up to 2 MiB each to the resident memory: a 100,000-document judge pass
// mapped 205 MiB between two 10 ms looks with the files cached that way,
// and never reached DefaultMaxResidentMapped with them read from disk
// (TestJudgePassMapped). Once dropped, the pages are read again through
// the mapping, in 4 KiB pages. Each file is dropped once, when it first
// appears, so the pages read again and again stay cached.
func (ix *Index) evictNewSegments(evicted map[string]bool) error {
	return ix.withSnapshot(func(snap *scorch.IndexSnapshot) error {
		current := make(map[string]bool, len(evicted)+1)
		for _, ss := range snap.Segments() {
			seg, ok := ss.Segment().(persistedSegment)
			if !ok || seg.Path() == "" {
				continue
			}
			path := seg.Path()
			current[path] = true
			if evicted[path] {
				continue
			}
			evicted[path] = true
			if _, err := releaseMapping(seg.Data()); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if err := evictFile(path); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		for path := range evicted {
			if !current[path] {
				delete(evicted, path)
			}
		}
		return nil
	})
}
