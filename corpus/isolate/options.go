package isolate

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"dossier/corpus/extract"
)

// Default option values, applied by Options.SetDefaults to zero fields.
const (
	// DefaultTimeout is the wall-clock time one document may take in a
	// worker, including start-up of a fresh worker. It is above the
	// in-process PDF file timeout (60 s) so that the worker's own, gentler
	// timeout normally fires first; this one catches what that cannot.
	DefaultTimeout = 120 * time.Second
	// DefaultMemoryLimit is the resident memory, in bytes, one worker and
	// its child processes (pdftotext, tesseract, …) may use together:
	// 1 GiB. Extraction of a normal filing needs well under 200 MiB.
	DefaultMemoryLimit = 1 << 30
	// DefaultMaxDocsPerWorker is the number of documents a worker extracts
	// before it is replaced by a fresh process, bounding slow leaks.
	DefaultMaxDocsPerWorker = 200
	// DefaultPollInterval is how often a busy worker's memory is sampled.
	DefaultPollInterval = 50 * time.Millisecond
	// DefaultMaxResponseBytes is the largest response line, in bytes, read
	// from a worker (the JSON of one Document): 512 MiB.
	DefaultMaxResponseBytes = 512 << 20
	// MinMemoryLimit is the smallest MemoryLimit accepted, in bytes
	// (64 MiB): a Go worker needs some 10–30 MiB before it reads a file.
	MinMemoryLimit = 64 << 20
	// MaxWorkers is the largest Workers accepted.
	MaxWorkers = 256
	// WorkerCommand is the hidden dossier subcommand that runs a worker.
	WorkerCommand = "extract-worker"
)

// Options configure a Pool. The zero value means "use the defaults".
type Options struct {
	// Workers is the largest number of worker processes alive at once, and
	// so of documents extracted at once. Default runtime.NumCPU().
	Workers int
	// Timeout is the wall-clock time allowed for one document; a worker
	// still busy after it is killed with its process group. Default 120 s.
	Timeout time.Duration
	// MemoryLimit is the resident set size, in bytes, allowed to one worker
	// together with the processes it started (summed over its process
	// group, sampled every PollInterval). A worker above it is killed.
	// The worker also sets its Go soft memory limit to 7/8 of it so that
	// the garbage collector works harder before that. Default 1 GiB.
	MemoryLimit int64
	// MaxDocsPerWorker is the number of documents after which a worker is
	// stopped and a fresh one started for the next document. Default 200.
	MaxDocsPerWorker int
	// Command is the worker's argv. Default: this executable followed by
	// "extract-worker".
	Command []string
	// Env is added to the parent's environment for the workers, e.g.
	// "KEY=value".
	Env []string
	// Extract configures extraction inside the workers; it is sent to each
	// worker when it starts.
	Extract extract.Options
	// PollInterval is how often a busy worker's memory is sampled.
	// Default 50 ms.
	PollInterval time.Duration
	// MaxResponseBytes bounds one response (a Document as JSON), in bytes.
	// Default 512 MiB.
	MaxResponseBytes int
}

// RegisterFlags adds the isolation flags to fs. Workers is left to the
// caller (dossier's --workers); Extract has its own RegisterFlags.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.DurationVar(&o.Timeout, "worker-timeout", DefaultTimeout, "wall-clock time one document may take in an extraction worker before it is killed")
	fs.Int64Var(&o.MemoryLimit, "worker-memory", DefaultMemoryLimit, "resident memory in bytes one extraction worker (with its child processes) may use before it is killed")
	fs.IntVar(&o.MaxDocsPerWorker, "worker-max-docs", DefaultMaxDocsPerWorker, "documents an extraction worker handles before it is replaced by a fresh process")
}

// SetDefaults fills zero fields with their defaults, including those of
// Extract.
func (o *Options) SetDefaults() {
	if o.Workers == 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MemoryLimit == 0 {
		o.MemoryLimit = DefaultMemoryLimit
	}
	if o.MaxDocsPerWorker == 0 {
		o.MaxDocsPerWorker = DefaultMaxDocsPerWorker
	}
	if len(o.Command) == 0 {
		if exe, err := os.Executable(); err == nil {
			o.Command = []string{exe, WorkerCommand}
		}
	}
	if o.PollInterval == 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.MaxResponseBytes == 0 {
		o.MaxResponseBytes = DefaultMaxResponseBytes
	}
	o.Extract.SetDefaults()
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.Workers < 1 || o.Workers > MaxWorkers {
		errs = append(errs, fmt.Errorf("isolate: workers %d out of range 1..%d", o.Workers, MaxWorkers))
	}
	if o.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("isolate: worker timeout %v must be positive", o.Timeout))
	}
	if o.MemoryLimit < MinMemoryLimit {
		errs = append(errs, fmt.Errorf("isolate: worker memory %d bytes is below the %d-byte minimum", o.MemoryLimit, MinMemoryLimit))
	}
	if o.MaxDocsPerWorker < 1 {
		errs = append(errs, fmt.Errorf("isolate: worker max docs %d must be at least 1", o.MaxDocsPerWorker))
	}
	if len(o.Command) == 0 || o.Command[0] == "" {
		errs = append(errs, errors.New("isolate: no worker command (the executable's path is unknown)"))
	}
	if o.PollInterval <= 0 {
		errs = append(errs, fmt.Errorf("isolate: poll interval %v must be positive", o.PollInterval))
	}
	if o.MaxResponseBytes < 1<<20 {
		errs = append(errs, fmt.Errorf("isolate: max response bytes %d is below 1 MiB", o.MaxResponseBytes))
	}
	if err := o.Extract.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
