package bleve

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// positionalQuery matches documents in which the words of text occur in
// field at given distances: as an exact phrase ("motion to dismiss"), or,
// with slop > 0, all within a window of len(words)-1+slop positions in any
// order ("border fence"~10).
//
// It replaces bleve's phrase searcher, which spends most of its time
// outside the postings: it turns every occurrence of every word in every
// candidate document into a location record, merges those into maps and
// sorts them before it looks at a single position (88 % of a phrase
// query's CPU in the LargeSearch/phrase profile). This searcher reads each
// distinct word's postings with their positions straight from the
// segments (wordPostings), starts from the rarest word, reads each further
// word only in documents where the words before it fit, compares sorted
// position lists, and records locations only for the occurrences that
// matched. Scores are the sum of the words' BM25 scores, as bleve's phrase
// searcher gives; a word repeated in the phrase counts once.
type positionalQuery struct {
	field string
	text  string
	slop  int // 0: exact phrase
	boost float64
}

var _ query.Query = (*positionalQuery)(nil)

// newPhraseQuery matches text as an exact phrase in field.
func newPhraseQuery(field, text string, boost float64) *positionalQuery {
	return &positionalQuery{field: field, text: text, boost: boost}
}

// newProximityQuery matches the words of text within a window of slop
// extra positions, in any order.
func newProximityQuery(field, text string, slop int, boost float64) *positionalQuery {
	return &positionalQuery{field: field, text: text, slop: slop, boost: boost}
}

// phraseWord is one distinct word of a positional query and its offsets
// from the phrase's first word.
type phraseWord struct {
	term    string
	offsets []uint64
}

// words analyses q.text with field's analyzer.
func (q *positionalQuery) words(m mapping.IndexMapping) ([]phraseWord, error) {
	an := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if an == nil {
		return nil, fmt.Errorf("index: no analyzer for field %s", q.field)
	}
	toks := an.Analyze([]byte(q.text))
	var words []phraseWord
	for _, tok := range toks {
		off := uint64(tok.Position - toks[0].Position)
		i := slices.IndexFunc(words, func(w phraseWord) bool { return w.term == string(tok.Term) })
		if i < 0 {
			words = append(words, phraseWord{term: string(tok.Term)})
			i = len(words) - 1
		}
		words[i].offsets = append(words[i].offsets, off)
	}
	return words, nil
}

// Searcher implements bleve's query.Query.
func (q *positionalQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	words, err := q.words(m)
	if err != nil {
		return nil, err
	}
	switch {
	case len(words) == 0:
		return searcher.NewMatchNoneSearcher(r)
	case len(words) == 1 && len(words[0].offsets) == 1:
		return searcher.NewTermSearcher(ctx, r, words[0].term, q.field, q.boost, opts)
	}
	docCount, avgLen, err := scoreStats(ctx, r, q.field)
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("index: phrase search needs a scorch index reader, not %T", r)
	}
	s := &positionalSearcher{ctx: ctx, field: q.field, slop: q.slop, opts: opts}
	// Highlights need the occurrences' byte offsets, which the position
	// cache does not keep.
	var cache *positionCache
	if !opts.IncludeTermVectors {
		cache, _ = ctx.Value(positionCacheKey{}).(*positionCache)
		cache.prune(snap)
	}
	for _, w := range words {
		if err := search.RecordTermSearcher(ctx); err != nil {
			return nil, err
		}
		post, err := newWordPostings(ctx, snap, q.field, []byte(w.term), cache, true)
		if err != nil {
			return nil, fmt.Errorf("index: phrase word %q: %w", w.term, err)
		}
		s.words = append(s.words, &posWord{
			phraseWord: w,
			post:       post,
			scorer:     scorer.NewTermQueryScorer([]byte(w.term), q.field, q.boost, docCount, post.count, avgLen, opts),
		})
	}
	// The rarest word leads the intersection.
	sort.SliceStable(s.words, func(i, j int) bool { return s.words[i].post.count < s.words[j].post.count })
	if s.words[0].post.count == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	return s, nil
}

// wordPostings walks one word's postings in one field, with positions,
// across the segments of an index snapshot. It reads the segments' own
// postings iterators rather than scorch's term field reader, which copies
// every position with its offsets into a new record before the caller can
// look at it: for the commonest words that copy was a quarter of a
// phrase's time.
type wordPostings struct {
	lists   []segment.PostingsList     // per segment; nil where the word is absent
	iters   []segment.PostingsIterator // per segment; nil where the word is absent or out of range
	offsets []uint64                   // first global document number of each segment
	ends    []uint64                   // global document number after each segment's last
	seg     int                        // segment of the current posting
	count   uint64                     // documents holding the word
	// end is the global document number at which the postings stop
	// (documents from end on are another goroutine's); 0 for none.
	end uint64
	// cursors read, per segment, the word's decoded postings where the
	// position cache holds them (positioncache.go; iters is nil there);
	// cur is the posting read last from one.
	cursors []cachedCursor
	cur     cachedPosting
	cached  int // segments read from the cache
}

// newWordPostings returns the postings of term in field across snap's
// segments, read from cache where it holds them or will (nil: none).
func newWordPostings(ctx context.Context, snap *scorch.IndexSnapshot, field string, term []byte, cache *positionCache, positions bool) (*wordPostings, error) {
	segs := snap.Segments()
	p := &wordPostings{
		lists:   make([]segment.PostingsList, len(segs)),
		iters:   make([]segment.PostingsIterator, len(segs)),
		offsets: segmentStarts(snap),
		ends:    make([]uint64, len(segs)),
		cursors: make([]cachedCursor, len(segs)),
	}
	for i, ss := range segs {
		p.ends[i] = p.offsets[i] + ss.Segment().Count()
		d, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		pl, err := d.PostingsList(term, ss.Deleted(), nil)
		if err != nil {
			return nil, err
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		p.lists[i] = pl
		p.count += pl.Count()
		if w := cache.get(ctx, ss.Segment(), field, term, pl.Count(), positions); w != nil {
			p.cursors[i] = cachedCursor{w: w, deleted: ss.Deleted()}
			if p.cursors[i].deleted != nil && p.cursors[i].deleted.IsEmpty() {
				p.cursors[i].deleted = nil
			}
			p.cached++
			continue
		}
		p.iters[i] = pl.Iterator(true, true, positions, nil)
	}
	return p, nil
}

// docRange returns new postings of the same word over global document
// numbers [lo, hi) (hi 0: to the end), with iterators of their own:
// another goroutine can read them. The first read must be advance(lo) or
// beyond. count is that of the segments the range overlaps.
func (p *wordPostings) docRange(lo, hi uint64) *wordPostings {
	r := &wordPostings{
		lists:   p.lists,
		iters:   make([]segment.PostingsIterator, len(p.lists)),
		offsets: p.offsets,
		ends:    p.ends,
		seg:     len(p.lists),
		end:     hi,
		cursors: make([]cachedCursor, len(p.lists)),
	}
	for i, pl := range p.lists {
		if pl == nil || p.ends[i] <= lo || (hi > 0 && p.offsets[i] >= hi) {
			continue
		}
		r.seg = min(r.seg, i)
		r.count += pl.Count()
		if c := p.cursors[i]; c.w != nil {
			r.cursors[i] = cachedCursor{w: c.w, deleted: c.deleted}
			continue
		}
		r.iters[i] = pl.Iterator(true, true, true, nil)
	}
	return r
}

// past reports whether global document number n lies at or after p.end;
// it then ends p.
func (p *wordPostings) past(n uint64) bool {
	if p.end == 0 || n < p.end {
		return false
	}
	p.seg = len(p.iters)
	return true
}

// next returns the next posting and its global document number, or nil.
func (p *wordPostings) next() (segment.Posting, uint64, error) {
	for ; p.seg < len(p.iters); p.seg++ {
		if c := &p.cursors[p.seg]; c.w != nil {
			if po, n, ok := p.fromCache(c, 0); ok {
				return po, n, nil
			}
			continue
		}
		if it := p.iters[p.seg]; it != nil {
			po, err := it.Next()
			if err != nil || po != nil {
				n := p.offsets[p.seg] + numberOf(po)
				if err == nil && p.past(n) {
					return nil, 0, nil
				}
				return po, n, err
			}
		}
	}
	return nil, 0, nil
}

// advance returns the first posting at or after global document number n,
// which must lie after the current posting, or nil.
func (p *wordPostings) advance(n uint64) (segment.Posting, uint64, error) {
	if s := sort.Search(len(p.offsets), func(i int) bool { return p.offsets[i] > n }) - 1; s > p.seg {
		p.seg = s
	}
	for ; p.seg < len(p.iters); p.seg++ {
		if c := &p.cursors[p.seg]; c.w != nil {
			if po, n, ok := p.fromCache(c, n-min(n, p.offsets[p.seg])); ok {
				return po, n, nil
			}
			continue
		}
		it := p.iters[p.seg]
		if it == nil {
			continue
		}
		var po segment.Posting
		var err error
		if n > p.offsets[p.seg] {
			po, err = it.Advance(n - p.offsets[p.seg])
		} else {
			po, err = it.Next()
		}
		if err != nil || po != nil {
			n := p.offsets[p.seg] + numberOf(po)
			if err == nil && p.past(n) {
				return nil, 0, nil
			}
			return po, n, err
		}
	}
	return nil, 0, nil
}

// fromCache reads the next posting of segment p.seg's cursor c at or
// after local document number n. It reports false at the end of the
// segment, or when the posting lies past p.end, which ends p.
func (p *wordPostings) fromCache(c *cachedCursor, n uint64) (segment.Posting, uint64, bool) {
	i, ok := c.next(n)
	if !ok {
		return nil, 0, false
	}
	p.cur = cachedPosting{w: c.w, i: i}
	doc := p.offsets[p.seg] + uint64(c.w.docs[i])
	if p.past(doc) {
		return nil, 0, false
	}
	return &p.cur, doc, true
}

func numberOf(po segment.Posting) uint64 {
	if po == nil {
		return 0
	}
	return po.Number()
}

// scoreStats gives the document count and average field length that
// bleve's term searcher uses for its scores, under the index's scoring
// model.
func scoreStats(ctx context.Context, r bleveindex.IndexReader, field string) (uint64, float64, error) {
	model := ""
	if cb, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
		model = cb()
	}
	if stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok && model == bleveindex.BM25Scoring {
		card := stats.FieldCardinality[field]
		if stats.DocCount == 0 {
			return 0, 0, nil
		}
		return uint64(stats.DocCount), math.Ceil(float64(card) / stats.DocCount), nil
	}
	count, err := r.DocCount()
	if err != nil || count == 0 || model != bleveindex.BM25Scoring {
		return count, 0, err
	}
	card := 0
	if br, ok := r.(bleveindex.BM25Reader); ok {
		if card, err = br.FieldCardinality(field); err != nil {
			return 0, 0, err
		}
	}
	return count, math.Ceil(float64(card) / float64(count)), nil
}

// posWord is a word's postings cursor inside a positionalSearcher.
type posWord struct {
	phraseWord
	post    *wordPostings
	scorer  *scorer.TermQueryScorer
	posting segment.Posting // current posting; nil before the first read and when done
	doc     uint64          // global document number of posting
	// pos holds the sorted positions of posting: buf, or the position
	// cache's arrays, which it must not write to. Positions fit in 32
	// bits: a document of 4 GiB (extract.MaxMaxFileBytes) has fewer
	// words.
	pos []uint32
	buf []uint32
	tfd bleveindex.TermFieldDoc
}

// positionalSearcher intersects the postings of its words and keeps the
// documents where their positions fit the phrase or the window.
type positionalSearcher struct {
	ctx   context.Context
	field string
	slop  int
	opts  search.SearcherOptions
	words []*posWord // rarest first
	done  bool
	steps int
	seek  uint64 // the leapfrog target, when seeking
	// Scratch for windowFits.
	occs          []occurrence
	heads, counts []int
	// matched holds, per word, the indexes in pos of the occurrences that
	// took part in a match.
	matched [][]int
	// Scratch for match: each word's frequency and norm, and the matched
	// locations.
	hits   []wordHit
	locBuf []search.FieldTermLocation
	// par spreads the documents over goroutines (positional_parallel.go);
	// nil when the search runs in one. decided is set at the second call
	// of Next or at any Advance, which decide; nexts counts the calls of
	// Next until then.
	par     *phraseWorkers
	decided bool
	nexts   int
}

// wordHit is what scoring needs of a word in a matching document.
type wordHit struct {
	freq uint64
	norm float64
}

var _ search.Searcher = (*positionalSearcher)(nil)

var reflectStaticSizePositionalSearcher = int(reflect.TypeOf(positionalSearcher{}).Size())

// ctxCheckEvery is how many candidate documents pass between checks of
// the search's context, so that a deadline stops a long intersection.
const ctxCheckEvery = 1024

// Next returns the next matching document. A search whose first two
// calls are Next walks every match, so at the second it may spread the
// remaining documents over goroutines (startWorkers). One Next is not
// enough: bleve's disjunction reads every clause's first match with Next,
// then only Advances the clauses when a conjunction above it leads (as
// when highlights are read for a page's hits), and workers would search
// the whole of their segments for a few matches.
func (s *positionalSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.decided {
		if s.nexts++; s.nexts == 2 {
			s.decided = true
			s.startWorkers()
		}
	}
	return s.nextMatch(sctx, false, 0)
}

// Advance returns the first matching document at or after id. A search
// that Advances runs in one goroutine: it stops its workers, if any
// (joinWorkers).
func (s *positionalSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.decided = true
	if s.par != nil {
		s.joinWorkers()
	}
	return s.nextMatch(sctx, true, id.Value())
}

// find moves the lead word to its next document, or with seek to its
// first document at or after target, and from there to the next document
// that matches. It reports whether it found one; the words' postings,
// positions and s.matched then describe it.
func (s *positionalSearcher) find(seek bool, target uint64) (bool, error) {
	lead := s.words[0]
	for !s.done {
		s.steps++
		if s.steps%ctxCheckEvery == 0 && s.ctx != nil {
			if err := s.ctx.Err(); err != nil {
				return false, err
			}
		}
		var err error
		switch {
		case seek && lead.posting != nil && lead.doc >= target:
			// Already there (a parent may advance to where we stand).
		case seek:
			lead.posting, lead.doc, err = lead.post.advance(target)
		default:
			lead.posting, lead.doc, err = lead.post.next()
		}
		if err != nil {
			return false, err
		}
		if lead.posting == nil {
			s.done = true
			break
		}
		// The other words, rarest first, each read only in documents
		// where the words before it fit: the frequent words, whose long
		// position lists cost the most to read, are read last and least.
		seek = false
		s.load(0)
		for n := 1; n <= len(s.words); n++ {
			if n > 1 {
				aligned, err := s.align(n-1, lead.doc)
				if err != nil || s.done {
					return false, err
				}
				if !aligned {
					seek, target = true, s.seek
					break
				}
				s.load(n - 1)
			}
			last := n == len(s.words)
			if !s.check(n, last && s.opts.IncludeTermVectors) {
				break
			}
			if last {
				return true, nil
			}
		}
	}
	return false, nil
}

// align moves word i to document doc. It reports false, with s.seek set
// to the word's next document, when the word is not in doc; it sets
// s.done when the word has no more documents.
func (s *positionalSearcher) align(i int, doc uint64) (bool, error) {
	w := s.words[i]
	if w.posting == nil || w.doc < doc {
		var err error
		if w.posting, w.doc, err = w.post.advance(doc); err != nil {
			return false, err
		}
	}
	if w.posting == nil {
		s.done = true
		return false, nil
	}
	if w.doc > doc {
		s.seek = w.doc // leapfrog: the lead jumps to this word's document
		return false, nil
	}
	return true, nil
}

// load reads the sorted positions of word i in its current document.
func (s *positionalSearcher) load(i int) {
	w := s.words[i]
	if cp, ok := w.posting.(*cachedPosting); ok {
		w.pos = cp.positions()
		return
	}
	w.buf = w.buf[:0]
	for _, l := range w.posting.Locations() {
		w.buf = append(w.buf, uint32(l.Pos()))
	}
	if !slices.IsSorted(w.buf) {
		slices.Sort(w.buf)
	}
	w.pos = w.buf
}

// check reports whether the loaded positions of words[:n] form the
// phrase (slop 0) or fall within the window. With collect, it records
// every matching occurrence in s.matched for the highlights.
func (s *positionalSearcher) check(n int, collect bool) bool {
	if cap(s.matched) < len(s.words) {
		s.matched = make([][]int, len(s.words))
	}
	s.matched = s.matched[:len(s.words)]
	for i := range s.matched {
		s.matched[i] = s.matched[i][:0]
	}
	if s.slop == 0 {
		return s.phraseFits(s.words[:n], collect)
	}
	return s.windowFits(s.words[:n], collect)
}

// phraseFits finds the start positions where each of words sits at each
// of its offsets. The first word's positions propose starts; the others
// are looked up by binary search.
func (s *positionalSearcher) phraseFits(words []*posWord, collect bool) bool {
	lead := words[0]
	found := false
	for _, p := range lead.pos {
		if uint64(p) < lead.offsets[0] {
			continue
		}
		start := uint64(p) - lead.offsets[0]
		ok := true
		for _, w := range words {
			for _, off := range w.offsets {
				if _, hit := slices.BinarySearch(w.pos, uint32(start+off)); start+off > math.MaxUint32 || !hit {
					ok = false
					break
				}
			}
			if !ok {
				break
			}
		}
		if !ok {
			continue
		}
		found = true
		if !collect {
			return true
		}
		for wi, w := range words {
			for _, off := range w.offsets {
				i, _ := slices.BinarySearch(w.pos, uint32(start+off))
				s.matched[wi] = append(s.matched[wi], i)
			}
		}
	}
	return found
}

// occurrence is one position of one word in the current document.
type occurrence struct {
	pos  uint64
	word int // index in words
	idx  int // index in the word's pos
}

// windowFits reports whether some window of len(s.words)-1+slop positions
// holds every one of words (a repeated word counts once). It merges the
// words' sorted positions and slides a window over them.
func (s *positionalSearcher) windowFits(words []*posWord, collect bool) bool {
	s.occs = s.occs[:0]
	if cap(s.heads) < len(words) {
		s.heads = make([]int, len(words))
		s.counts = make([]int, len(words))
	}
	heads, counts := s.heads[:len(words)], s.counts[:len(words)]
	clear(heads)
	clear(counts)
	for {
		best := -1
		for wi, w := range words {
			if heads[wi] < len(w.pos) && (best < 0 || w.pos[heads[wi]] < words[best].pos[heads[best]]) {
				best = wi
			}
		}
		if best < 0 {
			break
		}
		s.occs = append(s.occs, occurrence{uint64(words[best].pos[heads[best]]), best, heads[best]})
		heads[best]++
	}
	window := uint64(len(s.words) - 1 + s.slop)
	covered, lo := 0, 0
	found := false
	for _, o := range s.occs {
		if counts[o.word] == 0 {
			covered++
		}
		counts[o.word]++
		for covered == len(words) {
			if o.pos-s.occs[lo].pos <= window {
				found = true
				if !collect {
					return true
				}
				for _, in := range s.occs[lo:] {
					if in.pos > o.pos {
						break
					}
					s.matched[in.word] = append(s.matched[in.word], in.idx)
				}
				break
			}
			counts[s.occs[lo].word]--
			if counts[s.occs[lo].word] == 0 {
				covered--
			}
			lo++
		}
	}
	return found
}

// match builds the document match of the document find found.
func (s *positionalSearcher) match(sctx *search.SearchContext) *search.DocumentMatch {
	s.hits = s.wordHits(s.hits[:0])
	var locs []search.FieldTermLocation
	if s.opts.IncludeTermVectors {
		s.locBuf = s.appendLocations(s.locBuf[:0])
		locs = s.locBuf
	}
	return s.build(sctx, s.words[0].doc, s.hits, locs)
}

// wordHits appends each word's frequency and norm in the document find
// found.
func (s *positionalSearcher) wordHits(dst []wordHit) []wordHit {
	for _, w := range s.words {
		dst = append(dst, wordHit{w.posting.Frequency(), w.posting.Norm()})
	}
	return dst
}

// appendLocations appends the locations of the occurrences that took
// part in the match find found.
func (s *positionalSearcher) appendLocations(dst []search.FieldTermLocation) []search.FieldTermLocation {
	for wi, w := range s.words {
		idx := s.matched[wi]
		slices.Sort(idx)
		idx = slices.Compact(idx)
		locs := w.posting.Locations()
		for _, i := range idx {
			l := locs[i]
			dst = append(dst, search.FieldTermLocation{
				Field: s.field, Term: w.term,
				Location: search.Location{Pos: l.Pos(), Start: l.Start(), End: l.End(), ArrayPositions: slices.Clone(l.ArrayPositions())},
			})
		}
	}
	return dst
}

// build makes the document match of global document number doc, where
// the words have hits (in s.words order): the summed word scores and,
// when term vectors are wanted, locs.
func (s *positionalSearcher) build(sctx *search.SearchContext, doc uint64, hits []wordHit, locs []search.FieldTermLocation) *search.DocumentMatch {
	var dm *search.DocumentMatch
	var expl []*search.Explanation
	for i, w := range s.words {
		w.tfd.Reset()
		w.tfd.ID = bleveindex.NewIndexInternalID(w.tfd.ID, doc)
		w.tfd.Freq, w.tfd.Norm = hits[i].freq, hits[i].norm
		sub := w.scorer.Score(sctx, &w.tfd)
		if sub.Expl != nil {
			expl = append(expl, sub.Expl)
		}
		if dm == nil {
			dm = sub
			continue
		}
		dm.Score += sub.Score
		sctx.DocumentMatchPool.Put(sub)
	}
	if s.opts.Explain && len(expl) > 0 {
		dm.Expl = &search.Explanation{Value: dm.Score, Message: "sum of:", Children: expl}
	}
	if s.opts.IncludeTermVectors {
		dm.FieldTermLocations = append(dm.FieldTermLocations[:0], locs...)
	}
	return dm
}

// Weight implements search.Searcher.
func (s *positionalSearcher) Weight() float64 {
	var sum float64
	for _, w := range s.words {
		sum += w.scorer.Weight()
	}
	return sum
}

// SetQueryNorm implements search.Searcher.
func (s *positionalSearcher) SetQueryNorm(qnorm float64) {
	for _, w := range s.words {
		w.scorer.SetQueryNorm(qnorm)
	}
}

// Count is an upper bound of the matches: the rarest word's document count.
func (s *positionalSearcher) Count() uint64 { return s.words[0].post.count }

// Min implements search.Searcher.
func (s *positionalSearcher) Min() int { return 0 }

// Size implements search.Searcher.
func (s *positionalSearcher) Size() int {
	n := reflectStaticSizePositionalSearcher
	for _, w := range s.words {
		n += w.scorer.Size() + w.tfd.Size() + 4*cap(w.buf)
		for _, it := range w.post.iters {
			if it != nil {
				n += it.Size()
			}
		}
	}
	return n
}

// DocumentMatchPoolSize implements search.Searcher: a match and one
// scratch match per extra word.
func (s *positionalSearcher) DocumentMatchPoolSize() int { return len(s.words) + 1 }

// Close implements search.Searcher. It stops the searcher's goroutines,
// if any, and waits for them; the segments' postings need no closing.
func (s *positionalSearcher) Close() error {
	if s.par != nil {
		s.par.stop()
	}
	return nil
}
