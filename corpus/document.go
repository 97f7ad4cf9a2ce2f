package corpus

import "dossier/corpus/legal"

// Kind says what a document is.
type Kind string

// Document kinds.
const (
	KindFiling  Kind = "filing"  // a court filing, usually a PDF
	KindArticle Kind = "article" // a press article, usually HTML
)

// Content types the extractors understand.
const (
	ContentTypePDF  = "application/pdf"
	ContentTypeHTML = "text/html"
)

// Document is what the indexer stores for one input file. Its JSON form is
// the extraction contract printed by `dossier extract --json`; fields may be
// added but are never renamed.
type Document struct {
	// ID is stable for the same bytes: the first 32 hex digits of SHA256.
	ID string `json:"id"`
	// Source is the path (or name) as given.
	Source string `json:"source"`
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string `json:"sha256"`
	// Size is the file size in bytes.
	Size int64 `json:"size"`
	// Kind is KindFiling or KindArticle, or "" when the file was skipped
	// before its type was known.
	Kind Kind `json:"kind"`
	// ContentType is ContentTypePDF or ContentTypeHTML, sniffed from the bytes.
	ContentType string `json:"content_type"`
	// Title is the document title (article headline, or a filing's caption title).
	Title string `json:"title"`
	// Text is the whole normalised text; for PDFs the pages joined by blank lines.
	Text string `json:"text"`
	// Pages holds per-page text for paged formats (PDF); nil for HTML.
	Pages []Page `json:"pages"`
	// PageCount is the number of pages in the file (0 for HTML).
	PageCount int `json:"page_count"`
	// Language is a BCP 47 tag such as "en", or "".
	Language string `json:"language"`
	// Date is the document date as YYYY-MM-DD: the filing date for filings, the
	// published date for articles, or "" when unknown.
	Date string `json:"date"`
	// Court is the court the document belongs to (filings) or nil.
	Court *legal.Court `json:"court"`
	// CourtInferred is set when Court was not read from the document but
	// taken from the other filings of its case (see infer.Courts).
	CourtInferred bool `json:"court_inferred,omitempty"`
	// CaseNumbers lists every distinct case number found, most salient first:
	// a filing's own case first; for an article, the cases it mentions.
	// Each carries its role (legal.RoleDocket, RoleRelated, RoleCited,
	// RoleMentioned).
	CaseNumbers []legal.CaseNumber `json:"case_numbers"`
	// Judges lists every distinct judge found, each with its capacity
	// (legal.CapacitySigning, CapacityPresiding, CapacityCited,
	// CapacityMentioned).
	Judges []legal.Judge `json:"judges"`
	// ECF is the CM/ECF stamp of the first page, or nil.
	ECF *legal.ECFStamp `json:"ecf"`
	// Author is the article byline (authors joined by ", "), or "".
	Author string `json:"author"`
	// SiteName is the publishing site for articles, or "".
	SiteName string `json:"site_name"`
	// URL is the canonical URL of an article, or "".
	URL string `json:"url"`
	// ExtractedBy names the extractor that produced Text, e.g. "ledongthuc";
	// for PDFs whose pages came from several extractors, the one that
	// produced most pages (each Page records its own).
	ExtractedBy string `json:"extracted_by"`
	// DocType is the kind of filing the text supports: complaint, motion,
	// order, opinion, exhibit, transcript, docket, declaration, brief, or
	// "article" for press articles; "" when unknown.
	DocType string `json:"doc_type"`
	// Caption is the parties' caption, e.g. "WhatsApp Inc. v. NSO Group
	// Technologies Ltd.", or "".
	Caption string `json:"caption"`
	// SkipReason is non-empty when the file could not be extracted; the
	// document is then recorded but not indexed.
	SkipReason string `json:"skip_reason"`
	// Partial is non-empty when extraction stopped before the end (its
	// time limit ran out during OCR, say): the pages present are indexed
	// and searchable, the others have no text, and the reason says what
	// is missing. Extracting the file again finishes it (OCR'd pages are
	// cached).
	Partial string `json:"partial,omitempty"`
	// Warnings are non-fatal problems met during extraction.
	Warnings []string `json:"warnings"`
}

// Page is the text of one page.
type Page struct {
	// Number is the 1-based page number in the file.
	Number int `json:"number"`
	// Text is the normalised page text. For PDFs it holds no pleading-paper
	// margin line numbers, and running headers and footers only on the
	// page that keeps them (see package corpus/extract).
	Text string `json:"text"`
	// OCR is true when the text came from optical character recognition.
	OCR bool `json:"ocr"`
	// ExtractedBy names the extractor that produced this page's text, e.g.
	// "ledongthuc", "pdftotext" or "tesseract".
	ExtractedBy string `json:"extracted_by,omitempty"`
}

// Skipped reports whether the document failed extraction.
func (d *Document) Skipped() bool { return d.SkipReason != "" }

// Extractor names recorded in Page.ExtractedBy and Document.ExtractedBy.
const (
	ExtractedByLedongthuc = "ledongthuc"
	ExtractedByPdftotext  = "pdftotext"
	ExtractedByTesseract  = "tesseract"
)

// DocumentID derives the stable document ID from a file's SHA-256 hex digest.
func DocumentID(sha256Hex string) string {
	if len(sha256Hex) > 32 {
		return sha256Hex[:32]
	}
	return sha256Hex
}
