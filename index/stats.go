package index

// Stats describes the index.
type Stats struct {
	// Documents is the number of searchable documents.
	Documents uint64
	// Skipped is the number of recorded files that failed extraction.
	Skipped uint64
	// ByKind counts searchable documents per corpus.Kind.
	ByKind map[string]uint64
	// DiskBytes is the size of the index directory in bytes.
	DiskBytes int64
	// Segments is the number of immutable parts the index is made of (0
	// where the backend has none); fewer answer faster, and dossier index
	// --compact merges them after a bulk import.
	Segments int
	// CacheBytes is the memory, in bytes, the backend's caches of decoded
	// index data hold (bleve: the position cache); 0 where it keeps none.
	CacheBytes int64
}

// CaseInfo is everything the index knows about one case.
type CaseInfo struct {
	// Canonical is the normalised case number, e.g. "19-cv-07123".
	Canonical string
	// Court is the id of the court whose documents carry the number, or ""
	// when none is known. OtherCourts lists further courts that have a case
	// with the same number; ask again with Court set to see it.
	Court       string
	OtherCourts []string
	// Caption is the parties' caption most of its filings agree on:
	// captions are grouped by their letters and digits alone (so a
	// letter-spaced "WHA Tsapp Inc." joins "WhatsApp Inc."), the largest
	// group wins (ties: the earliest), and within it the spelling most
	// filings print (ties: the earliest).
	Caption string
	// Judges are the canonical names of the judges its filings name, most
	// often named first.
	Judges []string
	// JudgeInitials are initials printed in its case numbers ("PJH") with
	// the judge they resolve to among Judges, or "" when none matches.
	JudgeInitials map[string]string
	// Filings are the case's filings by date, then docket number.
	Filings []Hit
	// Articles are press articles that mention the case, by date.
	Articles []Hit
	// Related are the canonical numbers of the related or consolidated
	// cases its filings' captions name, in order of first appearance.
	Related []string
	// CitedBy are filings of other cases that cite it, by date (at most
	// MaxCaseDocuments).
	CitedBy []Hit
	// Truncated is true when more than MaxCaseDocuments documents matched.
	Truncated bool
}
