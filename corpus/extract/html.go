package extract

import (
	"context"
	"path/filepath"
	"strings"

	"dossier/corpus"
	"dossier/corpus/htmltext"
	"dossier/corpus/textnorm"
)

func (e *Extractor) extractHTML(ctx context.Context, doc *corpus.Document, data []byte) {
	doc.ExtractedBy = "go-readability"
	a, err := htmltext.Extract(ctx, data, "", e.opts.HTML)
	doc.Warnings = append(doc.Warnings, a.Warnings...)
	if err != nil {
		doc.SkipReason = skipReason(err)
		return
	}
	doc.Text = textnorm.Normalize(a.Text)
	doc.Title = textnorm.CollapseWhitespace(a.Title)
	doc.Author = strings.Join(a.Authors, ", ")
	doc.Date = a.Published
	doc.SiteName = a.SiteName
	doc.Language = a.Language
	doc.URL = a.CanonicalURL
	if doc.Title == "" {
		doc.Title = firstLineTitle(doc.Text)
	}
	if doc.Kind = classify(doc); doc.Kind == corpus.KindFiling {
		applyHTMLFilingMetadata(doc, doc.Title)
		return
	}
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(filepath.Base(doc.Source), filepath.Ext(doc.Source))
	}
	applyArticleMetadata(doc)
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warnings = append(doc.Warnings, "no article text found")
	}
}

// maxLineTitle bounds a title taken from a page's first line, in runes.
const maxLineTitle = 120

// firstLineTitle is the title of a page without one: its first line of
// text (usually its heading), cut at a word within maxLineTitle runes; ""
// for a page without text. A file name is a last resort: an upload's file
// is stored under its SHA-256.
func firstLineTitle(text string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		r := []rune(line)
		if len(r) <= maxLineTitle {
			return line
		}
		cut := string(r[:maxLineTitle])
		if i := strings.LastIndexByte(cut, ' '); i > maxLineTitle/2 {
			cut = cut[:i]
		}
		return strings.TrimRight(cut, " ,;:") + "…"
	}
	return ""
}
