package corpus

import "dossier/corpus/legal"

// applyFilingMetadata fills a filing's legal metadata, title, document type
// and caption from its extracted pages. pdfTitle is the PDF's own Title entry, or "".
func applyFilingMetadata(doc *Document, pdfTitle string) {
	firstPage := ""
	if len(doc.Pages) > 0 {
		firstPage = doc.Pages[0].Text
	}
	applyLegal(doc, legal.AnalyzeFiling(firstPage, len(firstPage)), legal.AnalyzeFiling(doc.Text, len(firstPage)))
	title, fromPage := filingTitle(firstPage, pdfTitle, doc.Source)
	doc.Title = title
	if !fromPage {
		title = "" // a file name or PDF title says nothing reliable about the type
	}
	doc.DocType = legal.ClassifyDocType(title, firstPage)
	doc.Caption = legal.FindCaption(firstPage)
}

// applyArticleMetadata fills the court, case numbers and judges an
// article's text mentions, and sets DocType to "article".
func applyArticleMetadata(doc *Document) {
	m := legal.AnalyzeArticle(doc.Text)
	doc.CaseNumbers = m.CaseNumbers
	doc.Judges = m.Judges
	doc.Court = m.Court
	doc.DocType = legal.DocArticle
}

// applyLegal fills a filing's legal metadata: the court, ECF stamp and date
// from its first page where found there, else from the whole text; case
// numbers and judges from the whole text.
func applyLegal(doc *Document, first, all legal.Metadata) {
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
