package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Sentinel errors. Extract wraps one of them (with detail) in every error it
// returns, except for a cancelled context, so callers can branch with
// errors.Is.
var (
	// ErrNotPDF means the input has no "%PDF-" header near its start
	// (this includes empty input).
	ErrNotPDF = errors.New("pdftext: not a PDF")
	// ErrEncrypted means the file is encrypted and cannot be opened with
	// the empty user password, or uses an encryption the library lacks.
	ErrEncrypted = errors.New("pdftext: encrypted PDF")
	// ErrMalformed means the file has a PDF header but its structure is
	// broken (truncated, bad cross-reference table, unreadable page tree).
	ErrMalformed = errors.New("pdftext: malformed PDF")
	// ErrTimeout means the file or one page took longer than allowed, or
	// the context's deadline passed.
	ErrTimeout = errors.New("pdftext: timeout")
	// ErrPanic means the PDF library panicked while reading the file
	// structure, or on every page that it tried to read.
	ErrPanic = errors.New("pdftext: PDF library panicked")
)

// Result is the text of one PDF file.
type Result struct {
	// Pages holds the raw (not normalised) text of each page read; index 0
	// is page 1. It has min(PageCount, Options.MaxPages) entries; a page
	// without a text layer (scanned) or whose text could not be read has
	// "" (the latter with a warning).
	Pages []string
	// Info describes each page of Pages (same index): what its resources
	// hold, for deciding on a fallback or OCR.
	Info []PageInfo
	// PageCount is the number of pages the file declares.
	PageCount int
	// Title is the Info dictionary's Title, trimmed, or "".
	Title string
	// Producer is the Info dictionary's Producer, trimmed, or "".
	Producer string
	// Warnings lists non-fatal problems met and repairs made, in order; at
	// most 50, then one that counts the rest.
	Warnings []string
}

// Extract reads the text of every page of the PDF in data, within the
// limits of opts (zero fields take their defaults). It never panics and
// never modifies data.
//
// On success the error is nil. On ErrTimeout the Result holds the pages
// finished before the deadline (and PageCount, Title and Producer when the
// file was opened); for every other error it is the zero Result. When ctx
// is cancelled (not timed out) the error wraps ctx.Err().
func Extract(ctx context.Context, data []byte, opts Options) (Result, error) {
	return extract(ctx, data, opts, modeLayout)
}

// extract is Extract with a choice of page text strategy, for measurements.
func extract(ctx context.Context, data []byte, opts Options, mode textMode) (Result, error) {
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	opts.SetDefaults()
	prepared, warnings, err := prepare(data)
	if err != nil {
		return Result{}, err
	}

	ctx, cancel := context.WithTimeout(ctx, opts.FileTimeout)
	defer cancel()

	// The worker reports each step on events and its outcome on done. It
	// selects on abandon so that it never blocks once Extract has gone.
	events := make(chan event)
	done := make(chan outcome, 1)
	abandon := make(chan struct{})
	defer close(abandon)
	running.Add(1)
	go func() {
		defer running.Add(-1)
		work(prepared, opts.MaxPages, opts.Workers, mode, beforePage, events, done, abandon)
	}()

	res := Result{Warnings: warnings}
	step := "opening the file"
	timer := time.NewTimer(opts.PageTimeout)
	defer timer.Stop()
	for {
		select {
		case ev := <-events:
			switch {
			case ev.opened != nil:
				res.PageCount = ev.opened.pageCount
				res.Title = ev.opened.title
				res.Producer = ev.opened.producer
				res.Warnings = append(res.Warnings, ev.opened.warnings...)
			default:
				res.Pages = append(res.Pages, ev.page.text)
				res.Info = append(res.Info, ev.page.info)
				res.Warnings = append(res.Warnings, ev.page.warnings...)
			}
			step = fmt.Sprintf("reading page %d", len(res.Pages)+1)
			timer.Reset(opts.PageTimeout)
		case out := <-done:
			if out.err != nil {
				return Result{}, out.err
			}
			res.Warnings = capWarnings(append(res.Warnings, out.warnings...))
			return res, nil
		case <-timer.C:
			res.Warnings = capWarnings(res.Warnings)
			return res, fmt.Errorf("%w: %s took longer than %v", ErrTimeout, step, opts.PageTimeout)
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				res.Warnings = capWarnings(res.Warnings)
				return res, fmt.Errorf("%w: %s: file deadline passed: %w", ErrTimeout, step, ctx.Err())
			}
			return Result{}, fmt.Errorf("pdftext: %s: %w", step, ctx.Err())
		}
	}
}

// maxWarnings is the number of warnings a Result keeps; the rest are
// counted in a last warning.
const maxWarnings = 50

// capWarnings keeps the first maxWarnings warnings and summarises the rest.
func capWarnings(w []string) []string {
	if len(w) <= maxWarnings {
		return w
	}
	return append(w[:maxWarnings:maxWarnings], fmt.Sprintf("%d more warnings left out", len(w)-maxWarnings))
}

// beforePage, when set (by tests only, before calling Extract), runs in
// the worker before each page is read.
var beforePage func(page int)

// event is one step reported by the worker: exactly one field is set.
type event struct {
	opened *opened
	page   *pageText
}

// opened describes a file the library has accepted.
type opened struct {
	pageCount       int
	title, producer string
	warnings        []string
}

// outcome is the worker's final report.
type outcome struct {
	err      error
	warnings []string
}

// running counts the goroutines running the PDF library, in this process.
var running atomic.Int64

// Running is the number of goroutines running the PDF library in this
// process. The library cannot be interrupted: after Extract returns
// ErrTimeout, the goroutine reading the file (a page tree that refers to
// itself, say) may go on using CPU until the process ends. A caller that
// sees Running above 0 once no Extract is in progress should end the
// process; the isolate package's workers do.
func Running() int64 { return running.Load() }

// work runs the library on data and reports to Extract. It recovers from
// any panic and turns it into ErrPanic.
func work(data []byte, maxPages, workers int, mode textMode, hook func(page int),
	events chan<- event, done chan<- outcome, abandon <-chan struct{}) {
	var out outcome
	defer func() {
		if p := recover(); p != nil {
			out = outcome{err: panicError("reading the file structure", p)}
		}
		done <- out // buffered: never blocks
	}()
	send := func(ev event) bool {
		select {
		case events <- ev:
			return true
		case <-abandon:
			return false
		}
	}

	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		out.err = openError(data, err)
		return
	}
	o := &opened{}
	encrypted := r.Trailer().Key("Encrypt").Kind() != pdf.Null
	if encrypted {
		o.warnings = append(o.warnings, "encrypted with an empty user password; decrypted")
	}
	o.title = infoString(r, "Title", &o.warnings)
	o.producer = infoString(r, "Producer", &o.warnings)
	o.pageCount = r.NumPage()
	if o.pageCount < 0 {
		o.warnings = append(o.warnings, fmt.Sprintf("page tree declares %d pages; treated as 0", o.pageCount))
		o.pageCount = 0
	}
	n := o.pageCount
	if n > maxPages {
		o.warnings = append(o.warnings, fmt.Sprintf("read only the first %d of %d pages", maxPages, n))
		n = maxPages
	}
	if !send(event{opened: o}) {
		return
	}

	// Pages are read by up to workers goroutines (the Reader is immutable
	// once open) and reported in page order.
	results := make([]pageText, n)
	ready := make([]chan struct{}, n)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := 1; i <= n; i++ {
			select {
			case next <- i:
			case <-abandon:
				return
			}
		}
	}()
	for w := 0; w < min(workers, n); w++ {
		running.Add(1)
		go func() {
			defer running.Add(-1)
			for i := range next {
				func() {
					defer close(ready[i-1])
					defer func() {
						if p := recover(); p != nil { // from hook; readPage never panics
							results[i-1] = pageText{panicked: panicError(fmt.Sprintf("page %d", i), p)}
						}
					}()
					if hook != nil {
						hook(i)
					}
					pt := readPage(r, i, mode)
					if !utf8.ValidString(pt.text) {
						pt.text = strings.ToValidUTF8(pt.text, "\uFFFD")
					}
					results[i-1] = pt
				}()
			}
		}()
	}
	var firstPanic error
	gotText := false
	for i := 1; i <= n; i++ {
		select {
		case <-ready[i-1]:
		case <-abandon:
			return
		}
		pt := results[i-1]
		results[i-1] = pageText{} // let the page's text go once sent
		if pt.panicked != nil && firstPanic == nil {
			firstPanic = pt.panicked
		}
		if strings.TrimSpace(pt.text) != "" {
			gotText = true
		}
		if !send(event{page: &pt}) {
			return
		}
	}
	if firstPanic != nil && !gotText {
		out.err = firstPanic
		if encrypted {
			// ledongthuc's decryption is weak: a file it opened with the
			// empty password may still not decrypt (seen with RC4 R2).
			out.err = fmt.Errorf("%w: opened with the empty user password but no page decrypted: %w", ErrEncrypted, firstPanic)
		}
	}
}

// openError classifies an error from pdf.NewReader.
func openError(data []byte, err error) error {
	msg := clip(err.Error())
	if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(msg, "encrypt") ||
		bytes.Contains(data, []byte("/Encrypt")) {
		return fmt.Errorf("%w: %s", ErrEncrypted, msg)
	}
	for _, prefix := range []string{"malformed PDF file: ", "malformed PDF: ", "not a PDF file: "} {
		msg = strings.TrimPrefix(msg, prefix)
	}
	return fmt.Errorf("%w: %s", ErrMalformed, msg)
}

// panicError turns a recovered panic value into an error wrapping ErrPanic.
// The innermost stack frame in the PDF library is kept to help bug reports.
func panicError(step string, p any) error {
	return fmt.Errorf("%w: %s: %s%s", ErrPanic, step, clip(fmt.Sprint(p)), libraryFrame(debug.Stack()))
}

// maxDetail is the length (bytes) to which library messages are clipped;
// some quote whole stretches of the broken file.
const maxDetail = 160

// clip returns s on one line, without control characters, and at most
// maxDetail bytes long.
func clip(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.IsSpace(r)
	}), " ")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	if len(s) <= maxDetail {
		return s
	}
	cut := maxDetail
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// libraryFrame returns " (at file:line)" for the innermost stack frame in
// the PDF library, or "".
func libraryFrame(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i := 0; i+1 < len(lines); i++ {
		if strings.Contains(lines[i], "ledongthuc/pdf.") {
			loc := strings.TrimSpace(lines[i+1])
			if j := strings.LastIndex(loc, "/"); j >= 0 {
				loc = loc[j+1:]
			}
			if j := strings.Index(loc, " "); j >= 0 {
				loc = loc[:j]
			}
			return " (at " + loc + ")"
		}
	}
	return ""
}

// infoString returns an entry of the Info dictionary as trimmed, valid
// UTF-8 without control characters, or "" (with a warning if reading it
// panicked).
func infoString(r *pdf.Reader, key string, warnings *[]string) (s string) {
	defer func() {
		if p := recover(); p != nil {
			*warnings = append(*warnings, fmt.Sprintf("Info %s unreadable: %s", key, clip(fmt.Sprint(p))))
			s = ""
		}
	}()
	v := r.Trailer().Key("Info").Key(key)
	if v.Kind() != pdf.String {
		return ""
	}
	s = v.Text()
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
