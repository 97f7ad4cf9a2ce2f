package corpus

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Candidate is a file found by Walk.
type Candidate struct {
	// Path is the file path.
	Path string
	// Size is the file size in bytes.
	Size int64
	// ContentType is the sniffed type, ContentTypePDF or ContentTypeHTML
	// (looking inside gzip files), or "" when the file is neither.
	ContentType string
	// Compressed is true when the file is gzip-compressed.
	Compressed bool
	// Ignored is true when the file is not PDF or HTML.
	Ignored bool
	// Err is set when the file could not be opened or read.
	Err error
}

// Walk visits every regular file under paths (files or directories),
// recognising PDF and HTML by content, not by extension. Hidden files and
// directories (names starting with ".") are skipped, and symbolic links are
// not followed. fn is called for every file in lexical order; returning an
// error stops the walk.
func Walk(ctx context.Context, paths []string, fn func(Candidate) error) error {
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			if err := fn(Candidate{Path: root, Err: fmt.Errorf("corpus: %w", err)}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := fn(sniffFile(root, info.Size())); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if err != nil {
				return fn(Candidate{Path: path, Err: fmt.Errorf("corpus: %w", err)})
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return fn(Candidate{Path: path, Err: fmt.Errorf("corpus: %w", err)})
			}
			return fn(sniffFile(path, info.Size()))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func sniffFile(path string, size int64) Candidate {
	c := Candidate{Path: path, Size: size}
	f, err := os.Open(path)
	if err != nil {
		c.Err = fmt.Errorf("corpus: %w", err)
		return c
	}
	defer f.Close()
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		c.Err = fmt.Errorf("corpus: read %s: %w", path, err)
		return c
	}
	c.ContentType = Sniff(head[:n])
	if c.ContentType == "application/gzip" {
		// Look inside: only gzip-compressed PDF and HTML are candidates.
		c.ContentType = ""
		if _, err := f.Seek(0, io.SeekStart); err == nil {
			if zr, err := gzip.NewReader(f); err == nil {
				n, _ := io.ReadFull(zr, head)
				c.ContentType = Sniff(head[:n])
				c.Compressed = true
			}
		}
	}
	c.Ignored = c.ContentType == ""
	return c
}
