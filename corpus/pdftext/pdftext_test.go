package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"dossier/corpus/internal/pdffixture"
	"dossier/corpus/textnorm"
)

const (
	sampleDir = "../testdata/sample/filings"
	badDir    = "../testdata/bad"
)

func readFixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatalf("fixture: %v (regenerate with go run ./corpus/internal/samplegen)", err)
	}
	return data
}

// sample describes what each generated filing must yield.
type sample struct {
	name    string
	pages   int
	stamp   string // printf pattern taking page and page count
	phrases []string
}

var samples = []sample{
	{"harbor-light-complaint.pdf", 3, "Case 3:24-cv-01234-RMS Document 1 Filed 02/05/24 Page %d of %d",
		[]string{"HARBOR LIGHT MEDIA, INC.,", "CASTELLAN DATA SYSTEMS, LTD.,", "spyware tool it markets under the name \"Nightjar\"",
			"carried out the exfiltration of at least eleven gigabytes", "served a subpoena on the hosting provider", "Dated: February 5, 2024"}},
	{"harbor-light-order-mtd.pdf", 4, "Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page %d of %d",
		[]string{"ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS", "Dated: September 12, 2024",
			"ROSA M. SERRANO", "United States District Judge", "NORTHERN DISTRICT OF CALIFORNIA"}},
	{"harbor-light-decl-exhibit.pdf", 2, "Case 3:24-cv-01234-RMS Document 45-2 Filed 09/12/24 Page %d of %d",
		[]string{"I, Tobias R. Menendez-Hale, declare as follows:", "the Nightjar implant", "under penalty of perjury"}},
	{"delgado-whitfield-sentencing-memo.pdf", 3, "Case 1:23-cr-00456-LTK Document 88 Filed 11/03/25 Page %d of %d",
		[]string{"UNITED STATES OF AMERICA", "MARCUS DELGADO-WHITFIELD,", "SOUTHERN DISTRICT OF NEW YORK",
			"counterfeit turbine bearings", "Dated: New York, New York", "November 3, 2025", "Laura T. Kessler"}},
	{"harbor-light-ninth-circuit-order.pdf", 3, "Case: 25-1432, 03/03/2025, DktEntry: 14.1, Page %d of %d",
		[]string{"UNITED STATES COURT OF APPEALS", "FOR THE NINTH CIRCUIT", "Before: WALSH, IBARRA, and CHEN, Circuit Judges.",
			"No. 3:24-cv-01234-RMS", "Northern District of California"}},
}

func TestExtractSamples(t *testing.T) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			res, err := Extract(context.Background(), readFixture(t, sampleDir, s.name), Options{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if res.PageCount != s.pages || len(res.Pages) != s.pages {
				t.Fatalf("PageCount %d, %d pages read; want %d", res.PageCount, len(res.Pages), s.pages)
			}
			if res.Producer != "dossier samplegen" || res.Title == "" {
				t.Errorf("Producer %q, Title %q", res.Producer, res.Title)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
			var all []string
			for i, p := range res.Pages {
				text := textnorm.Normalize(p)
				stamp := fmt.Sprintf(s.stamp, i+1, s.pages)
				if first, _, _ := strings.Cut(text, "\n"); first != stamp {
					t.Errorf("page %d: first line %q, want stamp %q", i+1, first, stamp)
				}
				all = append(all, text)
			}
			// Phrases may wrap; compare on single-spaced text.
			joined := textnorm.CollapseWhitespace(strings.Join(all, "\n"))
			for _, ph := range s.phrases {
				if !strings.Contains(joined, ph) {
					t.Errorf("missing phrase %q", ph)
				}
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	complaint := readFixture(t, sampleDir, "harbor-light-complaint.pdf")
	tests := []struct {
		name     string
		data     []byte
		want     error  // nil: success
		warnLike string // a warning that must appear on success
	}{
		{"junk header", readFixture(t, badDir, "junk-header.pdf"), nil, "junk bytes before"},
		{"truncated", readFixture(t, badDir, "truncated.pdf"), ErrMalformed, ""},
		{"not a pdf", readFixture(t, badDir, "notreally.pdf"), ErrNotPDF, ""},
		{"empty", readFixture(t, badDir, "empty.pdf"), ErrNotPDF, ""},
		{"nil", nil, ErrNotPDF, ""},
		{"header only", []byte("%PDF-1.4\n"), ErrMalformed, ""},
		{"pdf 2.0 header", withHeader(complaint, "%PDF-2.0"), nil, "rewritten to 1.7"},
		{"header with space", withHeader(complaint, "%PDF-1.3 "), nil, "header line ended"},
		{"trailing junk", append(bytes.Clone(complaint), "\x00\x00garbage after the end"...), nil, "after the last %%EOF"},
		{"user password", protected(t, "secret"), ErrEncrypted, ""},
		// ledongthuc opens fpdf's RC4 files with the empty password but
		// fails to decrypt their streams (pdftotext reads them).
		{"owner password only", protected(t, ""), ErrEncrypted, ""},
		// The interpreter skips an operator with bad operands, as viewers do.
		{"bad content operator", minimalPDF("BT /F1 Tf ET"), nil, ""},
		{"content the tokenizer rejects", minimalPDF("BT 1 begin ET"), ErrPanic, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(context.Background(), tt.data, Options{})
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("error %v, want %v", err, tt.want)
				}
				if !strings.HasPrefix(err.Error(), "pdftext: ") {
					t.Errorf("error %q lacks the package prefix", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if len(res.Pages) == 0 {
				t.Fatal("no pages")
			}
			if !strings.Contains(strings.Join(res.Warnings, "\n"), tt.warnLike) {
				t.Errorf("warnings %q lack %q", res.Warnings, tt.warnLike)
			}
		})
	}
}

func TestExtractDoesNotModifyInput(t *testing.T) {
	data := withHeader(readFixture(t, sampleDir, "harbor-light-complaint.pdf"), "%PDF-2.0")
	before := bytes.Clone(data)
	if _, err := Extract(context.Background(), data, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, before) {
		t.Fatal("Extract modified its input")
	}
}

func TestExtractMaxPages(t *testing.T) {
	res, err := Extract(context.Background(), readFixture(t, sampleDir, "harbor-light-order-mtd.pdf"), Options{MaxPages: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.PageCount != 4 || len(res.Pages) != 2 {
		t.Fatalf("PageCount %d, pages %d; want 4 and 2", res.PageCount, len(res.Pages))
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "first 2 of 4") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestExtractPageTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	beforePage = func(page int) {
		if page == 2 {
			<-release // hang on page 2 until the test ends
		}
	}
	defer func() { beforePage = nil }()
	start := time.Now()
	res, err := Extract(context.Background(), readFixture(t, sampleDir, "harbor-light-order-mtd.pdf"),
		Options{PageTimeout: 100 * time.Millisecond, FileTimeout: 5 * time.Second})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
	if len(res.Pages) != 1 || res.PageCount != 4 || !strings.Contains(err.Error(), "page 2") {
		t.Errorf("partial result: %d pages of %d, error %q", len(res.Pages), res.PageCount, err)
	}
}

func TestExtractFileTimeout(t *testing.T) {
	beforePage = func(int) { time.Sleep(60 * time.Millisecond) }
	defer func() { beforePage = nil }()
	_, err := Extract(context.Background(), readFixture(t, sampleDir, "harbor-light-order-mtd.pdf"),
		Options{PageTimeout: time.Second, FileTimeout: 100 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want ErrTimeout wrapping DeadlineExceeded", err)
	}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	beforePage = func(int) { time.Sleep(50 * time.Millisecond) }
	defer func() { beforePage = nil }()
	_, err := Extract(ctx, readFixture(t, sampleDir, "harbor-light-order-mtd.pdf"), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestExtractConcurrent(t *testing.T) {
	data := readFixture(t, sampleDir, "harbor-light-complaint.pdf")
	want, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := Extract(context.Background(), data, Options{})
			if err != nil || strings.Join(got.Pages, "\f") != strings.Join(want.Pages, "\f") {
				t.Errorf("concurrent Extract differs: %v", err)
			}
		})
	}
	wg.Wait()
}

func TestOptions(t *testing.T) {
	var o Options
	if err := o.Validate(); err != nil {
		t.Fatalf("zero Options: %v", err)
	}
	o.SetDefaults()
	if o.MaxPages != DefaultMaxPages || o.PageTimeout != DefaultPageTimeout || o.FileTimeout != DefaultFileTimeout || o.Workers != DefaultWorkers {
		t.Fatalf("SetDefaults: %+v", o)
	}
	o = Options{MaxPages: 5, PageTimeout: time.Second}
	o.SetDefaults()
	if o.MaxPages != 5 || o.PageTimeout != time.Second || o.FileTimeout != DefaultFileTimeout {
		t.Fatalf("SetDefaults overwrote set fields: %+v", o)
	}
	bad := Options{MaxPages: -1, PageTimeout: -time.Second, FileTimeout: -1, Workers: MaxWorkers + 1}
	err := bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "MaxPages") || !strings.Contains(err.Error(), "FileTimeout") || !strings.Contains(err.Error(), "Workers") {
		t.Fatalf("Validate(%+v) = %v", bad, err)
	}
	if _, err := Extract(context.Background(), []byte("%PDF-1.4\n"), bad); err == nil {
		t.Fatal("Extract accepted invalid options")
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("é", 200)
	got := clip("line one\nline\x00two " + long)
	if strings.ContainsAny(got, "\n\x00") || len(got) > maxDetail+3 || !utf8.ValidString(got) {
		t.Fatalf("clip: %q", got)
	}
}

// withHeader returns a copy of a PDF whose first line is replaced by h,
// which must have the same length as the original header or one more byte
// (replacing the newline).
func withHeader(data []byte, h string) []byte {
	out := bytes.Clone(data)
	copy(out, h)
	return out
}

// protected returns a one-page PDF encrypted with the given user password
// (and an owner password).
func protected(t testing.TB, user string) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "Letter", "")
	p.SetProtection(fpdf.CnProtectPrint, user, "owner-secret")
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Text(72, 72, "Sealed exhibit text")
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// minimalPDF returns a one-page PDF whose page content stream is content,
// with a correct cross-reference table.
func minimalPDF(content string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	return pdffixture.Assemble(objs)
}

func TestMinimalPDF(t *testing.T) {
	res, err := Extract(context.Background(), minimalPDF("BT /F1 12 Tf 72 700 Td (Hello filings) Tj ET"), Options{})
	if err != nil || len(res.Pages) != 1 || res.Pages[0] != "Hello filings" {
		t.Fatalf("Extract = %q, %v", res.Pages, err)
	}
}

func BenchmarkExtract(b *testing.B) {
	data := readFixture(b, sampleDir, "harbor-light-order-mtd.pdf")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(context.Background(), data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheckXref(t *testing.T) {
	ok := minimalPDF("BT /F1 12 Tf 72 700 Td (x) Tj ET")
	if err := checkXref(ok); err != nil {
		t.Fatalf("valid file rejected: %v", err)
	}
	tests := []struct{ name, from, to string }{
		{"huge subsection start", "xref\n0 6", "xref\n4294967296 6"},
	}
	for _, tt := range tests {
		data := bytes.Replace(ok, []byte(tt.from), []byte(tt.to), 1)
		if err := checkXref(data); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: checkXref = %v, want ErrMalformed", tt.name, err)
		}
		if _, err := Extract(context.Background(), data, Options{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Extract = %v, want ErrMalformed", tt.name, err)
		}
	}
	stream := []byte("1 0 obj << /Type /XRef /Size 99999999999 /W [1 4 2] >> stream")
	if err := checkXref(stream); !errors.Is(err, ErrMalformed) {
		t.Errorf("huge xref stream /Size: checkXref = %v", err)
	}
	stream = []byte("1 0 obj << /Type /XRef /Size 10 /W [1 99 1] /Index [0 10] >> stream")
	if err := checkXref(stream); !errors.Is(err, ErrMalformed) {
		t.Errorf("wide /W: checkXref = %v", err)
	}
	stream = []byte("1 0 obj << /Type /XRef /Size 10 /W [1 4 2] /Index [5000000000 10] >> stream")
	if err := checkXref(stream); !errors.Is(err, ErrMalformed) {
		t.Errorf("huge /Index: checkXref = %v", err)
	}
	// A CIDFont /W array looks like an xref /W but is not near /Type /XRef.
	cid := []byte("<< /Type /Font /Subtype /CIDFontType2 /W [32 126 500] >>")
	if err := checkXref(cid); err != nil {
		t.Errorf("CIDFont widths rejected: %v", err)
	}
}

func TestCapWarnings(t *testing.T) {
	var w []string
	for i := range 60 {
		w = append(w, fmt.Sprint(i))
	}
	got := capWarnings(w)
	if len(got) != maxWarnings+1 || got[maxWarnings] != "10 more warnings left out" {
		t.Fatalf("capWarnings: %d entries, last %q", len(got), got[len(got)-1])
	}
	if len(capWarnings(w[:3])) != 3 {
		t.Fatal("capWarnings changed a short list")
	}
}

// TestExtractWorkers checks that reading pages in parallel gives the same
// result, in page order, as reading them one at a time.
func TestExtractWorkers(t *testing.T) {
	for _, s := range samples {
		data := readFixture(t, sampleDir, s.name)
		one, err1 := Extract(context.Background(), data, Options{Workers: 1})
		four, err4 := Extract(context.Background(), data, Options{Workers: 4})
		if err1 != nil || err4 != nil {
			t.Fatalf("%s: %v, %v", s.name, err1, err4)
		}
		if strings.Join(one.Pages, "\f") != strings.Join(four.Pages, "\f") || len(one.Pages) != s.pages {
			t.Errorf("%s: 1 and 4 workers differ", s.name)
		}
	}
}
