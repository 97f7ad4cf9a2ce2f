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
	pin := &pinnedQuery{Query: br.Query}
	br.Query, br.Fields = pin, nil
	defer func() { br.Query, br.Fields = pin.Query, fields }()
	res, err := ix.bleve.SearchInContext(ctx, br)
	defer pin.release()
	if err != nil || len(res.Hits) == 0 {
		return res, err
	}
	if pin.snap == nil {
		return nil, fmt.Errorf("index: stored fields: the search ran on no index snapshot")
	}
	if err := visitStored(pin.snap, res.Hits, fields); err != nil {
		return nil, err
	}
	return res, nil
}

// visitStored sets each hit's Fields to its stored values of fields (text
// fields), read from snap by the hit's document number.
func visitStored(snap *scorch.IndexSnapshot, hits search.DocumentMatchCollection, fields []string) error {
	segs := snap.Segments()
	// The first document number after each segment. Numbers count deleted
	// documents too (ss.Count does not).
	ends := make([]uint64, len(segs))
	var n uint64
	for i, ss := range segs {
		n += ss.Segment().Count()
		ends[i] = n
	}
	for _, h := range hits {
		num := h.IndexInternalID.Value()
		s := sort.Search(len(ends), func(i int) bool { return ends[i] > num })
		if len(h.IndexInternalID) != 8 || s == len(segs) {
			return fmt.Errorf("index: stored fields: document number %x outside the snapshot", []byte(h.IndexInternalID))
		}
		local := num - (ends[s] - segs[s].Segment().Count())
		values := make(map[string]any, len(fields))
		err := segs[s].VisitDocument(local, func(name string, typ byte, val []byte, _ []uint64) bool {
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
