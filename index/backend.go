package index

import (
	"context"

	"dossier/corpus"
)

// Backend is what a search engine gives dossier: every backend passes the
// contract suite in package indextest with it. Package api reaches a
// backend through smaller interfaces of its own.
type Backend interface {
	// Search runs one request (validated by SearchRequest.Validate).
	Search(ctx context.Context, req SearchRequest) (*SearchResult, error)
	// Export passes every match of req to fn in the request's order and
	// returns how many it passed.
	Export(ctx context.Context, req SearchRequest, fn func(Hit) error) (int, error)
	// Document returns a stored document, or an error wrapping ErrNotFound.
	Document(ctx context.Context, id string) (*corpus.Document, error)
	// Stats counts the documents.
	Stats(ctx context.Context) (Stats, error)
}
