package pdftext

import (
	"errors"
	"fmt"
	"time"
)

// Default option values, applied by Options.SetDefaults to zero fields.
const (
	// DefaultMaxPages is the default number of pages read from one file.
	DefaultMaxPages = 2000
	// DefaultPageTimeout is the default time allowed for one page (and for
	// opening the file).
	DefaultPageTimeout = 10 * time.Second
	// DefaultFileTimeout is the default time allowed for a whole file.
	DefaultFileTimeout = 60 * time.Second
	// DefaultWorkers is the default number of pages of one file read at
	// once.
	DefaultWorkers = 2
	// MaxWorkers is the largest Workers accepted.
	MaxWorkers = 64
)

// Options bound the work Extract does on one file. The zero value means
// "use the defaults".
type Options struct {
	// MaxPages is the number of pages read, counted from page 1; later pages
	// are left out and a warning is added. Zero means DefaultMaxPages.
	MaxPages int
	// PageTimeout is the time allowed for opening the file and, separately,
	// for each page. Zero means DefaultPageTimeout.
	PageTimeout time.Duration
	// FileTimeout is the time allowed for the whole file. Zero means
	// DefaultFileTimeout.
	FileTimeout time.Duration
	// Workers is the number of pages of one file read at once (each on
	// its own goroutine, with its glyphs in memory). Zero means
	// DefaultWorkers.
	Workers int
}

// SetDefaults replaces every zero field of o with its default.
func (o *Options) SetDefaults() {
	if o.MaxPages == 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.PageTimeout == 0 {
		o.PageTimeout = DefaultPageTimeout
	}
	if o.FileTimeout == 0 {
		o.FileTimeout = DefaultFileTimeout
	}
	if o.Workers == 0 {
		o.Workers = DefaultWorkers
	}
}

// Validate reports an error if a field is negative. Zero fields are valid:
// they stand for the defaults.
func (o Options) Validate() error {
	var errs []error
	if o.MaxPages < 0 {
		errs = append(errs, fmt.Errorf("pdftext: MaxPages %d is negative", o.MaxPages))
	}
	if o.PageTimeout < 0 {
		errs = append(errs, fmt.Errorf("pdftext: PageTimeout %v is negative", o.PageTimeout))
	}
	if o.FileTimeout < 0 {
		errs = append(errs, fmt.Errorf("pdftext: FileTimeout %v is negative", o.FileTimeout))
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		errs = append(errs, fmt.Errorf("pdftext: Workers %d out of range 0..%d", o.Workers, MaxWorkers))
	}
	return errors.Join(errs...)
}
