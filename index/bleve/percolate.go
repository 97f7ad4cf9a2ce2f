package bleve

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus"
	"dossier/index"
)

// Percolation (index.Percolator): the documents of a batch are written to
// an index of their own, in memory, with the mapping of the disk index
// (newMapping) and the same records (toRecord); each request is compiled
// by the path Search compiles it by (compileChecked, build) and run on
// that index. The disk index is never read, so the cost is that of
// indexing the batch once plus one small search per request: it grows
// with the batch and the number of requests, not with the index.

// percolatePage is how many matches the first search of a request
// collects; a request matching more is run again for all of them.
const percolatePage = 64

// The engine matches saved searches against batches.
var _ index.Percolator = (*Index)(nil)

// Percolate runs reqs against docs alone (see index.Percolator); it does
// not read ix.
func (ix *Index) Percolate(ctx context.Context, docs []corpus.Document, reqs []index.SearchRequest, opts index.PercolateOptions) ([]index.PercolateResult, error) {
	return Percolate(ctx, docs, reqs, opts)
}

// Percolate is index.Percolator without an open index: it builds an
// in-memory index of docs and runs every request of reqs on it with
// opts.Workers goroutines.
func Percolate(ctx context.Context, docs []corpus.Document, reqs []index.SearchRequest, opts index.PercolateOptions) ([]index.PercolateResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.FragmentSize < 0 || opts.FragmentSize > index.MaxFragmentSize {
		return nil, index.Invalidf("fragment size must be between 0 and %d", index.MaxFragmentSize)
	}
	if opts.MaxFragmented <= 0 {
		opts.MaxFragmented = index.DefaultMaxFragmented
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	out := make([]index.PercolateResult, len(reqs))
	bx, order, err := batchIndex(docs)
	if err != nil {
		return nil, err
	}
	defer bx.bleve.Close()
	if len(order) == 0 || len(reqs) == 0 {
		return out, nil
	}
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, index.MaxTermSearchers)
	var stored map[string]map[string]any
	if opts.FragmentSize > 0 {
		if stored, err = bx.storedFields(ctx, len(order)); err != nil {
			return nil, err
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Workers, len(reqs)) {
		wg.Go(func() {
			for i := range next {
				out[i].Matches, out[i].Err = bx.percolateOne(ctx, reqs[i], order, stored, opts)
			}
		})
	}
feed:
	for i := range reqs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// batchIndex writes the searchable documents of docs to a new in-memory
// index (scorch, as on disk) and returns it with each document's position
// in docs. A later document with the same ID replaces an earlier one, as
// in one Apply; skipped documents are left out (they never match).
func batchIndex(docs []corpus.Document) (*Index, map[string]int, error) {
	m, err := newMapping()
	if err != nil {
		return nil, nil, err
	}
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, map[string]any{})
	if err != nil {
		return nil, nil, fmt.Errorf("index: percolate: new batch index: %w", err)
	}
	order := make(map[string]int, len(docs))
	b := bi.NewBatch()
	for i := range docs {
		d := &docs[i]
		if d.ID == "" {
			bi.Close()
			return nil, nil, fmt.Errorf("index: percolate: document from %q has no ID", d.Source)
		}
		if d.Skipped() {
			b.Delete(d.ID)
			delete(order, d.ID)
			continue
		}
		rec, err := toRecord(d)
		if err != nil {
			bi.Close()
			return nil, nil, err
		}
		if err := b.Index(d.ID, rec); err != nil {
			bi.Close()
			return nil, nil, fmt.Errorf("index: percolate: add %s: %w", d.ID, err)
		}
		order[d.ID] = i
	}
	if len(order) > 0 {
		if err := bi.Batch(b); err != nil {
			bi.Close()
			return nil, nil, fmt.Errorf("index: percolate: index batch of %d: %w", len(order), err)
		}
	}
	return &Index{bleve: bi, tieField: fieldKey, logger: slog.New(slog.DiscardHandler)}, order, nil
}

// storedFields reads the stored metadata and text of the n documents of
// the batch index bx once, for the fragments of every request.
func (bx *Index) storedFields(ctx context.Context, n int) (map[string]map[string]any, error) {
	br := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), n, 0, false)
	br.Fields = []string{fieldMeta, fieldText}
	br.Score = bleve.ScoreNone
	res, err := bx.bleve.SearchInContext(unscoredContext(ctx), br)
	if err != nil {
		return nil, searchError(err)
	}
	out := make(map[string]map[string]any, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Fields
	}
	return out, nil
}

// percolateOne runs one request on the batch index bx: every match, in
// the order of order (document positions), the first MaxFragmented with
// a fragment when opts ask for them (cut from stored, the documents'
// stored fields).
func (bx *Index) percolateOne(ctx context.Context, req index.SearchRequest, order map[string]int, stored map[string]map[string]any, opts index.PercolateOptions) ([]index.PercolateMatch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	req.Strict = true
	req.Sort, req.Size, req.Page, req.Cursor = "", 0, 0, ""
	req.Facets, req.Highlight, req.CountOnly, req.AllFragments = nil, false, false, false
	req.FacetSize, req.FragmentSize, req.Fragments = 0, 0, 0
	req, cr, err := bx.compileChecked(req)
	if err != nil {
		return nil, err
	}
	q := cr.build(req.Filters, nil, 0)
	// Most saved searches match a few documents of a batch: asking for
	// every document at once makes bleve allocate room for all of them,
	// for each request; a second search fetches the rest when needed.
	br := bleve.NewSearchRequestOptions(q, min(len(order), percolatePage), 0, false)
	br.Score = bleve.ScoreNone
	res, err := bx.bleve.SearchInContext(unscoredContext(ctx), br)
	// Unscored, bleve may stop counting once the page is full: a full
	// page, not Total, says there may be more.
	if err == nil && len(res.Hits) == br.Size && br.Size < len(order) {
		br.Size = len(order)
		res, err = bx.bleve.SearchInContext(unscoredContext(ctx), br)
	}
	if err != nil {
		return nil, searchError(err)
	}
	if len(res.Hits) == 0 {
		return nil, nil
	}
	matches := make([]index.PercolateMatch, 0, len(res.Hits))
	for _, h := range res.Hits {
		matches = append(matches, index.PercolateMatch{ID: h.ID})
	}
	slices.SortFunc(matches, func(a, b index.PercolateMatch) int { return order[a.ID] - order[b.ID] })
	if opts.FragmentSize > 0 {
		if err := bx.fragments(ctx, q, matches[:min(len(matches), opts.MaxFragmented)], stored, opts.FragmentSize); err != nil {
			return nil, err
		}
	}
	return matches, nil
}

// fragments gives each of matches its first fragment for q, cut as
// Search cuts a hit's highlights (toHit), from the stored fields.
func (bx *Index) fragments(ctx context.Context, q query.Query, matches []index.PercolateMatch, stored map[string]map[string]any, size int) error {
	ids := make([]string, len(matches))
	for i, m := range matches {
		ids[i] = m.ID
	}
	lr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	lr.IncludeLocations = true // scored: bleve's term scorer is what records locations
	res, err := bx.bleve.SearchInContext(ctx, lr)
	if err != nil {
		return searchError(err)
	}
	hreq := index.SearchRequest{Highlight: true, FragmentSize: size, Fragments: 1}
	frag := make(map[string]string, len(res.Hits))
	for _, h := range res.Hits {
		h.Fields = stored[h.ID] // read only
		hit, err := toHit(h, hreq)
		if err != nil {
			return err
		}
		if len(hit.Highlights) > 0 {
			frag[h.ID] = hit.Highlights[0].Fragment
		}
	}
	for i := range matches {
		matches[i].Fragment = frag[matches[i].ID]
	}
	return nil
}
