package index

import (
	"context"

	"dossier/corpus"
)

// Percolator runs many saved searches against a small set of documents,
// typically the documents one ingest batch has just committed, and says
// which of them each search matches. It never reads the index the
// documents were written to: the cost grows with the number of documents
// and requests, not with the size of the index. index/bleve's Index
// implements it.
//
// A request matches a document when Search, run with the same request
// (Strict set) on an index holding only docs, would return it: same
// analysis, word forms, case-number handling, filters and Restrict.
// Sort, paging, cursors, facets and highlights of the requests are
// ignored, and they are always strict: the forgiving AND depends on how
// many documents match, which a batch cannot say. Documents with a
// SkipReason never match.
type Percolator interface {
	// Percolate returns one result per request of reqs, in order. An
	// invalid request gets its error in its result (wrapping
	// ErrInvalidRequest or a *QueryError) and does not stop the others;
	// the error returned is for the batch as a whole (ctx ended, docs
	// unusable).
	Percolate(ctx context.Context, docs []corpus.Document, reqs []SearchRequest, opts PercolateOptions) ([]PercolateResult, error)
}

// PercolateOptions tune one Percolate call. The zero value asks for
// matches without fragments.
type PercolateOptions struct {
	// FragmentSize is the size, in characters, of the one fragment each
	// match gets (as SearchRequest.FragmentSize); 0 for no fragments.
	FragmentSize int
	// MaxFragmented caps the matches of one request that get a fragment,
	// in document order; 0 means DefaultMaxFragmented.
	MaxFragmented int
	// Workers is the number of requests run at once; 0 means the number
	// of CPUs Go may use (GOMAXPROCS).
	Workers int
}

// DefaultMaxFragmented is PercolateOptions.MaxFragmented's default:
// fragments per request and batch.
const DefaultMaxFragmented = 20

// PercolateResult is what one request matched.
type PercolateResult struct {
	// Matches are the documents the request matches, in the order of
	// the docs given (the batch's order); each ID once.
	Matches []PercolateMatch
	// Err is why the request could not run; Matches is then empty.
	Err error
}

// PercolateMatch is one document a request matches.
type PercolateMatch struct {
	ID string
	// Fragment is the document's first highlight fragment for the
	// request, as Highlight.Fragment (HTML-escaped, matches in
	// <mark>…</mark>), or "" when fragments were not asked for or the
	// request's MaxFragmented was reached.
	Fragment string
}
