package index

import (
	"context"

	"dossier/corpus"
)

// Writer is what ingest (package index/ingest) needs from a search
// backend, and all it sees of one: atomic batches of writes, stored
// documents, the export its judge pass reads filings with, a count of
// records and the version of the backend's mapping. index/bleve's Index
// implements it.
type Writer interface {
	// Apply writes puts and deletes the documents deletes in one atomic
	// batch, durable when Apply returns: after a crash the whole batch is
	// on disk or none of it. A put replaces the document with its ID; a
	// document with a SkipReason is stored as a skipped record (counted,
	// never searchable). Unknown IDs to delete are ignored. ctx is checked
	// before the batch starts, not during it.
	Apply(ctx context.Context, puts []corpus.Document, deletes []string) error
	// Document returns a stored document, skipped ones included, or an
	// error wrapping ErrNotFound.
	Document(ctx context.Context, id string) (*corpus.Document, error)
	// Export calls fn for every searchable document matching req, in
	// req.Sort order (req.Size, Page and Cursor are ignored), and returns
	// how many hits it passed to fn. It stops at the first error of fn.
	Export(ctx context.Context, req SearchRequest, fn func(Hit) error) (int, error)
	// DocCount counts the records the backend holds, skipped ones included.
	DocCount(ctx context.Context) (uint64, error)
	// MappingVersion is the version of the backend's document mapping.
	// Ingest records it with every file and processes a file again when
	// it changes.
	MappingVersion() int
}
