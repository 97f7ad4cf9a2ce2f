package extract

import (
	"errors"
	"flag"
	"fmt"

	"dossier/corpus/htmltext"
	"dossier/corpus/ocr"
	"dossier/corpus/pdftext"
)

// Limits on input files.
const (
	DefaultMaxFileBytes = 256 << 20 // 256 MiB per file
	MaxMaxFileBytes     = 4 << 30   // the largest MaxFileBytes accepted, 4 GiB
)

// Options configure an Extractor.
type Options struct {
	// MaxFileBytes is the largest file read, in bytes; larger files are
	// recorded with a skip reason. gzip content is held to the same limit.
	// Default 256 MiB.
	MaxFileBytes int64
	// PDF bounds PDF extraction (pages per file, time per page and file);
	// see pdftext.Options for the defaults.
	PDF pdftext.Options
	// HTML bounds HTML extraction (bytes, nesting depth, time per page);
	// see htmltext.Options for the defaults.
	HTML htmltext.Options
	// NoPDFFallback turns off the pdftotext fallback: pages that fail the
	// quality gate (pdftext.CheckPage) and files the PDF library refuses
	// are then kept as the library read them.
	NoPDFFallback bool
	// Pdftotext is the pdftotext program used by the fallback; "" finds
	// it on the PATH. Without it the fallback is off.
	Pdftotext string
	// OCR configures OCR of pages without a text layer; see ocr.Options.
	OCR ocr.Options
}

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.Int64Var(&o.MaxFileBytes, "max-file-bytes", DefaultMaxFileBytes, "largest input file read, in bytes")
	fs.DurationVar(&o.PDF.FileTimeout, "pdf-timeout", pdftext.DefaultFileTimeout, "time limit for one PDF")
	fs.IntVar(&o.PDF.MaxPages, "pdf-max-pages", pdftext.DefaultMaxPages, "pages read from one PDF")
	fs.IntVar(&o.PDF.Workers, "pdf-workers", pdftext.DefaultWorkers, "pages of one PDF read at once")
	fs.BoolVar(&o.NoPDFFallback, "no-pdf-fallback", false, "do not re-read badly extracted PDF pages with pdftotext")
	o.OCR.RegisterFlags(fs)
}

// SetDefaults fills zero fields with their defaults.
func (o *Options) SetDefaults() {
	if o.MaxFileBytes == 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	o.PDF.SetDefaults()
	o.HTML.SetDefaults()
	o.OCR.SetDefaults()
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.MaxFileBytes < 1 || o.MaxFileBytes > MaxMaxFileBytes {
		errs = append(errs, fmt.Errorf("corpus: max file bytes %d out of range 1..%d", o.MaxFileBytes, int64(MaxMaxFileBytes)))
	}
	if err := o.PDF.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := o.HTML.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := o.OCR.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
