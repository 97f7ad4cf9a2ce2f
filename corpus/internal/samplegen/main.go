package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/go-pdf/fpdf"
)

// Page geometry, in points (1/72 inch).
const (
	pageWidth    = 612.0 // US Letter
	pageHeight   = 792.0
	margin       = 72.0
	bodyWidth    = pageWidth - 2*margin
	bodyLeading  = 18.0 // 1.5 line spacing for 12 pt text
	footerY      = 756.0
	bottomLimit  = 740.0 // body text must end above this
	stampY       = 24.0
	stampSize    = 9.0
	bodySize     = 12.0
	footerSize   = 9.0
	captionSplit = 320.0 // x of the caption's right column
)

// fixedTime is the creation and modification date of every sample.
var fixedTime = time.Date(2025, time.November, 3, 12, 0, 0, 0, time.UTC)

// producer and creator are written into every sample's Info dictionary.
const (
	producer = "dossier samplegen"
	creator  = "dossier samplegen (fictional sample filings)"
)

func main() {
	out := flag.String("out", "", "folder to write the sample filings to")
	bad := flag.String("bad", "", "folder to write the broken fixtures to")
	flag.Parse()
	if *out == "" && *bad == "" {
		fmt.Fprintln(os.Stderr, "samplegen: give -out, -bad, or both")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *bad); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run writes the samples to out and the broken fixtures to bad; an empty
// folder name skips that set.
func run(out, bad string) error {
	files, err := generate()
	if err != nil {
		return err
	}
	if out != "" {
		if err := writeAll(out, files); err != nil {
			return err
		}
	}
	if bad != "" {
		if err := writeAll(bad, badFiles(files)); err != nil {
			return err
		}
	}
	return nil
}

// file is one generated file.
type file struct {
	name string
	data []byte
}

// generate renders every sample filing, in a fixed order.
func generate() ([]file, error) {
	var out []file
	for _, f := range filings() {
		data, err := render(f)
		if err != nil {
			return nil, fmt.Errorf("samplegen: %s: %w", f.name, err)
		}
		out = append(out, file{f.name, data})
	}
	return out, nil
}

// badFiles derives the broken fixtures from the rendered samples.
func badFiles(samples []file) []file {
	byName := make(map[string][]byte)
	for _, f := range samples {
		byName[f.name] = f.data
	}
	complaint := byName["harbor-light-complaint.pdf"]
	exhibit := byName["harbor-light-decl-exhibit.pdf"]
	junk := []byte("X-Mailer-Junk: bytes a mail gateway left before the header\r\n\r\n")
	return []file{
		{"truncated.pdf", bytes.Clone(complaint[:len(complaint)/2])},
		{"junk-header.pdf", append(junk, exhibit...)},
		{"empty.pdf", []byte{}},
		{"notreally.pdf", []byte("This is a plain text file that only pretends to be a PDF.\n" +
			"It has no %PDF header, no objects and no cross-reference table.\n")},
	}
}

// writeAll writes files into dir, creating it if needed.
func writeAll(dir string, files []file) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("samplegen: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return fmt.Errorf("samplegen: %w", err)
		}
	}
	return nil
}

// render lays out one filing and returns the PDF bytes.
func render(f filing) ([]byte, error) {
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetCreationDate(fixedTime)
	pdf.SetModificationDate(fixedTime)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetProducer(producer, false)
	pdf.SetCreator(creator, false)
	pdf.SetTitle(f.title, false)
	pdf.SetSubject(f.subject, false)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	w := &writer{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor("")}
	for i, page := range f.pages {
		pdf.AddPage()
		w.stamp(f.stamp(i+1, len(f.pages)))
		pdf.SetXY(margin, margin)
		page(w)
		if y := pdf.GetY(); y > bottomLimit {
			return nil, fmt.Errorf("page %d overflows: text ends at y=%.0f pt, limit %.0f pt", i+1, y, bottomLimit)
		}
		if f.footer != "" {
			w.footer(f.footer)
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	if buf.Len() == 0 {
		return nil, errors.New("empty output")
	}
	return buf.Bytes(), nil
}

// writer draws the building blocks of a filing page.
type writer struct {
	pdf *fpdf.Fpdf
	tr  func(string) string // UTF-8 to the core fonts' code page
}

// stamp draws the CM/ECF header line at the top of the page.
func (w *writer) stamp(s string) {
	w.pdf.SetFont("Helvetica", "", stampSize)
	w.pdf.SetTextColor(0, 0, 0)
	w.pdf.Text(margin, stampY, w.tr(s))
}

// footer draws a short title line at the bottom of the page.
func (w *writer) footer(s string) {
	w.pdf.SetFont("Times", "", footerSize)
	w.pdf.Text(margin, footerY, w.tr(s))
}

// lines draws left-aligned lines at the left margin.
func (w *writer) lines(style string, ls ...string) {
	w.pdf.SetFont("Times", style, bodySize)
	for _, l := range ls {
		w.pdf.SetX(margin)
		w.pdf.CellFormat(bodyWidth, bodyLeading, w.tr(l), "", 1, "L", false, 0, "")
	}
}

// centered draws centred bold lines.
func (w *writer) centered(ls ...string) {
	w.pdf.SetFont("Times", "B", bodySize)
	for _, l := range ls {
		w.pdf.SetX(margin)
		w.pdf.CellFormat(bodyWidth, bodyLeading, w.tr(l), "", 1, "C", false, 0, "")
	}
}

// gap adds vertical space, in points.
func (w *writer) gap(h float64) { w.pdf.Ln(h) }

// caption draws the parties on the left and the case number and document
// title on the right, starting at the same height.
func (w *writer) caption(left, right []string) {
	top := w.pdf.GetY()
	w.pdf.SetFont("Times", "", bodySize)
	for i, l := range left {
		w.pdf.Text(margin, top+bodyLeading*float64(i+1)-5, w.tr(l))
	}
	w.pdf.SetFont("Times", "B", bodySize)
	y := top
	for _, l := range right {
		w.pdf.SetXY(captionSplit, y)
		w.pdf.MultiCell(pageWidth-margin-captionSplit, bodyLeading, w.tr(l), "", "L", false)
		y = w.pdf.GetY()
	}
	w.pdf.SetXY(margin, max(top+bodyLeading*float64(len(left)), y)+bodyLeading/2)
}

// heading draws a bold section heading.
func (w *writer) heading(s string) {
	w.pdf.SetFont("Times", "B", bodySize)
	w.pdf.SetX(margin)
	w.pdf.CellFormat(bodyWidth, bodyLeading, w.tr(s), "", 1, "L", false, 0, "")
}

// para draws a left-aligned body paragraph with a first-line indent made of
// spaces, followed by a little space.
func (w *writer) para(s string) {
	w.pdf.SetFont("Times", "", bodySize)
	w.pdf.SetX(margin)
	w.pdf.MultiCell(bodyWidth, bodyLeading, w.tr("        "+s), "", "L", false)
	w.gap(4)
}

// signature draws a block of lines starting at the given x.
func (w *writer) signature(x float64, ls ...string) {
	w.pdf.SetFont("Times", "", bodySize)
	for _, l := range ls {
		w.pdf.SetX(x)
		w.pdf.CellFormat(pageWidth-margin-x, bodyLeading, w.tr(l), "", 1, "L", false, 0, "")
	}
}
