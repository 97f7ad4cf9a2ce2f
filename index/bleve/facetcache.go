package bleve

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Facet counting without bleve's facet builder. Bleve counts a terms facet
// by decoding each matching document's doc values (compressed chunks) and
// adding its terms to a map of strings: at 100,000 documents that was
// most of a faceted search's time. Here each segment's values of a facet
// field are read once into arrays of ordinals (document → value numbers),
// kept while the segment lives, and a search counts a match with one
// array increment per value. The counts are those bleve's facet would
// give: the same doc values, the same total, missing and other, the same
// order (count, then value).
//
// Segments are immutable, so a segment's arrays never go stale; a merge
// or a new batch brings new segments, whose arrays are built by the first
// faceted search that meets them. Arrays of segments no longer in the
// index are dropped when the cache holds more segments than
// facetCacheSlack times the index's current count.

// facetCacheSlack bounds the cache to this many times the segments of the
// newest snapshot seen, before it prunes segments gone from it.
const facetCacheSlack = 2

// facetCache holds the ordinal arrays of facet fields, per segment.
type facetCache struct {
	mu   sync.Mutex
	segs map[segment.Segment]*segmentFacets
}

// segmentFacets holds one segment's facet fields, built on first use.
type segmentFacets struct {
	mu     sync.Mutex
	fields map[string]*fieldOrdinals
}

// fieldOrdinals holds one field's doc values in one segment: document d
// has the values terms[ords[start[d]:start[d+1]]], or, where no document
// has more than one value, the value terms[single[d]-1] (none where
// single[d] is 0; start and ords are then nil).
type fieldOrdinals struct {
	terms  []string
	start  []uint32 // len = documents in the segment + 1
	ords   []uint32
	single []uint32 // len = documents in the segment
}

// singleValued turns fo into its single form when no document has more
// than one value.
func (fo *fieldOrdinals) singleValued() {
	n := len(fo.start) - 1
	for d := range n {
		if fo.start[d+1]-fo.start[d] > 1 {
			return
		}
	}
	fo.single = make([]uint32, n)
	for d := range n {
		if fo.start[d+1] > fo.start[d] {
			fo.single[d] = fo.ords[fo.start[d]] + 1
		}
	}
	fo.start, fo.ords = nil, nil
}

// forSegments returns the facet data of fields for each segment of snap,
// building what is missing.
func (c *facetCache) forSegments(snap *scorch.IndexSnapshot, fields []string) ([][]*fieldOrdinals, error) {
	segs := snap.Segments()
	out := make([][]*fieldOrdinals, len(segs))
	for i, ss := range segs {
		sf := c.segment(ss.Segment())
		fo, err := sf.get(ss.Segment(), fields)
		if err != nil {
			return nil, err
		}
		out[i] = fo
	}
	return out, nil
}

// segment returns the entry of seg, adding it.
func (c *facetCache) segment(seg segment.Segment) *segmentFacets {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.segs == nil {
		c.segs = map[segment.Segment]*segmentFacets{}
	}
	sf, ok := c.segs[seg]
	if !ok {
		sf = &segmentFacets{fields: map[string]*fieldOrdinals{}}
		c.segs[seg] = sf
	}
	return sf
}

// prune drops the segments not in snap.
func (c *facetCache) prune(snap *scorch.IndexSnapshot) {
	live := snap.Segments()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.segs) <= facetCacheSlack*len(live) {
		return
	}
	keep := make(map[segment.Segment]bool, len(live))
	for _, ss := range live {
		keep[ss.Segment()] = true
	}
	for seg := range c.segs {
		if !keep[seg] {
			delete(c.segs, seg)
		}
	}
}

// get returns fields' ordinals in seg, building the missing ones in one
// pass over its documents.
func (sf *segmentFacets) get(seg segment.Segment, fields []string) ([]*fieldOrdinals, error) {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	var missing []string
	for _, f := range fields {
		if sf.fields[f] == nil && !slices.Contains(missing, f) {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		built, err := buildOrdinals(seg, missing)
		if err != nil {
			return nil, err
		}
		for i, f := range missing {
			sf.fields[f] = built[i]
		}
	}
	out := make([]*fieldOrdinals, len(fields))
	for i, f := range fields {
		out[i] = sf.fields[f]
	}
	return out, nil
}

// buildOrdinals reads the doc values of fields for every document of seg.
func buildOrdinals(seg segment.Segment, fields []string) ([]*fieldOrdinals, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	n := seg.Count()
	if n >= 1<<32-1 {
		return nil, fmt.Errorf("index: facets: segment of %d documents", n)
	}
	type builder struct {
		fo   *fieldOrdinals
		ords map[string]uint32
	}
	bs := make([]builder, len(fields))
	for i := range bs {
		bs[i] = builder{fo: &fieldOrdinals{start: make([]uint32, 1, n+1)}, ords: map[string]uint32{}}
	}
	at := map[string]int{}
	for i, f := range fields {
		at[f] = i
	}
	visit := func(field string, term []byte) {
		i, ok := at[field]
		if !ok {
			return
		}
		b := &bs[i]
		o, ok := b.ords[string(term)]
		if !ok {
			o = uint32(len(b.fo.terms))
			t := string(term)
			b.ords[t] = o
			b.fo.terms = append(b.fo.terms, t)
		}
		b.fo.ords = append(b.fo.ords, o)
	}
	var state segment.DocVisitState
	for d := uint64(0); d < n; d++ {
		if ok {
			var err error
			if state, err = dv.VisitDocValues(d, fields, visit, state); err != nil {
				return nil, fmt.Errorf("index: facets: %w", err)
			}
		}
		for i := range bs {
			bs[i].fo.start = append(bs[i].fo.start, uint32(len(bs[i].fo.ords)))
		}
	}
	out := make([]*fieldOrdinals, len(fields))
	for i := range bs {
		bs[i].fo.singleValued()
		out[i] = bs[i].fo
	}
	return out, nil
}

// facetCount counts the facets of one search. Its handler sees every
// match the collector collects.
type facetCount struct {
	cache  *facetCache
	names  []string // facet names, as in the request
	fields []string // their fields
	sizes  []int    // values to return, per facet

	segs    [][]*fieldOrdinals // per segment, per field
	offsets []uint64           // first global document number of each segment
	counts  [][][]int          // per segment, per field, per ordinal (nil until a match)
	total   []int              // values seen, per field
	missing []int              // matches without a value, per field
	err     error
}

// newFacetCount counts the named facets, each with its number of values.
func newFacetCount(cache *facetCache, names, fields []string, sizes []int) *facetCount {
	return &facetCount{cache: cache, names: names, fields: fields, sizes: sizes,
		total: make([]int, len(fields)), missing: make([]int, len(fields))}
}

// context returns ctx with a document match handler that counts each
// collected match, then passes it to bleve's.
func (fc *facetCount) context(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(fc.makeHandler))
}

func (fc *facetCount) makeHandler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
	if err != nil {
		return nil, false, err
	}
	snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false, fmt.Errorf("index: facets: reader %T is not a scorch snapshot", sctx.IndexReader)
	}
	if err := fc.start(snap); err != nil {
		return nil, false, err
	}
	cur := -1
	return func(d *search.DocumentMatch) error {
		if d != nil {
			num := d.IndexInternalID.Value()
			if cur < 0 || num < fc.offsets[cur] || cur+1 < len(fc.offsets) && num >= fc.offsets[cur+1] {
				cur = sort.Search(len(fc.offsets), func(i int) bool { return fc.offsets[i] > num }) - 1
			}
			fc.add(cur, num-fc.offsets[cur])
		}
		return next(d)
	}, loadID, nil
}

// start reads the facet data of the snapshot's segments.
func (fc *facetCount) start(snap *scorch.IndexSnapshot) error {
	segs, err := fc.cache.forSegments(snap, fc.fields)
	if err != nil {
		return err
	}
	fc.cache.prune(snap)
	fc.segs = segs
	fc.counts = make([][][]int, len(segs))
	fc.offsets = segmentStarts(snap)
	return nil
}

// add counts local document doc of segment seg.
func (fc *facetCount) add(seg int, doc uint64) {
	if fc.counts[seg] == nil {
		fc.counts[seg] = make([][]int, len(fc.fields))
		for f, fo := range fc.segs[seg] {
			fc.counts[seg][f] = make([]int, len(fo.terms))
		}
	}
	for f, fo := range fc.segs[seg] {
		if fo.single != nil {
			if o := fo.single[doc]; o > 0 {
				fc.counts[seg][f][o-1]++
				fc.total[f]++
			} else {
				fc.missing[f]++
			}
			continue
		}
		from, to := fo.start[doc], fo.start[doc+1]
		if from == to {
			fc.missing[f]++
			continue
		}
		c := fc.counts[seg][f]
		for _, o := range fo.ords[from:to] {
			c[o]++
		}
		fc.total[f] += int(to - from)
	}
}

// results returns the counts as bleve's facet results, by facet name.
func (fc *facetCount) results() search.FacetResults {
	out := search.FacetResults{}
	for f, name := range fc.names {
		byTerm := map[string]int{}
		for seg, cs := range fc.counts {
			if cs == nil {
				continue
			}
			terms := fc.segs[seg][f].terms
			for o, n := range cs[f] {
				if n > 0 {
					byTerm[terms[o]] += n
				}
			}
		}
		tf := make([]*search.TermFacet, 0, len(byTerm))
		for t, n := range byTerm {
			tf = append(tf, &search.TermFacet{Term: t, Count: n})
		}
		slices.SortFunc(tf, func(a, b *search.TermFacet) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Term, b.Term)
		})
		tf = tf[:min(len(tf), fc.sizes[f])]
		terms := &search.TermFacets{}
		shown := 0
		for _, t := range tf {
			terms.Add(t)
			shown += t.Count
		}
		out[name] = &search.FacetResult{Field: fc.fields[f], Total: fc.total[f], Missing: fc.missing[f],
			Other: fc.total[f] - shown, Terms: terms}
	}
	return out
}
