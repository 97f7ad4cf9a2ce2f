package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"dossier/corpus"
)

// CommittedBatch is what one ingest commit wrote: the new and changed
// documents, in the batch's order, each with its version at commit time.
// Deletions and documents held elsewhere (duplicates) are not in it;
// skipped records are (a CommitHook leaves them out).
type CommittedBatch struct {
	// Seq numbers the batches that ingest handed to a hook, increasing
	// with commit order; a batch replayed after a crash keeps its number.
	Seq uint64
	// Docs are the documents written, in the batch's order. A batch
	// replayed after a crash reads them back from the engine, so a
	// document deleted since is missing.
	Docs []corpus.Document
	// Versions are DocumentVersion of each of Docs when it was committed
	// (parallel to Docs), kept with the batch so that a replay after a
	// crash gives the same versions.
	Versions []string
}

// CommitHook is told about every batch ingest commits (see
// ingest.Ingester.SetCommitHook); package index/alert's Matcher
// implements it. Committed is called after the batch is in the index and
// in the manifest, one batch at a time, in commit order; a batch is
// handed over again after a crash or an error until Committed returns
// nil, so Committed must be idempotent.
type CommitHook interface {
	Committed(ctx context.Context, b CommittedBatch) error
}

// DocumentVersion is a content hash of d (hex SHA-256 of its JSON, 32
// characters): the same document gives the same version in every
// process, and any change to it gives another.
func DocumentVersion(d *corpus.Document) string {
	b, err := json.Marshal(d)
	if err != nil { // a Document always marshals; keep the ID as the version otherwise
		b = []byte(d.ID)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
