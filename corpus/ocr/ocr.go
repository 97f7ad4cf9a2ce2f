package ocr

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/corpus/pdftext"
)

// Sentinel errors; every error of Engine.Page wraps one of them (or the
// context's error when it is cancelled).
var (
	// ErrUnavailable means tesseract or pdftoppm is not installed, or OCR
	// is disabled.
	ErrUnavailable = errors.New("ocr: unavailable")
	// ErrTimeout means a page took longer than Options.PageTimeout.
	ErrTimeout = errors.New("ocr: timeout")
	// ErrFailed means pdftoppm or tesseract exited with an error.
	ErrFailed = errors.New("ocr: failed")
)

// Defaults applied by Options.SetDefaults.
const (
	DefaultWorkers     = 1                // concurrent page recognitions
	DefaultMaxPages    = 100              // pages recognised per document
	DefaultPageTimeout = 90 * time.Second // per page, render and recognition
	DefaultDPI         = 200              // render resolution, dots per inch
	DefaultLanguage    = "eng"            // tesseract language
	// MaxPageBytes is the most text (bytes) read from tesseract for one page.
	MaxPageBytes = 1 << 20
	// MaxMemory is the address-space limit (bytes) of each pdftoppm and
	// tesseract process.
	MaxMemory = 2 << 30
)

// InstallHint tells a user what to install for OCR (Debian package names).
const InstallHint = "install tesseract-ocr, tesseract-ocr-eng and poppler-utils (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng poppler-utils)"

// Options configure an Engine. The zero value means "the defaults, OCR on
// when the tools are installed".
type Options struct {
	// Disabled turns OCR off.
	Disabled bool
	// Workers is the number of page recognitions run at once by one
	// Engine (each a tesseract process limited to one thread). Default 1.
	Workers int
	// MaxPages is the number of pages of one document recognised; later
	// candidates are left without OCR (the caller warns). Default 100.
	MaxPages int
	// PageTimeout is the time allowed for one page. Default 90 s.
	PageTimeout time.Duration
	// DPI is the render resolution. Default 200.
	DPI int
	// Language is tesseract's -l argument. Default "eng".
	Language string
	// CacheDir holds cached results. Default: os.UserCacheDir()/dossier/ocr
	// (or none when there is no user cache folder).
	CacheDir string
	// NoCache turns the disk cache off.
	NoCache bool
	// Tesseract and Pdftoppm are the programs; "" finds them on the PATH.
	Tesseract, Pdftoppm string
}

// RegisterFlags adds the OCR flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.Disabled, "no-ocr", false, "do not OCR pages without a text layer")
	fs.IntVar(&o.Workers, "ocr-workers", DefaultWorkers, "tesseract processes run at once")
	fs.IntVar(&o.MaxPages, "ocr-max-pages", DefaultMaxPages, "pages OCR'd per document")
	fs.DurationVar(&o.PageTimeout, "ocr-page-timeout", DefaultPageTimeout, "time limit for OCR of one page")
	fs.StringVar(&o.CacheDir, "ocr-cache", "", "OCR cache folder (default: the user cache folder's dossier/ocr)")
	fs.BoolVar(&o.NoCache, "no-ocr-cache", false, "do not cache OCR results on disk")
}

// SetDefaults fills zero fields with their defaults.
func (o *Options) SetDefaults() {
	if o.Workers == 0 {
		o.Workers = DefaultWorkers
	}
	if o.MaxPages == 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.PageTimeout == 0 {
		o.PageTimeout = DefaultPageTimeout
	}
	if o.DPI == 0 {
		o.DPI = DefaultDPI
	}
	if o.Language == "" {
		o.Language = DefaultLanguage
	}
	if o.CacheDir == "" && !o.NoCache {
		if d, err := os.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(d, "dossier", "ocr")
		}
	}
}

// Validate reports every invalid option.
func (o Options) Validate() error {
	var errs []error
	if o.Workers < 0 || o.Workers > 64 {
		errs = append(errs, fmt.Errorf("ocr: workers %d out of range 0..64", o.Workers))
	}
	if o.MaxPages < 0 {
		errs = append(errs, fmt.Errorf("ocr: max pages %d is negative", o.MaxPages))
	}
	if o.PageTimeout < 0 {
		errs = append(errs, fmt.Errorf("ocr: page timeout %v is negative", o.PageTimeout))
	}
	if o.DPI < 0 || o.DPI > 600 {
		errs = append(errs, fmt.Errorf("ocr: dpi %d out of range 0..600", o.DPI))
	}
	for _, r := range o.Language {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '+') {
			errs = append(errs, fmt.Errorf("ocr: language %q: use tesseract names such as eng or eng+deu", o.Language))
			break
		}
	}
	return errors.Join(errs...)
}

// Engine runs OCR on a bounded pool. It is safe for concurrent use.
type Engine struct {
	opts      Options
	sem       chan struct{}
	tesseract string
	pdftoppm  string
	version   string // tesseract's version line, part of the cache key
	why       string // why OCR is unavailable, or ""
}

// New returns an Engine for opts (defaults filled in). It looks for the
// programs once; an Engine whose programs are missing is still returned,
// and Available says why it cannot work.
func New(opts Options) (*Engine, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	e := &Engine{opts: opts, sem: make(chan struct{}, opts.Workers)}
	if opts.Disabled {
		e.why = "OCR is disabled"
		return e, nil
	}
	var missing []string
	find := func(given, name string) string {
		if given == "" {
			given = name
		}
		p, err := exec.LookPath(given)
		if err != nil {
			missing = append(missing, name)
			return ""
		}
		return p
	}
	e.tesseract = find(opts.Tesseract, "tesseract")
	e.pdftoppm = find(opts.Pdftoppm, "pdftoppm")
	if len(missing) > 0 {
		e.why = strings.Join(missing, " and ") + " not found: " + InstallHint
		return e, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, e.tesseract, "--version").CombinedOutput()
	if err != nil {
		e.why = fmt.Sprintf("tesseract --version failed (%v): %s", err, InstallHint)
		return e, nil
	}
	e.version, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	return e, nil
}

// Available reports whether OCR can run, and if not, why (with what to
// install).
func (e *Engine) Available() (bool, string) { return e.why == "", e.why }

// MaxPages is the number of pages of one document the caller should OCR.
func (e *Engine) MaxPages() int { return e.opts.MaxPages }

// Page returns the recognised text of page (1-based) of the PDF in data,
// whose SHA-256 (hex) is sha, from the cache when it holds it. The text is
// raw tesseract output, valid UTF-8. It waits for a free worker.
func (e *Engine) Page(ctx context.Context, data []byte, sha string, page int) (text string, cached bool, err error) {
	if e.why != "" {
		return "", false, fmt.Errorf("%w: %s", ErrUnavailable, e.why)
	}
	key := e.cacheKey(sha, page)
	if t, ok := e.readCache(key); ok {
		return t, true, nil
	}
	select {
	case e.sem <- struct{}{}:
	case <-ctx.Done():
		return "", false, fmt.Errorf("ocr: page %d: %w", page, ctx.Err())
	}
	defer func() { <-e.sem }()
	text, err = e.recognise(ctx, data, page)
	if err != nil {
		return "", false, err
	}
	e.writeCache(key, text)
	return text, false, nil
}

// recognise renders page with pdftoppm and pipes the image to tesseract.
func (e *Engine) recognise(ctx context.Context, data []byte, page int) (string, error) {
	pctx, cancel := context.WithTimeout(ctx, e.opts.PageTimeout)
	defer cancel()
	n := strconv.Itoa(page)
	render := pdftext.LimitedCommand(pctx, MaxMemory, e.pdftoppm, "-q", "-r", strconv.Itoa(e.opts.DPI), "-gray",
		"-f", n, "-l", n, "-singlefile", "-") // no image root: to stdout
	render.Stdin = bytes.NewReader(data)
	render.WaitDelay = time.Second
	var renderErr bytes.Buffer
	render.Stderr = &limited{w: &renderErr, left: 2048}
	img, err := render.Output()
	if err != nil || len(img) == 0 {
		return "", e.failure(pctx, ctx, page, "pdftoppm", err, renderErr.String())
	}
	recog := pdftext.LimitedCommand(pctx, MaxMemory, e.tesseract, "-", "-", "-l", e.opts.Language)
	recog.Stdin = bytes.NewReader(img)
	recog.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	recog.WaitDelay = time.Second
	var out, recogErr bytes.Buffer
	recog.Stdout = &limited{w: &out, left: MaxPageBytes}
	recog.Stderr = &limited{w: &recogErr, left: 2048}
	if err := recog.Run(); err != nil {
		return "", e.failure(pctx, ctx, page, "tesseract", err, recogErr.String())
	}
	text := out.String()
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "")
	}
	return text, nil
}

// failure turns a subprocess error into a sentinel-wrapping error.
func (e *Engine) failure(pctx, ctx context.Context, page int, prog string, err error, stderr string) error {
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("ocr: page %d: %w", page, ctx.Err())
	case pctx.Err() != nil:
		return fmt.Errorf("%w: page %d took longer than %v", ErrTimeout, page, e.opts.PageTimeout)
	case err == nil:
		return fmt.Errorf("%w: page %d: %s rendered nothing", ErrFailed, page, prog)
	}
	msg := strings.Join(strings.Fields(stderr), " ")
	if len(msg) > 200 {
		msg = msg[:200]
	}
	return fmt.Errorf("%w: page %d: %s: %v %s", ErrFailed, page, prog, err, strings.ToValidUTF8(msg, "?"))
}

// cacheKey names the cache entry of a page: it changes with the file, the
// page, the rendering and the recogniser.
func (e *Engine) cacheKey(sha string, page int) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d\x00%s\x00%s", sha, page, e.opts.DPI, e.opts.Language, e.version))
	return hex.EncodeToString(h[:16])
}

func (e *Engine) cachePath(key string) string {
	if e.opts.NoCache || e.opts.CacheDir == "" {
		return ""
	}
	return filepath.Join(e.opts.CacheDir, key[:2], key+".txt")
}

func (e *Engine) readCache(key string) (string, bool) {
	p := e.cachePath(key)
	if p == "" {
		return "", false
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) > MaxPageBytes || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// writeCache stores text atomically (temporary file, then rename); errors
// are ignored: the cache is an optimisation.
func (e *Engine) writeCache(key, text string) {
	p := e.cachePath(key)
	if p == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := f.WriteString(text)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), p) != nil {
		os.Remove(f.Name())
	}
}

// limited is a writer that keeps the first left bytes and drops the rest.
type limited struct {
	w    *bytes.Buffer
	left int
}

func (l *limited) Write(p []byte) (int, error) {
	n := min(len(p), l.left)
	l.w.Write(p[:n])
	l.left -= n
	return len(p), nil
}
