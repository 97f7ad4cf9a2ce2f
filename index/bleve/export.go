package bleve

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"dossier/index"
)

// exportPageSize is how many hits Export reads per step. Memory stays flat
// however many documents match: one page of hits is held at a time.
const exportPageSize = 500

// Export calls fn for every document matching req, in req.Sort order,
// without highlights or facets, relaxed as Search would be; req.Size, req.Page and req.Cursor are
// ignored. It pages with search-after, so a date-sorted export is not
// disturbed by documents indexed meanwhile. It stops at the first error
// from fn or ctx and returns the number of hits passed to fn.
func (ix *Index) Export(ctx context.Context, req index.SearchRequest, fn func(index.Hit) error) (int, error) {
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
	min := 0
	if !req.Strict && cr.relaxable {
		strict, err := ix.countStrict(ctx, req, cr, nil)
		if err != nil {
			return 0, err
		}
		if min, err = ix.relaxedMin(ctx, req, cr, nil, strict); err != nil {
			return 0, err
		}
	}
	q := cr.build(req.Filters, nil, min)
	var after []string
	n := 0
	for {
		br := bleve.NewSearchRequestOptions(q, exportPageSize, 0, false)
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
		if len(res.Hits) < exportPageSize {
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
