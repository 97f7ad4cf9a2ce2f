package corpus

import (
	"context"
	"strings"

	"dossier/corpus/pdftext"
	"dossier/corpus/textnorm"
)

func (e *Extractor) extractPDF(ctx context.Context, doc *Document, data []byte) {
	doc.Kind = KindFiling
	doc.ExtractedBy = "ledongthuc"
	res, err := pdftext.Extract(ctx, data, e.opts.PDF)
	doc.Warnings = append(doc.Warnings, res.Warnings...)
	if err != nil {
		doc.SkipReason = skipReason(err)
		return
	}
	doc.PageCount = res.PageCount
	texts := make([]string, 0, len(res.Pages))
	for i, raw := range res.Pages {
		p := Page{Number: i + 1, Text: textnorm.Normalize(raw)}
		doc.Pages = append(doc.Pages, p)
		if p.Text != "" {
			texts = append(texts, p.Text)
		}
	}
	doc.Text = strings.Join(texts, "\n\n")
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warnings = append(doc.Warnings, "no text layer: the PDF may be scanned (OCR is not available yet)")
	}
	applyFilingMetadata(doc, res.Title)
	doc.Language = detectEnglish(doc.Text)
}
