package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// pairPhraseQuery is an exact phrase in the text, answered on its word
// pairs (fieldTextPairs): two words are one pair term; three or more a
// phrase of consecutive pairs, which matches exactly where the words are
// consecutive. A single word is a plain match on the text.
type pairPhraseQuery struct {
	text  string
	boost float64
}

var _ query.Query = (*pairPhraseQuery)(nil)

// Searcher implements query.Query.
func (q *pairPhraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	an := m.AnalyzerNamed(textAnalyzer)
	if an == nil {
		return nil, fmt.Errorf("index: no analyzer %s", textAnalyzer)
	}
	tokens := an.Analyze([]byte(q.text))
	var inner query.Query
	switch len(tokens) {
	case 0:
		inner = bleve.NewMatchNoneQuery()
	case 1:
		tq := bleve.NewTermQuery(string(tokens[0].Term))
		tq.SetField(fieldText)
		tq.SetBoost(q.boost)
		inner = tq
	case 2:
		tq := bleve.NewTermQuery(string(tokens[0].Term) + " " + string(tokens[1].Term))
		tq.SetField(fieldTextPairs)
		tq.SetBoost(q.boost)
		inner = tq
	default:
		pq := bleve.NewMatchPhraseQuery(q.text)
		pq.SetField(fieldTextPairs)
		pq.SetBoost(q.boost)
		inner = pq
	}
	return inner.Searcher(ctx, r, m, opts)
}
