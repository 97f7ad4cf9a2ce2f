package web

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/api"
	"dossier/index"
)

// Search page defaults.
const (
	pageSize      = 20 // hits per page
	pageFragments = 3  // fragments per hit
	pageFacetSize = 12 // values per facet (a year's months fit)
)

// histogramFacets are counted for the date histogram.
var histogramFacets = []string{"year", "month"}

// stateParams are the search page's own parameters besides the filters;
// with them, the URL holds the whole search.
var stateParams = []string{"q", "from", "to", "sort", "cursor"}

// facetFields are the facets the page shows, as checkbox lists: every
// facet of index.FilterFields that is also a list filter.
var facetFields = func() []string {
	var out []string
	for _, ff := range index.FilterFields {
		if ff.Facet && ff.HasFilter() {
			out = append(out, ff.Name)
		}
	}
	return out
}()

// facetLabels name the facets for people.
var facetLabels = map[string]string{
	"kind": "Kind", "court": "Court", "judge": "Judge", "case": "Case",
	"doc_type": "Document type", "site": "Site", "author": "Author", "cites": "Cites",
}

func facetLabel(name string) string {
	if l, ok := facetLabels[name]; ok {
		return l
	}
	return name
}

type option struct {
	Value, Label string
	Selected     bool
}

type facetValue struct {
	Value   string
	Count   int
	Checked bool
	ID      string // the checkbox's element id
}

type facetView struct {
	Name, Label    string
	Values         []facetValue
	Other, Missing int
}

type fragmentView struct {
	Page int
	HTML template.HTML
	URL  string // the document page at this fragment's page
}

type hitView struct {
	api.SearchHit
	URL       string // the document page, at the first fragment's page
	Fragments []fragmentView
}

// queryError is a 400 shown on the search page; with a position, the
// query is shown split there.
type queryError struct {
	Message           string
	HasPos            bool
	Pos               int
	Before, At, After string
}

type searchView struct {
	page
	From, To   string
	Sorts      []option
	Err        *queryError
	Total      uint64
	Hits       []hitView
	Facets     []facetView
	Filters    []option // filters in force with no facet box (cites)
	Later      bool     // this is a page after the first (a cursor was given)
	FirstURL   string
	NextURL    string
	ExportCSV  string
	ExportJSON string
	Suggestion *api.SuggestionOutput
	SuggestURL string
	Relaxed    *api.RelaxedOutput
	Histogram  *histogram
}

// histogram is the date histogram: documents by year, or by month of the
// year the dates select. Each bar links to the search narrowed to it.
type histogram struct {
	Label   string // "Documents by year" or "Documents by month of 2024"
	Bars    []bar
	AllURL  string // back to every date, when a year is selected
	AllText string
}

type bar struct {
	Label   string // "2024", "2024-09"
	Short   string // "2024", "09"
	Count   int
	Class   string // h-1 … h-10: the bar's height in tenths of the highest
	URL     string
	Current bool
}

// dateHistogram draws the year (or month) facet as bars, oldest first.
func dateHistogram(state url.Values, facets map[string]api.FacetOutput) *histogram {
	from, to := state.Get("from"), state.Get("to")
	h := &histogram{Label: "Documents by year"}
	name, prefix := "year", ""
	if (len(from) == 4 || len(from) == 7) && from == to { // a year, or a month: the year's months
		name, prefix = "month", from[:4]+"-"
		h.Label = "Documents by month of " + from[:4]
		all := cloneValues(state)
		all.Del("from")
		all.Del("to")
		all.Del("cursor")
		h.AllURL, h.AllText = "/?"+all.Encode(), "All years"
	}
	var vals []api.FacetValueOutput
	top := 0
	for _, v := range facets[name].Values {
		if strings.HasPrefix(v.Value, prefix) {
			vals = append(vals, v)
			top = max(top, v.Count)
		}
	}
	if len(vals) == 0 {
		return nil
	}
	slices.SortFunc(vals, func(a, b api.FacetValueOutput) int { return strings.Compare(a.Value, b.Value) })
	for _, v := range vals {
		u := cloneValues(state)
		u.Del("cursor")
		u.Set("from", v.Value)
		u.Set("to", v.Value)
		tenth := max(1, (v.Count*10+top/2)/top)
		h.Bars = append(h.Bars, bar{
			Label: v.Value, Short: strings.TrimPrefix(v.Value, prefix), Count: v.Count,
			Class: fmt.Sprintf("h-%d", tenth), URL: "/?" + u.Encode(), Current: from == v.Value && to == v.Value,
		})
	}
	return h
}

// search renders GET /: the search form, facets and one page of hits. It
// hands the URL's parameters to api.Server.Search, the JSON search's own
// parsing, validation, restriction and backend call.
func (p *Pages) search(c echo.Context) error {
	in := c.QueryParams()
	state := url.Values{}
	for name, vals := range in {
		for _, v := range vals {
			if strings.TrimSpace(v) != "" {
				state.Add(name, v)
			}
		}
	}
	apiParams := cloneValues(state) // the page sets size, fragments and facets itself
	apiParams.Set("size", fmt.Sprint(pageSize))
	apiParams.Set("fragments", fmt.Sprint(pageFragments))
	apiParams.Set("facet_size", fmt.Sprint(pageFacetSize))
	apiParams.Set("facets", strings.Join(append(slices.Clone(facetFields), histogramFacets...), ","))

	v := searchView{page: p.page(c, "Search"), From: state.Get("from"), To: state.Get("to")}
	v.Query, v.SearchPage = state.Get("q"), true
	v.Title = "Search"
	if v.Query != "" {
		v.Title = v.Query + " – Search"
	}
	for _, o := range []option{{Value: index.SortRelevance, Label: "Relevance"}, {Value: index.SortDateDesc, Label: "Newest first"}, {Value: index.SortDateAsc, Label: "Oldest first"}} {
		o.Selected = o.Value == state.Get("sort") || (state.Get("sort") == "" && o.Value == index.SortRelevance)
		v.Sorts = append(v.Sorts, o)
	}
	req, res, err := p.srv.Search(c, apiParams)
	if err != nil {
		status, body := api.ErrorResponse(err)
		if status != http.StatusBadRequest {
			return err
		}
		v.Err = &queryError{Message: body.Error.Message}
		if pos := body.Error.Position; pos != nil {
			q := v.Query
			at := min(max(*pos, 0), len(q))
			end := at
			if end < len(q) {
				end++
				for end < len(q) && !utf8Start(q[end]) {
					end++
				}
			}
			v.Err.HasPos, v.Err.Pos = true, *pos
			v.Err.Before, v.Err.At, v.Err.After = q[:at], q[at:end], q[end:]
		}
		v.Facets = facetViews(state, nil)
		return p.render(c, http.StatusBadRequest, "search", v)
	}
	v.Total = res.Total
	v.Suggestion, v.Relaxed = res.Suggestion, res.Relaxed
	if res.Suggestion != nil {
		sv := cloneValues(state)
		sv.Set("q", res.Suggestion.Q)
		sv.Del("cursor")
		v.SuggestURL = "/?" + sv.Encode()
	}
	for _, h := range res.Hits {
		v.Hits = append(v.Hits, toHitView(h, v.Query))
	}
	v.Facets = facetViews(state, res.Facets)
	v.Histogram = dateHistogram(state, res.Facets)
	for _, ff := range index.FilterFields {
		if ff.HasFilter() && !slices.Contains(facetFields, ff.Name) {
			for _, val := range ff.Values(&req.Filters) {
				v.Filters = append(v.Filters, option{Value: val, Label: facetLabel(ff.Name)})
			}
		}
	}
	first := cloneValues(state)
	first.Del("cursor")
	v.Later = state.Get("cursor") != ""
	v.FirstURL = "/?" + first.Encode()
	if res.NextCursor != "" {
		next := cloneValues(state)
		next.Set("cursor", res.NextCursor)
		v.NextURL = "/?" + next.Encode()
	}
	export := cloneValues(first)
	export.Set("format", "csv")
	v.ExportCSV = "/export?" + export.Encode()
	export.Set("format", "jsonl")
	v.ExportJSON = "/export?" + export.Encode()
	return p.render(c, http.StatusOK, "search", v)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// facetViews lists the page's facets with their counts (nil: none known,
// after an error), each value checked when its filter is set. A checked
// value the counts do not list is listed with no count, to be unticked.
func facetViews(state url.Values, counts map[string]api.FacetOutput) []facetView {
	var out []facetView
	for _, name := range facetFields {
		fv := facetView{Name: name, Label: facetLabel(name)}
		checked := map[string]bool{}
		for _, raw := range state[name] {
			for _, s := range splitFilter(name, raw) {
				checked[strings.ToLower(s)] = true
			}
		}
		seen := map[string]bool{}
		f := counts[name]
		for i, val := range f.Values {
			key := strings.ToLower(val.Value)
			seen[key] = true
			fv.Values = append(fv.Values, facetValue{Value: val.Value, Count: val.Count, Checked: checked[key], ID: fmt.Sprintf("f-%s-%d", name, i)})
		}
		for _, raw := range state[name] {
			for _, s := range splitFilter(name, raw) {
				if !seen[strings.ToLower(s)] {
					seen[strings.ToLower(s)] = true
					fv.Values = append(fv.Values, facetValue{Value: s, Checked: true, ID: fmt.Sprintf("f-%s-%d", name, len(fv.Values))})
				}
			}
		}
		fv.Other, fv.Missing = f.Other, f.Missing
		if len(fv.Values) > 0 {
			out = append(out, fv)
		}
	}
	return out
}

// splitFilter splits a filter parameter's value as the API does: on
// commas for the fields that take comma lists.
func splitFilter(name, raw string) []string {
	ff, ok := index.LookupFilterField(name)
	if !ok || !ff.Comma {
		return []string{strings.TrimSpace(raw)}
	}
	var out []string
	for _, s := range strings.Split(raw, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func toHitView(h api.SearchHit, q string) hitView {
	hv := hitView{SearchHit: h}
	firstPage := 0
	for _, hl := range h.Highlights {
		if firstPage == 0 && hl.Page > 0 {
			firstPage = hl.Page
		}
		hv.Fragments = append(hv.Fragments, fragmentView{Page: hl.Page, HTML: markedHTML(hl.Fragment), URL: docURL(h.ID, q, hl.Page)})
	}
	hv.URL = docURL(h.ID, q, firstPage)
	return hv
}

// docURL is the document page of id, with the search's query to mark and
// at page (0: the top).
func docURL(id, q string, page int) string {
	u := "/documents/" + url.PathEscape(id)
	if q != "" {
		u += "?" + url.Values{"q": {q}}.Encode()
	}
	if page > 0 {
		u += fmt.Sprintf("#page-%d", page)
	}
	return u
}

// caseURL is the case page of a canonical case number.
func caseURL(number string) string { return "/cases/" + url.PathEscape(number) }

// markedHTML makes a fragment safe to show: the index sends HTML-escaped
// text with <mark> and </mark> as its only markup; everything else is
// unescaped and escaped again, so that nothing but balanced <mark> tags
// can reach the page, whatever the fragment holds.
func markedHTML(fragment string) template.HTML {
	var b strings.Builder
	open := false
	rest := fragment
	for rest != "" {
		i := strings.Index(rest, "<mark>")
		j := strings.Index(rest, "</mark>")
		next, tagLen, isOpen := -1, 0, false
		switch {
		case i >= 0 && (j < 0 || i < j):
			next, tagLen, isOpen = i, len("<mark>"), true
		case j >= 0:
			next, tagLen = j, len("</mark>")
		}
		if next < 0 {
			b.WriteString(html.EscapeString(html.UnescapeString(rest)))
			break
		}
		b.WriteString(html.EscapeString(html.UnescapeString(rest[:next])))
		if isOpen && !open {
			b.WriteString("<mark>")
			open = true
		} else if !isOpen && open {
			b.WriteString("</mark>")
			open = false
		}
		rest = rest[next+tagLen:]
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String()) // #nosec G203 -- built above from escaped text and balanced <mark> tags only
}

// markedWords returns the words the index marked in fragments, lower-cased.
func markedWords(fragments []string) map[string]bool {
	out := map[string]bool{}
	for _, f := range fragments {
		for {
			i := strings.Index(f, "<mark>")
			if i < 0 {
				break
			}
			f = f[i+len("<mark>"):]
			j := strings.Index(f, "</mark>")
			if j < 0 {
				break
			}
			for _, w := range strings.FieldsFunc(html.UnescapeString(f[:j]), notWordRune) {
				out[strings.ToLower(w)] = true
			}
			f = f[j:]
		}
	}
	return out
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
