package extract

import (
	"strings"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// applyFilingMetadata fills a filing's legal metadata, title, document type
// and caption from its extracted pages. pdfTitle is the PDF's own Title entry, or "".
func applyFilingMetadata(doc *corpus.Document, pdfTitle string) {
	firstPage := ""
	if len(doc.Pages) > 0 {
		firstPage = doc.Pages[0].Text
	}
	first := legal.AnalyzeFiling(firstPage, len(firstPage))
	applyLegal(doc, first, legal.AnalyzeFiling(doc.Text, captionSpan(doc.Pages, first.ECF != nil)))
	title, fromPage := filingTitle(firstPage, pdfTitle, doc.Source)
	doc.Title = title
	if !fromPage {
		title = "" // a file name or PDF title says nothing reliable about the type
	}
	doc.DocType = legal.ClassifyDocType(title, firstPage)
	doc.Caption = legal.FindCaption(firstPage)
}

// coverBytes is the most text a first page may carry and still be read
// as a cover sheet ("EXHIBIT M"), in bytes.
const coverBytes = 600

// captionSpan returns how many bytes at the start of a filing's text may
// hold its caption: the first page, or, when the first page is a cover
// sheet without an ECF stamp, the first two pages (an exhibit cover
// before the exhibit's caption). Pages are joined as in Document.Text.
func captionSpan(pages []corpus.Page, stamped bool) int {
	var texts []string
	for _, p := range pages {
		if p.Text != "" {
			texts = append(texts, p.Text)
		}
		if len(texts) == 2 {
			break
		}
	}
	if len(pages) == 0 || len(texts) == 0 {
		return 0
	}
	n := len(pages[0].Text)
	if !stamped && len(texts) == 2 && len(strings.TrimSpace(pages[0].Text)) < coverBytes {
		n = len(texts[0]) + len("\n\n") + len(texts[1])
	}
	return n
}

// applyArticleMetadata fills the court, case numbers and judges an
// article's text mentions, and sets DocType to "article".
func applyArticleMetadata(doc *corpus.Document) {
	m := legal.AnalyzeArticle(doc.Text)
	doc.CaseNumbers = m.CaseNumbers
	doc.Judges = m.Judges
	doc.Court = m.Court
	doc.DocType = legal.DocArticle
}

// applyLegal fills a filing's legal metadata: the court, ECF stamp and date
// from its first page where found there, else from the whole text; case
// numbers and judges from the whole text.
func applyLegal(doc *corpus.Document, first, all legal.Metadata) {
	doc.Court = first.Court
	if doc.Court == nil {
		doc.Court = all.Court
	}
	doc.ECF = first.ECF
	if doc.ECF == nil {
		doc.ECF = all.ECF
	}
	doc.Date = first.Date
	if doc.Date == "" {
		doc.Date = all.Date
	}
	doc.CaseNumbers = all.CaseNumbers
	doc.Judges = all.Judges
}
