package corpus

import (
	"errors"
	"flag"
	"fmt"
	"time"
)

// Limits on input files.
const (
	DefaultMaxFileBytes = 256 << 20 // 256 MiB per file
	MaxMaxFileBytes     = 4 << 30   // the largest MaxFileBytes accepted, 4 GiB
	DefaultHTMLMaxBytes = 10 << 20  // 10 MiB per HTML page (after gunzip)
	sniffBytes          = 1024      // bytes read to recognise a file's type
)

// Options configure an Extractor.
type Options struct {
	// MaxFileBytes is the largest file read, in bytes; larger files are
	// recorded with a skip reason. Default 256 MiB.
	MaxFileBytes int64
	// PDFTimeout bounds the extraction of one PDF. Default 60s.
	PDFTimeout time.Duration
	// PDFPageTimeout bounds the extraction of one PDF page. Default 10s.
	PDFPageTimeout time.Duration
	// PDFMaxPages is the number of pages read from one PDF. Default 2000.
	PDFMaxPages int
	// HTMLTimeout bounds the extraction of one HTML page. Default 10s.
	HTMLTimeout time.Duration
	// HTMLMaxBytes is the largest HTML page parsed, in bytes. Default 10 MiB.
	HTMLMaxBytes int64
}

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.Int64Var(&o.MaxFileBytes, "max-file-bytes", DefaultMaxFileBytes, "largest input file read, in bytes")
	fs.DurationVar(&o.PDFTimeout, "pdf-timeout", 60*time.Second, "time limit for one PDF")
	fs.IntVar(&o.PDFMaxPages, "pdf-max-pages", 2000, "pages read from one PDF")
}

// SetDefaults fills zero fields with their defaults.
func (o *Options) SetDefaults() {
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.PDFTimeout == 0 {
		o.PDFTimeout = 60 * time.Second
	}
	if o.PDFPageTimeout == 0 {
		o.PDFPageTimeout = 10 * time.Second
	}
	if o.PDFMaxPages == 0 {
		o.PDFMaxPages = 2000
	}
	if o.HTMLTimeout == 0 {
		o.HTMLTimeout = 10 * time.Second
	}
	if o.HTMLMaxBytes == 0 {
		o.HTMLMaxBytes = DefaultHTMLMaxBytes
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.MaxFileBytes < 1 || o.MaxFileBytes > MaxMaxFileBytes {
		errs = append(errs, fmt.Errorf("corpus: max file bytes %d out of range 1..%d", o.MaxFileBytes, int64(MaxMaxFileBytes)))
	}
	if o.PDFTimeout <= 0 || o.PDFPageTimeout <= 0 || o.HTMLTimeout <= 0 {
		errs = append(errs, errors.New("corpus: timeouts must be positive"))
	}
	if o.PDFMaxPages < 1 {
		errs = append(errs, errors.New("corpus: pdf max pages must be at least 1"))
	}
	if o.HTMLMaxBytes < 1 {
		errs = append(errs, errors.New("corpus: html max bytes must be at least 1"))
	}
	return errors.Join(errs...)
}
