package ingest

import (
	"time"

	"dossier/index"
)

// ManifestEntry is what the manifest records for one path after its batch
// was committed to the index.
type ManifestEntry struct {
	Path             string        `json:"path"`
	Kind             string        `json:"kind"`              // EntryFile, EntryJSONL or EntryUpload
	Size             int64         `json:"size"`              // bytes on disk
	MTime            time.Time     `json:"mtime"`             // modification time on disk
	SHA256           string        `json:"sha256,omitempty"`  // hex SHA-256 of the file (not for JSONL)
	ID               string        `json:"id,omitempty"`      // document ID (not for JSONL)
	Source           string        `json:"source,omitempty"`  // display name of an upload
	ExtractorVersion int           `json:"extractor_version"` // corpus.ExtractorVersion when processed
	MappingVersion   int           `json:"mapping_version"`   // the engine's mapping version (index.Writer) when processed
	Outcome          index.Outcome `json:"outcome"`           // indexed, failed or ignored; "" for a JSONL file in progress
	Reason           string        `json:"reason,omitempty"`  // why it failed or was ignored, or what a partial document lacks
	Partial          bool          `json:"partial,omitempty"` // indexed, but extraction stopped early (see corpus.Document.Partial)
	// TimeLimit is the extraction time limit in force when the file failed
	// or was indexed partial; 0 otherwise or when unknown.
	TimeLimit time.Duration `json:"time_limit,omitempty"`
	Offset    int64         `json:"offset,omitempty"` // JSONL: bytes imported and committed
	Docs      int           `json:"docs,omitempty"`   // JSONL: documents imported
	Pages     int           `json:"pages,omitempty"`  // pages extracted
	IndexedAt time.Time     `json:"indexed_at"`       // when the entry was written
}

// sameFile reports whether e describes a file of this size and mtime.
func (e *ManifestEntry) sameFile(size int64, mtime time.Time) bool {
	return e.Size == size && e.MTime.Equal(mtime)
}

// currentVersions reports whether e was processed by these extractor and
// mapping versions.
func (e *ManifestEntry) currentVersions(extractorVersion, mappingVersion int) bool {
	return e.ExtractorVersion == extractorVersion && e.MappingVersion == mappingVersion
}
