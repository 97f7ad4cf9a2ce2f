package searcheval

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"dossier/corpus/synth"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// ErrNoShared means the shared corpus directory was not found.
var ErrNoShared = errors.New("searcheval: shared corpus not found")

// Options configure Run and RunAILA. Zero values are replaced by
// SetDefaults.
type Options struct {
	// Shared is the shared corpus directory. Default $DOSSIER_SHARED, else
	// "shared" beside the module root found from the working directory,
	// else ../shared.
	Shared string
	// Index is the index directory for the shared corpus subset; it is
	// built or brought up to date there. Default a directory under
	// CacheDir named by the mapping version and the OCR setting.
	Index string
	// CacheDir holds the default index directories (shared subset and
	// AILA). Default os.UserCacheDir()/dossier/searcheval, else
	// os.TempDir()/dossier-searcheval.
	CacheDir string
	// Queries is the query file; "" uses the embedded
	// testdata/queries.json.
	Queries string
	// Split selects the queries run: SplitDev, SplitTest or SplitAll
	// (default).
	Split string
	// Depth is the number of hits read per known-item query, 1..index.MaxSize.
	// Default index.MaxSize (100); MRR counts answers ranked within it.
	Depth int
	// Workers is the number of files extracted at once while building.
	// Default min(2, GOMAXPROCS).
	Workers int
	// OCR turns on OCR of image-only pages while building (needs
	// tesseract; much slower). Default off.
	OCR bool
	// Logger receives build progress; nil is silent.
	Logger *slog.Logger
}

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Shared, "shared", "", "shared corpus directory (default $DOSSIER_SHARED or ../shared)")
	fs.StringVar(&o.Index, "index", "", "index directory for the shared corpus subset, built or updated there (default under --cache-dir)")
	fs.StringVar(&o.CacheDir, "cache-dir", "", "where evaluation indexes are kept between runs (default the user cache directory's dossier/searcheval)")
	fs.StringVar(&o.Queries, "queries", "", "query set (JSON; default the built-in set)")
	fs.StringVar(&o.Split, "split", SplitAll, "queries to run: dev, test or all")
	fs.IntVar(&o.Depth, "depth", index.MaxSize, "hits read per known-item query (MRR counts answers within them)")
	fs.IntVar(&o.Workers, "workers", 0, "files extracted at once while building (default min(2, GOMAXPROCS))")
	fs.BoolVar(&o.OCR, "ocr", false, "OCR image-only pages while building the index (slow; needs tesseract)")
}

// SetDefaults fills zero fields.
func (o *Options) SetDefaults() {
	if o.Shared == "" {
		o.Shared = synth.SharedDir()
	}
	if o.Shared == "" {
		o.Shared = filepath.Join("..", "shared")
	}
	if o.CacheDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(dir, "dossier", "searcheval")
		} else {
			o.CacheDir = filepath.Join(os.TempDir(), "dossier-searcheval")
		}
	}
	if o.Index == "" {
		ocr := "noocr"
		if o.OCR {
			ocr = "ocr"
		}
		o.Index = filepath.Join(o.CacheDir, fmt.Sprintf("shared-m%d-%s", bleve.MappingVersion, ocr))
	}
	if o.Split == "" {
		o.Split = SplitAll
	}
	if o.Depth == 0 {
		o.Depth = index.MaxSize
	}
	if o.Workers == 0 {
		o.Workers = min(2, runtime.GOMAXPROCS(0))
	}
}

// Validate reports every invalid option. A missing shared corpus is
// reported by Run, OpenShared and RunAILA, as ErrNoShared.
func (o Options) Validate() error {
	var errs []error
	if o.Split != SplitDev && o.Split != SplitTest && o.Split != SplitAll {
		errs = append(errs, fmt.Errorf("searcheval: split %q: use dev, test or all", o.Split))
	}
	if o.Depth < 1 || o.Depth > index.MaxSize {
		errs = append(errs, fmt.Errorf("searcheval: depth %d out of range 1..%d", o.Depth, index.MaxSize))
	}
	if o.Workers < 1 || o.Workers > ingest.MaxWorkers {
		errs = append(errs, fmt.Errorf("searcheval: workers %d out of range 1..%d", o.Workers, ingest.MaxWorkers))
	}
	return errors.Join(errs...)
}

// checkShared returns ErrNoShared when o.Shared does not hold the shared
// corpus.
func (o Options) checkShared() error {
	if st, err := os.Stat(filepath.Join(o.Shared, "corpus", "filings")); err != nil || !st.IsDir() {
		return fmt.Errorf("%w at %s (set --shared or DOSSIER_SHARED)", ErrNoShared, o.Shared)
	}
	return nil
}

// logger returns o.Logger or a logger that discards everything.
func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}
