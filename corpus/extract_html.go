package corpus

import (
	"context"
	"path/filepath"
	"strings"

	"dossier/corpus/htmltext"
	"dossier/corpus/textnorm"
)

func (e *Extractor) extractHTML(ctx context.Context, doc *Document, data []byte) {
	doc.Kind = KindArticle
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
		doc.Title = strings.TrimSuffix(filepath.Base(doc.Source), filepath.Ext(doc.Source))
	}
	applyArticleMetadata(doc)
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warnings = append(doc.Warnings, "no article text found")
	}
}
