package bleve

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"dossier/index"
)

// Export reads the hits in steps (pages, with search-after): the first of
// exportFirstPage hits, each next one twice the last, up to exportMaxPage.
// Every step runs the query over all its matches again, reading each
// one's sort values to compare with the last step's end, so a step costs
// about as much as the whole match set; few large steps are much cheaper
// than many small ones (exporting the 70,166 filings of the 100,000
// synthetic documents: see TestExportPageCost). Memory stays flat however
// many documents match: one step's hits (at most exportMaxPage, their
// stored metadata without text) are held at a time.
const (
	exportFirstPage = 500
	exportMaxPage   = 4096
)

// Export calls fn for every document matching req, in req.Sort order,
// without highlights or facets, relaxed as Search would be; req.Size, req.Page and req.Cursor are
// ignored. It pages with search-after, so a date-sorted export is not
// disturbed by documents indexed meanwhile. It stops at the first error
// from fn or ctx and returns the number of hits passed to fn.
func (ix *Index) Export(ctx context.Context, req index.SearchRequest, fn func(index.Hit) error) (int, error) {
	return ix.export(ctx, req, fn, exportFirstPage, exportMaxPage)
}

// export is Export in steps of first hits, doubling up to most.
func (ix *Index) export(ctx context.Context, req index.SearchRequest, fn func(index.Hit) error, first, most int) (int, error) {
	req.Size, req.Page, req.Cursor, req.Facets, req.Highlight = 1, 1, "", nil, false
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return 0, err
	}
	cr, err := compileRequest(req, &ix.forms)
	if err != nil {
		return 0, err
	}
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, index.MaxTermSearchers)
	if ctx, err = ix.scoringContext(ctx); err != nil {
		return 0, err
	}
	least := 0 // words a relaxed search must match
	if !req.Strict && cr.relaxable {
		strict, err := ix.countStrict(ctx, req, cr, nil)
		if err != nil {
			return 0, err
		}
		if least, err = ix.relaxedMin(ctx, req, cr, nil, strict); err != nil {
			return 0, err
		}
	}
	q := cr.build(req.Filters, nil, least)
	var after []string
	n := 0
	for page := first; ; page = min(2*page, most) {
		br := bleve.NewSearchRequestOptions(q, page, 0, false)
		br.Fields = []string{fieldMeta}
		br.SortBy(sortFields(req.Sort, ix.tieField))
		br.SearchAfter = after
		res, err := ix.bleve.SearchInContext(ctx, br)
		if err != nil {
			return n, searchError(err)
		}
		for _, h := range res.Hits {
			hit, err := toHit(h, req)
			if err != nil {
				return n, err
			}
			if err := fn(hit); err != nil {
				return n, fmt.Errorf("index: export: %w", err)
			}
			n++
			after = hit.SortKey
		}
		if len(res.Hits) < page {
			return n, nil
		}
		if err := ctx.Err(); err != nil {
			return n, fmt.Errorf("index: export: %w", err)
		}
	}
}

// Case gathers a case's filings and articles (see index.Case).
func (ix *Index) Case(ctx context.Context, number, court, restrict string) (*index.CaseInfo, error) {
	return index.Case(ctx, ix, number, court, restrict)
}
