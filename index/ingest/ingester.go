package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"dossier/index"
)

// Ingester fills an index: it walks folders, extracts and imports their
// files, and writes the documents through an index.Writer (the engine)
// in batches, recording every file in the manifest beside the index. It
// also keeps uploads, lists failures and removes documents. It is safe for
// concurrent use: concurrent ingests (a batch run, uploads, a watched
// folder) commit one batch at a time.
type Ingester struct {
	opts     Options
	w        index.Writer
	manifest *manifest
	logger   *slog.Logger
	// mappingVersion is w's, recorded with every file.
	mappingVersion int

	// writeMu serialises index commits with their manifest updates, so that
	// concurrent ingests agree on which paths reference which documents.
	// It guards hook too.
	writeMu sync.Mutex
	// hook is told about every committed batch (SetCommitHook); nil for
	// none.
	hook index.CommitHook

	// resolveJudges replaces ResolvePendingJudges at the end of an ingest
	// when set: tests stop a run there, as a kill would.
	resolveJudges func(context.Context) (int, error)

	// uploadsMu guards uploadHolds: the requests holding each stored
	// upload's path (StoreUpload, ReleaseUploads).
	uploadsMu   sync.Mutex
	uploadHolds map[string]int

	exMu      sync.RWMutex
	extractor index.Extractor // for uploads; nil when uploads are not enabled

	closeOnce sync.Once
	closeErr  error
}

// Open opens the ingest side of the index in dir, which writes through w,
// the engine already open on dir: the manifest (manifest.bolt in dir) and
// the uploads kept under opts.OriginalsDir. The engine and the manifest
// hold a file lock each: Open waits opts.LockTimeout for another
// process's lock on the manifest, then fails with index.ErrLocked. A
// manifest that references documents while w holds none is left from an
// older index and starts afresh. Close the Ingester before the engine.
// logger may be nil for silence.
func Open(dir string, w index.Writer, opts Options, logger *slog.Logger) (*Ingester, error) {
	opts.SetDefaults()
	if opts.OriginalsDir == "" {
		opts.OriginalsDir = filepath.Join(dir, "originals")
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	man, err := openManifest(dir, opts.LockTimeout)
	if err != nil {
		return nil, err
	}
	in := &Ingester{opts: opts, w: w, manifest: man, logger: logger, mappingVersion: w.MappingVersion()}
	if err := in.dropStaleManifest(); err != nil {
		man.close()
		return nil, err
	}
	return in, nil
}

// dropStaleManifest empties a manifest that references documents when the
// index holds none: the index was made anew beside an older manifest,
// which would otherwise skip files whose documents it no longer has.
func (in *Ingester) dropStaleManifest() error {
	n, err := in.w.DocCount(context.Background())
	if err != nil {
		return err
	}
	if n > 0 || !in.manifest.holdsDocuments() {
		return nil
	}
	in.logger.Warn("the manifest references documents the index does not hold: starting it afresh")
	return in.manifest.reset()
}

// Close closes the manifest. It is safe to call more than once. Close the
// engine after it.
func (in *Ingester) Close() error {
	in.closeOnce.Do(func() {
		if err := in.manifest.close(); err != nil {
			in.closeErr = fmt.Errorf("index: close manifest: %w", err)
		}
	})
	return in.closeErr
}

// Paths returns the files (on disk, or kept uploads) that hold document id,
// sorted; nil when none is known. Documents imported from JSON Lines have
// no original file.
func (in *Ingester) Paths(id string) []string {
	var out []string
	for _, p := range in.manifest.paths(id) {
		if e := in.manifest.get(p); e != nil && e.Kind != EntryJSONL {
			out = append(out, p)
		}
	}
	return out
}

// ManifestEntry returns what the manifest records for path, or nil.
func (in *Ingester) ManifestEntry(path string) *ManifestEntry { return in.manifest.get(path) }

// SetExtractor enables uploads (StoreUpload, IngestStored) with ex.
func (in *Ingester) SetExtractor(ex index.Extractor) {
	in.exMu.Lock()
	in.extractor = ex
	in.exMu.Unlock()
}

// Remove removes document id from the index and forgets the files that
// held it (their manifest entries), so that it leaves searches, facets and
// cases at once. A file of it kept from an upload is removed too; a file
// under a folder that is indexed again comes back as a new document. It
// returns ErrNotFound when there is no such document.
func (in *Ingester) Remove(ctx context.Context, id string) error {
	if _, err := in.w.Document(ctx, id); err != nil {
		return err
	}
	in.writeMu.Lock()
	defer in.writeMu.Unlock()
	if err := in.w.Apply(ctx, nil, []string{id}); err != nil {
		return err
	}
	paths := in.manifest.paths(id)
	var uploads []string
	err := in.manifest.update(func(t manifestTx) error {
		for _, p := range paths {
			if e := t.get(p); e != nil && e.Kind == EntryUpload {
				uploads = append(uploads, p)
			}
			if err := t.remove(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range uploads {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("index: remove upload of %s: %w", id, err)
		}
	}
	return nil
}

// SetCommitHook hands every batch committed from now on to h (alert
// matching), after the batch is in the index and the manifest, in commit
// order; nil stops it. The batch's searchable documents are recorded as
// pending in the manifest transaction that records the batch and cleared
// once h took them, so a process killed in between hands them over at
// the next SetCommitHook. SetCommitHook hands over the batches left
// pending first and returns the error of the first h refused (they stay
// pending). A batch h refuses during an ingest is logged and stays
// pending; the ingest goes on, and the next commit hands it over first.
// Commands that write (index, serve with uploads and watched folders)
// must set the hook, or their batches are not matched.
func (in *Ingester) SetCommitHook(ctx context.Context, h index.CommitHook) error {
	in.writeMu.Lock()
	defer in.writeMu.Unlock()
	in.hook = h
	if h == nil {
		return nil
	}
	return in.handOver(ctx, nil)
}
