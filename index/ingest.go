package index

import (
	"context"
	"time"

	"dossier/corpus"
)

// FailedFile is a file whose last processing failed, as the manifest
// records it.
type FailedFile struct {
	Path   string `json:"path"`
	ID     string `json:"id,omitempty"` // the skipped record's ID, when one was made
	Reason string `json:"reason"`
	// Partial says the file was indexed but is incomplete (its pages up to
	// the time limit are searchable); Reason says what is missing.
	Partial bool `json:"partial,omitempty"`
}

// Extractor turns one file into a Document. *extract.Extractor and the
// isolated worker pool implement it; it must be safe for concurrent use.
// ExtractFile always returns a Document: on failure its SkipReason says
// why, and its ID is "" when the file could not be read.
type Extractor interface {
	ExtractFile(ctx context.Context, path string) corpus.Document
}

// Outcome is what happened to one file during ingest.
type Outcome string

// Outcomes of ingest.
const (
	OutcomeIndexed   Outcome = "indexed"   // extracted (or imported) and written
	OutcomeUnchanged Outcome = "unchanged" // same path, size and mtime already processed by these versions; not read
	OutcomeDuplicate Outcome = "duplicate" // same bytes as a document another path holds; this path is recorded
	OutcomeFailed    Outcome = "failed"    // recorded with a skip reason, not searchable
	OutcomeIgnored   Outcome = "ignored"   // neither PDF, HTML nor JSON Lines
	OutcomePruned    Outcome = "pruned"    // file gone: its record (and its document, when no other path holds it) removed
)

// FileResult is the outcome for one file (or one JSON Lines document,
// whose Path is "file.jsonl:LINE").
type FileResult struct {
	Path    string  `json:"path"`
	Source  string  `json:"source,omitempty"` // upload's name when it differs from Path
	ID      string  `json:"id,omitempty"`     // document ID, "" when the file could not be read
	Outcome Outcome `json:"outcome"`
	Reason  string  `json:"reason,omitempty"` // why it failed, was ignored or pruned, or what a partial document lacks
	Pages   int     `json:"pages,omitempty"`
	// Bytes is the size of the file (or JSON Lines line) in bytes.
	Bytes int64 `json:"bytes,omitempty"`
	// ExtractMS is the wall-clock time its extraction took, in
	// milliseconds (0 when it was not extracted).
	ExtractMS int64 `json:"extract_ms,omitempty"`
	// Partial says the document was indexed but is incomplete: its
	// extraction stopped at the time limit (see corpus.Document.Partial).
	// Reason says what is missing; --retry-failed finishes it.
	Partial bool `json:"partial,omitempty"`
	// Reprocessed says why an unchanged file was processed again
	// (a new extractor or mapping version), or "".
	Reprocessed string `json:"reprocessed,omitempty"`
}

// IngestSummary counts the outcomes of an ingest run.
type IngestSummary struct {
	Indexed, Unchanged, Duplicate, Failed, Ignored, Pruned int
	// Reprocessed counts files processed again because the extractor or
	// mapping version changed; ReprocessReasons lists the distinct reasons.
	Reprocessed      int
	ReprocessReasons []string
	Pages            int          // pages extracted from indexed PDFs
	Failures         []FileResult // every failed file with its reason
	// Partial counts the files indexed incomplete (see FileResult.Partial),
	// new or replayed; Partials lists them.
	Partial  int
	Partials []FileResult
	Elapsed  time.Duration // wall-clock time of the run
	// JudgesResolved counts the updates of the pass after the run (see
	// ingest.ResolveJudgeInitials): filings given the court of their case and
	// filings given a judge from their case number's initials.
	JudgesResolved int
	// JudgePass is the wall-clock time of that pass (part of Elapsed).
	JudgePass time.Duration
}

// IngestOptions tune one ingest run. The zero value is valid.
type IngestOptions struct {
	// Prune removes the records of files under the given paths that no
	// longer exist, and their documents when no other path holds them.
	Prune bool
	// Progress, if non-nil, is called once per file after its batch is
	// committed, from a single goroutine.
	Progress func(FileResult)
	// Discovered, if non-nil, is called once with the number of files under
	// the paths and their total size in bytes, from another goroutine, as
	// soon as they are counted.
	Discovered func(files int, bytes int64)
	// Started, if non-nil, is called with a file's path when its
	// extraction starts, from the extracting goroutines: a long OCR shows
	// which file it is on.
	Started func(path string)
	// Sources maps a path to the document source to record instead of the
	// path (uploads keep their original names).
	Sources map[string]string
	// Kind is the manifest entry kind for files: ingest.EntryFile
	// (default) or ingest.EntryUpload.
	Kind string
	// RetryFailed extracts again the unchanged files that failed before
	// (a timeout, a worker crash), instead of replaying their failure from
	// the manifest, and finishes the partial ones. A new extractor version
	// retries them anyway.
	RetryFailed bool
	// TimeLimit is the extraction time limit per document in force (the
	// worker timeout), recorded with failed and partial files; a later run
	// with a longer limit retries them by itself. 0 means the extractor's,
	// when it reports one (see TimeLimiter), else unknown.
	TimeLimit time.Duration
}

// TimeLimiter is implemented by extractors that stop a document after a
// time limit (isolate.Pool): TimeLimit is that limit.
type TimeLimiter interface {
	TimeLimit() time.Duration
}

// Add counts r in the summary.
func (s *IngestSummary) Add(r FileResult) {
	switch r.Outcome {
	case OutcomeIndexed:
		s.Indexed++
		s.Pages += r.Pages
	case OutcomeUnchanged:
		s.Unchanged++
	case OutcomeDuplicate:
		s.Duplicate++
	case OutcomeFailed:
		s.Failed++
		s.Failures = append(s.Failures, r)
	case OutcomeIgnored:
		s.Ignored++
	case OutcomePruned:
		s.Pruned++
	}
	if r.Partial {
		s.Partial++
		s.Partials = append(s.Partials, r)
	}
	if r.Reprocessed != "" {
		s.Reprocessed++
	}
}

// StoredFile is an upload kept under ingest.Options.OriginalsDir, named by
// its SHA-256 so the same bytes are kept once.
type StoredFile struct {
	Name   string // the uploaded file's name, recorded as the document source
	Path   string // where it is kept
	SHA256 string // hex SHA-256 of its bytes
	Size   int64  // bytes
}
