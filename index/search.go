package index

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus/legal"
)

// Search limits and defaults.
const (
	DefaultSize      = 10    // hits per page
	MaxSize          = 100   // hits per page
	MaxWindow        = 10000 // page*size may not reach past this many hits
	DefaultFacetSize = 10    // values per facet
	MaxFacetSize     = 100   // values per facet
	MaxFilterValues  = 32    // values per filter parameter
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDateAsc   = "date"
	SortDateDesc  = "-date"
)

// FacetNames lists the facets a request may ask for.
var FacetNames = []string{"kind", "court", "judge", "case", "year", "site"}

// facetFields maps facet names to index fields.
var facetFields = map[string]string{
	"kind": fieldKind, "court": fieldCourt, "judge": fieldJudge,
	"case": fieldCase, "year": fieldYear, "site": fieldSite,
}

// Filters restrict a search. Values within one filter are ORed; filters are
// ANDed with each other and with the query.
type Filters struct {
	Kind  []string // corpus kinds
	Court []string // court ids or citation forms ("cand", "N.D. Cal.")
	Judge []string // canonical judge names
	Case  []string // case numbers in any spelling
	Site  []string // article site names
	From  time.Time
	To    time.Time // inclusive; zero means open
}

// SearchRequest is a search. Zero values take the defaults above.
type SearchRequest struct {
	Query        string // dossier query language; "" matches everything
	Filters      Filters
	Sort         string   // SortRelevance (default), SortDateAsc, SortDateDesc
	Size         int      // hits per page, 1..MaxSize
	Page         int      // 1-based page number
	Facets       []string // names from FacetNames
	FacetSize    int      // values per facet, 1..MaxFacetSize
	Highlight    bool     // compute fragments
	FragmentSize int      // characters per fragment, 1..MaxFragmentSize
	Fragments    int      // fragments per hit, 1..MaxFragments
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
	switch {
	case r.Size < 1 || r.Size > MaxSize:
		return invalidf("size must be between 1 and %d", MaxSize)
	case r.Page < 1:
		return invalidf("page must be 1 or more")
	case r.Page*r.Size > MaxWindow:
		return invalidf("page*size must not exceed %d", MaxWindow)
	case r.FacetSize < 1 || r.FacetSize > MaxFacetSize:
		return invalidf("facet_size must be between 1 and %d", MaxFacetSize)
	case r.FragmentSize < 1 || r.FragmentSize > MaxFragmentSize:
		return invalidf("fragment_size must be between 1 and %d", MaxFragmentSize)
	case r.Fragments < 1 || r.Fragments > MaxFragments:
		return invalidf("fragments must be between 1 and %d", MaxFragments)
	case !slices.Contains([]string{SortRelevance, SortDateAsc, SortDateDesc}, r.Sort):
		return invalidf("sort must be one of relevance, date, -date")
	}
	for _, f := range r.Facets {
		if _, ok := facetFields[f]; !ok {
			return invalidf("unknown facet %q (known: %s)", f, strings.Join(FacetNames, ","))
		}
	}
	f := r.Filters
	for name, vals := range map[string][]string{"kind": f.Kind, "court": f.Court, "judge": f.Judge, "case": f.Case, "site": f.Site} {
		if len(vals) > MaxFilterValues {
			return invalidf("%s takes at most %d values", name, MaxFilterValues)
		}
	}
	for _, c := range f.Case {
		if _, ok := legal.ParseCaseNumber(c); !ok {
			return invalidf("case %q is not a case number", c)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return invalidf("to is before from")
	}
	return nil
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total  uint64                  // exact number of matching documents
	Took   time.Duration           // time spent searching
	Hits   []Hit                   // this page
	Facets map[string][]FacetValue // by facet name, most frequent first
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
	Title       string
	Date        string // YYYY-MM-DD or ""
	Court       string // court id or ""
	CaseNumbers []string
	Judges      []string
	Source      string
	SiteName    string
	Author      string
	PageCount   int
	Score       float64
	Highlights  []Highlight
}

// Search runs req. Problems with the request are errors wrapping
// ErrInvalidRequest; query syntax errors are *QueryError.
func (ix *Index) Search(ctx context.Context, req SearchRequest) (*SearchResult, error) {
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	q, err := buildQuery(req)
	if err != nil {
		return nil, err
	}
	br := bleve.NewSearchRequestOptions(q, req.Size, (req.Page-1)*req.Size, false)
	br.Fields = []string{fieldMeta}
	if req.Highlight {
		br.Fields = append(br.Fields, fieldText)
		br.IncludeLocations = true
	}
	switch req.Sort {
	case SortDateAsc:
		br.SortBy([]string{fieldDate, "-_score", "_id"})
	case SortDateDesc:
		br.SortBy([]string{"-" + fieldDate, "-_score", "_id"})
	default:
		br.SortBy([]string{"-_score", "_id"})
	}
	for _, name := range req.Facets {
		br.AddFacet(name, bleve.NewFacetRequest(facetFields[name], req.FacetSize))
	}
	start := time.Now()
	res, err := ix.bleve.SearchInContext(ctx, br)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	out := &SearchResult{Total: res.Total, Took: time.Since(start), Facets: map[string][]FacetValue{}}
	for _, h := range res.Hits {
		hit, err := toHit(h, req)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		vals := []FacetValue{}
		if fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		out.Facets[name] = vals
	}
	return out, nil
}

// buildQuery combines the parsed query, the filters and the exclusion of
// skipped records.
func buildQuery(req SearchRequest) (query.Query, error) {
	parts := []query.Query{termQuery(fieldStatus, statusOK)}
	n, err := parseQuery(req.Query)
	if err != nil {
		return nil, err
	}
	if n != nil {
		q, err := compile(n)
		if err != nil {
			return nil, err
		}
		parts = append(parts, q)
	}
	f := req.Filters
	addTerms := func(field string, vals []string, norm func(string) string) {
		if len(vals) == 0 {
			return
		}
		qs := make([]query.Query, 0, len(vals))
		for _, v := range vals {
			qs = append(qs, termQuery(field, norm(v)))
		}
		parts = append(parts, bleve.NewDisjunctionQuery(qs...))
	}
	same := func(s string) string { return s }
	addTerms(fieldKind, f.Kind, strings.ToLower)
	addTerms(fieldCourt, f.Court, resolveCourt)
	addTerms(fieldJudge, f.Judge, legal.CanonicalJudgeName)
	addTerms(fieldSite, f.Site, same)
	if len(f.Case) > 0 {
		qs := make([]query.Query, 0, len(f.Case))
		for _, c := range f.Case {
			cn, _ := legal.ParseCaseNumber(c)
			qs = append(qs, termQuery(fieldCase, cn.Canonical))
		}
		parts = append(parts, bleve.NewDisjunctionQuery(qs...))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		parts = append(parts, dateRange(f.From, f.To))
	}
	if len(parts) == 1 {
		parts = append(parts, bleve.NewMatchAllQuery())
	}
	return bleve.NewConjunctionQuery(parts...), nil
}

// toHit maps a bleve hit to a Hit, cutting highlight fragments.
func toHit(h *search.DocumentMatch, req SearchRequest) (Hit, error) {
	metaJSON, _ := h.Fields[fieldMeta].(string)
	var m storedMeta
	if err := json.Unmarshal([]byte(metaJSON), &m); err != nil {
		return Hit{}, fmt.Errorf("index: decode metadata of %s: %w", h.ID, err)
	}
	hit := Hit{
		ID: h.ID, Kind: string(m.Kind), Title: m.Title, Date: m.Date,
		Source: m.Source, SiteName: m.SiteName, Author: m.Author,
		PageCount: m.PageCount, Score: h.Score,
		CaseNumbers: []string{}, Judges: []string{},
	}
	if m.Court != nil {
		hit.Court = m.Court.ID
	}
	hit.CaseNumbers = append(hit.CaseNumbers, caseValues(&m.Document)...)
	for _, j := range m.Judges {
		hit.Judges = append(hit.Judges, j.Name)
	}
	if !req.Highlight {
		return hit, nil
	}
	text, _ := h.Fields[fieldText].(string)
	numbers := make([]int, len(m.Pages))
	for i, p := range m.Pages {
		numbers[i] = p.Number
	}
	hit.Highlights = makeFragments(fieldText, text, spansOf(h, fieldText), m.PageStarts, numbers, req.FragmentSize, req.Fragments)
	if len(hit.Highlights) == 0 {
		if frag := makeFragments(fieldTitle, m.Title, spansOf(h, fieldTitle), nil, nil, req.FragmentSize, 1); len(frag) > 0 {
			hit.Highlights = frag
		}
	}
	if len(hit.Highlights) == 0 {
		if s := defaultSnippet(text, req.FragmentSize); s != "" {
			page := 0
			if len(numbers) > 0 {
				page = numbers[0]
			}
			hit.Highlights = []Highlight{{Field: fieldText, Page: page, Fragment: s}}
		}
	}
	return hit, nil
}

// spansOf collects the byte ranges of matched terms in field.
func spansOf(h *search.DocumentMatch, field string) []span {
	var out []span
	for _, locs := range h.Locations[field] {
		for _, l := range locs {
			out = append(out, span{start: int(l.Start), end: int(l.End)})
		}
	}
	return out
}

// parseDateBound parses an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or a
// relative one (-30d, -2w, -6m, -1y, counted back from today in UTC). An
// upper bound covers its whole day, month or year.
func parseDateBound(s string, upper bool) (time.Time, error) {
	return parseDateBoundAt(s, upper, time.Now().UTC())
}

func parseDateBoundAt(s string, upper bool, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == '-' {
		n, err := strconv.Atoi(s[1 : len(s)-1])
		if err != nil || n < 0 || n > 100000 {
			return time.Time{}, fmt.Errorf("bad relative date %q (use e.g. -30d, -2w, -6m, -1y)", s)
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		var t time.Time
		switch s[len(s)-1] {
		case 'd':
			t = today.AddDate(0, 0, -n)
		case 'w':
			t = today.AddDate(0, 0, -7*n)
		case 'm':
			t = today.AddDate(0, -n, 0)
		case 'y':
			t = today.AddDate(-n, 0, 0)
		default:
			return time.Time{}, fmt.Errorf("bad relative date %q (use e.g. -30d, -2w, -6m, -1y)", s)
		}
		if upper {
			t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
		}
		return t, nil
	}
	for _, layout := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{time.DateOnly, 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if len(s) != len(layout.layout) {
			continue
		}
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			continue
		}
		if upper {
			t = t.AddDate(layout.years, layout.months, layout.days).Add(-time.Nanosecond)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (use YYYY-MM-DD, YYYY-MM, YYYY or -30d)", s)
}

// ParseDateBound parses a from/to parameter: an ISO date (YYYY, YYYY-MM,
// YYYY-MM-DD) or a relative one (-30d, -2w, -6m, -1y). With upper set, the
// result is the last instant of that day, month or year.
func ParseDateBound(s string, upper bool) (time.Time, error) {
	t, err := parseDateBound(s, upper)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	return t, nil
}
