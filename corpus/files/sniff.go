package files

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"

	"dossier/corpus"
)

// ContentTypeGzip is what Sniff reports for a gzip stream. SniffFile and
// Extractor.Extract look inside it; it is never a Document's ContentType.
const ContentTypeGzip = "application/gzip"

// sniffBytes is how many bytes at the start of a file (or of its gzip
// content) decide its type.
const sniffBytes = 1024

// Sniff returns the content type of a file from its first bytes:
// corpus.ContentTypePDF, corpus.ContentTypeHTML, ContentTypeGzip, or ""
// when it is none of them. Only the first sniffBytes bytes are looked at.
// A "%PDF-" anywhere in them makes a PDF (junk before the header is
// repaired by pdftext); HTML is recognised by IsHTML.
func Sniff(head []byte) string {
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return corpus.ContentTypePDF
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return ContentTypeGzip
	case IsHTML(head):
		return corpus.ContentTypeHTML
	}
	return ""
}

// SniffFile returns the content type of the file at path, as Sniff reads
// its first bytes, looking inside a gzip file: corpus.ContentTypePDF,
// corpus.ContentTypeHTML, or "" for anything else, including a gzip file
// that is not valid gzip. gzipped reports that the content was read
// through gzip; gzip within gzip is reported as ContentTypeGzip (Extract
// unpacks one layer only, so such a file fails extraction with a reason
// rather than being ignored). SniffFile reads at most sniffBytes bytes of
// the file and of its decompressed content. err is set only when the file
// cannot be opened or read, and starts "corpus: ".
func SniffFile(path string) (contentType string, gzipped bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", false, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("corpus: read %s: %w", path, err)
	}
	ct := Sniff(head[:n])
	if ct != ContentTypeGzip {
		return ct, false, nil
	}
	// Look inside: only gzip-compressed PDF and HTML count.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", false, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", false, nil
	}
	n, _ = io.ReadFull(zr, head)
	return Sniff(head[:n]), true, nil
}
