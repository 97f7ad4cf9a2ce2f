package synth

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Options configure a Generator. Zero values are replaced by SetDefaults.
type Options struct {
	// N is the number of documents Generate and WriteJSONL emit.
	N int
	// Seed selects the corpus; the same seed gives the same documents.
	Seed uint64
	// SourceDir is the shared directory with the real texts. Default:
	// SharedDir().
	SourceDir string
	// MinBytes and MaxBytes bound the text length of a document, in bytes.
	// Defaults 5,000 and 10,000.
	MinBytes, MaxBytes int
	// FilingPercent is the share of filings, 0..100; the rest are articles.
	// Default 70. Use -1 for no filings.
	FilingPercent int
	// Cases is the number of distinct cases filings belong to. Default 5,000.
	Cases int
	// MaxPDFs caps the PDFs converted with pdftotext for filings text.
	// Default 80; -1 reads none.
	MaxPDFs int
	// MaxAILADocs caps the AILA judgments read. Default 0: all.
	MaxAILADocs int
	// CacheDir keeps the sentence pool between processes (see
	// PoolOptions.CacheDir). Default "": no cache.
	CacheDir string
}

// Limits on Options.
const (
	MaxN         = 100_000_000 // documents per run
	MaxTextBytes = 1 << 20     // MaxBytes upper bound
	MaxCases     = 1_000_000   // distinct cases
)

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.N, "synth-n", 1000, "synthetic documents to generate")
	fs.Uint64Var(&o.Seed, "synth-seed", 1, "seed of the synthetic corpus")
	fs.StringVar(&o.SourceDir, "synth-source", "", "shared directory with the real texts (default $DOSSIER_SHARED or ../shared)")
	fs.IntVar(&o.MinBytes, "synth-min-bytes", 5000, "minimum text bytes per document")
	fs.IntVar(&o.MaxBytes, "synth-max-bytes", 10000, "maximum text bytes per document")
	fs.IntVar(&o.FilingPercent, "synth-filing-percent", 70, "percentage of filings (rest are articles)")
	fs.IntVar(&o.Cases, "synth-cases", 5000, "distinct cases filings belong to")
	fs.IntVar(&o.MaxPDFs, "synth-max-pdfs", 80, "PDFs converted with pdftotext for filings text (-1: none)")
	fs.StringVar(&o.CacheDir, "synth-cache", "", "directory caching the sentence pool between runs")
}

// SetDefaults fills zero fields.
func (o *Options) SetDefaults() {
	if o.SourceDir == "" {
		o.SourceDir = SharedDir()
	}
	if o.MinBytes == 0 {
		o.MinBytes = 5000
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = 10000
	}
	if o.FilingPercent == 0 {
		o.FilingPercent = 70
	}
	if o.Cases == 0 {
		o.Cases = 5000
	}
	if o.MaxPDFs == 0 {
		o.MaxPDFs = 80
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.N < 0 || o.N > MaxN {
		errs = append(errs, fmt.Errorf("synth: n %d out of range 0..%d", o.N, MaxN))
	}
	if o.SourceDir == "" {
		errs = append(errs, fmt.Errorf("synth: no source directory (set $DOSSIER_SHARED)"))
	}
	if o.MinBytes < 1 || o.MaxBytes < o.MinBytes || o.MaxBytes > MaxTextBytes {
		errs = append(errs, fmt.Errorf("synth: text bytes %d..%d out of range 1..%d", o.MinBytes, o.MaxBytes, MaxTextBytes))
	}
	if o.FilingPercent != -1 && (o.FilingPercent < 0 || o.FilingPercent > 100) {
		errs = append(errs, fmt.Errorf("synth: filing percent %d out of range 0..100", o.FilingPercent))
	}
	if o.Cases < 1 || o.Cases > MaxCases {
		errs = append(errs, fmt.Errorf("synth: cases %d out of range 1..%d", o.Cases, MaxCases))
	}
	if o.MaxPDFs < -1 {
		errs = append(errs, fmt.Errorf("synth: max pdfs %d below -1", o.MaxPDFs))
	}
	if o.MaxAILADocs < 0 {
		errs = append(errs, fmt.Errorf("synth: max AILA docs %d below 0", o.MaxAILADocs))
	}
	return errors.Join(errs...)
}

// SharedDir returns the shared test material directory: $DOSSIER_SHARED
// when set, else "shared" beside the root of the enclosing Go module
// (found by walking up from the working directory to go.mod), or "" when
// neither exists.
func SharedDir() string {
	if d := os.Getenv("DOSSIER_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(dir), "shared")
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				return cand
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
