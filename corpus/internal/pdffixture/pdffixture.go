// Package pdffixture builds small PDFs for the corpus packages' tests: a
// file assembled from raw object bodies, for exercising the parser's edges,
// and a scanned page, an image of text with no text layer, for OCR.
package pdffixture

import (
	"bytes"
	"fmt"
	"os/exec"

	"github.com/go-pdf/fpdf"
)

// Assemble returns a PDF 1.4 file whose object i+1 is objs[i], with a
// correct cross-reference table. Object 1 must be the catalog.
func Assemble(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// Scanned returns a one-page US Letter PDF whose page is a 150 dpi grey
// image of lines set in Times 14 pt, top at y points, as a scanner makes
// it. overlay, when not nil, may draw on the page after the image (a
// text-layer stamp, say). It needs poppler's pdftoppm on PATH.
func Scanned(lines []string, y float64, overlay func(*fpdf.Fpdf)) ([]byte, error) {
	p := fpdf.New("P", "pt", "Letter", "")
	p.AddPage()
	p.SetFont("Times", "", 14)
	for i, l := range lines {
		p.Text(72, y+float64(i)*24, l)
	}
	var text bytes.Buffer
	if err := p.Output(&text); err != nil {
		return nil, fmt.Errorf("pdffixture: %w", err)
	}
	cmd := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-")
	cmd.Stdin = &text
	png, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdffixture: pdftoppm: %w", err)
	}
	img := fpdf.New("P", "pt", "Letter", "")
	img.AddPage()
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	img.RegisterImageOptionsReader("scan", opt, bytes.NewReader(png))
	img.ImageOptions("scan", 0, 0, 612, 792, false, opt, 0, "")
	if overlay != nil {
		overlay(img)
	}
	var out bytes.Buffer
	if err := img.Output(&out); err != nil {
		return nil, fmt.Errorf("pdffixture: %w", err)
	}
	return out.Bytes(), nil
}
