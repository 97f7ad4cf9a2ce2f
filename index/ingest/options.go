package ingest

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"time"
)

// Options configure an Ingester. Zero values are replaced by SetDefaults
// (OriginalsDir by Open).
type Options struct {
	// BatchSize is the number of documents per batch commit. Default 64.
	BatchSize int
	// Workers is the number of concurrent extractions during ingest.
	// Default: the number of CPUs.
	Workers int
	// LockTimeout is how long Open waits for another process's lock on the
	// manifest before failing with index.ErrLocked. Default 2s; dossier
	// gives it the engine's own lock timeout.
	LockTimeout time.Duration
	// OriginalsDir keeps uploaded files so that they can be re-read and
	// served after a restart. Default: "originals" inside the index
	// directory.
	OriginalsDir string
	// BulkBatchSize is the number of documents per batch commit when
	// importing JSON Lines (no extraction, so larger batches pay). Default 1000.
	BulkBatchSize int
	// BatchTextBytes caps the text held in one batch, in bytes: a batch is
	// committed when it reaches BatchSize (BulkBatchSize) documents or this
	// much text, whichever comes first. Analysis with term vectors takes
	// about 25 bytes of memory per byte of text, so this bounds the
	// writer's memory whatever the document sizes. Default
	// DefaultBatchTextBytes.
	BatchTextBytes int
}

const (
	// BulkFlushInterval is how long a batch holding only JSON Lines
	// documents may wait to fill before it is committed anyway; batches
	// holding files commit at least every second.
	BulkFlushInterval = 5 * time.Second
	// DefaultBatchTextBytes is the default Options.BatchTextBytes (3 MiB).
	DefaultBatchTextBytes = 3 << 20
	// BulkBatchTextBytes is dossier index's Options.BatchTextBytes (1 MiB).
	// A 100,000-document import peaked at 267, 271 and 401 MB of RSS in
	// three runs with it against 341 and 344 MB with DefaultBatchTextBytes
	// (and 345 MB with 2 MiB), for 1.13-1.20x the CPU (TestBulkThroughput's
	// cli mode, README "Import memory").
	BulkBatchTextBytes = 1 << 20
)

// Limits on Options.
const (
	MaxBatchSize = 10000 // documents per batch
	MaxWorkers   = 256   // concurrent extractions
)

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.IntVar(&o.BatchSize, "batch-size", 64, "documents per index batch commit")
	fs.IntVar(&o.Workers, "workers", runtime.NumCPU(), "concurrent extractions while indexing")
	fs.IntVar(&o.BulkBatchSize, "bulk-batch-size", 1000, "documents per index batch commit when importing JSON Lines")
	fs.IntVar(&o.BatchTextBytes, "batch-text-bytes", DefaultBatchTextBytes, "text bytes per index batch commit (bounds memory)")
}

// SetDefaults fills zero fields with their defaults, but OriginalsDir,
// which Open fills from the index directory.
func (o *Options) SetDefaults() {
	if o.BatchSize == 0 {
		o.BatchSize = 64
	}
	if o.Workers == 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.LockTimeout == 0 {
		o.LockTimeout = 2 * time.Second
	}
	if o.BulkBatchSize == 0 {
		o.BulkBatchSize = 1000
	}
	if o.BatchTextBytes == 0 {
		o.BatchTextBytes = DefaultBatchTextBytes
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.BatchSize < 1 || o.BatchSize > MaxBatchSize {
		errs = append(errs, fmt.Errorf("index: batch size %d out of range 1..%d", o.BatchSize, MaxBatchSize))
	}
	if o.Workers < 1 || o.Workers > MaxWorkers {
		errs = append(errs, fmt.Errorf("index: workers %d out of range 1..%d", o.Workers, MaxWorkers))
	}
	if o.BulkBatchSize < 1 || o.BulkBatchSize > MaxBatchSize {
		errs = append(errs, fmt.Errorf("index: bulk batch size %d out of range 1..%d", o.BulkBatchSize, MaxBatchSize))
	}
	if o.BatchTextBytes < 1 {
		errs = append(errs, fmt.Errorf("index: batch text bytes %d must be positive", o.BatchTextBytes))
	}
	if o.LockTimeout < 0 {
		errs = append(errs, fmt.Errorf("index: negative lock timeout"))
	}
	return errors.Join(errs...)
}
