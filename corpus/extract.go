package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/corpus/htmltext"
	"dossier/corpus/legal"
	"dossier/corpus/pdftext"
	"dossier/corpus/textnorm"
)

// Extractor turns files into Documents. It is safe for concurrent use.
type Extractor struct {
	opts Options
}

// NewExtractor returns an Extractor with opts, defaults filled in.
func NewExtractor(opts Options) (*Extractor, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Extractor{opts: opts}, nil
}

// ErrUnsupported means a file is neither PDF nor HTML.
var ErrUnsupported = errors.New("corpus: not a PDF or HTML file")

// DocumentID derives the stable document ID from a file's SHA-256 hex digest.
func DocumentID(sha256Hex string) string {
	if len(sha256Hex) > 32 {
		return sha256Hex[:32]
	}
	return sha256Hex
}

// Sniff returns the content type of a file from its first bytes:
// ContentTypePDF, ContentTypeHTML, or "" when it is neither. A gzip stream
// is reported as "application/gzip"; ReadFile looks inside it.
func Sniff(head []byte) string {
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return ContentTypePDF
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return "application/gzip"
	case htmltext.IsHTML(head):
		return ContentTypeHTML
	}
	return ""
}

// ReadFile reads path for extraction, within MaxFileBytes. A gzip file is
// decompressed, within the same limit. It returns the bytes to extract and
// the SHA-256 of the file as stored on disk.
func (e *Extractor) ReadFile(path string) (data []byte, sha string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, e.opts.MaxFileBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("corpus: read %s: %w", path, err)
	}
	if int64(len(data)) > e.opts.MaxFileBytes {
		return nil, "", fmt.Errorf("corpus: %s is larger than the %d-byte limit: %w", path, e.opts.MaxFileBytes, ErrTooLarge)
	}
	sum := sha256.Sum256(data)
	return data, hex.EncodeToString(sum[:]), nil
}

// ErrTooLarge means a file exceeds a size limit.
var ErrTooLarge = errors.New("file too large")

// ExtractFile reads and extracts one file. It always returns a Document: on
// failure its SkipReason says why.
func (e *Extractor) ExtractFile(ctx context.Context, path string) Document {
	data, sha, err := e.ReadFile(path)
	if err != nil {
		doc := Document{Source: path, SkipReason: skipReason(err)}
		return doc
	}
	return e.Extract(ctx, path, data, sha)
}

// Extract extracts a document from data read from source. sha is the hex
// SHA-256 of the original bytes; when "" it is computed from data.
func (e *Extractor) Extract(ctx context.Context, source string, data []byte, sha string) Document {
	if sha == "" {
		sum := sha256.Sum256(data)
		sha = hex.EncodeToString(sum[:])
	}
	doc := Document{
		ID: DocumentID(sha), Source: source, SHA256: sha, Size: int64(len(data)),
		Warnings: []string{},
	}
	ct := Sniff(data)
	if ct == "application/gzip" {
		inner, err := gunzip(data, e.opts.MaxFileBytes)
		if err != nil {
			doc.SkipReason = skipReason(err)
			return doc
		}
		data = inner
		ct = Sniff(data)
	}
	doc.ContentType = ct
	switch ct {
	case ContentTypePDF:
		e.extractPDF(ctx, &doc, data)
	case ContentTypeHTML:
		e.extractHTML(ctx, &doc, data)
	default:
		doc.SkipReason = skipReason(ErrUnsupported)
	}
	if doc.SkipReason != "" {
		doc.Text, doc.Pages = "", nil
	}
	return doc
}

func gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("corpus: gzip: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("corpus: gzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("corpus: gzip content is larger than the %d-byte limit: %w", limit, ErrTooLarge)
	}
	return out, nil
}

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
	firstPage := ""
	if len(doc.Pages) > 0 {
		firstPage = doc.Pages[0].Text
	}
	applyLegal(doc, legal.Analyze(firstPage), legal.Analyze(doc.Text))
	doc.Title = filingTitle(firstPage, res.Title, doc.Source)
	doc.Language = detectEnglish(doc.Text)
}

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
	m := legal.Analyze(doc.Text)
	doc.CaseNumbers = m.CaseNumbers
	doc.Judges = m.Judges
	doc.Court = m.Court
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warnings = append(doc.Warnings, "no article text found")
	}
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

// skipReason turns an extraction error into a short reason for reports.
func skipReason(err error) string {
	msg := err.Error()
	for _, p := range []string{"corpus: ", "pdftext: ", "htmltext: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}
