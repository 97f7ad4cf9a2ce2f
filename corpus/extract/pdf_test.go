package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"dossier/corpus"
	"dossier/corpus/internal/pdffixture"
	"dossier/corpus/ocr"
	"dossier/corpus/pdftext"
)

// testPDF returns a one-page PDF with the given page content stream and,
// when form is not "", a form XObject /X1 with that content stream.
func testPDF(content, form string) []byte {
	stream := func(dict, body string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(body)+1, body)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>", form),
	}
	return pdffixture.Assemble(objs)
}

func needTool(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not installed", n)
		}
	}
}

func extractBytes(t *testing.T, opts Options, data []byte) corpus.Document {
	t.Helper()
	opts.OCR.NoCache = true
	ex, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return ex.Extract(context.Background(), "test.pdf", data, "")
}

const body = "The plaintiff alleges that the defendant installed spyware on the devices of its users."

func TestPDFFormXObject(t *testing.T) {
	// The interpreter follows form XObjects (the library alone drops them).
	data := testPDF("q /X1 Do Q", "BT /F1 12 Tf 72 700 Td ("+body+") Tj ET")
	o := Options{NoPDFFallback: true}
	o.OCR.Disabled = true
	doc := extractBytes(t, o, data)
	if doc.Skipped() || len(doc.Pages) != 1 || doc.Pages[0].Text != body || doc.Pages[0].ExtractedBy != corpus.ExtractedByLedongthuc {
		t.Fatalf("skipped %q, pages %+v", doc.SkipReason, doc.Pages)
	}
}

func TestPDFLibraryPanics(t *testing.T) {
	needTool(t, "pdftotext")
	// The tokenizer rejects "begin" without a dictionary, on every page:
	// the library yields nothing, pdftotext skips the operator.
	data := testPDF("BT /F1 12 Tf 72 700 Td ("+body+") Tj 1 begin ET", "")
	doc := extractBytes(t, Options{}, data)
	if doc.Skipped() || len(doc.Pages) != 1 {
		t.Fatalf("skipped %q, %d pages", doc.SkipReason, len(doc.Pages))
	}
	p := doc.Pages[0]
	if p.Text != body || p.ExtractedBy != corpus.ExtractedByPdftotext || doc.ExtractedBy != corpus.ExtractedByPdftotext || p.OCR {
		t.Errorf("page %+v, document extracted by %q", p, doc.ExtractedBy)
	}
	if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, "text read by pdftotext") {
		t.Errorf("warnings %q", w)
	}
	o := Options{NoPDFFallback: true}
	o.OCR.Disabled = true
	if doc := extractBytes(t, o, data); !doc.Skipped() {
		t.Errorf("without fallback: not skipped, text %q", doc.Text)
	}
}

func TestPDFFallbackKeepsGoodPages(t *testing.T) {
	needTool(t, "pdftotext")
	doc := extractBytes(t, Options{}, testPDF("BT /F1 12 Tf 72 700 Td ("+body+") Tj ET", "BT ET"))
	if doc.Pages[0].ExtractedBy != corpus.ExtractedByLedongthuc || doc.Pages[0].Text != body {
		t.Errorf("page %+v", doc.Pages[0])
	}
}

func TestFallbackPagesGlued(t *testing.T) {
	needTool(t, "pdftotext")
	ex := newTestExtractor(t)
	data := testPDF("BT /F1 12 Tf 72 700 Td ("+body+") Tj 0 -14 Td ("+body+") Tj ET", "BT ET")
	want := body + "\n" + body
	glued := strings.ReplaceAll(want, " ", "")
	tests := []struct {
		name, raw, wantBy string
	}{
		{"glued", glued, corpus.ExtractedByPdftotext},
		{"cid garbage", "(cid:1)(cid:2)(cid:3)", corpus.ExtractedByPdftotext},
		{"fine", want, corpus.ExtractedByLedongthuc},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc corpus.Document
			raw, by := []string{tt.raw}, []string{corpus.ExtractedByLedongthuc}
			ex.fallbackPages(context.Background(), &doc, data, pdftext.PdftotextPath(), raw, []pdftext.PageInfo{{Known: true}}, by)
			if by[0] != tt.wantBy {
				t.Fatalf("extracted by %q, want %q", by[0], tt.wantBy)
			}
			if tt.wantBy == corpus.ExtractedByPdftotext && strings.TrimSpace(raw[0]) != want {
				t.Errorf("text %q", raw[0])
			}
		})
	}
}

// protectedPDF returns a one-page RC4-encrypted PDF with an empty user
// password, which ledongthuc opens but cannot decrypt.
func protectedPDF(t *testing.T) []byte {
	p := fpdf.New("P", "pt", "Letter", "")
	p.SetProtection(fpdf.CnProtectPrint, "", "owner-secret")
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Text(72, 72, "Sealed exhibit text")
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPDFRefusedByLibrary(t *testing.T) {
	needTool(t, "pdftotext")
	data := protectedPDF(t)
	doc := extractBytes(t, Options{}, data)
	if doc.Skipped() || doc.ExtractedBy != corpus.ExtractedByPdftotext || doc.Text != "Sealed exhibit text" || doc.PageCount != 1 {
		t.Fatalf("skip %q, by %q, text %q, %d pages", doc.SkipReason, doc.ExtractedBy, doc.Text, doc.PageCount)
	}
	if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, "text read by pdftotext") {
		t.Errorf("warnings %q do not say pdftotext read the file", w)
	}
	doc = extractBytes(t, Options{NoPDFFallback: true}, data)
	if !doc.Skipped() || !strings.Contains(doc.SkipReason, "encrypted") {
		t.Errorf("without fallback: skip reason %q", doc.SkipReason)
	}
	// A broken file that neither can read keeps the library's reason.
	doc = extractBytes(t, Options{}, []byte("%PDF-1.4\ngarbage\n%%EOF\n"))
	if !doc.Skipped() || !strings.Contains(doc.SkipReason, "malformed") {
		t.Errorf("broken file: skip reason %q", doc.SkipReason)
	}
}

func TestPageTextStampFirst(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"ledongthuc order", "ORDER GRANTING MOTION\n\nThe court finds.\nCase 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9\n",
			"Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9\nORDER GRANTING MOTION\n\nThe court finds."},
		{"pdftotext raw order", "ORDER\n\fCase 4:19-cv-07123-PJH\n\nDocument 677-5\n\nFiled 04/04/25\n\nPage 1 of 9\n",
			"Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9\nORDER"},
		{"ligature and hyphen normalised", "the de\ufb01nition of sur-\nveillance", "the definition of surveillance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageText(tt.raw); got != tt.want {
				t.Errorf("pageText = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNeedsOCR(t *testing.T) {
	stamp := "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9"
	long := strings.Repeat("word ", 30)
	img := pdftext.PageInfo{Known: true, Images: 1}
	noImg := pdftext.PageInfo{Known: true}
	tests := []struct {
		name string
		text string
		info pdftext.PageInfo
		want bool
	}{
		{"empty", "", noImg, true},
		{"stamp only with a scan", stamp, img, true},
		{"stamp and a line with a scan", stamp + "\nTRIAL EXHIBIT", img, true},
		{"short cover page without image", stamp + "\nEXHIBIT A", noImg, false},
		{"text page with a logo", stamp + "\n" + long, img, false},
		{"unknown resources, little text", "EXHIBIT A", pdftext.PageInfo{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := needsOCR(tt.text, tt.info); got != tt.want {
				t.Errorf("needsOCR = %v, want %v", got, tt.want)
			}
		})
	}
}

// scannedFiling returns a one-page PDF whose body is an image of text (a
// scan) and whose only text layer is an ECF stamp, like RECAP's scanned
// filings.
func scannedFiling(t *testing.T, stamp string, lines []string, layer ...string) []byte {
	t.Helper()
	data, err := pdffixture.Scanned(lines, 120, func(img *fpdf.Fpdf) {
		img.SetFont("Helvetica", "", 9)
		img.Text(60, 20, stamp)
		img.SetTextColor(255, 255, 255) // invisible on the white scan
		for i, l := range layer {
			img.Text(60, 600+float64(i)*10, l)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func ocrOpts(tesseract string) (o ocr.Options) {
	o.Tesseract = tesseract
	return o
}

func TestPDFOCR(t *testing.T) {
	needTool(t, "pdftoppm")
	const stamp = "Case 3:24-cv-01234-RMS Document 12 Filed 02/05/24 Page 1 of 1"
	data := scannedFiling(t, stamp, []string{"UNITED STATES DISTRICT COURT", "NORTHERN DISTRICT OF CALIFORNIA",
		"HARBOR LIGHT MEDIA, INC., Plaintiff,", "The Nightjar implant exfiltrated eleven gigabytes."})
	t.Run("without tesseract", func(t *testing.T) {
		doc := extractBytes(t, Options{OCR: ocrOpts("/nonexistent/tesseract")}, data)
		if doc.Skipped() || doc.Pages[0].OCR || doc.Pages[0].Text != stamp {
			t.Fatalf("skip %q, page %+v", doc.SkipReason, doc.Pages[0])
		}
		if w := strings.Join(doc.Warnings, "\n"); !strings.Contains(w, "apt-get install tesseract-ocr") {
			t.Errorf("warnings %q do not say what to install", w)
		}
	})
	t.Run("with tesseract", func(t *testing.T) {
		needTool(t, "tesseract")
		doc := extractBytes(t, Options{}, data)
		p := doc.Pages[0]
		if doc.Skipped() || !p.OCR || p.ExtractedBy != corpus.ExtractedByTesseract || doc.ExtractedBy != corpus.ExtractedByTesseract {
			t.Fatalf("skip %q, page %+v", doc.SkipReason, p)
		}
		first, _, _ := strings.Cut(p.Text, "\n")
		if first != stamp {
			t.Errorf("first line %q, want the text-layer stamp", first)
		}
		for _, w := range []string{"UNITED STATES DISTRICT COURT", "HARBOR LIGHT MEDIA", "Nightjar", "eleven gigabytes"} {
			if !strings.Contains(p.Text, w) {
				t.Errorf("page text %q lacks %q", p.Text, w)
			}
		}
		if strings.Count(p.Text, "Document 12") != 1 {
			t.Errorf("stamp repeated by OCR: %q", p.Text)
		}
		if doc.ECF == nil || doc.ECF.DocumentNumber != "12" {
			t.Errorf("ECF %+v", doc.ECF)
		}
	})
	t.Run("garbage text layer", func(t *testing.T) {
		needTool(t, "tesseract", "pdftotext")
		junk := strings.Repeat("%&'() *+,-./ 0123 :;<=> ", 4)
		data := scannedFiling(t, stamp, []string{"UNITED STATES DISTRICT COURT", "The Nightjar implant exfiltrated eleven gigabytes."},
			junk, junk, junk, junk, junk, junk)
		doc := extractBytes(t, Options{}, data)
		p := doc.Pages[0]
		if !p.OCR || !strings.HasPrefix(p.Text, stamp+"\n") || !strings.Contains(p.Text, "Nightjar") {
			t.Fatalf("page %+v", p)
		}
	})
	t.Run("disabled", func(t *testing.T) {
		o := Options{}
		o.OCR.Disabled = true
		doc := extractBytes(t, o, data)
		if doc.Pages[0].OCR || !strings.Contains(strings.Join(doc.Warnings, "\n"), "disabled") {
			t.Errorf("page %+v, warnings %q", doc.Pages[0], doc.Warnings)
		}
	})
}

// FuzzExtractPDF runs the in-process PDF path (library, gate, stamp,
// normalisation, legal metadata; no subprocesses) on arbitrary bytes: it
// must return a Document with valid UTF-8 text and never panic.
func FuzzExtractPDF(f *testing.F) {
	for _, c := range []struct{ content, form string }{
		{"BT /F1 12 Tf 72 700 Td (" + body + ") Tj ET", "BT ET"},
		{"q /X1 Do Q BT /F1 9 Tf 60 770 Td (Case 4:19-cv-07123-PJH Document 1 Filed 04/04/25 Page 1 of 9) Tj ET", "BT /F1 12 Tf 72 700 Td (" + body + ") Tj ET"},
		{"BT /F1 12 Tf 72 700 Td [(Hel) -20 (lo)] TJ 0 -14 TD (next) ' ET", "q /X1 Do Q"},
	} {
		f.Add(testPDF(c.content, c.form))
	}
	f.Add([]byte("%PDF-2.0\n%%EOF"))
	f.Add(append([]byte("junk\n"), testPDF("BT /F1 12 Tf 72 700 Td (x) Tj ET", "")...))
	opts := Options{NoPDFFallback: true}
	opts.OCR.Disabled = true
	opts.PDF.MaxPages = 20
	opts.PDF.PageTimeout = 500 * time.Millisecond
	opts.PDF.FileTimeout = 2 * time.Second
	ex, err := New(opts)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		doc := ex.Extract(context.Background(), "fuzz.pdf", data, "")
		if el := time.Since(start); el > opts.PDF.FileTimeout+2*time.Second {
			t.Fatalf("Extract took %v, beyond its %v file timeout", el, opts.PDF.FileTimeout)
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Fatal("invalid UTF-8 in the document")
		}
		if doc.Skipped() && (doc.Text != "" || doc.Pages != nil) {
			t.Fatal("a skipped document kept text")
		}
		for _, p := range doc.Pages {
			if p.ExtractedBy != corpus.ExtractedByLedongthuc {
				t.Fatalf("page extracted by %q with fallback and OCR off", p.ExtractedBy)
			}
		}
	})
}

// TestPDFOCRTimeLimit checks that when the time limit runs out during OCR
// the pages read so far are kept and the document is marked partial, not
// failed.
func TestPDFOCRTimeLimit(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	o := Options{NoPDFFallback: true}
	o.OCR.Pdftoppm = write("pdftoppm", "cat >/dev/null\nprintf 'P5 1 1 255 x'\n")
	o.OCR.Tesseract = write("tesseract", `if [ "$1" = --version ]; then echo "tesseract 0.fake"; exit 0; fi
cat >/dev/null
sleep 0.3
echo "The recognised text of a scanned page, long enough to count as a page of text for the gate and for search."
`)
	o.OCR.Workers = 1
	o.OCR.NoCache = true
	ex, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "pt", "Letter", "")
	for range 8 {
		p.AddPage() // no text: every page needs OCR
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	doc := ex.Extract(ctx, "scan.pdf", buf.Bytes(), "")
	if doc.Skipped() {
		t.Fatalf("skipped: %s", doc.SkipReason)
	}
	ocred := 0
	for _, pg := range doc.Pages {
		if pg.OCR {
			ocred++
		}
	}
	if len(doc.Pages) != 8 || ocred < 1 || ocred > 5 {
		t.Fatalf("%d pages, %d OCR'd; want 8 pages, some but not all OCR'd in 1 s", len(doc.Pages), ocred)
	}
	want := fmt.Sprintf("%d of 8 page(s) without a text layer were read, %d have no text", ocred, 8-ocred)
	if !strings.Contains(doc.Partial, want) {
		t.Errorf("partial %q, want it to say %q", doc.Partial, want)
	}
	if !strings.Contains(doc.Text, "recognised text") {
		t.Error("the OCR'd pages' text is not in the document")
	}

	full := ex.Extract(context.Background(), "scan.pdf", buf.Bytes(), "")
	if full.Partial != "" {
		t.Errorf("without a time limit: partial %q", full.Partial)
	}
}
