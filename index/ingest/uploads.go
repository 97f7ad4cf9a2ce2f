package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"dossier/index"
)

// UploadsEnabled reports whether SetExtractor was called.
func (in *Ingester) UploadsEnabled() bool {
	in.exMu.RLock()
	defer in.exMu.RUnlock()
	return in.extractor != nil
}

// StoreUpload copies r into Options.OriginalsDir and syncs it to disk. An
// error from r (such as a body size limit) is returned wrapped, and nothing
// is kept.
func (in *Ingester) StoreUpload(name string, r io.Reader) (index.StoredFile, error) {
	dir, err := filepath.Abs(in.opts.OriginalsDir)
	if err != nil {
		return index.StoredFile{}, fmt.Errorf("index: originals: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return index.StoredFile{}, fmt.Errorf("index: originals: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return index.StoredFile{}, fmt.Errorf("index: originals: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return index.StoredFile{}, fmt.Errorf("index: store upload %q: %w", name, err)
	}
	sha := hex.EncodeToString(h.Sum(nil))
	final := filepath.Join(dir, sha[:2], sha)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return index.StoredFile{}, fmt.Errorf("index: originals: %w", err)
	}
	in.uploadsMu.Lock()
	defer in.uploadsMu.Unlock()
	if _, err := os.Stat(final); err != nil {
		if err := os.Rename(tmp.Name(), final); err != nil {
			return index.StoredFile{}, fmt.Errorf("index: store upload %q: %w", name, err)
		}
	}
	if in.uploadHolds == nil {
		in.uploadHolds = map[string]int{}
	}
	in.uploadHolds[final]++
	return index.StoredFile{Name: name, Path: final, SHA256: sha, Size: n}, nil
}

// ReleaseUploads ends a request's hold on files it stored with
// StoreUpload, whether they were ingested or the request failed (a body
// over the limit, a malformed part). A file that no other request holds
// and for which no document is recorded (indexed, or failed with its
// skip_reason) is removed, so that originals/ keeps only documents' files.
func (in *Ingester) ReleaseUploads(files []index.StoredFile) error {
	in.uploadsMu.Lock()
	defer in.uploadsMu.Unlock()
	var errs []error
	for _, f := range files {
		if in.uploadHolds[f.Path] > 1 {
			in.uploadHolds[f.Path]--
			continue
		}
		delete(in.uploadHolds, f.Path)
		if e := in.manifest.get(f.Path); e != nil && e.ID != "" && (e.Outcome == index.OutcomeIndexed || e.Outcome == index.OutcomeFailed) {
			continue
		}
		if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("index: remove upload: %w", err))
		}
	}
	return errors.Join(errs...)
}

// IngestStored indexes stored uploads with the extractor set by
// SetExtractor and returns one result per file, in order. The document
// source is the upload's name; its file stays under OriginalsDir, so
// Paths finds it after a restart.
func (in *Ingester) IngestStored(ctx context.Context, files []index.StoredFile) ([]index.FileResult, error) {
	in.exMu.RLock()
	ex := in.extractor
	in.exMu.RUnlock()
	if ex == nil {
		return nil, index.ErrUploadsDisabled
	}
	paths := make([]string, 0, len(files))
	sources := make(map[string]string, len(files))
	for i, f := range files {
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		files[i].Path = abs
		if _, dup := sources[abs]; !dup {
			paths = append(paths, abs)
		}
		sources[abs] = f.Name
	}
	byPath := map[string]index.FileResult{}
	_, err := in.IngestWith(ctx, ex, paths, index.IngestOptions{
		Kind: EntryUpload, Sources: sources,
		Progress: func(r index.FileResult) { byPath[r.Path] = r },
	})
	out := make([]index.FileResult, len(files))
	for i, f := range files {
		r, ok := byPath[f.Path]
		if !ok {
			r = index.FileResult{Path: f.Path, Outcome: index.OutcomeFailed, Reason: "not processed"}
		}
		r.Source = f.Name
		out[i] = r
	}
	return out, err
}
