package legal

// CaseNumber is one case number found in a document.
type CaseNumber struct {
	// Raw is the string as printed, e.g. "4:19-cv-07123-PJH".
	Raw string `json:"raw"`
	// Canonical is the normalised form used for matching, e.g. "19-cv-07123"
	// (two-digit year, lower-case type, five-digit number) or, for appellate
	// numbers, "20-16408".
	Canonical string `json:"canonical"`
	// Court is the court id (see Court.ID) the number belongs to, or "" when unknown.
	Court string `json:"court"`
	// Office is the divisional office prefix ("4" in "4:19-cv-07123"), or "".
	Office string `json:"office,omitempty"`
	// JudgeInitials are the trailing judge initials ("PJH"), or "".
	JudgeInitials string `json:"judge_initials,omitempty"`
	// Role says how the document carries the number: RoleDocket (its own
	// case), RoleRelated (a related or consolidated case, or the lower or
	// higher court's number of the same matter, named in the caption),
	// RoleCited (cited in the body) or RoleMentioned (named by an article).
	// Empty only in values built by ParseCaseNumber and FindCaseNumbers.
	Role string `json:"role,omitempty"`
}

// Case-number roles (CaseNumber.Role).
const (
	RoleDocket    = "docket"
	RoleRelated   = "related"
	RoleCited     = "cited"
	RoleMentioned = "mentioned"
)

// Court identifies a court.
type Court struct {
	// ID is the short lower-case identifier, e.g. "cand", "ca9".
	ID string `json:"id"`
	// Name is the full name, e.g. "U.S. District Court, N.D. California".
	Name string `json:"name"`
	// Citation is the short citation form, e.g. "N.D. Cal.".
	Citation string `json:"citation,omitempty"`
}

// Judge is a judge named in a document.
type Judge struct {
	// Name is the canonical display name, e.g. "Phyllis J. Hamilton".
	Name string `json:"name"`
	// Raw is the string as printed, e.g. "PHYLLIS J. HAMILTON".
	Raw string `json:"raw"`
	// Role is e.g. "district judge", "magistrate judge", "circuit judge", or "".
	Role string `json:"role,omitempty"`
	// Capacity says in what capacity the document names the judge:
	// CapacitySigning (a signature block, an opinion's author),
	// CapacityPresiding (caption, "Before:" panel, "Assigned to:", the
	// judge of the filing's own case in prose), CapacityCited (named in or
	// right after a citation of another case) or CapacityMentioned (named
	// by an article).
	Capacity string `json:"capacity,omitempty"`
}

// Judge capacities (Judge.Capacity).
const (
	CapacityPresiding = "presiding"
	CapacitySigning   = "signing"
	CapacityCited     = "cited"
	CapacityMentioned = "mentioned"
)

// Own reports whether the capacity makes the judge one of the document's
// own case (presiding or signing).
func (j Judge) Own() bool { return j.Capacity == CapacityPresiding || j.Capacity == CapacitySigning }

// Own reports whether the role makes the number the document's own case
// (docket).
func (c CaseNumber) Own() bool { return c.Role == RoleDocket }

// ECFStamp is the header line that CM/ECF stamps on every page of a filing.
type ECFStamp struct {
	// Raw is the stamp line as found.
	Raw string `json:"raw,omitempty"`
	// CaseNumber is the case number in the stamp as printed.
	CaseNumber string `json:"case_number,omitempty"`
	// DocumentNumber is the docket entry number, e.g. "677-5" or "28.1".
	DocumentNumber string `json:"document_number"`
	// Filed is the filing date as YYYY-MM-DD, or "".
	Filed string `json:"filed"`
	// Page is the page number printed in the stamp (1-based), or 0.
	Page int `json:"page,omitempty"`
	// PageCount is the "of N" page count printed in the stamp, or 0.
	PageCount int `json:"page_count,omitempty"`
}
