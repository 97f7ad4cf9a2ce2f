package bleve

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"

	"dossier/index"
)

// More-like-this limits.
const (
	similarCandidates = 200 // most frequent words of the document considered
	similarTerms      = 25  // distinctive words the similarity query uses
	similarMinLen     = 4   // words shorter than this many runes are ignored
)

// Similar finds documents like the document id: it picks the words of its
// text that are frequent in it and rare in the index (tf·idf) and searches
// for any of them, weighted, excluding the document itself. req's filters,
// restriction, paging and facets apply; its Query must be empty.
func (ix *Index) Similar(ctx context.Context, id string, req index.SearchRequest) (*index.SearchResult, error) {
	if strings.TrimSpace(req.Query) != "" {
		return nil, index.Invalidf("a similarity search takes no query")
	}
	doc, err := ix.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if doc.Skipped() {
		return nil, index.Invalidf("document %s was not indexed (%s)", id, doc.SkipReason)
	}
	terms, err := ix.distinctiveTerms(ctx, doc.Title+"\n"+doc.Text)
	if err != nil {
		return nil, err
	}
	b := bleve.NewBooleanQuery()
	if len(terms) == 0 {
		b.AddMust(bleve.NewMatchNoneQuery())
	}
	for _, t := range terms {
		q := bleve.NewTermQuery(t.term)
		q.SetField(fieldText)
		q.SetBoost(t.weight)
		b.AddShould(q)
	}
	b.AddMustNot(bleve.NewDocIDQuery([]string{id}))
	return ix.search(ctx, req, b)
}

type weightedTerm struct {
	term   string
	weight float64
}

// distinctiveTerms returns up to similarTerms words of text by tf·idf.
func (ix *Index) distinctiveTerms(ctx context.Context, text string) ([]weightedTerm, error) {
	tf := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= similarMinLen && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			tf[w]++
		}
	}
	cands := make([]weightedTerm, 0, len(tf))
	for w, n := range tf {
		cands = append(cands, weightedTerm{w, float64(n)})
	}
	slices.SortFunc(cands, func(a, b weightedTerm) int {
		if a.weight != b.weight {
			return int(b.weight - a.weight)
		}
		return strings.Compare(a.term, b.term)
	})
	if len(cands) > similarCandidates {
		cands = cands[:similarCandidates]
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: similar: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: similar: %w", err)
	}
	defer r.Close()
	total, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: similar: %w", err)
	}
	for i := range cands {
		tfr, err := r.TermFieldReader(ctx, []byte(cands[i].term), fieldText, false, false, false)
		if err != nil {
			return nil, fmt.Errorf("index: similar: %w", err)
		}
		df := tfr.Count()
		_ = tfr.Close()
		if df <= 1 { // only in this document: says nothing about others
			cands[i].weight = 0
			continue
		}
		cands[i].weight = (1 + math.Log(cands[i].weight)) * math.Log(float64(total+1)/float64(df))
	}
	slices.SortFunc(cands, func(a, b weightedTerm) int {
		switch {
		case a.weight > b.weight:
			return -1
		case a.weight < b.weight:
			return 1
		}
		return strings.Compare(a.term, b.term)
	})
	out := cands[:0]
	for _, c := range cands {
		if c.weight > 0 && len(out) < similarTerms {
			out = append(out, c)
		}
	}
	return out, nil
}
