package htmltext

import (
	"errors"
	"fmt"
	"time"
)

// Default limits applied by Options.SetDefaults.
const (
	// DefaultMaxBytes is the default input size limit in bytes (10 MiB).
	DefaultMaxBytes int64 = 10 << 20
	// DefaultMaxDepth is the default limit on element nesting depth.
	DefaultMaxDepth = 512
	// DefaultTimeout is the default wall-clock budget for one extraction.
	DefaultTimeout = 10 * time.Second
	// MaxDepthLimit is the largest MaxDepth Validate accepts; deeper trees
	// would make the recursive passes of the readability library expensive.
	MaxDepthLimit = 10000
)

// Sentinel errors returned (wrapped) by Extract. Test with errors.Is.
var (
	// ErrTooLarge means the input is longer than Options.MaxBytes.
	ErrTooLarge = errors.New("htmltext: input too large")
	// ErrTooDeep means elements nest deeper than Options.MaxDepth.
	ErrTooDeep = errors.New("htmltext: elements nested too deeply")
	// ErrTimeout means extraction did not finish within Options.Timeout or
	// before the context deadline.
	ErrTimeout = errors.New("htmltext: extraction timed out")
	// ErrNoContent means no main text could be found. The Article returned
	// alongside it still carries whatever metadata was found.
	ErrNoContent = errors.New("htmltext: no main text found")
)

// Options bounds the work Extract does on one page. The zero value means
// "use the defaults".
type Options struct {
	// MaxBytes is the largest accepted input in bytes; 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth is the deepest accepted element nesting (number of open
	// elements); 0 means DefaultMaxDepth.
	MaxDepth int
	// Timeout is the wall-clock budget for one extraction; 0 means
	// DefaultTimeout.
	Timeout time.Duration
}

// SetDefaults replaces zero fields with the package defaults.
func (o *Options) SetDefaults() {
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
}

// Validate reports whether the options are usable. Zero fields are valid
// (they stand for the defaults); negative fields and a MaxDepth above
// MaxDepthLimit are not.
func (o Options) Validate() error {
	switch {
	case o.MaxBytes < 0:
		return fmt.Errorf("htmltext: invalid options: MaxBytes %d is negative", o.MaxBytes)
	case o.MaxDepth < 0:
		return fmt.Errorf("htmltext: invalid options: MaxDepth %d is negative", o.MaxDepth)
	case o.MaxDepth > MaxDepthLimit:
		return fmt.Errorf("htmltext: invalid options: MaxDepth %d exceeds %d", o.MaxDepth, MaxDepthLimit)
	case o.Timeout < 0:
		return fmt.Errorf("htmltext: invalid options: Timeout %v is negative", o.Timeout)
	}
	return nil
}
