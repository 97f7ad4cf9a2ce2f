package index

import (
	"fmt"
	"slices"
	"strings"
	"time"

	ql "dossier/index/query"
)

// Suggestion is another spelling of the query and what it finds.
type Suggestion struct {
	Query string // the query with the misspelled words replaced
	Total uint64 // documents it matches, with the same filters
}

// Search limits and defaults.
const (
	DefaultSize      = 10    // hits per page
	MaxSize          = 100   // hits per page
	MaxWindow        = 10000 // page*size may not reach past this many hits; use a cursor beyond
	DefaultFacetSize = 10    // values per facet
	MaxFacetSize     = 100   // values per facet
	MaxFilterValues  = 32    // values per filter parameter
	MaxTermSearchers = 4096  // terms that prefix and fuzzy queries may expand to, per search
	MaxCursorBytes   = 2048  // length of an opaque cursor
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDateAsc   = "date"
	SortDateDesc  = "-date"
)

// Filters restrict a search. Values within one filter are ORed; filters are
// ANDed with each other and with the query.
type Filters struct {
	Kind    []string // corpus kinds
	Court   []string // court ids or citation forms ("cand", "N.D. Cal.")
	Judge   []string // canonical judge names
	Case    []string // case numbers in any spelling: documents of that case (filings) or mentioning it (articles)
	Cites   []string // case numbers in any spelling: filings that cite that case
	Site    []string // article site names
	Author  []string // article authors, each as the byline names them
	DocType []string // document types: complaint, order, article, ...
	IDs     []string // document IDs, e.g. to search inside one document
	From    time.Time
	To      time.Time // inclusive; zero means open
}

// SearchRequest is a search. Zero values take the defaults above.
type SearchRequest struct {
	Query string // dossier query language; "" matches everything
	// Restrict is a mandatory filter in the query language (for example an
	// API key's), applied to hits, totals and every facet count.
	Restrict     string
	Filters      Filters
	Sort         string   // SortRelevance (default), SortDateAsc, SortDateDesc
	Size         int      // hits per page, 1..MaxSize
	Page         int      // 1-based page number; must be 1 with a Cursor
	Cursor       string   // opaque position from SearchResult.NextCursor
	Facets       []string // names from FacetNames
	FacetSize    int      // values per facet, 1..MaxFacetSize
	Highlight    bool     // compute fragments
	FragmentSize int      // characters per fragment, 1..MaxFragmentSize
	Fragments    int      // fragments per hit, 1..MaxFragments
	// Strict turns the forgiving AND off: every bare word must match even
	// when that leaves fewer than RelaxBelow hits.
	Strict bool
	// CountOnly asks for the total and the facets without hits (size=0 in
	// the API); paging and highlights are ignored.
	CountOnly bool
	// AllFragments gives each hit every match of its text as fragments, in
	// document order, rather than the best Fragments: for reading one
	// document's matches (in-document search). Fragments is then ignored.
	AllFragments bool
}

// SetDefaults fills zero fields.
func (r *SearchRequest) SetDefaults() {
	if r.Sort == "" {
		r.Sort = SortRelevance
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	if r.FragmentSize == 0 {
		r.FragmentSize = DefaultFragmentSize
	}
	if r.Fragments == 0 {
		r.Fragments = DefaultFragments
	}
}

// Validate reports the first problem, wrapped in ErrInvalidRequest.
func (r *SearchRequest) Validate() error {
	if err := r.validatePage(); err != nil {
		return err
	}
	for _, name := range r.Facets {
		if ff, ok := LookupFilterField(name); !ok || !ff.Facet {
			return Invalidf("unknown facet %q (known: %s)", name, strings.Join(FacetNames, ","))
		}
	}
	return r.Filters.validate()
}

// validatePage checks paging, sort, facet size and fragments.
func (r *SearchRequest) validatePage() error {
	switch {
	case r.Size < 1 || r.Size > MaxSize:
		return Invalidf("size must be between 1 and %d", MaxSize)
	case r.Page < 1:
		return Invalidf("page must be 1 or more")
	case r.Page > MaxWindow || r.Page*r.Size > MaxWindow: // the first test keeps the product from overflowing
		return Invalidf("page*size must not exceed %d; use the cursor to read further", MaxWindow)
	case r.Cursor != "" && r.Page != 1:
		return Invalidf("page and cursor cannot be combined")
	case len(r.Cursor) > MaxCursorBytes:
		return Invalidf("cursor is too long")
	case r.FacetSize < 1 || r.FacetSize > MaxFacetSize:
		return Invalidf("facet_size must be between 1 and %d", MaxFacetSize)
	case r.FragmentSize < 1 || r.FragmentSize > MaxFragmentSize:
		return Invalidf("fragment_size must be between 1 and %d", MaxFragmentSize)
	case r.Fragments < 1 || r.Fragments > MaxFragments:
		return Invalidf("fragments must be between 1 and %d", MaxFragments)
	case !slices.Contains([]string{SortRelevance, SortDateAsc, SortDateDesc}, r.Sort):
		return Invalidf("sort must be one of relevance, date, -date")
	}
	return nil
}

// validate checks the filters: value counts, case numbers, dates.
func (f Filters) validate() error {
	if len(f.IDs) > MaxFilterValues {
		return Invalidf("id takes at most %d values", MaxFilterValues)
	}
	for _, ff := range FilterFields {
		vals := ff.Values(&f)
		if len(vals) > MaxFilterValues {
			return Invalidf("%s takes at most %d values", ff.Name, MaxFilterValues)
		}
		if ff.Value != ValueCaseNumber {
			continue
		}
		for _, c := range vals {
			if _, ok := ql.ParseCaseFilter(c); !ok {
				return Invalidf("%s %q is not a case number and holds none", ff.Name, c)
			}
		}
	}
	for _, d := range []time.Time{f.From, f.To} {
		if !d.IsZero() && (d.Before(ql.MinDate) || d.After(ql.MaxDate)) {
			return Invalidf("dates must be between %s and %s", ql.MinDate.Format(time.DateOnly), ql.MaxDate.Format(time.DateOnly))
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Invalidf("to is before from")
	}
	return nil
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total  uint64           // exact number of matching documents
	Took   time.Duration    // time spent searching
	Hits   []Hit            // this page
	Facets map[string]Facet // by facet name
	// NextCursor continues after the last hit of this page with the same
	// request; "" when this page is the last.
	NextCursor string
	// Relaxed is set when the query's bare words did not all match together
	// in RelaxBelow documents and the hits match only most of them.
	Relaxed *Relaxation
	// Ignored lists query words without a searchable character ("§").
	Ignored []string
	// Expanded lists the legal shorthand the query was expanded with.
	Expanded []Expansion
	// Suggestion is another spelling of the query that finds more, offered
	// when this search has fewer than SuggestBelow hits; nil otherwise.
	Suggestion *Suggestion
}

// Facet holds the counts of one facet.
type Facet struct {
	Values  []FacetValue // most frequent first, at most FacetSize
	Other   int          // matching documents' values left out of Values
	Missing int          // matching documents without a value
}

// FacetValue is one value of a facet and its document count.
type FacetValue struct {
	Value string
	Count int
}

// Hit is one matching document.
type Hit struct {
	ID          string
	Kind        string
	DocType     string
	Title       string
	Caption     string
	Date        string // YYYY-MM-DD or ""
	Court       string // court id or ""
	CaseNumbers []string
	Judges      []string
	Source      string
	SiteName    string
	Author      string
	URL         string
	PageCount   int
	// DocumentNumber is the docket entry number from the ECF stamp, or "".
	DocumentNumber string
	Score          float64
	Highlights     []Highlight
	// Missing lists the query's bare words (as typed) that this hit does
	// not match; set only in a relaxed search.
	Missing []string
	// CaseNumbers and Judges above are the document's own: a filing's
	// docket numbers and presiding or signing judges, an article's
	// mentioned ones. Cites and Related are the canonical case numbers a
	// filing cites and the related or consolidated cases its caption names.
	Cites   []string
	Related []string
	// CourtInferred is set when Court was taken from the other filings of
	// the case (see ingest.ResolveJudgeInitials).
	CourtInferred bool
	// Partial says what the document lacks when its extraction stopped
	// early (see corpus.Document.Partial), or "".
	Partial string

	// SortKey is the backend's sort values of the hit, for cursors; not
	// part of the API's answer.
	SortKey []string
	// RawCaseNumbers are the hit's own case numbers as printed, for judge
	// initials; not part of the API's answer.
	RawCaseNumbers []string
}

// ParseDateBound parses a from/to parameter: an ISO date (YYYY, YYYY-MM,
// YYYY-MM-DD) or a relative one (-30d, -2w, -6m, -1y). With upper set, the
// result is the last instant of that day, month or year.
func ParseDateBound(s string, upper bool) (time.Time, error) {
	t, err := ql.ParseDateBound(s, upper)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	return t, nil
}

// Relaxation describes a relaxed search.
type Relaxation struct {
	MinWords int      // every hit matches at least this many of the query's bare words
	Words    int      // bare words in the query
	Dropped  []string // words, as typed, that no hit on this page matches
}

// Highlight limits.
const (
	DefaultFragmentSize = 200  // characters of context per fragment
	MaxFragmentSize     = 1000 // characters
	DefaultFragments    = 3    // fragments per hit
	MaxFragments        = 50   // fragments per hit
)

// Highlight is one fragment of a hit's text around matched terms.
type Highlight struct {
	// Field is the field the fragment comes from: "text" or "title".
	Field string
	// Page is the 1-based page number the fragment starts on, or 0 when the
	// document has no pages.
	Page int
	// Fragment is HTML-escaped text in which the matched terms are wrapped
	// in <mark>…</mark>; it is the only markup.
	Fragment string
}

// Expansion is a piece of legal shorthand in a query and the phrases it was
// also searched as (see legalShorthand).
type Expansion struct {
	From string   // as typed, e.g. "MSJ"
	To   []string // e.g. ["motion for summary judgment"]
}
