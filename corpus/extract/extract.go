package extract

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

	"dossier/corpus"
	"dossier/corpus/files"
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

// New returns an Extractor with opts, defaults filled in.
func New(opts Options) (*Extractor, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return &Extractor{opts: opts}, nil
}

// ErrUnsupported means a file is neither PDF nor HTML.
var ErrUnsupported = errors.New("corpus: not a PDF or HTML file")

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
func (e *Extractor) ExtractFile(ctx context.Context, path string) corpus.Document {
	data, sha, err := e.ReadFile(path)
	if err != nil {
		doc := corpus.Document{Source: path, SkipReason: skipReason(err)}
		return doc
	}
	return e.Extract(ctx, path, data, sha)
}

// Extract extracts a document from data read from source. sha is the hex
// SHA-256 of the original bytes; when "" it is computed from data.
func (e *Extractor) Extract(ctx context.Context, source string, data []byte, sha string) corpus.Document {
	if sha == "" {
		sum := sha256.Sum256(data)
		sha = hex.EncodeToString(sum[:])
	}
	doc := corpus.Document{
		ID: corpus.DocumentID(sha), Source: source, SHA256: sha, Size: int64(len(data)),
		Warnings: []string{},
	}
	ct := files.Sniff(data)
	if ct == files.ContentTypeGzip {
		inner, err := gunzip(data, e.opts.MaxFileBytes)
		if err != nil {
			doc.SkipReason = skipReason(err)
			return doc
		}
		data = inner
		ct = files.Sniff(data)
	}
	doc.ContentType = ct
	doc.Kind = DefaultKind(ct) // until the content says otherwise (classify)
	switch ct {
	case corpus.ContentTypePDF:
		e.extractPDF(ctx, &doc, data)
	case corpus.ContentTypeHTML:
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
