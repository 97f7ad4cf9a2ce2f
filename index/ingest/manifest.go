package ingest

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"dossier/index"
)

// The manifest (manifest.bolt in the index directory, a bbolt database
// beside bleve's own files) records every path an ingest processed:
// size, mtime, SHA-256, document ID, extractor and mapping versions,
// outcome and reason, and which paths reference which document IDs.
//
// Invariants:
//   - A record is written only after the index batch holding its document
//     was committed (bleve's safe batches are on disk when Batch returns),
//     so after a crash the manifest may lack work the index holds, never
//     the reverse. Re-doing that work is idempotent: same IDs, same
//     records.
//   - A document is deleted only when no recorded path references it.
//   - A JSON Lines file's record advances with each committed batch
//     (Offset, Docs) and is marked complete at its end.
//   - It is opened by ingest.Open after the engine, beside the engine's
//     files, and holds its own file lock (bbolt's), so a second writer
//     fails fast with ErrLocked; the Ingester owns it and closes it before
//     the engine closes.

// manifestFile is the manifest's file name inside the index directory.
const manifestFile = "manifest.bolt"

// Manifest bucket names.
var (
	bucketFiles = []byte("files") // path -> JSON ManifestEntry
	bucketByID  = []byte("by_id") // id \x00 path -> nothing: which paths hold a document
	bucketByPth = []byte("by_path")
	// bucketJudges holds the case numbers (as printed) of filings
	// committed since their judge initials were last resolved: written in
	// the transaction that records the filings, cleared after resolution,
	// so a run killed in between leaves the work for the next one.
	bucketJudges = []byte("judges_pending")
	// bucketHook holds the batches committed while a commit hook (alert
	// matching) was set and not yet handed to it: sequence number (8
	// bytes, big-endian) -> JSON pendingBatch. Written in the transaction
	// that records the batch, deleted when the hook took it.
	bucketHook = []byte("hook_pending")
)

// Entry kinds.
const (
	EntryFile   = "file"   // a PDF or HTML file on disk
	EntryJSONL  = "jsonl"  // a JSON Lines file of extracted documents
	EntryUpload = "upload" // a file received over HTTP, kept under Options.OriginalsDir
)

// manifest is the bbolt store of ManifestEntry records, next to the index.
// Writes happen only after the index batch they describe is committed, so
// the manifest never claims more than the index holds.
type manifest struct {
	db *bolt.DB
}

// manifestBuckets are every bucket of the manifest.
var manifestBuckets = [][]byte{bucketFiles, bucketByID, bucketByPth, bucketJudges, bucketHook}

func openManifest(dir string, lockTimeout time.Duration) (*manifest, error) {
	path := filepath.Join(dir, manifestFile)
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s", index.ErrLocked, path)
		}
		return nil, fmt.Errorf("index: open manifest: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range manifestBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("index: init manifest: %w", err)
	}
	return &manifest{db: db}, nil
}

func (m *manifest) close() error { return m.db.Close() }

// holdsDocuments reports whether any path references a document.
func (m *manifest) holdsDocuments() bool {
	found := false
	_ = m.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketByID).Cursor().First()
		found = k != nil
		return nil
	})
	return found
}

// reset empties every bucket, in one transaction.
func (m *manifest) reset() error {
	err := m.db.Update(func(tx *bolt.Tx) error {
		for _, b := range manifestBuckets {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: reset manifest: %w", err)
	}
	return nil
}

// get returns the entry for path, or nil.
func (m *manifest) get(path string) *ManifestEntry {
	var e *ManifestEntry
	_ = m.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketFiles).Get([]byte(path))
		if v == nil {
			return nil
		}
		e = new(ManifestEntry)
		if json.Unmarshal(v, e) != nil {
			e = nil
		}
		return nil
	})
	return e
}

func refKey(a, b string) []byte {
	k := make([]byte, 0, len(a)+1+len(b))
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

// paths returns the paths that hold document id, sorted.
func (m *manifest) paths(id string) []string {
	var out []string
	_ = m.db.View(func(tx *bolt.Tx) error {
		out = scanRefs(tx.Bucket(bucketByID), id)
		return nil
	})
	sort.Strings(out)
	return out
}

// scanRefs lists the second halves of keys "a\x00b" in bucket b with a == a.
func scanRefs(b *bolt.Bucket, a string) []string {
	prefix := refKey(a, "")
	var out []string
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// manifestTx is one manifest write transaction.
type manifestTx struct{ tx *bolt.Tx }

func (t manifestTx) get(path string) *ManifestEntry {
	v := t.tx.Bucket(bucketFiles).Get([]byte(path))
	if v == nil {
		return nil
	}
	e := new(ManifestEntry)
	if json.Unmarshal(v, e) != nil {
		return nil
	}
	return e
}

// refs lists the paths referencing id.
func (t manifestTx) refs(id string) []string { return scanRefs(t.tx.Bucket(bucketByID), id) }

// idsOf lists the document IDs path references.
func (t manifestTx) idsOf(path string) []string { return scanRefs(t.tx.Bucket(bucketByPth), path) }

func (t manifestTx) addRef(id, path string) error {
	if err := t.tx.Bucket(bucketByID).Put(refKey(id, path), nil); err != nil {
		return err
	}
	return t.tx.Bucket(bucketByPth).Put(refKey(path, id), nil)
}

func (t manifestTx) dropRef(id, path string) error {
	if err := t.tx.Bucket(bucketByID).Delete(refKey(id, path)); err != nil {
		return err
	}
	return t.tx.Bucket(bucketByPth).Delete(refKey(path, id))
}

// put writes e. For a file entry the path's reference moves to e.ID.
func (t manifestTx) put(e *ManifestEntry) error {
	if e.Kind != EntryJSONL {
		for _, old := range t.idsOf(e.Path) {
			if old != e.ID {
				if err := t.dropRef(old, e.Path); err != nil {
					return err
				}
			}
		}
		if e.ID != "" {
			if err := t.addRef(e.ID, e.Path); err != nil {
				return err
			}
		}
	}
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketFiles).Put([]byte(e.Path), v)
}

// remove deletes path's entry and references.
func (t manifestTx) remove(path string) error {
	for _, id := range t.idsOf(path) {
		if err := t.dropRef(id, path); err != nil {
			return err
		}
	}
	return t.tx.Bucket(bucketFiles).Delete([]byte(path))
}

func (m *manifest) update(fn func(manifestTx) error) error {
	if err := m.db.Update(func(tx *bolt.Tx) error { return fn(manifestTx{tx}) }); err != nil {
		return fmt.Errorf("index: write manifest: %w", err)
	}
	return nil
}

func (m *manifest) view(fn func(manifestTx) error) error {
	return m.db.View(func(tx *bolt.Tx) error { return fn(manifestTx{tx}) })
}

// each calls fn for every entry, in path order.
func (m *manifest) each(fn func(*ManifestEntry) error) error {
	return m.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFiles).ForEach(func(_, v []byte) error {
			var e ManifestEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return nil
			}
			return fn(&e)
		})
	})
}

// addJudgesPending records case numbers whose judge initials need resolving.
func (t manifestTx) addJudgesPending(cases []string) error {
	b := t.tx.Bucket(bucketJudges)
	for _, c := range cases {
		if c == "" {
			continue
		}
		if err := b.Put([]byte(c), nil); err != nil {
			return err
		}
	}
	return nil
}

// judgesPending lists the case numbers waiting for judge resolution.
func (m *manifest) judgesPending() ([]string, error) {
	var out []string
	err := m.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJudges).ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("index: read manifest: %w", err)
	}
	return out, nil
}

// clearJudgesPending removes case numbers once resolved.
func (m *manifest) clearJudgesPending(cases []string) error {
	return m.update(func(t manifestTx) error {
		b := t.tx.Bucket(bucketJudges)
		for _, c := range cases {
			if err := b.Delete([]byte(c)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Failures lists up to limit files whose last processing failed or left a
// partial document, in path order, and how many there are in all.
func (in *Ingester) Failures(limit int) ([]index.FailedFile, int, error) {
	var out []index.FailedFile
	total := 0
	err := in.manifest.each(func(e *ManifestEntry) error {
		if e.Outcome != index.OutcomeFailed && !e.Partial {
			return nil
		}
		total++
		if len(out) < limit {
			out = append(out, index.FailedFile{Path: e.Path, ID: e.ID, Reason: e.Reason, Partial: e.Partial})
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("index: read manifest: %w", err)
	}
	return out, total, nil
}

// pendingBatch is a committed batch waiting for the commit hook: the IDs
// of its searchable documents and their versions (index.DocumentVersion)
// at commit time.
type pendingBatch struct {
	IDs      []string `json:"ids"`
	Versions []string `json:"versions"`
}

// addHookPending records b under the next sequence number and returns it.
func (t manifestTx) addHookPending(b pendingBatch) (uint64, error) {
	bk := t.tx.Bucket(bucketHook)
	seq, err := bk.NextSequence()
	if err != nil {
		return 0, err
	}
	v, err := json.Marshal(b)
	if err != nil {
		return 0, err
	}
	return seq, bk.Put(seqKey(seq), v)
}

// seqKey is a sequence number as a key that sorts in number order.
func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// hookPending lists the batches waiting for the commit hook, oldest first.
func (m *manifest) hookPending() ([]uint64, []pendingBatch, error) {
	var (
		seqs []uint64
		out  []pendingBatch
	)
	err := m.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHook).ForEach(func(k, v []byte) error {
			var b pendingBatch
			if len(k) != 8 || json.Unmarshal(v, &b) != nil || len(b.Versions) != len(b.IDs) {
				return fmt.Errorf("pending batch %x is corrupt", k)
			}
			seqs = append(seqs, binary.BigEndian.Uint64(k))
			out = append(out, b)
			return nil
		})
	})
	if err != nil {
		return nil, nil, fmt.Errorf("index: read manifest: %w", err)
	}
	return seqs, out, nil
}

// clearHookPending removes a batch the hook took.
func (m *manifest) clearHookPending(seq uint64) error {
	return m.update(func(t manifestTx) error { return t.tx.Bucket(bucketHook).Delete(seqKey(seq)) })
}
