package pdftext

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/corpus/internal/pdffixture"
)

func stream(dict, body string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(body)+1, body)
}

func TestInterpreter(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
		strings.Repeat("500 ", 95) + "] >>"
	page := func(extra string) string {
		return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R " + extra + " >>"
	}
	tests := []struct {
		name    string
		content string
		form    string // object 6
		annots  string // page /Annots entry, objects from 7 on
		objs    []string
		want    string
	}{
		{"form xobject", "BT /F1 12 Tf 72 720 Td (Top line) Tj ET q /X1 Do Q", "BT /F1 12 Tf 72 700 Td (Inside the form) Tj ET", "", nil,
			"Top line\nInside the form"},
		{"form with a matrix", "q /X1 Do Q", "BT /F1 12 Tf 0 0 Td (Moved) Tj ET", "", nil, "Moved"},
		{"a form that draws itself stops", "q /X1 Do Q", "BT /F1 12 Tf 72 700 Td (Again) Tj ET /X1 Do", "", nil,
			strings.TrimSpace(strings.Repeat("Again ", maxFormDepth))},
		{"word spacing", "BT /F1 12 Tf 72 700 Td 10 Tw (wide words) Tj ET", "", "", nil, "wide words"},
		{"kerning without spaces", "BT /F1 12 Tf 72 700 Td [(Hel) 20 (lo) -400 (world)] TJ ET", "", "", nil, "Hello world"},
		{"annotation appearances", "BT /F1 12 Tf 72 720 Td (Name:) Tj ET", "", "/Annots [7 0 R 8 0 R]", []string{
			"<< /Type /Annot /Subtype /Widget /Rect [150 715 300 730] /AP << /N 9 0 R >> >>",
			"<< /Type /Annot /Subtype /Widget /F 2 /Rect [150 600 300 615] /AP << /N 9 0 R >> >>", // hidden
			stream("/Type /XObject /Subtype /Form /BBox [0 0 150 15] /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 2 3 Td (Jane Roe) Tj ET"),
		}, "Name: Jane Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formDict := "/Type /XObject /Subtype /Form /BBox [0 0 612 792]"
			if tt.name == "form with a matrix" {
				formDict += " /Matrix [1 0 0 1 100 500]"
			}
			objs := []string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				page(tt.annots),
				stream("", tt.content),
				font,
				stream(formDict+" /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>", tt.form),
			}
			res, err := Extract(context.Background(), pdffixture.Assemble(append(objs, tt.objs...)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(res.Pages[0]); got != tt.want {
				t.Errorf("page text %q, want %q (warnings %q)", got, tt.want, res.Warnings)
			}
		})
	}
}

func TestPageInfo(t *testing.T) {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X1 5 0 R /Im0 6 0 R >> >> /Contents 4 0 R >>",
		stream("", "q /X1 Do Q q 10 0 0 10 0 0 cm /Im0 Do Q"),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Im1 6 0 R >> >>", "q 612 0 0 792 0 0 cm /Im1 Do Q"),
		stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", "\xff"),
	}
	res, err := Extract(context.Background(), pdffixture.Assemble(objs), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Info[0]; got != (PageInfo{Images: 2, Forms: 1, Known: true}) {
		t.Errorf("Info %+v, want 2 images (one inside the form) and 1 form", got)
	}
}
