package ocr

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier/corpus/internal/pdffixture"
)

func TestOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		ok   bool
	}{
		{"zero", Options{}, true},
		{"negative workers", Options{Workers: -1}, false},
		{"too many workers", Options{Workers: 65}, false},
		{"negative pages", Options{MaxPages: -1}, false},
		{"negative timeout", Options{PageTimeout: -time.Second}, false},
		{"dpi", Options{DPI: 1200}, false},
		{"language injection", Options{Language: "eng -c x=y"}, false},
		{"two languages", Options{Language: "eng+deu"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.SetDefaults()
			if err := tt.opts.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	var o Options
	o.SetDefaults()
	if o.Workers != DefaultWorkers || o.DPI != DefaultDPI || o.Language != "eng" || o.MaxPages != DefaultMaxPages {
		t.Errorf("defaults %+v", o)
	}
}

func TestUnavailable(t *testing.T) {
	for _, opts := range []Options{
		{Tesseract: "/nonexistent/tesseract", NoCache: true},
		{Disabled: true},
	} {
		e, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		ok, why := e.Available()
		if ok || why == "" {
			t.Fatalf("Available = %v, %q", ok, why)
		}
		if !opts.Disabled && !strings.Contains(why, "tesseract-ocr") {
			t.Errorf("hint %q does not name the package to install", why)
		}
		if _, _, err := e.Page(context.Background(), []byte("%PDF-1.4"), "ab", 1); !errors.Is(err, ErrUnavailable) {
			t.Errorf("Page error %v, want ErrUnavailable", err)
		}
	}
}

// fakeTools writes stand-ins for pdftoppm and tesseract into a temporary
// folder: the fake tesseract logs its start and end times (ns) to log,
// sleeps for sleep and prints "fake page text".
func fakeTools(t *testing.T, sleep string) (pdftoppm, tesseract, log string) {
	t.Helper()
	dir := t.TempDir()
	log = filepath.Join(dir, "log")
	pdftoppm = filepath.Join(dir, "pdftoppm")
	tesseract = filepath.Join(dir, "tesseract")
	write := func(p, body string) {
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(pdftoppm, "cat >/dev/null\nprintf 'P5 1 1 255 x'\n")
	write(tesseract, `if [ "$1" = --version ]; then echo "tesseract 0.fake"; exit 0; fi
cat >/dev/null
echo "start $(date +%s%N)" >> `+log+`
sleep `+sleep+`
echo "end $(date +%s%N)" >> `+log+`
echo "fake page text"
`)
	return pdftoppm, tesseract, log
}

// maxOverlap reads the fake tesseract's log and returns the largest
// number of runs that overlapped.
func maxOverlap(t *testing.T, log string) (runs, most int) {
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	type ev struct {
		at    int64
		delta int
	}
	var evs []ev
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		kind, at, _ := strings.Cut(line, " ")
		n, err := strconv.ParseInt(at, 10, 64)
		if err != nil {
			t.Fatalf("log line %q", line)
		}
		if kind == "start" {
			evs = append(evs, ev{n, 1})
			runs++
		} else {
			evs = append(evs, ev{n, -1})
		}
	}
	slices.SortFunc(evs, func(a, b ev) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return a.delta - b.delta // ends before starts at the same instant
	})
	cur := 0
	for _, e := range evs {
		cur += e.delta
		most = max(most, cur)
	}
	return runs, most
}

func TestPoolBoundAndCache(t *testing.T) {
	pdftoppm, tesseract, log := fakeTools(t, "0.2")
	cache := t.TempDir()
	e, err := New(Options{Workers: 2, Pdftoppm: pdftoppm, Tesseract: tesseract, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if ok, why := e.Available(); !ok {
		t.Fatal(why)
	}
	var wg sync.WaitGroup
	for page := 1; page <= 6; page++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, cached, err := e.Page(context.Background(), []byte("%PDF-1.4 fake"), "0123abcd", page)
			if err != nil || cached || strings.TrimSpace(text) != "fake page text" {
				t.Errorf("page %d: %q cached=%v %v", page, text, cached, err)
			}
		}()
	}
	wg.Wait()
	runs, most := maxOverlap(t, log)
	if runs != 6 || most > 2 || most < 1 {
		t.Errorf("%d runs, at most %d at once; want 6 runs, at most 2 at once", runs, most)
	}
	// Second time round: every page comes from the cache.
	text, cached, err := e.Page(context.Background(), []byte("%PDF-1.4 fake"), "0123abcd", 3)
	if err != nil || !cached || strings.TrimSpace(text) != "fake page text" {
		t.Errorf("cached page: %q cached=%v %v", text, cached, err)
	}
	if runs2, _ := maxOverlap(t, log); runs2 != 6 {
		t.Errorf("tesseract ran again (%d runs) for a cached page", runs2)
	}
	// Another file (hash) is not served from the cache.
	if _, cached, _ := e.Page(context.Background(), []byte("%PDF-1.4 fake"), "ffff", 3); cached {
		t.Error("a different file hit the cache")
	}
}

func TestPageTimeout(t *testing.T) {
	pdftoppm, tesseract, _ := fakeTools(t, "5")
	e, err := New(Options{Pdftoppm: pdftoppm, Tesseract: tesseract, NoCache: true, PageTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, _, err = e.Page(context.Background(), []byte("%PDF-1.4"), "ab", 1)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("took %v for a 300ms timeout", el)
	}
}

// scannedPDF returns an image-only PDF of one page showing lines: it
// renders a text PDF with pdftoppm and wraps the image in a new PDF.
func scannedPDF(t testing.TB, lines []string) []byte {
	t.Helper()
	data, err := pdffixture.Scanned(lines, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRealOCR(t *testing.T) {
	for _, tool := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (%s)", tool, InstallHint)
		}
	}
	data := scannedPDF(t, []string{"UNITED STATES DISTRICT COURT", "The Nightjar implant exfiltrated eleven gigabytes."})
	check := exec.Command("pdftotext", "-", "-")
	check.Stdin = bytes.NewReader(data)
	if out, _ := check.Output(); len(bytes.TrimSpace(out)) > 0 {
		t.Fatal("the scanned fixture has a text layer")
	}
	e, err := New(Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := e.Page(context.Background(), data, "scan", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"UNITED STATES DISTRICT COURT", "Nightjar", "eleven gigabytes"} {
		if !strings.Contains(text, w) {
			t.Errorf("OCR text %q lacks %q", text, w)
		}
	}
	if _, _, err := e.Page(context.Background(), data, "scan", 7); !errors.Is(err, ErrFailed) {
		t.Errorf("page 7 of 1: error %v, want ErrFailed", err)
	}
}

// BenchmarkPage measures one page's OCR (render and recognition, no
// cache) on a generated scan.
func BenchmarkPage(b *testing.B) {
	for _, tool := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("%s is not installed", tool)
		}
	}
	data := scannedPDF(b, []string{"UNITED STATES DISTRICT COURT", "The Nightjar implant exfiltrated eleven gigabytes."})
	e, err := New(Options{NoCache: true})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, _, err := e.Page(context.Background(), data, "bench", 1); err != nil {
			b.Fatal(err)
		}
	}
}
