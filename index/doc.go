// Package index is the backend-neutral core of dossier's search: the types
// a search speaks (SearchRequest, Filters, SearchResult, Hit, Facet,
// CaseInfo, Stats), the types of ingest (FileResult, IngestSummary,
// IngestOptions, StoredFile, FailedFile, Extractor), Writer (what ingest
// needs of a backend), Percolator (what alerts need of one: many saved
// searches run against one batch of documents), CommitHook and
// CommittedBatch (what ingest tells alerts of each commit), its errors, the one table of filter and facet
// fields (FilterFields) and what a document's own cases are (OwnCases,
// JudgeByInitials). It has no search engine and no extractor behind it:
// package index/query parses and checks the query language, package
// index/bleve implements search on bleve, package index/ingest fills an
// index through Writer, and package api serves them through small
// interfaces.
//
// Invariants:
//   - Nothing here imports bleve, the PDF library or readability (the
//     architecture test in cmd/dossier checks the dependency tree).
//   - SearchRequest.Validate checks everything a backend needs checked,
//     once; a backend may assume a validated request (a cursor is opaque
//     here and is checked by the backend that made it).
//   - A filter, its parameter, its validation and its facet come from one
//     FilterFields entry; a facet whose filter is set is counted without
//     it (disjunctive).
//
// Limits: page size up to MaxSize (100); paging within MaxWindow (10,000)
// hits; filters up to MaxFilterValues (32) values; facets up to
// MaxFacetSize (100) values; fragments up to MaxFragments (50) of
// MaxFragmentSize (1000) characters; cursors up to MaxCursorBytes (2048).
package index
