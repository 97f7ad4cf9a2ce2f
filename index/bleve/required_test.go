package bleve

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/index"
)

// TestRequiredQueryScoresAsBoolean checks that the query every search
// builds (requiredQuery) matches the same documents with the same scores,
// to the last bit, as bleve's boolean query of the same clauses did, and
// that it excludes the skipped record.
func TestRequiredQueryScoresAsBoolean(t *testing.T) {
	docs := fixtureDocs()
	for i := range 3 { // more matches per word, and the skipped record in between
		for _, d := range fixtureDocs() {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			docs = append(docs, d)
		}
	}
	ix := newTestIndex(t, docs...)
	from, _ := time.Parse(time.DateOnly, "2000-01-01")
	for _, req := range []index.SearchRequest{
		{Query: "court"},
		{Query: "nightjar"},
		{Query: "court motion"},
		{Query: `"motion to dismiss"`},
		{Query: "court -nightjar"},
		{Query: "court OR article"},
		{Query: ""},
		{Query: "", Filters: index.Filters{Kind: []string{"filing"}}},
		{Query: "court", Filters: index.Filters{Kind: []string{"article"}}},
		{Query: "court", Filters: index.Filters{From: from}},
		{Query: "malformed"}, // the skipped record's reason is not searchable
	} {
		t.Run(req.Query+fmt.Sprint(req.Filters.Kind), func(t *testing.T) {
			req.SetDefaults()
			cr, err := compileRequest(req, &ix.forms)
			if err != nil {
				t.Fatal(err)
			}
			rq, ok := cr.build(req.Filters, nil, 0).(requiredQuery)
			if !ok {
				t.Fatalf("build gave %T, want requiredQuery", cr.build(req.Filters, nil, 0))
			}
			bq := bleve.NewBooleanQuery()
			if len(rq.must) == 0 {
				bq.AddMust(bleve.NewMatchAllQuery())
			}
			bq.AddMust(rq.must...)
			bq.AddMustNot(rq.not)
			got, gotTotal := scoredHits(t, ix, rq)
			want, wantTotal := scoredHits(t, ix, bq)
			if gotTotal != wantTotal || len(got) != len(want) {
				t.Fatalf("total %d (%d hits), bleve's boolean %d (%d hits)", gotTotal, len(got), wantTotal, len(want))
			}
			for id, score := range want {
				if got[id] != score {
					t.Errorf("%s: score %v, bleve's boolean %v", id, got[id], score)
				}
			}
			for id := range got {
				if strings.HasPrefix(id, "broken1") {
					t.Errorf("the skipped record %s matched", id)
				}
			}
		})
	}
}

// scoredHits runs q as searches do (with dossier's BM25 statistics) and
// returns every hit's score by ID, and the total.
func scoredHits(t *testing.T, ix *Index, q query.Query) (map[string]float64, uint64) {
	t.Helper()
	ctx, err := ix.scoringContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 1000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out, res.Total
}

var _ search.Searcher = (*requiredSearcher)(nil)
