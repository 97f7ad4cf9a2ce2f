package bleve

import (
	"cmp"
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A whole search spread over the cores.
//
// A search that matches tens of thousands of documents spends its time
// walking their postings and scoring them ("appellant": 52,000 documents,
// 9–12 ms), and bleve does it in one goroutine. spreadQuery, the top query
// of the searches that count facets (Index.searchCounting), builds the
// query's searcher once more per extra goroutine: at the first match, the document numbers left are
// split into equal ranges; the search's own searcher keeps the first, and
// each other searcher, in a goroutine of its own, walks its range and
// hands over its matches (document number and score) in document order.
// The collector reads them as if from one searcher, so hits, totals,
// facets and order are those of one goroutine. Searches that want term
// vectors (highlights) or explanations are not spread: their matches carry
// more than a score. A spread search's phrases do not spread again
// (phraseParallelism with one worker).
//
// Searches without facets are not spread: spread, a single word took
// 0.89–0.94 of the time at the median, but in three TestPeers runs the
// term class's p99 rose to 2.4–2.9x Xapian's (1.7–2.0 without). A spread
// search needs every core at once, so on a shared machine it waits
// whenever one is taken. Index.Search spreads over the cores the other
// searches leave (idleWorkers).

// SpreadMinMatches is the matches a search's searcher must expect (its
// Count, an upper bound) for the search to be spread: below it, building
// the query's searcher once more costs more than the goroutines save
// ("arbitration", about 2 ms, took 1.22x as long spread; BenchmarkSpread).
const SpreadMinMatches = 32768

// spreadQuery is the top query of a search: its searcher spreads the
// search over goroutines when the context's phraseParallelism allows it
// and the searcher expects at least the context's spreadMin matches
// (SpreadMinMatches) and minDocs.
type spreadQuery struct {
	query.Query
}

// Searcher implements query.Query.
func (q spreadQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	cfg, _ := ctx.Value(phraseParallelismKey{}).(phraseParallelism)
	snap, ok := r.(*scorch.IndexSnapshot)
	if cfg.workers < 2 || !ok || opts.IncludeTermVectors || opts.Explain {
		return q.Query.Searcher(ctx, r, m, opts)
	}
	// Its phrases spread themselves if they can (positionalSearcher
	// decides at its second match); the whole search is spread, at its
	// second match, only if none did and from then on none will.
	whole, phrasesSpread := new(bool), new(bool)
	phrases := cfg
	phrases.spreadWhole, phrases.phrasesSpread = whole, phrasesSpread
	own, err := q.Query.Searcher(withPhraseParallelism(ctx, phrases), r, m, opts)
	if err != nil || own.Count() < max(cfg.minDocs, cfg.spreadMin) {
		return own, err
	}
	if cfg.wholeFirst {
		*whole = true // its phrases stay in one goroutine
	}
	one := withPhraseParallelism(ctx, phraseParallelism{workers: 1})
	var docs uint64
	for _, ss := range snap.Segments() {
		docs += ss.Segment().Count()
	}
	return &spreadSearcher{
		Searcher:      own,
		whole:         whole,
		phrasesSpread: phrasesSpread,
		ctx:           one,
		reader:        r,
		build: func(ctx context.Context) (search.Searcher, error) {
			return q.Query.Searcher(ctx, r, m, opts)
		},
		workers:   cfg.workers,
		spreads:   cfg.spreads,
		docs:      docs,
		batchHits: cmp.Or(cfg.batchHits, phraseBatchHits),
		queued:    cmp.Or(cfg.queued, phraseBatchesQueued),
	}, nil
}

// spreadSearcher is the searcher of spreadQuery. The embedded searcher
// searches the first range, then, once Advanced, every document it has
// not passed.
type spreadSearcher struct {
	search.Searcher
	ctx    context.Context
	reader bleveindex.IndexReader                         // the search's snapshot, for the workers' search contexts
	build  func(context.Context) (search.Searcher, error) // another searcher of the same query
	// workers is the goroutines, the search's own included; docs the
	// global document numbers, [0, docs).
	workers           int
	docs              uint64
	batchHits, queued int
	spreads           *atomic.Int64 // counts the searches spread, when set (tests)

	// whole is set once the search is spread; phrasesSpread once one of
	// the own searcher's phrases has spread its documents instead.
	whole, phrasesSpread *bool
	matches              int // the own searcher's matches, until started
	started              bool
	qnorm                *float64              // SetQueryNorm's argument, for the workers' searchers
	end                  uint64                // first document number past the own range; with par only
	held                 *search.DocumentMatch // the own searcher's first match at or past end
	par                  *spreadWorkers
}

// spreadBatch is a run of matches a worker found, in document order.
type spreadBatch struct {
	docs   []uint64 // global document numbers
	scores []float64
	err    error // the worker's error; the batch holds no matches then
}

func (b *spreadBatch) failure() error { return b.err }

// spreadBatches recycles the batches a search has read (see
// phraseBatches).
var spreadBatches = sync.Pool{New: func() any { return new(spreadBatch) }}

// newSpreadBatch returns an empty batch with room for hits matches.
func newSpreadBatch(hits int) *spreadBatch {
	b := spreadBatches.Get().(*spreadBatch)
	if cap(b.docs) < hits {
		b.docs, b.scores = make([]uint64, 0, hits), make([]float64, 0, hits)
	}
	b.docs, b.scores, b.err = b.docs[:0], b.scores[:0], nil
	return b
}

// spreadWorkers are the goroutines of a spreadSearcher.
type spreadWorkers struct {
	outs   []<-chan *spreadBatch // one per range after the own, in order
	cur    int                   // range being read; -1 while the own searcher searches its own
	batch  *spreadBatch
	next   int
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// bytesRead sums what the workers' term readers report to bleve's
	// I/O accounting, whose own sum is not safe for several goroutines;
	// stop hands it over from the search's goroutine.
	bytesRead atomic.Uint64
	report    search.SearchIOStatsCallbackFunc // nil when the search accounts nothing
}

// stop cancels the workers, waits for them to return and reports what
// they read. The search's goroutine calls it, once.
func (p *spreadWorkers) stop() {
	p.cancel()
	p.wg.Wait()
	if p.report != nil {
		p.report(p.bytesRead.Load())
	}
}

// SetQueryNorm implements search.Searcher.
func (s *spreadSearcher) SetQueryNorm(n float64) {
	s.qnorm = &n
	s.Searcher.SetQueryNorm(n)
}

// Next implements search.Searcher.
func (s *spreadSearcher) Next(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	if p := s.par; p != nil && p.cur >= 0 {
		return s.fromWorkers(sctx)
	}
	dm, err := s.Searcher.Next(sctx)
	if err != nil || dm == nil {
		if err == nil && s.par != nil {
			s.par.cur = 0
			return s.fromWorkers(sctx)
		}
		return dm, err
	}
	if !s.started {
		// A phrase decides at its second match whether to spread its
		// own documents (positionalSearcher.Next). Where one does, the
		// search is not spread whole: the phrase's goroutines find its
		// matches while this one scores, ranks and counts them. "high
		// court" with facets took 0.58–0.60x the time of a whole spread
		// at the median (BenchmarkMixRound, three runs, the "whole"
		// variant), 0.77–0.79x of that with equal shares.
		if s.matches++; s.matches == 2 || *s.whole {
			s.started = true
			if !*s.phrasesSpread {
				s.start(docKey(dm.IndexInternalID))
			}
		}
	}
	if s.par != nil && docKey(dm.IndexInternalID) >= s.end {
		s.held = dm
		s.par.cur = 0
		return s.fromWorkers(sctx)
	}
	return dm, nil
}

// start splits the document numbers after first, the own searcher's first
// match, into s.workers ranges and starts a goroutine on each range but
// the first. When another searcher cannot be built, the search stays in
// one goroutine.
func (s *spreadSearcher) start(first uint64) {
	if first+1 >= s.docs {
		return
	}
	span := s.docs - (first + 1)
	n := uint64(s.workers)
	if span < n {
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	p := &spreadWorkers{cur: -1, cancel: cancel}
	if f, ok := s.ctx.Value(search.SearchIOStatsCallbackKey).(search.SearchIOStatsCallbackFunc); ok {
		p.report = f
		ctx = context.WithValue(ctx, search.SearchIOStatsCallbackKey,
			search.SearchIOStatsCallbackFunc(func(n uint64) { p.bytesRead.Add(n) }))
	}
	for r := uint64(1); r < n; r++ {
		lo := first + 1 + span*r/n
		hi := uint64(0)
		if r+1 < n {
			hi = first + 1 + span*(r+1)/n
		}
		ws, err := s.build(ctx)
		if err != nil {
			// Such as more term searchers than a search may build: the
			// search goes on in one goroutine.
			p.stop()
			return
		}
		if s.qnorm != nil {
			ws.SetQueryNorm(*s.qnorm)
		}
		out := make(chan *spreadBatch, s.queued)
		p.outs = append(p.outs, out)
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			produceSpread(ctx, ws, s.reader, lo, hi, s.batchHits, out)
		}()
	}
	s.end = first + 1 + span/n
	s.par = p
	*s.whole = true
	if s.spreads != nil {
		s.spreads.Add(1)
	}
}

// produceSpread walks ws over global document numbers [lo, hi) (hi 0: to
// the end) and sends its matches to out in batches of batchHits, then
// closes out and ws. It returns early when ctx is done. A panic is handed
// over as the search's error rather than ending the process.
func produceSpread(ctx context.Context, ws search.Searcher, r bleveindex.IndexReader, lo, hi uint64, batchHits int, out chan<- *spreadBatch) {
	defer close(out)
	defer ws.Close()
	b := newSpreadBatch(batchHits)
	send := func() bool {
		select {
		case out <- b:
			b = newSpreadBatch(batchHits)
			return true
		case <-ctx.Done():
			return false
		}
	}
	defer func() {
		if v := recover(); v != nil {
			b = &spreadBatch{err: fmt.Errorf("index: spread search: panic: %v", v)}
			send()
		}
	}()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(ws.DocumentMatchPoolSize(), 0), IndexReader: r}
	dm, err := ws.Advance(sctx, bleveindex.NewIndexInternalID(nil, lo))
	for ; err == nil && dm != nil; dm, err = ws.Next(sctx) {
		n := docKey(dm.IndexInternalID)
		if hi > 0 && n >= hi {
			break
		}
		b.docs = append(b.docs, n)
		b.scores = append(b.scores, dm.Score)
		sctx.DocumentMatchPool.Put(dm)
		if len(b.docs) == batchHits && !send() {
			return
		}
	}
	if err != nil {
		*b = spreadBatch{err: err}
		send()
		return
	}
	if len(b.docs) > 0 {
		send()
	}
}

// fromWorkers returns the next match the workers found, or nil when they
// are all done.
func (s *spreadSearcher) fromWorkers(sctx *search.SearchContext) (*search.DocumentMatch, error) {
	p := s.par
	if p.batch == nil || p.next == len(p.batch.docs) {
		if p.batch != nil {
			spreadBatches.Put(p.batch)
			p.batch = nil
		}
		b, ok, err := nextWorkerBatch(s.ctx, len(p.outs), func(i int) <-chan *spreadBatch { return p.outs[i] }, &p.cur)
		if err != nil || !ok {
			return nil, err
		}
		p.batch, p.next = b, 0
	}
	i := p.next
	p.next++
	dm := sctx.DocumentMatchPool.Get()
	dm.IndexInternalID = bleveindex.NewIndexInternalID(dm.IndexInternalID, p.batch.docs[i])
	dm.Score = p.batch.scores[i]
	return dm, nil
}

// Advance implements search.Searcher. The workers stop and the own
// searcher goes on alone: a seek passes over most matches, which the
// workers would find one by one. (The Index never advances its top
// searcher; this keeps the searcher correct if something does.)
func (s *spreadSearcher) Advance(sctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	if s.par != nil {
		s.par.stop()
		s.par = nil
	}
	if h := s.held; h != nil {
		s.held = nil
		if h.IndexInternalID.Compare(id) >= 0 {
			return h, nil
		}
		sctx.DocumentMatchPool.Put(h)
	}
	return s.Searcher.Advance(sctx, id)
}

// Close implements search.Searcher.
func (s *spreadSearcher) Close() error {
	if s.par != nil {
		s.par.stop()
		s.par = nil
	}
	return s.Searcher.Close()
}
