package index

import (
	"errors"
	"fmt"

	ql "dossier/index/query"
)

// Sentinel errors callers branch on.
var (
	// ErrNotFound means no document (or case) has the requested ID.
	ErrNotFound = errors.New("index: not found")
	// ErrLocked means another process holds the index open for writing.
	ErrLocked = errors.New("index: index is locked by another process")
	// ErrInvalidRequest wraps every problem with a search request's parameters.
	// It is query.ErrInvalid, so that query errors match it too.
	ErrInvalidRequest = ql.ErrInvalid
)

// QueryError is a syntax or value error in a query string (see
// query.Error): Pos is the 0-based byte offset of the problem.
type QueryError = ql.Error

// Invalidf returns an error wrapping ErrInvalidRequest with a message.
func Invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidRequest, fmt.Sprintf(format, args...))
}

// ErrUploadsDisabled means the ingester has no extractor (see
// ingest.Ingester.SetExtractor), so it cannot take uploads.
var ErrUploadsDisabled = errors.New("index: uploads are not enabled")
