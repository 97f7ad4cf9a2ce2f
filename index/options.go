package index

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"time"
)

// Options configure an Index. Zero values are replaced by SetDefaults.
type Options struct {
	// Dir is the index directory; it is created when missing. Default "./dossier-data".
	Dir string
	// BatchSize is the number of documents per bleve batch commit. Default 64.
	BatchSize int
	// Workers is the number of concurrent extractions during ingest.
	// Default: the number of CPUs.
	Workers int
	// LockTimeout is how long Open waits for another process's lock on the
	// index before failing with ErrLocked. Default 2s.
	LockTimeout time.Duration
}

// DefaultDir is the index directory used when none is given.
const DefaultDir = "./dossier-data"

// Limits on Options.
const (
	MaxBatchSize = 10000 // documents per batch
	MaxWorkers   = 256   // concurrent extractions
)

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Dir, "index", DefaultDir, "index directory")
	fs.IntVar(&o.BatchSize, "batch-size", 64, "documents per index batch commit")
	fs.IntVar(&o.Workers, "workers", runtime.NumCPU(), "concurrent extractions while indexing")
}

// SetDefaults fills zero fields with their defaults.
func (o *Options) SetDefaults() {
	if o.Dir == "" {
		o.Dir = DefaultDir
	}
	if o.BatchSize == 0 {
		o.BatchSize = 64
	}
	if o.Workers == 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = 2 * time.Second
	}
}

// Validate reports the first invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.BatchSize < 1 || o.BatchSize > MaxBatchSize {
		errs = append(errs, fmt.Errorf("index: batch size %d out of range 1..%d", o.BatchSize, MaxBatchSize))
	}
	if o.Workers < 1 || o.Workers > MaxWorkers {
		errs = append(errs, fmt.Errorf("index: workers %d out of range 1..%d", o.Workers, MaxWorkers))
	}
	if o.LockTimeout < 0 {
		errs = append(errs, fmt.Errorf("index: negative lock timeout"))
	}
	return errors.Join(errs...)
}
