package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// ErrPdftotext means poppler's pdftotext is not installed, or exited with
// an error on the file (a timeout wraps ErrTimeout instead).
var ErrPdftotext = errors.New("pdftext: pdftotext failed")

// Defaults of the pdftotext fallback.
const (
	// DefaultPdftotextTimeout is the time allowed for one pdftotext run.
	DefaultPdftotextTimeout = 60 * time.Second
	// DefaultPdftotextMaxBytes is the most output (bytes) read from one
	// pdftotext run; the rest is dropped with a warning.
	DefaultPdftotextMaxBytes = 64 << 20
	// PdftotextMaxMemory is the address-space limit (bytes) of a pdftotext
	// process, set with the shell's ulimit -v: a decompression bomb in
	// the shared adversarial corpus drove it to 2.4 GB without one.
	PdftotextMaxMemory = 1 << 30
)

// LimitedCommand returns a command that runs bin with args under an
// address-space limit of maxBytes (via /bin/sh's ulimit -v), or without
// one where there is no /bin/sh. The program sees the same arguments.
func LimitedCommand(ctx context.Context, maxBytes int64, bin string, args ...string) *exec.Cmd {
	if _, err := exec.LookPath("/bin/sh"); err != nil || maxBytes <= 0 {
		return exec.CommandContext(ctx, bin, args...)
	}
	script := `ulimit -v "$1" 2>/dev/null; shift; exec "$@"`
	return exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, "sh", strconv.FormatInt(maxBytes>>10, 10), bin}, args...)...)
}

// lookPdftotext finds pdftotext on the PATH once per process.
var lookPdftotext = sync.OnceValue(func() string {
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		return ""
	}
	return p
})

// PdftotextPath returns the path of poppler's pdftotext found on the PATH
// (looked up once per process), or "" when it is not installed.
func PdftotextPath() string { return lookPdftotext() }

// PdftotextResult is the output of one pdftotext run.
type PdftotextResult struct {
	// Pages holds the raw text of pages first..last, in order; index 0 is
	// page first.
	Pages []string
	// Truncated is true when the output exceeded the byte limit; the last
	// page may then be cut short and later pages are missing.
	Truncated bool
}

// Pdftotext runs poppler's pdftotext (bin; "" finds it on the PATH) in raw
// reading order ("-enc UTF-8", no -layout) on data fed through stdin, for
// pages first to last (1-based, 0 for "to the end"), within timeout and
// maxBytes of output (zero values take the defaults), in at most
// PdftotextMaxMemory of address space. It never modifies
// data. Poppler reads files encrypted with an empty user password, headers
// other than 1.x and most broken cross-reference tables.
func Pdftotext(ctx context.Context, bin string, data []byte, first, last int, timeout time.Duration, maxBytes int) (PdftotextResult, error) {
	if bin == "" {
		bin = PdftotextPath()
	}
	if bin == "" {
		return PdftotextResult{}, fmt.Errorf("%w: not installed (Debian: apt-get install poppler-utils)", ErrPdftotext)
	}
	if timeout <= 0 {
		timeout = DefaultPdftotextTimeout
	}
	if maxBytes <= 0 {
		maxBytes = DefaultPdftotextMaxBytes
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := []string{"-q", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	args = append(args, "-", "-")
	cmd := LimitedCommand(ctx, PdftotextMaxMemory, bin, args...)
	cmd.Stdin = bytes.NewReader(data)
	out := &capped{left: maxBytes}
	var stderr capped
	stderr.left = 4096
	cmd.Stdout, cmd.Stderr = out, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return PdftotextResult{}, fmt.Errorf("%w: pdftotext ran longer than %v", ErrTimeout, timeout)
	}
	if err != nil {
		return PdftotextResult{}, fmt.Errorf("%w: %v: %s", ErrPdftotext, err, clip(stderr.buf.String()))
	}
	text := out.buf.String()
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	// pdftotext ends every page with a form feed.
	pages := strings.Split(text, "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return PdftotextResult{Pages: pages, Truncated: out.dropped}, nil
}

// capped is a writer that keeps the first left bytes and drops the rest.
type capped struct {
	buf     bytes.Buffer
	left    int
	dropped bool
}

func (c *capped) Write(p []byte) (int, error) {
	n := min(len(p), c.left)
	c.buf.Write(p[:n])
	c.left -= n
	if n < len(p) {
		c.dropped = true
	}
	return len(p), nil
}
