package index

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on.
var (
	// ErrNotFound means no document (or case) has the requested ID.
	ErrNotFound = errors.New("index: not found")
	// ErrLocked means another process holds the index open for writing.
	ErrLocked = errors.New("index: index is locked by another process")
	// ErrInvalidRequest wraps every problem with a search request's parameters.
	ErrInvalidRequest = errors.New("index: invalid request")
)

// QueryError is a syntax error in a query string. Pos is the 0-based byte
// offset in the query where the problem was found.
type QueryError struct {
	Pos int    // byte offset in the query
	Msg string // what is wrong
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("index: query syntax error at position %d: %s", e.Pos, e.Msg)
}

// Is makes errors.Is(err, ErrInvalidRequest) true for query errors.
func (e *QueryError) Is(target error) bool { return target == ErrInvalidRequest }

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidRequest, fmt.Sprintf(format, args...))
}
