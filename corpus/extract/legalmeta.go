package extract

import (
	"strings"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// applyFilingMetadata fills a filing's legal metadata, title, document type
// and caption from its extracted text. firstPage is the text of its first
// page (the first lines of an HTML filing); span gives how many bytes at
// the start of doc.Text may hold the caption, given whether the first page
// carries an ECF stamp (see captionSpan). formatTitle is the title the
// format itself gives (a PDF's Title entry, an HTML page's title), or "".
// fromPage reports whether the title was read from the first page.
func applyFilingMetadata(doc *corpus.Document, firstPage, formatTitle string, span func(stamped bool) int) (fromPage bool) {
	first := legal.AnalyzeFiling(firstPage, len(firstPage))
	applyLegal(doc, first, legal.AnalyzeFiling(doc.Text, span(first.ECF != nil)))
	title, fromPage := filingTitle(firstPage, formatTitle, doc.Source)
	doc.Title = title
	if !fromPage {
		title = "" // a file name or format title says nothing reliable about the type
	}
	doc.DocType = legal.ClassifyDocType(title, firstPage)
	doc.Caption = legal.FindCaption(firstPage)
	return fromPage
}

// applyPDFFilingMetadata is applyFilingMetadata for a PDF filing, whose
// pages are in doc.Pages.
func applyPDFFilingMetadata(doc *corpus.Document, pdfTitle string) {
	firstPage := ""
	if len(doc.Pages) > 0 {
		firstPage = doc.Pages[0].Text
	}
	applyFilingMetadata(doc, firstPage, pdfTitle, func(stamped bool) int { return captionSpan(doc.Pages, stamped) })
}

// applyHTMLFilingMetadata is applyFilingMetadata for an HTML page that
// classify found to be a filing: its first headLines lines stand for the
// first page. Where its first lines hold no filing title, the page's own
// title stays (a court system's page title, "CM/ECF - azd", says more than
// a file name); where the text gives no date, the page's published date.
func applyHTMLFilingMetadata(doc *corpus.Document, pageTitle string) {
	published := doc.Date
	first := headText(doc.Text, headLines)
	fromPage := applyFilingMetadata(doc, first, pageTitle, func(bool) int { return len(first) })
	if !fromPage && pageTitle != "" {
		doc.Title = pageTitle
	}
	if doc.Date == "" {
		doc.Date = published
	}
}

// applyPDFArticleMetadata turns a PDF that classify found to be a news
// article into one: the legal metadata an article's text mentions, the
// byline as Author, the PDF's title (else its headline, see headline) as
// Title. The
// filing analysis found no ECF stamp, court, own case number or caption
// (classify requires it), and its dates are not a published date.
func applyPDFArticleMetadata(doc *corpus.Document, pdfTitle string) {
	doc.Author, _ = newsMasthead(head(doc.Text, headLines))
	doc.Date = ""
	doc.Title = usablePDFTitle(pdfTitle)
	if doc.Title == "" {
		doc.Title = headline(head(doc.Text, headLines))
	}
	applyArticleMetadata(doc)
}

// headline returns the first of lines that is not the byline or a line
// naming the site (the URL a browser prints at the top of the page), cut
// as firstLineTitle cuts; "" when there is none.
func headline(lines []string) string {
	for _, l := range lines {
		if !reByline.MatchString(l) && !reSite.MatchString(l) {
			return firstLineTitle(l)
		}
	}
	return ""
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
