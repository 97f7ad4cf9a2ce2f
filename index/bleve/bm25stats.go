package bleve

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// BM25 length normalisation. bleve's BM25 divides a document's field
// length by an "average length" that is really the number of distinct
// terms of the field divided by the number of documents: on the AILA
// collection about 34 where the true average is thousands of words, so
// that every long judgment is scored as if it were a hundred times longer
// than usual. Search passes bleve the true average instead (through the
// BM25 statistics bleve reads from the search context), estimated from
// the lengths of the documents that hold the field's commonest word.
const (
	// lengthSamplePostings is how many documents' lengths are read to
	// estimate a field's average length.
	lengthSamplePostings = 20000
	// lengthStatsMaxAge is how long an estimate is reused while the number
	// of documents stays within lengthStatsDrift of it.
	lengthStatsMaxAge = 5 * time.Minute
	lengthStatsDrift  = 0.02
)

// trueLengths turns the estimate on; tests compare with bleve's figures.
var trueLengths = true

// lengthFields are the text fields whose average length is estimated;
// other fields keep bleve's figure.
var lengthFields = []string{fieldText, fieldTitle, fieldCaption, fieldAuthor, fieldJudgeName}

// allFields lists every indexed field: bleve needs a statistic for each
// field a term is searched in.
var allFields = slices.Concat(keywordFields, textFields, []string{fieldDate})

// commonWords are tried, in the text fields, as the word whose postings
// give a sample of document lengths: the one most documents hold is used.
var commonWords = []string{"the", "of", "and", "to", "in", "a", "v", "order", "der", "die", "und", "de", "la", "le", "et", "el"}

// scoringContext returns ctx carrying BM25 statistics with true average
// field lengths, for bleve's term scorers and the positional searcher,
// and the index's parallelism (positional_parallel.go, spread.go). Without an estimate (an empty index, or a field without a common word)
// bleve's own figures stand.
func (ix *Index) scoringContext(ctx context.Context) (context.Context, error) {
	ctx = withPhraseParallelism(ctx, phraseParallelism{workers: ix.idleWorkers(), minDocs: ix.phraseMinDocs,
		spreadMin: ix.spreadMinMatches, batchHits: ix.parallelBatchHits, spreads: ix.spreads, ownShare: ix.phraseOwnShare, wholeFirst: ix.wholeFirst})
	if ix.positions != nil {
		ctx = context.WithValue(ctx, positionCacheKey{}, ix.positions)
	}
	if !trueLengths {
		return ctx, nil
	}
	stats, err := ix.lengthStats()
	if err != nil || stats == nil {
		return ctx, err
	}
	return context.WithValue(ctx, search.BM25StatsKey, stats), nil
}

// idleWorkers is the goroutines a search may spread over (its own
// included): Options.SearchWorkers less one for each other search running
// (by default the cores, GOMAXPROCS, the other searches leave idle).
// Spreading costs a little more work than it saves time; with every core
// busy it only costs (8 clients: 125 searches a second with a first
// version that spread without this cap, 154 without spreading).
// Searches run by other methods than Search (exports, alerts) are not
// counted.
func (ix *Index) idleWorkers() int {
	return max(ix.opts.SearchWorkers-int(max(ix.searching.Load()-1, 0)), 1)
}

// lengthStats returns the cached statistics, estimating them again when
// they are old or the number of documents moved.
func (ix *Index) lengthStats() (*search.BM25Stats, error) {
	count, err := ix.bleve.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: document count: %w", err)
	}
	if count == 0 {
		return nil, nil
	}
	ix.statsMu.Lock()
	defer ix.statsMu.Unlock()
	if s := ix.stats; s != nil && time.Since(ix.statsAt) < lengthStatsMaxAge &&
		math.Abs(float64(count)-s.DocCount) <= lengthStatsDrift*s.DocCount {
		return s, nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: length statistics: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: length statistics: %w", err)
	}
	defer r.Close()
	s, err := estimateLengthStats(r)
	if err != nil {
		return nil, err
	}
	ix.stats, ix.statsAt = s, time.Now()
	return s, nil
}

// estimateLengthStats builds bleve's BM25 statistics for the snapshot r
// with estimated average lengths of the text fields.
func estimateLengthStats(r bleveindex.IndexReader) (*search.BM25Stats, error) {
	count, err := r.DocCount()
	if err != nil || count == 0 {
		return nil, err
	}
	br, ok := r.(bleveindex.BM25Reader)
	if !ok {
		return nil, nil
	}
	s := &search.BM25Stats{DocCount: float64(count), FieldCardinality: map[string]int{}}
	for _, f := range allFields {
		card, err := br.FieldCardinality(f)
		if err != nil {
			return nil, fmt.Errorf("index: length statistics: %w", err)
		}
		s.FieldCardinality[f] = card
	}
	for _, f := range lengthFields {
		avg, err := sampleAverageLength(r, f)
		if err != nil {
			return nil, err
		}
		if avg > 0 {
			// bleve divides this by the document count and rounds up.
			s.FieldCardinality[f] = int(math.Round(avg * float64(count)))
		}
	}
	return s, nil
}

// sampleAverageLength estimates the average length, in words, of field
// from the norms of up to lengthSamplePostings documents holding its
// commonest word among commonWords; 0 when none is held by a tenth of the
// documents.
func sampleAverageLength(r bleveindex.IndexReader, field string) (float64, error) {
	ctx := context.Background()
	count, err := r.DocCount()
	if err != nil || count == 0 {
		return 0, err
	}
	best, bestN := "", uint64(0)
	for _, w := range commonWords {
		tfr, err := r.TermFieldReader(ctx, []byte(w), field, false, false, false)
		if err != nil {
			return 0, fmt.Errorf("index: length statistics: %w", err)
		}
		if n := tfr.Count(); n > bestN {
			best, bestN = w, n
		}
		_ = tfr.Close()
	}
	if bestN*10 < count {
		return 0, nil
	}
	tfr, err := r.TermFieldReader(ctx, []byte(best), field, false, true, false)
	if err != nil {
		return 0, fmt.Errorf("index: length statistics: %w", err)
	}
	defer tfr.Close()
	sum, n := 0.0, 0
	var tfd bleveindex.TermFieldDoc
	for n < lengthSamplePostings {
		d, err := tfr.Next(tfd.Reset())
		if err != nil {
			return 0, fmt.Errorf("index: length statistics: %w", err)
		}
		if d == nil {
			break
		}
		if d.Norm > 0 {
			sum += 1 / (d.Norm * d.Norm)
			n++
		}
	}
	if n == 0 {
		return 0, nil
	}
	return sum / float64(n), nil
}

// unscoredContext is ctx without the BM25 statistics, for searches that
// only count (bleve.ScoreNone): bleve then asks the statistics for a
// field named "*", which they do not hold.
func unscoredContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.BM25StatsKey, nil)
}
