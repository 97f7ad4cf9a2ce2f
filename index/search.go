package index

import (
	"cmp"
	"context"
	ql "dossier/index/query"
	"encoding/json"
	"errors"
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
	switch {
	case r.Size < 1 || r.Size > MaxSize:
		return invalidf("size must be between 1 and %d", MaxSize)
	case r.Page < 1:
		return invalidf("page must be 1 or more")
	case r.Page > MaxWindow || r.Page*r.Size > MaxWindow: // the first test keeps the product from overflowing
		return invalidf("page*size must not exceed %d; use the cursor to read further", MaxWindow)
	case r.Cursor != "" && r.Page != 1:
		return invalidf("page and cursor cannot be combined")
	case len(r.Cursor) > MaxCursorBytes:
		return invalidf("cursor is too long")
	case r.FacetSize < 1 || r.FacetSize > MaxFacetSize:
		return invalidf("facet_size must be between 1 and %d", MaxFacetSize)
	case r.FragmentSize < 1 || r.FragmentSize > MaxFragmentSize:
		return invalidf("fragment_size must be between 1 and %d", MaxFragmentSize)
	case r.Fragments < 1 || r.Fragments > MaxFragments:
		return invalidf("fragments must be between 1 and %d", MaxFragments)
	case !slices.Contains([]string{SortRelevance, SortDateAsc, SortDateDesc}, r.Sort):
		return invalidf("sort must be one of relevance, date, -date")
	}
	for _, name := range r.Facets {
		if ff, ok := filterField(name); !ok || !ff.Facet {
			return invalidf("unknown facet %q (known: %s)", name, strings.Join(FacetNames, ","))
		}
	}
	f := r.Filters
	if len(f.IDs) > MaxFilterValues {
		return invalidf("id takes at most %d values", MaxFilterValues)
	}
	for _, ff := range FilterFields {
		vals := f.List(ff.Name)
		if len(vals) > MaxFilterValues {
			return invalidf("%s takes at most %d values", ff.Name, MaxFilterValues)
		}
		for _, c := range vals {
			if _, ok := ql.ParseCaseFilter(c); ff.Value == ValueCaseNumber && !ok {
				return invalidf("%s %q is not a case number and holds none", ff.Name, c)
			}
		}
	}
	for _, d := range []time.Time{f.From, f.To} {
		if !d.IsZero() && (d.Before(ql.MinDate) || d.After(ql.MaxDate)) {
			return invalidf("dates must be between %s and %s", ql.MinDate.Format(time.DateOnly), ql.MaxDate.Format(time.DateOnly))
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return invalidf("to is before from")
	}
	if r.Cursor != "" {
		if _, err := decodeCursor(r.Cursor, r.Sort); err != nil {
			return err
		}
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
	// the case (see ResolveJudgeInitials).
	CourtInferred bool
	// Partial says what the document lacks when its extraction stopped
	// early (see corpus.Document.Partial), or "".
	Partial string

	sort           []string // bleve sort values, for cursors
	rawCaseNumbers []string // case numbers as printed, for judge initials
}

// Search runs req. Problems with the request are errors wrapping
// ErrInvalidRequest; query syntax errors are *QueryError.
func (ix *Index) Search(ctx context.Context, req SearchRequest) (*SearchResult, error) {
	return ix.search(ctx, req, nil)
}

// search runs req with extra, when non-nil, ANDed to its query.
func (ix *Index) search(ctx context.Context, req SearchRequest, extra query.Query) (*SearchResult, error) {
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return nil, err
	}
	judges, err := ix.judgeVariants(req.Filters.Judge)
	if err != nil {
		return nil, err
	}
	req.Filters.Judge = judges
	cr, err := compileRequest(req, &ix.forms)
	if err != nil {
		return nil, err
	}
	if err := ix.checkValues(req.Filters, cr.compiler.values); err != nil {
		return nil, err
	}
	start := time.Now()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, MaxTermSearchers)
	if ctx, err = ix.scoringContext(ctx); err != nil {
		return nil, err
	}
	min := 0
	if req.Cursor != "" {
		min = cursorMinWords(req.Cursor)
	}
	res, q, err := ix.searchPage(ctx, req, cr.build(req.Filters, extra, min))
	if err != nil {
		return nil, err
	}
	// Forgiving AND: too few documents hold every word; search again with
	// the documents that hold most of them.
	if req.Cursor == "" && !req.Strict && cr.relaxable && res.Total < RelaxBelow {
		if min, err = ix.relaxedMin(ctx, req, cr, extra, res.Total); err != nil {
			return nil, err
		}
		if min > 0 {
			if res, q, err = ix.searchPage(ctx, req, cr.build(req.Filters, extra, min)); err != nil {
				return nil, err
			}
		}
	}
	if req.Highlight && len(res.Hits) > 0 {
		if err := ix.locate(ctx, q, res.Hits); err != nil {
			return nil, searchError(err)
		}
	}
	out := &SearchResult{Total: res.Total, Facets: map[string]Facet{},
		Ignored: cr.compiler.ignored, Expanded: cr.compiler.expanded}
	for _, h := range res.Hits {
		hit, err := toHit(h, req)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, fr := range res.Facets {
		out.Facets[name] = toFacet(name, fr, req.FacetSize)
	}
	for _, name := range req.Facets {
		if len(req.Filters.List(name)) == 0 {
			continue
		}
		fr := bleve.NewSearchRequestOptions(cr.build(req.Filters.without(name), extra, min), 0, 0, false)
		fr.AddFacet(name, facetRequest(name, req.FacetSize))
		fres, err := ix.bleve.SearchInContext(ctx, fr)
		if err != nil {
			return nil, searchError(err)
		}
		out.Facets[name] = toFacet(name, fres.Facets[name], req.FacetSize)
	}
	if min > 0 {
		if err := ix.describeRelaxation(ctx, cr, min, out); err != nil {
			return nil, err
		}
	}
	if out.Total < SuggestBelow && req.Cursor == "" && len(req.Filters.IDs) == 0 {
		if out.Suggestion, err = ix.suggest(ctx, req, cr.userNode, out.Total, extra); err != nil {
			return nil, err
		}
	}
	out.Took = time.Since(start)
	if len(out.Hits) == req.Size && uint64((req.Page-1)*req.Size+len(out.Hits)) < res.Total || req.Cursor != "" && len(out.Hits) == req.Size {
		out.NextCursor = encodeCursor(req.Sort, out.Hits[len(out.Hits)-1].sort, min)
	}
	return out, nil
}

// searchPage runs q for the page (or cursor) of req, with the facets that
// are counted in the same search, and returns bleve's result and q.
func (ix *Index) searchPage(ctx context.Context, req SearchRequest, q query.Query) (*bleve.SearchResult, query.Query, error) {
	if req.CountOnly {
		br := bleve.NewSearchRequestOptions(q, 0, 0, false)
		for _, name := range req.Facets {
			if len(req.Filters.List(name)) == 0 {
				br.AddFacet(name, facetRequest(name, req.FacetSize))
			}
		}
		res, err := ix.bleve.SearchInContext(ctx, br)
		if err != nil {
			return nil, nil, searchError(err)
		}
		return res, q, nil
	}
	from := (req.Page - 1) * req.Size
	br := bleve.NewSearchRequestOptions(q, req.Size, from, false)
	br.Fields = []string{fieldMeta}
	br.SortBy(sortFields(req.Sort, ix.tieField))
	if req.Cursor != "" {
		br.SearchAfter, _ = decodeCursor(req.Cursor, req.Sort)
	}
	// A relevance page without a cursor is first asked for by score alone,
	// with the hit before it and tieSlack after it; see pageByScore.
	byScore := req.Sort == SortRelevance && req.Cursor == ""
	if byScore {
		br.From = max(from-1, 0)
		br.Size = req.Size + (from - br.From) + tieSlack
		br.SortBy([]string{"-_score"})
	}
	// Facets whose own filter is set are counted without it, in a search of
	// their own (see search), so that other values stay visible.
	for _, name := range req.Facets {
		if len(req.Filters.List(name)) == 0 {
			br.AddFacet(name, facetRequest(name, req.FacetSize))
		}
	}
	res, err := ix.bleve.SearchInContext(ctx, br)
	if err != nil {
		return nil, nil, searchError(err)
	}
	if byScore {
		page, ok := pageByScore(res.Hits, from-br.From, req.Size, len(res.Hits) < br.Size)
		if ok {
			res.Hits = page
		} else { // a tie crosses the page's edge
			facets := res.Facets // same matches: counted once
			br.Facets = nil
			if res, err = ix.pageAcrossTie(ctx, br, from, req.Size); err != nil {
				return nil, nil, err
			}
			if res == nil { // the tie is longer than tieWindows reach: sort by score and ID
				br.From, br.Size = from, req.Size
				br.SortBy(sortFields(req.Sort, ix.tieField))
				if res, err = ix.bleve.SearchInContext(ctx, br); err != nil {
					return nil, nil, searchError(err)
				}
			}
			res.Facets = facets
		}
	}
	return res, q, nil
}

// tieWindows are the extra hits, beyond the page, that pageAcrossTie reads
// by score alone to hold every hit tied with the page's last.
var tieWindows = []int{64, 1024}

// pageAcrossTie cuts the page when equal scores cross its edge: it reads
// the hits from the first to the page's end and a window more by score
// alone, and puts them in (score, ID) order, which is the page's order
// when the window's last hit scores below the page's last. Sorting every
// match by score and ID instead reads each match's ID (tens of thousands
// for a common word). It returns nil when no window holds the tie.
func (ix *Index) pageAcrossTie(ctx context.Context, br *bleve.SearchRequest, from, size int) (*bleve.SearchResult, error) {
	fields := br.Fields
	defer func() { br.Fields = fields }()
	br.Fields = nil // loaded for the page's hits only, below
	for _, extra := range tieWindows {
		br.From, br.Size = 0, from+size+extra
		br.SortBy([]string{"-_score"})
		res, err := ix.bleve.SearchInContext(ctx, br)
		if err != nil {
			return nil, searchError(err)
		}
		hits := res.Hits
		slices.SortStableFunc(hits, byScoreThenID)
		end := min(from+size, len(hits))
		complete := len(hits) < br.Size || end == 0 || hits[len(hits)-1].Score < hits[end-1].Score
		if !complete {
			continue
		}
		if from > len(hits) {
			from = len(hits)
		}
		page := hits[from:end]
		for _, h := range page {
			h.Sort = []string{"_score", h.ID}
		}
		if page, err = ix.loadFields(ctx, page, fields); err != nil {
			return nil, err
		}
		res.Hits = page
		return res, nil
	}
	return nil, nil
}

// loadFields reads the stored fields of hits, which a search made without
// them, and drops the hits deleted since.
func (ix *Index) loadFields(ctx context.Context, hits search.DocumentMatchCollection, fields []string) (search.DocumentMatchCollection, error) {
	if len(hits) == 0 || len(fields) == 0 {
		return hits, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	lr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	lr.Fields = fields
	lr.Score = bleve.ScoreNone
	res, err := ix.bleve.SearchInContext(unscoredContext(ctx), lr)
	if err != nil {
		return nil, searchError(err)
	}
	byID := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h.Fields
	}
	kept := hits[:0]
	for _, h := range hits {
		if h.Fields = byID[h.ID]; h.Fields != nil {
			kept = append(kept, h)
		}
	}
	return kept, nil
}

// byScoreThenID is the relevance order: score descending, ties by ID.
func byScoreThenID(a, b *search.DocumentMatch) int {
	if a.Score != b.Score {
		return cmp.Compare(b.Score, a.Score)
	}
	return strings.Compare(a.ID, b.ID)
}

// tieSlack is how many hits after the page a relevance page reads, so that
// a run of equal scores crossing the page's end is put in ID order without
// a second search (see pageByScore).
const tieSlack = 16

// pageByScore cuts the page of size hits at offset off out of hits sorted
// by score alone, which bleve collects without reading anything but the
// score of each match. The relevance order breaks ties on the document ID;
// sorting on the ID too makes bleve read it for every match, tens of
// thousands for a common word. hits holds the hit before the page (when
// there is one), the page and up to tieSlack hits after it; all says that
// they are every match from there on. Ties are put in ID order here. That
// gives exactly the page of the full order unless a run of equal scores
// crosses the page's start, or crosses its end and reaches past what hits
// hold; then ok is false.
func pageByScore(hits search.DocumentMatchCollection, off, size int, all bool) (search.DocumentMatchCollection, bool) {
	if off > len(hits) {
		return nil, true
	}
	if off > 0 && off < len(hits) && hits[off-1].Score == hits[off].Score {
		return nil, false
	}
	tail := hits[off:]
	slices.SortStableFunc(tail, byScoreThenID)
	end := min(size, len(tail))
	if end < len(tail) && end > 0 && tail[end-1].Score == tail[end].Score && !all && tail[len(tail)-1].Score == tail[end-1].Score {
		return nil, false
	}
	page := tail[:end]
	for _, h := range page {
		h.Sort = []string{"_score", h.ID} // as the full relevance order gives
	}
	return page, true
}

// locate loads, for hits only, their stored text and the locations of
// the query's matches in it, which highlights need. It runs q again,
// restricted to the hits' IDs: asking the main search for locations would
// decode them for every match, tens of thousands for a common word, where
// one page of hits is shown.
func (ix *Index) locate(ctx context.Context, q query.Query, hits search.DocumentMatchCollection) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	lr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	lr.Fields = []string{fieldText}
	lr.IncludeLocations = true
	res, err := ix.bleve.SearchInContext(ctx, lr)
	if err != nil {
		return err
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for _, h := range hits {
		l := byID[h.ID]
		if l == nil { // deleted since the main search
			continue
		}
		h.Locations = l.Locations
		if h.Fields == nil {
			h.Fields = map[string]any{}
		}
		h.Fields[fieldText] = l.Fields[fieldText]
	}
	return nil
}

// sortFields is the bleve sort order for a dossier sort; the document ID,
// read from the tie field, breaks ties so that the order is total, as
// cursors need. Date orders do not use the score as a tie-breaker: scores
// shift as documents are added, and a cursor must not. A relevance cursor
// is therefore stable only while the index does not change.
//
// The tie field is fieldKey, the ID as a doc value. bleve's own "_id" would
// do, but it reads each match's ID from the stored document, which touches
// one page of the stored fields per match: at 100,000 documents a common
// word maps most of the index into memory and pays a page fault per match.
// Indexes made before mapping version 3 have no fieldKey and use "_id".
func sortFields(sort, tie string) []string {
	switch sort {
	case SortDateAsc:
		return []string{fieldDate, tie}
	case SortDateDesc:
		return []string{"-" + fieldDate, tie}
	}
	return []string{"-_score", tie}
}

// facetRequest asks bleve for facet name's top values.
func facetRequest(name string, size int) *bleve.FacetRequest {
	if name == "judge" {
		size *= judgeFacetOverfetch
	}
	ff, _ := filterField(name)
	return bleve.NewFacetRequest(ff.Field, size)
}

func toFacet(name string, fr *search.FacetResult, size int) Facet {
	f := Facet{Values: []FacetValue{}}
	if fr == nil {
		return f
	}
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			f.Values = append(f.Values, FacetValue{Value: t.Term, Count: t.Count})
		}
	}
	f.Other, f.Missing = fr.Other, fr.Missing
	if name == "judge" {
		f = mergeJudgeFacet(f, size)
	}
	return f
}

// searchError maps bleve's errors to ours.
func searchError(err error) error {
	switch {
	case strings.Contains(err.Error(), "TooManyTermSearchers"), strings.Contains(err.Error(), "TooManyClauses"):
		return invalidf("the query expands to more than %d terms; make prefixes and fuzzy terms more specific", MaxTermSearchers)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("index: search: %w", err)
	}
	return fmt.Errorf("index: search: %w", err)
}

// toHit maps a bleve hit to a Hit, cutting highlight fragments.
func toHit(h *search.DocumentMatch, req SearchRequest) (Hit, error) {
	metaJSON, _ := h.Fields[fieldMeta].(string)
	var m storedMeta
	if err := json.Unmarshal([]byte(metaJSON), &m); err != nil {
		return Hit{}, fmt.Errorf("index: decode metadata of %s: %w", h.ID, err)
	}
	hit := Hit{
		ID: h.ID, Kind: string(m.Kind), DocType: docTypeOf(&m.Document), Title: m.Title,
		Caption: m.Caption, Date: m.Date, Source: m.Source, SiteName: m.SiteName,
		Author: m.Author, URL: m.URL, PageCount: m.PageCount, Score: h.Score,
		CaseNumbers: []string{}, Judges: []string{},
	}
	hit.sort = slices.Clone(h.Sort)
	for i, v := range hit.sort {
		if v == "_score" {
			hit.sort[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	if m.Court != nil {
		hit.Court = m.Court.ID
	}
	if m.ECF != nil {
		hit.DocumentNumber = m.ECF.DocumentNumber
	}
	hit.CaseNumbers = append(hit.CaseNumbers, caseValues(&m.Document)...)
	hit.Cites = roleValues(&m.Document, legal.RoleCited)
	hit.Related = roleValues(&m.Document, legal.RoleRelated)
	hit.CourtInferred = m.CourtInferred
	hit.Partial = m.Partial
	for _, c := range m.CaseNumbers {
		if ownCase(c) {
			hit.rawCaseNumbers = append(hit.rawCaseNumbers, c.Raw)
		}
	}
	hit.Judges = append(hit.Judges, judgeValues(&m.Document)...)
	if !req.Highlight {
		return hit, nil
	}
	text, _ := h.Fields[fieldText].(string)
	numbers := make([]int, len(m.Pages))
	for i, p := range m.Pages {
		numbers[i] = p.Number
	}
	if req.AllFragments {
		hit.Highlights = allFragments(fieldText, text, spansOf(h, fieldText), m.PageStarts, numbers, req.FragmentSize)
	} else {
		hit.Highlights = makeFragments(fieldText, text, spansOf(h, fieldText), m.PageStarts, numbers, req.FragmentSize, req.Fragments)
	}
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
