package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/index"
)

// SearchResponse is the body of GET /v1/search.
type SearchResponse struct {
	Total  uint64      `json:"total"`   // exact number of matches
	TookMS float64     `json:"took_ms"` // search time, milliseconds
	Page   int         `json:"page"`
	Size   int         `json:"size"`
	Hits   []SearchHit `json:"hits"`
	// NextCursor, passed as cursor with the same parameters, returns the
	// hits after this page; absent on the last page.
	NextCursor string                 `json:"next_cursor,omitempty"`
	Facets     map[string]FacetOutput `json:"facets,omitempty"`
	// Relaxed is present when the query's words did not all match together
	// in enough documents and the hits match most of them (see relax).
	Relaxed *RelaxedOutput `json:"relaxed,omitempty"`
	// Ignored lists query words without a searchable character, such as "§".
	Ignored []string `json:"ignored,omitempty"`
	// Expanded lists the legal shorthand the query was also searched as.
	Expanded []ExpansionOutput `json:"expanded,omitempty"`
	// Suggestion is a spelling of the query that finds more, offered when
	// the search has few hits.
	Suggestion *SuggestionOutput `json:"suggestion,omitempty"`
}

// RelaxedOutput describes a relaxed search.
type RelaxedOutput struct {
	MinWords int      `json:"min_words"` // every hit matches at least this many of the query's words
	Words    int      `json:"words"`     // words in the query that could be left out
	Dropped  []string `json:"dropped"`   // words that no hit on this page matches
}

// ExpansionOutput is one piece of shorthand and the phrases it stands for.
type ExpansionOutput struct {
	From string   `json:"from"`
	To   []string `json:"to"`
}

// SuggestionOutput is a did-you-mean: the query respelled and its total.
type SuggestionOutput struct {
	Q     string `json:"q"`
	Total uint64 `json:"total"`
}

// SearchHit is one hit.
type SearchHit struct {
	ID             string            `json:"id"`
	Kind           string            `json:"kind"`
	DocType        string            `json:"doc_type,omitempty"`
	Title          string            `json:"title"`
	Caption        string            `json:"caption,omitempty"`
	Date           string            `json:"date,omitempty"` // YYYY-MM-DD
	Court          string            `json:"court,omitempty"`
	CaseNumbers    []string          `json:"case_numbers"` // canonical own numbers (a filing's docket, an article's mentioned); each links to /v1/cases/{case}
	Judges         []string          `json:"judges"`
	DocumentNumber string            `json:"document_number,omitempty"` // docket entry from the ECF stamp
	Source         string            `json:"source"`
	SiteName       string            `json:"site_name,omitempty"`
	Author         string            `json:"author,omitempty"`
	URL            string            `json:"url,omitempty"`
	PageCount      int               `json:"page_count,omitempty"`
	Score          float64           `json:"score"`
	Highlights     []HighlightOutput `json:"highlights,omitempty"`
	// Missing lists the query's words this hit does not match (relaxed
	// searches only).
	Missing []string `json:"missing,omitempty"`
	// Cites and Related are the canonical case numbers a filing cites and
	// the related or consolidated cases its caption names.
	Cites   []string `json:"cites,omitempty"`
	Related []string `json:"related,omitempty"`
	// CourtInferred is set when court was taken from the case's other
	// filings rather than read from this one.
	CourtInferred bool `json:"court_inferred,omitempty"`
	// Partial says what the document lacks when its extraction stopped
	// early (pages past the time limit have no text), or "".
	Partial string `json:"partial,omitempty"`
}

// FacetOutput is one facet's counts.
type FacetOutput struct {
	Values  []FacetValueOutput `json:"values"`
	Other   int                `json:"other"`   // matches whose value is not listed (beyond facet_size)
	Missing int                `json:"missing"` // matches without a value
}

// HighlightOutput is one fragment; Fragment is HTML with only <mark> tags.
type HighlightOutput struct {
	Field    string `json:"field"`
	Page     int    `json:"page,omitempty"`
	Fragment string `json:"fragment"`
}

// FacetValueOutput is one facet value with its count.
type FacetValueOutput struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// searchParams are the query parameters GET /v1/search accepts: the
// single ones and a list filter per index.FilterFields entry.
var searchParams = func() []string {
	out := slices.Clone(singleParams)
	for _, ff := range index.FilterFields {
		if ff.HasFilter() {
			out = append(out, ff.Name)
		}
	}
	return out
}()

// singleParams may be given at most once.
var singleParams = []string{"q", "from", "to", "sort", "size", "page", "cursor", "facets", "facet_size", "highlight", "fragment_size", "fragments", "relax"}

func (s *Server) search(c echo.Context) error {
	_, out, err := s.Search(c, c.QueryParams())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// Search is GET /v1/search with the parameters v: they are checked as the
// API checks them, then the search runs with the restriction of the
// caller of c. It returns the request as parsed and the response the API
// would send. Package api/web calls it for its search page.
func (s *Server) Search(c echo.Context, v url.Values) (index.SearchRequest, SearchResponse, error) {
	req, err := parseSearchParams(v)
	if err != nil {
		return req, SearchResponse{}, err
	}
	out, err := s.searchAs(c, req)
	return req, out, err
}

// searchPost takes the search parameters as a JSON body.
func (s *Server) searchPost(c echo.Context) error {
	var body SearchBody
	if err := bindJSON(c, &body); err != nil {
		return err
	}
	req, err := parseSearchParams(body.values())
	if err != nil {
		return err
	}
	return s.runSearch(c, req)
}

func (s *Server) runSearch(c echo.Context, req index.SearchRequest) error {
	out, err := s.searchAs(c, req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// searchAs runs req with the restriction of the caller of c.
func (s *Server) searchAs(c echo.Context, req index.SearchRequest) (SearchResponse, error) {
	req.Restrict = s.restriction(c)
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	res, err := s.backend.Search(ctx, req)
	if err != nil {
		return SearchResponse{}, err
	}
	return toSearchResponse(req, res, s.sourceView(c)), nil
}

// parseSearchParams binds and checks every parameter. Unknown parameters
// are rejected so that a typo is not silently ignored.
func parseSearchParams(v url.Values) (index.SearchRequest, error) {
	var req index.SearchRequest
	for name := range v {
		if !slices.Contains(searchParams, name) {
			return req, badParam(fmt.Sprintf("unknown parameter %q (known: %s)", name, strings.Join(searchParams, ", ")))
		}
	}
	for _, name := range singleParams {
		if len(v[name]) > 1 {
			return req, badParam(fmt.Sprintf("parameter %q may be given once", name))
		}
	}
	req.Query = v.Get("q")
	req.Sort = v.Get("sort")
	for _, ff := range index.FilterFields {
		switch {
		case !ff.HasFilter():
		case ff.Value == index.ValueCaseNumber:
			req.Filters.SetList(ff.Name, caseParam(v, ff.Name))
		default:
			req.Filters.SetList(ff.Name, listParam(v, ff.Name, ff.Comma))
		}
	}
	req.Cursor = v.Get("cursor")
	var err error
	if v.Get("size") == "0" {
		req.CountOnly = true // total and facets, no hits
	} else if req.Size, err = intParam(v, "size"); err != nil {
		return req, err
	}
	if req.Page, err = intParam(v, "page"); err != nil {
		return req, err
	}
	if req.FacetSize, err = intParam(v, "facet_size"); err != nil {
		return req, err
	}
	if req.FragmentSize, err = intParam(v, "fragment_size"); err != nil {
		return req, err
	}
	if req.Fragments, err = intParam(v, "fragments"); err != nil {
		return req, err
	}
	if f := v.Get("facets"); f != "" {
		req.Facets = splitList(f)
	}
	if h := v.Get("highlight"); h != "" {
		b, err := strconv.ParseBool(h)
		if err != nil {
			return req, badParam("highlight must be true or false")
		}
		req.Highlight = b
	} else {
		req.Highlight = true
	}
	if r := v.Get("relax"); r != "" {
		b, err := strconv.ParseBool(r)
		if err != nil {
			return req, badParam("relax must be true or false")
		}
		req.Strict = !b
	}
	if f := v.Get("from"); f != "" {
		if req.Filters.From, err = index.ParseDateBound(f, false); err != nil {
			return req, badParam("from: " + trimPrefix(err.Error()))
		}
	}
	if t := v.Get("to"); t != "" {
		if req.Filters.To, err = index.ParseDateBound(t, true); err != nil {
			return req, badParam("to: " + trimPrefix(err.Error()))
		}
	}
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return req, err
	}
	return req, nil
}

// listParam collects a repeatable parameter; with split, each value may
// also be a comma-separated list.
func listParam(v url.Values, name string, split bool) []string {
	var out []string
	for _, raw := range v[name] {
		if split {
			out = append(out, splitList(raw)...)
		} else if s := strings.TrimSpace(raw); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// caseParam collects the case filter (name "case") or the cites filter
// (name "cites"). A value may be a comma-separated
// list of case numbers, or text pasted from a caption that holds one
// ("Nibi v. Doe, 5:24-cv-06184"): a comma-separated piece without a digit
// is caption text and is left out; a piece with digits must hold a case
// number, which index.SearchRequest.Validate checks.
func caseParam(v url.Values, name string) []string {
	var out []string
	for _, raw := range v[name] {
		for _, p := range splitList(raw) {
			if strings.ContainsAny(p, "0123456789") {
				out = append(out, p)
			}
		}
		if len(out) == 0 && strings.TrimSpace(raw) != "" {
			out = append(out, strings.TrimSpace(raw)) // rejected by Validate, with its text
		}
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// intParam parses an optional integer parameter; absent is 0 (default).
func intParam(v url.Values, name string) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badParam(fmt.Sprintf("%s must be an integer", name))
	}
	if n < 1 {
		return 0, badParam(fmt.Sprintf("%s must be 1 or more", name))
	}
	return n, nil
}

func toSearchResponse(req index.SearchRequest, res *index.SearchResult, source func(string) string) SearchResponse {
	out := SearchResponse{
		Total: res.Total, TookMS: float64(res.Took.Microseconds()) / 1000,
		Page: req.Page, Size: req.Size, Hits: make([]SearchHit, 0, len(res.Hits)),
		NextCursor: res.NextCursor, Ignored: res.Ignored,
	}
	if r := res.Relaxed; r != nil {
		out.Relaxed = &RelaxedOutput{MinWords: r.MinWords, Words: r.Words, Dropped: r.Dropped}
	}
	for _, e := range res.Expanded {
		out.Expanded = append(out.Expanded, ExpansionOutput{From: e.From, To: e.To})
	}
	if sg := res.Suggestion; sg != nil {
		out.Suggestion = &SuggestionOutput{Q: sg.Query, Total: sg.Total}
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toSearchHit(h, source))
	}
	if len(res.Facets) > 0 {
		out.Facets = map[string]FacetOutput{}
		for name, f := range res.Facets {
			vals := make([]FacetValueOutput, 0, len(f.Values))
			for _, fv := range f.Values {
				vals = append(vals, FacetValueOutput{Value: fv.Value, Count: fv.Count})
			}
			out.Facets[name] = FacetOutput{Values: vals, Other: f.Other, Missing: f.Missing}
		}
	}
	return out
}

// toSearchHit maps a hit to the response, its source path shown through
// source (see Server.sourceView).
func toSearchHit(h index.Hit, source func(string) string) SearchHit {
	sh := SearchHit{
		ID: h.ID, Kind: h.Kind, DocType: h.DocType, Title: h.Title, Caption: h.Caption,
		Date: h.Date, Court: h.Court, CaseNumbers: h.CaseNumbers, Judges: h.Judges,
		DocumentNumber: h.DocumentNumber, Source: source(h.Source), SiteName: h.SiteName,
		Author: h.Author, URL: h.URL, PageCount: h.PageCount, Score: h.Score,
		Missing: h.Missing, Cites: h.Cites, Related: h.Related, CourtInferred: h.CourtInferred,
		Partial: h.Partial,
	}
	for _, hl := range h.Highlights {
		sh.Highlights = append(sh.Highlights, HighlightOutput{Field: hl.Field, Page: hl.Page, Fragment: hl.Fragment})
	}
	return sh
}
