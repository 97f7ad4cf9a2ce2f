package bleve

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/search"
)

// A phrase of common words is the slowest query there is: every
// occurrence of every word in every document holding them all is decoded
// from the postings ("high court" over 100,000 filings: 55,539 matches,
// 37 ms on one core, most of it in zap's location decoding). Documents
// are independent, so positionalSearcher can split the document numbers
// it has left into contiguous ranges and search all but the first in
// goroutines of their own, which hand their matches over in document
// order; the caller's goroutine searches the first range, then reads the
// others' matches. Scores, totals and order are the same as in one
// goroutine.

// ParallelPhraseMinDocs is the number of documents the rarest word of a
// phrase or proximity search must be in for the search to spread its
// documents over goroutines (Options.SearchWorkers); below it, starting
// them costs more than they save.
const ParallelPhraseMinDocs = 8192

// Bounds on what a phrase worker holds before the search reads it:
// matches are handed over phraseBatchHits at a time, and a worker stops
// when phraseBatchesQueued batches wait, so a worker holds at most 32,768
// matches (1.3 MB for a two-word phrase: 40 bytes a match, and 80 more per
// matched occurrence with term vectors).
const (
	phraseBatchHits     = 512
	phraseBatchesQueued = 64
)

// facetedOwnShare is the part of an equal share of a phrase's documents
// that the search's own goroutine searches when the phrase spreads them
// and the search counts facets (splitDocs): that goroutine also scores,
// ranks and counts every match, the other goroutines' too. With two
// goroutines, "high court" with facets took 0.77–0.79x the time at the
// median with a quarter of the documents left to the own one rather
// than a half (BenchmarkMixRound, three runs; 0.15 of them about the
// same, 0.35 slower), and "motion to dismiss" with facets and highlights
// 1.02–1.08x (two runs). Phrases without facets keep equal shares:
// "motion to dismiss" alone took 1.13x with a quarter.
const facetedOwnShare = 0.5

// phraseParallelism is how a positional search may spread its documents
// over goroutines. The Index puts it in every search's context
// (withPhraseParallelism); without it a search uses one goroutine.
type phraseParallelism struct {
	workers int    // goroutines, the search's own included; < 2: one
	minDocs uint64 // the rarest word's documents below which one goroutine searches
	// batchHits and queued replace phraseBatchHits and
	// phraseBatchesQueued when set (tests).
	batchHits, queued int
	// wholeFirst spreads a search whole (spread.go) at its first match,
	// before its phrases may spread themselves (benchmarks).
	wholeFirst bool
	// ownShare is the share of a phrase's documents its own goroutine
	// searches when it spreads them (splitDocs); 0: an equal share.
	ownShare float64
	// spreadMin is the matches a whole search must expect to be spread
	// (spread.go; SpreadMinMatches, lower in tests).
	spreadMin uint64
	// phrasesSpread, when set, is set true by each phrase that spreads
	// its documents (startWorkers), for spread.go.
	phrasesSpread *bool
	// spreadWhole, when set, is true once the whole search is spread
	// (spread.go): its phrases then stay in one goroutine.
	spreadWhole *bool
	// spreads, when set, counts the searches spread, whole (spread.go)
	// or by a phrase (startWorkers) (tests).
	spreads *atomic.Int64
}

type phraseParallelismKey struct{}

func withPhraseParallelism(ctx context.Context, p phraseParallelism) context.Context {
	return context.WithValue(ctx, phraseParallelismKey{}, p)
}

// phraseBatch is a run of matches a worker found, in document order.
type phraseBatch struct {
	docs   []uint64                   // global document numbers
	hits   []wordHit                  // len(words) per document, in the searcher's word order
	locEnd []int                      // with term vectors: the end in locs of each document's locations
	locs   []search.FieldTermLocation // with term vectors: the matched occurrences
	err    error                      // the worker's error; the batch holds no matches then
}

func (b *phraseBatch) failure() error { return b.err }

// phraseBatches recycles the batches a search has read: a phrase of
// 55,000 matches otherwise leaves 3.5 MB behind it, and the collections
// it brings on take a core from the searches running then.
var phraseBatches = sync.Pool{New: func() any { return new(phraseBatch) }}

// newPhraseBatch returns an empty batch with room for hits matches of
// words words.
func newPhraseBatch(hits, words int) *phraseBatch {
	b := phraseBatches.Get().(*phraseBatch)
	if cap(b.docs) < hits {
		b.docs = make([]uint64, 0, hits)
	}
	if cap(b.hits) < hits*words {
		b.hits = make([]wordHit, 0, hits*words)
	}
	b.docs, b.hits, b.locEnd, b.locs, b.err = b.docs[:0], b.hits[:0], b.locEnd[:0], b.locs[:0], nil
	return b
}

// recycle returns b for another batch once its matches are read; the
// matches built from it hold copies.
func (b *phraseBatch) recycle() {
	clear(b.locs[:cap(b.locs)]) // the occurrences' array positions
	phraseBatches.Put(b)
}

// phraseRange is the matches of one range of documents after the
// searcher's own.
type phraseRange struct {
	first uint64              // first global document number of the range
	out   <-chan *phraseBatch // closed when the worker is done
}

// phraseWorkers is the state of a positionalSearcher whose documents are
// spread over goroutines.
type phraseWorkers struct {
	ranges []phraseRange // the ranges after the searcher's own, in order
	cur    int           // range being read; -1 while the searcher searches its own
	batch  *phraseBatch  // batch being read
	next   int           // next match in batch
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// stop cancels the workers and waits for them to return.
func (p *phraseWorkers) stop() {
	p.cancel()
	p.wg.Wait()
}

// splitDocs splits the global document numbers from from on into at
// most n contiguous ranges: the first holds the share own of p's
// documents, taken as evenly spread inside each segment, and the others
// equal shares of the rest (own 1/n: equal ranges). It returns each
// range's first document number, from first; the last range runs to the
// end.
func splitDocs(p *wordPostings, from uint64, n int, own float64) []uint64 {
	// What is left of each segment: its first document number and its
	// share of p's documents.
	lo := make([]uint64, len(p.lists))
	left := make([]float64, len(p.lists))
	var total float64
	for i, pl := range p.lists {
		if pl == nil || p.ends[i] <= from {
			continue
		}
		lo[i] = max(p.offsets[i], from)
		left[i] = float64(pl.Count()) * float64(p.ends[i]-lo[i]) / float64(p.ends[i]-p.offsets[i])
		total += left[i]
	}
	starts := []uint64{from}
	var acc float64
	for i := range p.lists {
		if left[i] == 0 {
			continue
		}
		for len(starts) < n {
			target := total * (own + (1-own)*float64(len(starts)-1)/float64(n-1))
			if acc+left[i] <= target {
				break
			}
			at := lo[i] + uint64((target-acc)/left[i]*float64(p.ends[i]-lo[i]))
			if at > starts[len(starts)-1] {
				starts = append(starts, at)
			} else {
				break
			}
		}
		acc += left[i]
	}
	return starts
}

// startWorkers spreads the document numbers not yet searched over
// goroutines when the search's context allows it and the rarest word is
// common enough: the searcher keeps the first range, from the document it
// stands on, and a worker searches each other range. It is called after
// a match, where every word stands on the same document.
func (s *positionalSearcher) startWorkers() {
	if s.ctx == nil {
		return
	}
	cfg, _ := s.ctx.Value(phraseParallelismKey{}).(phraseParallelism)
	lead := s.words[0]
	if cfg.workers < 2 || lead.post.count < cfg.minDocs || lead.posting == nil || (cfg.spreadWhole != nil && *cfg.spreadWhole) {
		return
	}
	starts := splitDocs(lead.post, lead.doc, cfg.workers, cmp.Or(cfg.ownShare, 1/float64(cfg.workers)))
	if len(starts) < 2 {
		return
	}
	batchHits, queued := cmp.Or(cfg.batchHits, phraseBatchHits), cmp.Or(cfg.queued, phraseBatchesQueued)
	ctx, cancel := context.WithCancel(s.ctx)
	p := &phraseWorkers{cur: -1, cancel: cancel}
	for r := 1; r < len(starts); r++ {
		lo, hi := starts[r], uint64(0)
		if r+1 < len(starts) {
			hi = starts[r+1]
		}
		w := &positionalSearcher{ctx: ctx, field: s.field, slop: s.slop, opts: s.opts}
		for _, sw := range s.words {
			w.words = append(w.words, &posWord{phraseWord: sw.phraseWord, post: sw.post.docRange(lo, hi)})
		}
		out := make(chan *phraseBatch, queued)
		p.ranges = append(p.ranges, phraseRange{first: lo, out: out})
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			w.produce(ctx, out, lo, batchHits)
		}()
	}
	for _, w := range s.words {
		w.post.end = starts[1]
	}
	s.par = p
	if cfg.phrasesSpread != nil {
		*cfg.phrasesSpread = true
	}
	if cfg.spreads != nil {
		cfg.spreads.Add(1)
	}
}

// produce finds every match of the worker's range, which starts at
// document number first, and sends them to out in batches of batchHits,
// then closes out. It returns early when ctx is done. A panic (a corrupt
// segment) is handed over as the search's error rather than ending the
// process, as it would in a goroutine of its own.
func (s *positionalSearcher) produce(ctx context.Context, out chan<- *phraseBatch, first uint64, batchHits int) {
	defer close(out)
	b := newPhraseBatch(batchHits, len(s.words))
	send := func() bool {
		select {
		case out <- b:
			b = newPhraseBatch(batchHits, len(s.words))
			return true
		case <-ctx.Done():
			return false
		}
	}
	defer func() {
		if v := recover(); v != nil {
			b = &phraseBatch{err: fmt.Errorf("index: phrase search of %s: panic: %v", s.field, v)}
			send()
		}
	}()
	for seek := true; ; seek = false {
		found, err := s.find(seek, first)
		if err != nil {
			*b = phraseBatch{err: err}
			send()
			return
		}
		if !found {
			break
		}
		b.docs = append(b.docs, s.words[0].doc)
		b.hits = s.wordHits(b.hits)
		if s.opts.IncludeTermVectors {
			b.locs = s.appendLocations(b.locs)
			b.locEnd = append(b.locEnd, len(b.locs))
		}
		if len(b.docs) == batchHits && !send() {
			return
		}
	}
	if len(b.docs) > 0 {
		send()
	}
}

// nextMatch returns the next match, or with seek the first at or after
// target: from the searcher's own segments, then from each worker's in
// turn. The searcher seeks only in one goroutine (see Advance).
func (s *positionalSearcher) nextMatch(sctx *search.SearchContext, seek bool, target uint64) (*search.DocumentMatch, error) {
	p := s.par
	if p == nil || p.cur < 0 {
		found, err := s.find(seek, target)
		if err != nil {
			return nil, err
		}
		if found {
			return s.match(sctx), nil
		}
		if p == nil {
			return nil, nil
		}
		p.cur = 0
	}
	if p.batch == nil || p.next == len(p.batch.docs) {
		if p.batch != nil {
			p.batch.recycle()
			p.batch = nil
		}
		b, ok, err := nextWorkerBatch(s.ctx, len(p.ranges), func(i int) <-chan *phraseBatch { return p.ranges[i].out }, &p.cur)
		if err != nil || !ok {
			return nil, err
		}
		p.batch, p.next = b, 0
	}
	n := len(s.words)
	b, i := p.batch, p.next
	p.next++
	var locs []search.FieldTermLocation
	if s.opts.IncludeTermVectors {
		start := 0
		if i > 0 {
			start = b.locEnd[i-1]
		}
		locs = b.locs[start:b.locEnd[i]]
	}
	return s.build(sctx, b.docs[i], b.hits[i*n:(i+1)*n], locs), nil
}

// nextWorkerBatch receives the next batch from the workers' channels
// out(*cur), out(*cur+1), ... out(workers-1), in that order, moving *cur
// past each channel that is closed; ok is false once all are. A batch
// that carries an error returns it. A worker stopped by ctx closes its
// channel without an error, so a closed channel once ctx has ended is
// ctx's error: the search must not end as if it were complete.
func nextWorkerBatch[B interface{ failure() error }](ctx context.Context, workers int, out func(int) <-chan B, cur *int) (b B, ok bool, err error) {
	for ; *cur < workers; *cur++ {
		b, open := <-out(*cur)
		if open {
			if err := b.failure(); err != nil {
				return b, false, err
			}
			return b, true, nil
		}
		if err := ctx.Err(); err != nil {
			return b, false, err
		}
	}
	return b, false, nil
}

// joinWorkers stops the workers and lets the searcher read every
// document it has not searched yet, so that it goes on alone: a search
// Advanced after its workers started (bleve's conjunction reads its first
// clause with Next and the others with Advance, so a phrase restricted to
// a page's hits may start them) seeks past most matches, which the
// workers would find one by one.
func (s *positionalSearcher) joinWorkers() {
	p := s.par
	p.stop()
	s.par = nil
	if p.cur < 0 {
		// Still in its own range, which no word has read past.
		for _, w := range s.words {
			w.post.end = 0
		}
		return
	}
	// Reading a worker's matches: the searcher starts again at that
	// worker's first document; the next target lies past what it
	// returned.
	if p.cur == len(p.ranges) {
		return // done
	}
	from := p.ranges[p.cur].first
	for _, w := range s.words {
		w.post = w.post.docRange(from, 0)
		w.posting, w.doc = nil, 0
	}
	s.done = false
}
