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
	"strings"
	"sync"

	"dossier/corpus/htmltext"
	"dossier/corpus/ocr"
)

// Extractor turns files into Documents. It is safe for concurrent use.
type Extractor struct {
	opts Options

	// The OCR engine (its process pool and cache) is made on first use:
	// most runs never meet a scanned page.
	ocrOnce sync.Once
	ocr     *ocr.Engine
	ocrErr  error
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
		if len(data) == 0 {
			doc.SkipReason = "empty file (0 bytes)"
		} else {
			doc.SkipReason = skipReason(ErrUnsupported)
		}
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

// skipReason turns an extraction error into a short reason for reports.
func skipReason(err error) string {
	msg := err.Error()
	for _, p := range []string{"corpus: ", "pdftext: ", "htmltext: "} {
		msg = strings.ReplaceAll(msg, p, "")
	}
	return msg
}
