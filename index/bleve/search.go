package bleve

import (
	"cmp"
	"context"
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
	"dossier/index"
)

// Search runs req. Problems with the request are errors wrapping
// ErrInvalidRequest; query syntax errors are *QueryError.
func (ix *Index) Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error) {
	ix.searching.Add(1)
	defer ix.searching.Add(-1)
	return ix.search(ctx, req, nil)
}

// search runs req with extra, when non-nil, ANDed to its query.
func (ix *Index) search(ctx context.Context, req index.SearchRequest, extra query.Query) (*index.SearchResult, error) {
	req, cr, err := ix.prepare(req)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, index.MaxTermSearchers)
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
	out := &index.SearchResult{Total: res.Total, Facets: map[string]index.Facet{},
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
	if err := ix.filteredFacets(ctx, req, cr, extra, min, out); err != nil {
		return nil, err
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
		out.NextCursor = encodeCursor(req.Sort, out.Hits[len(out.Hits)-1].SortKey, min)
	}
	return out, nil
}

// prepare fills req's defaults, validates it (and its cursor), resolves
// its judge filter to the spellings indexed, compiles it and checks its
// enumerated values.
func (ix *Index) prepare(req index.SearchRequest) (index.SearchRequest, *compiledRequest, error) {
	req, cr, err := ix.compileChecked(req)
	if err != nil {
		return req, nil, err
	}
	return req, cr, ix.checkValues(req.Filters, cr.compiler.values)
}

// compileChecked is prepare without the check of enumerated values
// against the index (a court no document of a batch has is no error when
// percolating it: it matches nothing).
func (ix *Index) compileChecked(req index.SearchRequest) (index.SearchRequest, *compiledRequest, error) {
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return req, nil, err
	}
	if req.Cursor != "" {
		if _, err := decodeCursor(req.Cursor, req.Sort); err != nil {
			return req, nil, err
		}
	}
	judges, err := ix.judgeVariants(req.Filters.Judge)
	if err != nil {
		return req, nil, err
	}
	req.Filters.Judge = judges
	cr, err := compileRequest(req, &ix.forms)
	if err != nil {
		return req, nil, err
	}
	return req, cr, nil
}

// filteredFacets counts, into out, each facet asked for whose own filter
// is set, without that filter (disjunctive faceting); the other facets
// came with the page.
func (ix *Index) filteredFacets(ctx context.Context, req index.SearchRequest, cr *compiledRequest, extra query.Query, min int, out *index.SearchResult) error {
	for _, name := range req.Facets {
		if len(req.Filters.List(name)) == 0 {
			continue
		}
		fr := bleve.NewSearchRequestOptions(cr.build(req.Filters.Without(name), extra, min), 0, 0, false)
		fres, err := ix.searchCounting(ctx, fr, []string{name}, req.FacetSize)
		if err != nil {
			return err
		}
		out.Facets[name] = toFacet(name, fres.Facets[name], req.FacetSize)
	}
	return nil
}

// searchPage runs q for the page (or cursor) of req, with the facets that
// are counted in the same search, and returns bleve's result and q.
func (ix *Index) searchPage(ctx context.Context, req index.SearchRequest, q query.Query) (*bleve.SearchResult, query.Query, error) {
	if req.CountOnly {
		br := bleve.NewSearchRequestOptions(q, 0, 0, false)
		res, err := ix.searchCounting(ctx, br, pageFacets(req), req.FacetSize)
		if err != nil {
			return nil, nil, err
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
	byScore := req.Sort == index.SortRelevance && req.Cursor == ""
	if byScore {
		br.From = max(from-1, 0)
		br.Size = req.Size + (from - br.From) + tieSlack
		br.SortBy([]string{"-_score"})
	}
	res, err := ix.searchCounting(ctx, br, pageFacets(req), req.FacetSize)
	if err != nil {
		return nil, nil, err
	}
	if byScore {
		page, ok := pageByScore(res.Hits, from-br.From, req.Size, len(res.Hits) < br.Size)
		if ok {
			res.Hits = page
		} else { // a tie crosses the page's edge
			facets := res.Facets // same matches: counted once
			if res, err = ix.pageAcrossTie(ctx, br, from, req.Size); err != nil {
				return nil, nil, err
			}
			if res == nil { // the tie is longer than tieWindows reach: sort by score and ID
				br.From, br.Size = from, req.Size
				br.SortBy(sortFields(req.Sort, ix.tieField))
				if res, err = ix.searchStored(ctx, br); err != nil {
					return nil, nil, searchError(err)
				}
			}
			res.Facets = facets
		}
	}
	return res, q, nil
}

// pageFacets returns the facets of req counted with the page's own
// search: those whose filter is not set. Facets whose own filter is set
// are counted without it, in a search of their own (see filteredFacets),
// so that other values stay visible.
func pageFacets(req index.SearchRequest) []string {
	var names []string
	for _, name := range req.Facets {
		if len(req.Filters.List(name)) == 0 {
			names = append(names, name)
		}
	}
	return names
}

// searchCounting runs br and counts the facets names of its matches, each
// with size values, into the result's Facets (see facetcache.go). A
// request for no hits (a count, or the facets whose own filter is set)
// is run unscored.
func (ix *Index) searchCounting(ctx context.Context, br *bleve.SearchRequest, names []string, size int) (*bleve.SearchResult, error) {
	// Only a search that counts facets is spread whole: for the others
	// it bought 6–22 % at the median and a longer tail (see spread.go).
	if q := br.Query; !ix.noSpread && (len(names) > 0 || ix.spreadAll) {
		br.Query = spreadQuery{q}
		defer func() { br.Query = q }()
	}
	if br.Size == 0 { // only the total and the facets: nothing to score
		br.Score = bleve.ScoreNone
		ctx = unscoredContext(ctx)
	}
	if len(names) == 0 || ix.bleveFacets {
		for _, name := range names {
			field, n := facetSpec(name, size)
			br.AddFacet(name, bleve.NewFacetRequest(field, n))
		}
		res, err := ix.searchStored(ctx, br)
		if err != nil {
			return nil, searchError(err)
		}
		return res, nil
	}
	fields, sizes := make([]string, len(names)), make([]int, len(names))
	for i, name := range names {
		fields[i], sizes[i] = facetSpec(name, size)
	}
	fc := newFacetCount(&ix.facets, names, fields, sizes)
	if cfg, ok := ctx.Value(phraseParallelismKey{}).(phraseParallelism); ok && cfg.ownShare == 0 && cfg.workers > 1 {
		// The search's own goroutine counts the facets of every match:
		// a spread phrase leaves it a smaller share of its documents.
		cfg.ownShare = facetedOwnShare / float64(cfg.workers)
		ctx = withPhraseParallelism(ctx, cfg)
	}
	res, err := ix.searchStored(fc.context(ctx), br)
	if err != nil {
		return nil, searchError(err)
	}
	res.Facets = fc.results()
	return res, nil
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
	res, err := ix.searchStored(unscoredContext(ctx), lr)
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
	res, err := ix.searchStored(ctx, lr)
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
	case index.SortDateAsc:
		return []string{fieldDate, tie}
	case index.SortDateDesc:
		return []string{"-" + fieldDate, tie}
	}
	return []string{"-_score", tie}
}

// facetSpec returns the field of facet name and how many of its values
// to count for size values shown.
func facetSpec(name string, size int) (field string, n int) {
	if name == "judge" {
		size *= judgeFacetOverfetch
	}
	ff, _ := index.LookupFilterField(name)
	return ff.Field, size
}

func toFacet(name string, fr *search.FacetResult, size int) index.Facet {
	f := index.Facet{Values: []index.FacetValue{}}
	if fr == nil {
		return f
	}
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			f.Values = append(f.Values, index.FacetValue{Value: t.Term, Count: t.Count})
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
		return index.Invalidf("the query expands to more than %d terms; make prefixes and fuzzy terms more specific", index.MaxTermSearchers)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("index: search: %w", err)
	}
	return fmt.Errorf("index: search: %w", err)
}

// toHit maps a bleve hit to a Hit, cutting highlight fragments.
func toHit(h *search.DocumentMatch, req index.SearchRequest) (index.Hit, error) {
	metaJSON, _ := h.Fields[fieldMeta].(string)
	var m storedMeta
	if err := json.Unmarshal([]byte(metaJSON), &m); err != nil {
		return index.Hit{}, fmt.Errorf("index: decode metadata of %s: %w", h.ID, err)
	}
	hit := index.Hit{
		ID: h.ID, Kind: string(m.Kind), DocType: docTypeOf(&m.Document), Title: m.Title,
		Caption: m.Caption, Date: m.Date, Source: m.Source, SiteName: m.SiteName,
		Author: m.Author, URL: m.URL, PageCount: m.PageCount, Score: h.Score,
		CaseNumbers: []string{}, Judges: []string{},
	}
	hit.SortKey = slices.Clone(h.Sort)
	for i, v := range hit.SortKey {
		if v == "_score" {
			hit.SortKey[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	if m.Court != nil {
		hit.Court = m.Court.ID
	}
	if m.ECF != nil {
		hit.DocumentNumber = m.ECF.DocumentNumber
	}
	hit.CaseNumbers = append(hit.CaseNumbers, index.OwnCases(&m.Document)...)
	hit.Cites = roleValues(&m.Document, legal.RoleCited)
	hit.Related = roleValues(&m.Document, legal.RoleRelated)
	hit.CourtInferred = m.CourtInferred
	hit.Partial = m.Partial
	for _, c := range m.CaseNumbers {
		if index.OwnCase(c) {
			hit.RawCaseNumbers = append(hit.RawCaseNumbers, c.Raw)
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
			hit.Highlights = []index.Highlight{{Field: fieldText, Page: page, Fragment: s}}
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
