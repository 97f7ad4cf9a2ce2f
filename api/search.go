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
	CaseNumbers    []string          `json:"case_numbers"` // canonical; each links to /v1/cases/{case}
	Judges         []string          `json:"judges"`
	DocumentNumber string            `json:"document_number,omitempty"` // docket entry from the ECF stamp
	Source         string            `json:"source"`
	SiteName       string            `json:"site_name,omitempty"`
	Author         string            `json:"author,omitempty"`
	URL            string            `json:"url,omitempty"`
	PageCount      int               `json:"page_count,omitempty"`
	Score          float64           `json:"score"`
	Highlights     []HighlightOutput `json:"highlights,omitempty"`
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

// searchParams are the query parameters GET /v1/search accepts.
var searchParams = []string{
	"q", "kind", "court", "judge", "case", "site", "doc_type", "from", "to", "sort", "size", "page",
	"cursor", "facets", "facet_size", "highlight", "fragment_size", "fragments",
}

// singleParams may be given at most once.
var singleParams = []string{"q", "from", "to", "sort", "size", "page", "cursor", "facets", "facet_size", "highlight", "fragment_size", "fragments"}

func (s *Server) search(c echo.Context) error {
	req, err := parseSearchParams(c.QueryParams())
	if err != nil {
		return err
	}
	return s.runSearch(c, req)
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
	req.Restrict = s.restriction(c)
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	res, err := s.backend.Search(ctx, req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSearchResponse(req, res))
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
	req.Filters.Kind = listParam(v, "kind", true)
	req.Filters.Court = listParam(v, "court", true)
	req.Filters.Case = listParam(v, "case", true)
	req.Filters.Judge = listParam(v, "judge", false)
	req.Filters.Site = listParam(v, "site", false)
	req.Filters.DocType = listParam(v, "doc_type", true)
	req.Cursor = v.Get("cursor")
	var err error
	if req.Size, err = intParam(v, "size"); err != nil {
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

func toSearchResponse(req index.SearchRequest, res *index.SearchResult) SearchResponse {
	out := SearchResponse{
		Total: res.Total, TookMS: float64(res.Took.Microseconds()) / 1000,
		Page: req.Page, Size: req.Size, Hits: make([]SearchHit, 0, len(res.Hits)),
		NextCursor: res.NextCursor,
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toSearchHit(h))
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

func toSearchHit(h index.Hit) SearchHit {
	sh := SearchHit{
		ID: h.ID, Kind: h.Kind, DocType: h.DocType, Title: h.Title, Caption: h.Caption,
		Date: h.Date, Court: h.Court, CaseNumbers: h.CaseNumbers, Judges: h.Judges,
		DocumentNumber: h.DocumentNumber, Source: h.Source, SiteName: h.SiteName,
		Author: h.Author, URL: h.URL, PageCount: h.PageCount, Score: h.Score,
	}
	for _, hl := range h.Highlights {
		sh.Highlights = append(sh.Highlights, HighlightOutput{Field: hl.Field, Page: hl.Page, Fragment: hl.Fragment})
	}
	return sh
}
