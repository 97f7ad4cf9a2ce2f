package bleve

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Stored fields by document number.
//
// Asked for stored fields, bleve loads each hit by its ID: it opens a term
// reader on the ID in every segment of the snapshot to find the hit's
// document number (which the search had already found), then copies every
// stored field of the document, the whole text too, before it keeps the
// fields asked for. searchStored runs the search without fields, holds the
// snapshot the search ran on, and reads the fields asked for (text fields
// only: fieldMeta, fieldText) straight from the hit's segment by its
// document number. The hits, totals and order are bleve's own.

// pinnedQuery is a query that keeps a reference to the index snapshot its
// searcher is built on, so that the hits' document numbers can be read
// after the search has closed its reader. Whoever runs it must call
// release.
type pinnedQuery struct {
	query.Query
	snap *scorch.IndexSnapshot
}

// Searcher implements query.Query: it takes a reference to r (the first
// time; bleve builds the top query's searcher once a search).
func (p *pinnedQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	if s, ok := r.(*scorch.IndexSnapshot); ok && p.snap == nil {
		s.AddRef()
		p.snap = s
	}
	return p.Query.Searcher(ctx, r, m, opts)
}

// release drops the reference taken by Searcher.
func (p *pinnedQuery) release() {
	if p.snap != nil {
		_ = p.snap.DecRef()
		p.snap = nil
	}
}

// storedTextFields are the fields searchStored reads itself: stored as
// text, so that a hit's value is the string bleve would have given.
var storedTextFields = []string{fieldMeta, fieldText}

// searchStored runs br as bleve's SearchInContext would and gives each hit
// the stored fields br.Fields names. When those are all storedTextFields
// it reads them by document number (see above); otherwise bleve loads
// them. br is left as it was given.
func (ix *Index) searchStored(ctx context.Context, br *bleve.SearchRequest) (*bleve.SearchResult, error) {
	fields := br.Fields
	if ix.bleveStored || len(fields) == 0 || slices.ContainsFunc(fields, func(f string) bool { return !slices.Contains(storedTextFields, f) }) {
		return ix.bleve.SearchInContext(ctx, br)
	}
	br.Fields = nil
	defer func() { br.Fields = fields }()
	res, pin, err := ix.searchPinned(ctx, br)
	if err != nil {
		return nil, err
	}
	defer pin.release()
	if err := visitStored(pin.snap, res.Hits, fields); err != nil {
		return nil, err
	}
	return res, nil
}

// searchPinned runs br with its query pinned (see pinnedQuery), so that
// its hits' stored fields can be read by document number from the
// snapshot it ran on; the caller releases pin. br is left as it was given.
func (ix *Index) searchPinned(ctx context.Context, br *bleve.SearchRequest) (res *bleve.SearchResult, pin *pinnedQuery, err error) {
	pin = &pinnedQuery{Query: br.Query}
	br.Query = pin
	res, err = ix.bleve.SearchInContext(ctx, br)
	br.Query = pin.Query
	if err == nil && len(res.Hits) > 0 && pin.snap == nil {
		err = fmt.Errorf("index: stored fields: the search ran on no index snapshot")
	}
	if err != nil {
		pin.release()
		return nil, nil, err
	}
	return res, pin, nil
}

// segmentStarts gives the first global document number of each segment of
// snap. Document numbers count a segment's deleted documents too
// (SegmentSnapshot.Count does not).
func segmentStarts(snap *scorch.IndexSnapshot) []uint64 {
	segs := snap.Segments()
	starts := make([]uint64, len(segs))
	var n uint64
	for i, ss := range segs {
		starts[i] = n
		n += ss.Segment().Count()
	}
	return starts
}

// visitStored sets each hit's Fields to its stored values of fields (text
// fields), read from snap by the hit's document number.
func visitStored(snap *scorch.IndexSnapshot, hits search.DocumentMatchCollection, fields []string) error {
	segs := snap.Segments()
	starts := segmentStarts(snap)
	for _, h := range hits {
		num := h.IndexInternalID.Value()
		s := sort.Search(len(starts), func(i int) bool { return starts[i] > num }) - 1
		if len(h.IndexInternalID) != 8 || s < 0 || num-starts[s] >= segs[s].Segment().Count() {
			return fmt.Errorf("index: stored fields: document number %x outside the snapshot", []byte(h.IndexInternalID))
		}
		values := make(map[string]any, len(fields))
		err := segs[s].VisitDocument(num-starts[s], func(name string, typ byte, val []byte, _ []uint64) bool {
			if typ == 't' && slices.Contains(fields, name) {
				values[name] = string(val)
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("index: stored fields: %w", err)
		}
		h.Fields = values
	}
	return nil
}
