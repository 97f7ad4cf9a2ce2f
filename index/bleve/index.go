package bleve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"dossier/corpus"
	"dossier/index"
)

// internalMappingVersion is the bleve internal key holding MappingVersion.
var internalMappingVersion = []byte("dossier:mapping_version")

// Index is a dossier search index on local disk. It is safe for concurrent
// use: searches run while batches are written. Ingest (package
// index/ingest) writes through it as an index.Writer.
type Index struct {
	opts   Options
	bleve  bleve.Index
	logger *slog.Logger
	// tieField breaks ties in sort orders: fieldKey, or "_id" in an index
	// made before mapping version 3.
	tieField string

	// statsMu guards the BM25 length statistics (see bm25stats.go).
	statsMu sync.Mutex
	stats   *search.BM25Stats
	statsAt time.Time
	// forms caches the forms of query words (wordforms.go).
	forms formsCache
	// facets caches facet fields' values per segment (facetcache.go).
	facets facetCache
	// positions caches the decoded postings of frequent words
	// (positioncache.go); nil when Options.PositionCacheMB is negative.
	positions *positionCache
	// bleveFacets makes searches count facets with bleve's facet builder
	// instead; tests compare the two.
	bleveFacets bool
	// bleveStored makes searches load stored fields with bleve's loader
	// instead of by document number (stored.go); tests and benchmarks
	// compare the two.
	bleveStored bool
	// exportSteps replaces Export's steps (defaultExportSteps) when set;
	// benchmarks compare them.
	exportSteps exportSteps
	// phraseMinDocs is the rarest word's documents from which a phrase
	// search spreads its segments over goroutines: ParallelPhraseMinDocs,
	// lower in tests.
	phraseMinDocs uint64
	// phraseOwnShare replaces the own goroutine's share of a spread
	// phrase's documents when set (benchmarks).
	phraseOwnShare float64
	// wholeFirst spreads a search whole even where one of its phrases
	// could spread itself (spread.go; benchmarks compare the two).
	wholeFirst bool
	// noSpread keeps whole searches in one goroutine (spread.go); tests
	// and benchmarks compare the two.
	noSpread bool
	// spreadAll spreads searches without facets too (tests, benchmarks).
	spreadAll bool
	// spreadMinMatches is SpreadMinMatches, lower in tests.
	spreadMinMatches uint64
	// parallelBatchHits replaces phraseBatchHits when set, and spreads,
	// when set, counts the searches spread (tests).
	parallelBatchHits int
	spreads           *atomic.Int64
	// searching counts the Search calls running: a search spreads over
	// the cores the others leave idle (see idleWorkers).
	searching atomic.Int64

	// releaseStop stops the loop Options.ReleaseMappedEvery starts, which
	// closes releaseDone when it has.
	releaseStop chan struct{}
	releaseDone chan struct{}

	closeOnce sync.Once
	closeErr  error
}

// Exists reports whether dir holds an index. Commands that only read an
// index check it first, since Open creates one.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index_meta.json"))
	return err == nil
}

// Open opens the index in opts.Dir, creating it when the directory holds
// no index. It fails with ErrLocked when another process has it open.
// logger may be nil for silence.
func Open(opts Options, logger *slog.Logger) (*Index, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg := opts.bleveConfig()
	var (
		bi  bleve.Index
		err error
	)
	if _, statErr := os.Stat(filepath.Join(opts.Dir, "index_meta.json")); statErr == nil {
		bi, err = bleve.OpenUsing(opts.Dir, cfg)
	} else {
		if err := os.MkdirAll(filepath.Dir(filepath.Clean(opts.Dir)), 0o755); err != nil {
			return nil, fmt.Errorf("index: create parent of %s: %w", opts.Dir, err)
		}
		m, merr := newMapping()
		if merr != nil {
			return nil, merr
		}
		bi, err = bleve.NewUsing(opts.Dir, m, scorch.Name, scorch.Name, cfg)
		if err == nil {
			err = bi.SetInternal(internalMappingVersion, []byte(strconv.Itoa(MappingVersion)))
		}
	}
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) || errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (is another dossier process using it?)", index.ErrLocked, opts.Dir)
		}
		return nil, fmt.Errorf("index: open %s: %w", opts.Dir, err)
	}
	ix := &Index{opts: opts, bleve: bi, logger: logger, tieField: fieldKey, phraseMinDocs: ParallelPhraseMinDocs, spreadMinMatches: SpreadMinMatches,
		positions: newPositionCache(int64(opts.PositionCacheMB) << 20)}
	if opts.ReleaseMappedEvery > 0 {
		ix.releaseStop, ix.releaseDone = make(chan struct{}), make(chan struct{})
		var evicted map[string]bool // nil: the files stay cached
		if !opts.keepPageCache {
			evicted = map[string]bool{}
			if err := ix.evictNewSegments(evicted); err != nil {
				logger.Warn("dropping the index files from the page cache failed; reading them may map large pages", "err", err)
			}
		}
		go ix.releaseMappedLoop(opts.ReleaseMappedEvery, opts.MaxResidentMapped, evicted, ix.releaseStop, ix.releaseDone)
	}
	if v, err := bi.GetInternal(internalMappingVersion); err == nil && string(v) != strconv.Itoa(MappingVersion) {
		if n, _ := strconv.Atoi(string(v)); n < 3 {
			ix.tieField = "_id"
		}
		logger.Warn("index mapping version differs; re-index to use the current mapping",
			"dir", opts.Dir, "index_version", string(v), "current_version", MappingVersion)
	}
	return ix, nil
}

// Options returns the options the index was opened with, defaults filled in.
func (ix *Index) Options() Options { return ix.opts }

// Close flushes and closes the index. It is safe to call more than once.
// Close the ingester writing through it first (ingest.Ingester.Close).
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() {
		if ix.releaseStop != nil {
			close(ix.releaseStop)
			<-ix.releaseDone
		}
		if err := ix.bleve.Close(); err != nil {
			ix.closeErr = fmt.Errorf("index: close: %w", err)
		}
	})
	return ix.closeErr
}

// Ping checks that the index is open and answers a query.
func (ix *Index) Ping(ctx context.Context) error {
	if _, err := ix.bleve.DocCount(); err != nil {
		return fmt.Errorf("index: ping: %w", err)
	}
	return ctx.Err()
}

// The engine is the backend ingest writes through.
var _ index.Writer = (*Index)(nil)

// Put writes docs in one batch. A document with an existing ID replaces it.
// Documents with a SkipReason are stored as skipped records: they are not
// searchable but are counted in Stats and returned by Document.
func (ix *Index) Put(docs ...corpus.Document) error {
	return ix.Apply(context.Background(), docs, nil)
}

// Apply writes docs and deletes ids in one atomic bleve batch, on disk
// when it returns (see index.Writer). ctx is checked before the batch
// starts; a batch once started is committed whole.
func (ix *Index) Apply(ctx context.Context, docs []corpus.Document, deletes []string) error {
	if len(docs) == 0 && len(deletes) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b := ix.bleve.NewBatch()
	for _, id := range deletes {
		b.Delete(id)
	}
	for i := range docs {
		if docs[i].ID == "" {
			return fmt.Errorf("index: document from %q has no ID", docs[i].Source)
		}
		rec, err := toRecord(&docs[i])
		if err != nil {
			return err
		}
		if err := b.Index(docs[i].ID, rec); err != nil {
			return fmt.Errorf("index: add %s to batch: %w", docs[i].ID, err)
		}
	}
	if err := ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("index: commit batch of %d: %w", len(docs)+len(deletes), err)
	}
	return nil
}

// Delete removes documents by ID. Unknown IDs are ignored.
func (ix *Index) Delete(ids ...string) error {
	b := ix.bleve.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("index: delete: %w", err)
	}
	return nil
}

// Document returns the stored document with its text and pages, or
// ErrNotFound.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := ix.bleve.Document(id)
	if err != nil {
		return nil, fmt.Errorf("index: load %s: %w", id, err)
	}
	if d == nil {
		return nil, fmt.Errorf("%w: %s", index.ErrNotFound, id)
	}
	var metaJSON, text []byte
	d.VisitFields(func(f bleveFieldValue) {
		switch f.Name() {
		case fieldMeta:
			metaJSON = append([]byte(nil), f.Value()...)
		case fieldText:
			text = append([]byte(nil), f.Value()...)
		}
	})
	if metaJSON == nil {
		return nil, fmt.Errorf("index: document %s has no stored metadata", id)
	}
	return fromRecord(metaJSON, string(text))
}

// DocCount counts the records the index holds, skipped ones included.
func (ix *Index) DocCount(ctx context.Context) (uint64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n, err := ix.bleve.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index: count documents: %w", err)
	}
	return n, nil
}

// MappingVersion is the version of the mapping documents are written with
// (the constant MappingVersion; see index.Writer).
func (ix *Index) MappingVersion() int { return MappingVersion }

// Stats counts documents and measures the index on disk.
func (ix *Index) Stats(ctx context.Context) (index.Stats, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet(fieldStatus, bleve.NewFacetRequest(fieldStatus, 4))
	req.AddFacet(fieldKind, bleve.NewFacetRequest(fieldKind, 16))
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return index.Stats{}, fmt.Errorf("index: stats: %w", err)
	}
	st := index.Stats{ByKind: map[string]uint64{}}
	if f := res.Facets[fieldStatus]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			switch t.Term {
			case statusOK:
				st.Documents = uint64(t.Count)
			case statusSkipped:
				st.Skipped = uint64(t.Count)
			}
		}
	}
	if f := res.Facets[fieldKind]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			st.ByKind[t.Term] = uint64(t.Count)
		}
	}
	st.DiskBytes = dirSize(ix.opts.Dir)
	if st.Segments, err = ix.segmentCount(); err != nil {
		return index.Stats{}, err
	}
	st.CacheBytes, _ = ix.positions.usage()
	return st, nil
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}
