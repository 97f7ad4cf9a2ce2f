package bleve

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"time"
)

// Options configure an Index. Zero values are replaced by SetDefaults.
// The options of ingest (batches, workers, uploads) are package
// index/ingest's.
type Options struct {
	// Dir is the index directory; it is created when missing. Default "./dossier-data".
	Dir string
	// LockTimeout is how long Open waits for another process's lock on the
	// index before failing with ErrLocked. Default 2s.
	LockTimeout time.Duration
	// MaxSegmentDocs caps the documents in a segment produced by a
	// background merge; smaller segments bound the memory (heap and mapped
	// files) a merge takes, at some cost in search speed. 0 keeps bleve's
	// default (5,000,000). Ignored when Bleve sets "scorchMergePlanOptions".
	MaxSegmentDocs int
	// MergeFloorDocs is the segment size, in documents, below which the
	// merge policy counts every segment as the same size. Bleve's default
	// (2,000) is far above the segments a commit makes (50-500 documents),
	// so its policy merged a few of them at a time into one growing segment
	// and rewrote each document of a 20,000-document import 4.6 times. At
	// 200 small segments merge MergeWidth at a time. Default
	// DefaultMergeFloorDocs. Ignored when Bleve sets "scorchMergePlanOptions".
	MergeFloorDocs int
	// MergeWidth is the number of segments merged at once and allowed per
	// size tier. Default bleve's 10; dossier index sets BulkMergeWidth, so
	// that one merge of a bulk import's commits reaches MaxSegmentDocs and
	// each document is rewritten about once. Ignored when Bleve sets
	// "scorchMergePlanOptions".
	MergeWidth int
	// ReleaseMappedEvery is how often the index drops this process's
	// mappings of the index file pages it has read (see
	// Index.ReleaseMapped; Linux only). 0, the default, never does: a
	// server wants its pages mapped. dossier index sets
	// DefaultReleaseMappedEvery, so that the pages a bulk import's merges,
	// compaction and judge pass read do not stay in its resident memory.
	// With it, each segment file is also dropped from the page cache once,
	// when the index opens or the file first appears (see
	// evictNewSegments): reading it then maps 4 KiB pages, not the large
	// folios its writing left cached.
	ReleaseMappedEvery time.Duration
	// MaxResidentMapped is the file-backed resident memory, in bytes, above
	// which the loop ReleaseMappedEvery runs drops the mappings; 0 drops
	// them at every turn. It counts every file the process maps (the
	// binary and the ingest manifest too: 46 MB at 100,000 documents).
	// dossier index sets DefaultMaxResidentMapped.
	MaxResidentMapped int64
	// SearchWorkers is the most goroutines one search spreads the index's
	// documents over, its own included, less one for each other search
	// running (so that busy cores are not asked for more): a search whose
	// searcher expects SpreadMinMatches matches or more is spread whole
	// (spread.go), and otherwise a phrase or proximity search whose rarest
	// word is in ParallelPhraseMinDocs documents or more spreads itself
	// (positional_parallel.go); 1 searches in one goroutine. Default the
	// number of cores (GOMAXPROCS). It lowers the latency of such searches
	// while cores are idle, for a little more work.
	SearchWorkers int
	// PositionCacheMB is the memory, in MiB, the decoded positions of
	// frequent words may take (positioncache.go): a phrase or proximity
	// search then reads a word that is in PositionCacheMinDocs documents
	// of a segment or more from flat arrays rather than decoding it from
	// the postings. Default DefaultPositionCacheMB; negative: no cache.
	// dossier index sets none: an import runs few phrase searches.
	PositionCacheMB int
	// Bleve holds extra bleve/scorch configuration passed when the index is
	// opened, e.g. "scorchPersisterOptions" or "scorchMergePlanOptions".
	// "bolt_timeout" is always set from LockTimeout. Not a flag.
	Bleve map[string]any

	// keepPageCache makes ReleaseMappedEvery leave the segment files in
	// the page cache (see evictNewSegments), for tests that measure what
	// dropping them saves.
	keepPageCache bool
}

// Bulk import memory profile: the dossier index command sets the soft Go
// memory limit DefaultMemoryLimit (bytes) when GOMEMLIMIT is unset, and
// MaxSegmentDocs BulkMaxSegmentDocs unless given. With batches of 3 MiB
// of text (ingest.DefaultBatchTextBytes) this kept the peak RSS of a
// 20,000-document import at 296 MB (198 MB heap, 90 MB mapped segments);
// dossier index now commits 1 MiB batches (ingest.BulkBatchTextBytes),
// which brought a 100,000-document import to 267-401 MB in four runs
// against 341-344 MB (README "Import memory").
const (
	DefaultMergeFloorDocs = 200
	DefaultMergeWidth     = 10
	BulkMergeWidth        = 20
	DefaultMemoryLimit    = 200 << 20
	BulkMaxSegmentDocs    = 5000
)

// DefaultPositionCacheMB is Options.PositionCacheMB's default, in MiB:
// at 100,000 synthetic documents the words of the benchmark mix's phrases
// took 61 MiB (BenchmarkPositionCache), and a cache smaller than the
// words a workload cycles through drops each before it is read again.
const DefaultPositionCacheMB = 256

// MaxPositionCacheMB bounds Options.PositionCacheMB, in MiB.
const MaxPositionCacheMB = 1 << 20

// DefaultDir is the index directory used when none is given.
const DefaultDir = "./dossier-data"

// Limits on Options.
const (
	MaxMergeWidth    = 100 // segments per merge
	MaxSearchWorkers = 64  // goroutines per search
)

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Dir, "index", DefaultDir, "index directory")
	fs.IntVar(&o.MaxSegmentDocs, "max-segment-docs", 0, "documents per merged index segment (bounds merge memory; 0: bleve's default)")
	fs.IntVar(&o.MergeFloorDocs, "merge-floor-docs", DefaultMergeFloorDocs, "segments below this many documents count as equal when merging")
	fs.IntVar(&o.MergeWidth, "merge-width", DefaultMergeWidth, "index segments merged at once and allowed per size tier")
	fs.IntVar(&o.SearchWorkers, "search-workers", 0, fmt.Sprintf("goroutines one search expecting %d matches or more, or one phrase search whose rarest word is in %d documents or more, spreads the index's documents over, less one per other search running (0: the number of cores; 1: none)", SpreadMinMatches, ParallelPhraseMinDocs))
	fs.IntVar(&o.SearchWorkers, "phrase-workers", 0, "deprecated name of --search-workers")
	fs.Func("position-cache-mb", fmt.Sprintf("memory, in MiB, for the decoded positions of words in %d documents of a segment or more, which phrase and proximity searches read instead of the postings (0: none)", PositionCacheMinDocs), func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxPositionCacheMB {
			return fmt.Errorf("want a whole number of MiB from 0 to %d", MaxPositionCacheMB)
		}
		o.PositionCacheMB = n
		if n == 0 {
			o.PositionCacheMB = -1
		}
		return nil
	})
	fs.Lookup("position-cache-mb").DefValue = strconv.Itoa(DefaultPositionCacheMB)
	fs.DurationVar(&o.ReleaseMappedEvery, "release-mapped", 0, "look this often at the process's file-backed resident memory and, above --max-mapped-mb, drop its mappings of the index file pages it has read (Linux; 0: never)")
	fs.Func("max-mapped-mb", "file-backed resident memory, in MiB, above which --release-mapped drops the index file mappings (0: at every look)", func(v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > 1<<30 {
			return fmt.Errorf("want a whole number of MiB from 0 to %d", 1<<30)
		}
		o.MaxResidentMapped = n << 20
		return nil
	})
}

// bleveConfig is the configuration map given to bleve on open.
func (o *Options) bleveConfig() map[string]any {
	cfg := make(map[string]any, len(o.Bleve)+1)
	for k, v := range o.Bleve {
		cfg[k] = v
	}
	cfg["bolt_timeout"] = o.LockTimeout.String()
	if _, ok := cfg["scorchMergePlanOptions"]; !ok {
		// Bleve fills the options not given here with its defaults (10
		// segments per tier and per merge, tiers growing tenfold).
		plan := map[string]any{"FloorSegmentSize": o.MergeFloorDocs,
			"SegmentsPerMergeTask": o.MergeWidth, "MaxSegmentsPerTier": o.MergeWidth}
		if o.MaxSegmentDocs > 0 {
			plan["MaxSegmentSize"] = o.MaxSegmentDocs
		}
		cfg["scorchMergePlanOptions"] = plan
	}
	return cfg
}

// SetDefaults fills zero fields with their defaults.
func (o *Options) SetDefaults() {
	if o.Dir == "" {
		o.Dir = DefaultDir
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = 2 * time.Second
	}
	if o.MergeFloorDocs == 0 {
		o.MergeFloorDocs = DefaultMergeFloorDocs
	}
	if o.MergeWidth == 0 {
		o.MergeWidth = DefaultMergeWidth
	}
	if o.SearchWorkers == 0 {
		o.SearchWorkers = min(runtime.GOMAXPROCS(0), MaxSearchWorkers)
	}
	if o.PositionCacheMB == 0 {
		o.PositionCacheMB = DefaultPositionCacheMB
	}
}

// Validate reports the first invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.MaxSegmentDocs < 0 {
		errs = append(errs, fmt.Errorf("index: max segment docs %d is negative", o.MaxSegmentDocs))
	}
	if o.MergeWidth < 2 || o.MergeWidth > MaxMergeWidth {
		errs = append(errs, fmt.Errorf("index: merge width %d out of range 2..%d", o.MergeWidth, MaxMergeWidth))
	}
	if o.MergeFloorDocs < 1 {
		errs = append(errs, fmt.Errorf("index: merge floor docs %d must be positive", o.MergeFloorDocs))
	}
	if o.LockTimeout < 0 {
		errs = append(errs, fmt.Errorf("index: negative lock timeout"))
	}
	if o.MaxResidentMapped < 0 {
		errs = append(errs, fmt.Errorf("index: negative max resident mapped %d", o.MaxResidentMapped))
	}
	if o.SearchWorkers < 1 || o.SearchWorkers > MaxSearchWorkers {
		errs = append(errs, fmt.Errorf("index: search workers %d out of range 1..%d", o.SearchWorkers, MaxSearchWorkers))
	}
	if o.PositionCacheMB > MaxPositionCacheMB {
		errs = append(errs, fmt.Errorf("index: position cache %d MiB above %d", o.PositionCacheMB, MaxPositionCacheMB))
	}
	if o.ReleaseMappedEvery < 0 {
		errs = append(errs, fmt.Errorf("index: negative release-mapped interval %s", o.ReleaseMappedEvery))
	}
	return errors.Join(errs...)
}
