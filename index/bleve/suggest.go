package bleve

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"dossier/index"
	ql "dossier/index/query"
)

// Did-you-mean. A search with fewer than SuggestBelow hits looks, for each
// bare word of its query that few documents hold, for the word of the
// index's own text dictionary within one edit (words of up to 5 letters)
// or two that the most documents hold, nearest first. The suggestion is
// the query with those words replaced, offered only when it finds more.
const (
	// SuggestBelow is the number of hits under which a search suggests
	// another spelling.
	SuggestBelow = 3
	// minSuggestLen is the shortest word, in characters, that gets a
	// suggestion.
	minSuggestLen = 4
	// maxSuggestScan is how many dictionary terms within the edit distance
	// are read per word.
	maxSuggestScan = 256
)

// suggestWord is a bare word of the query and where it was typed.
type suggestWord struct {
	text string // as typed
	term string // analysed
	pos  int    // byte offset in the query
}

// bareWords collects the bare single-term words of a query, outside
// negations.
func bareWords(n ql.Node, out []suggestWord) []suggestWord {
	switch n := n.(type) {
	case ql.Term:
		if (n.Field == "" || n.Field == "title" || n.Field == "text") && !n.Prefix && n.Fuzziness == 0 {
			if _, isCase := ql.ParseCaseToken(n.Text); !isCase {
				if terms := analyzeWords(n.Text); len(terms) == 1 {
					out = append(out, suggestWord{text: n.Text, term: terms[0], pos: n.Pos})
				}
			}
		}
	case ql.Bool:
		for _, c := range n.Children {
			out = append(out, bareWords(c, nil)...)
		}
	}
	return out
}

// suggest returns a better-spelled query, or nil.
// n is req.Query parsed (compiledRequest.userNode).
func (ix *Index) suggest(ctx context.Context, req index.SearchRequest, n ql.Node, total uint64, extra query.Query) (*index.Suggestion, error) {
	if n == nil {
		return nil, nil
	}
	words := bareWords(n, nil)
	if len(words) == 0 {
		return nil, nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index: suggest: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index: suggest: %w", err)
	}
	defer r.Close()
	type replacement struct {
		pos      int
		old, new string
	}
	var reps []replacement
	for _, w := range words {
		if utf8.RuneCountInString(w.term) < minSuggestLen {
			continue
		}
		df, err := wordFrequency(ctx, r, w.term)
		if err != nil {
			return nil, err
		}
		if df >= SuggestBelow && total > 0 {
			continue
		}
		best, err := nearestWord(ctx, r, w.term, df)
		if err != nil {
			return nil, err
		}
		if best != "" {
			reps = append(reps, replacement{pos: w.pos, old: w.text, new: best})
		}
	}
	if len(reps) == 0 {
		return nil, nil
	}
	q := req.Query
	slices.SortFunc(reps, func(a, b replacement) int { return b.pos - a.pos })
	for _, rp := range reps {
		if rp.pos < 0 || rp.pos+len(rp.old) > len(q) || q[rp.pos:rp.pos+len(rp.old)] != rp.old {
			continue
		}
		q = q[:rp.pos] + rp.new + q[rp.pos+len(rp.old):]
	}
	if q == req.Query {
		return nil, nil
	}
	sreq := req
	sreq.Query = q
	cr, err := compileRequest(sreq, &ix.forms)
	if err != nil {
		return nil, nil // a replacement that does not parse is no suggestion
	}
	found, err := ix.countStrict(ctx, sreq, cr, extra)
	if err != nil {
		return nil, err
	}
	if !sreq.Strict && cr.relaxable && found < RelaxBelow {
		min, err := ix.relaxedMin(ctx, sreq, cr, extra, found)
		if err != nil {
			return nil, err
		}
		if min > 0 {
			br := bleve.NewSearchRequestOptions(cr.build(sreq.Filters, extra, min), 0, 0, false)
			br.Score = bleve.ScoreNone
			res, err := ix.bleve.SearchInContext(unscoredContext(ctx), br)
			if err != nil {
				return nil, searchError(err)
			}
			found = res.Total
		}
	}
	if found <= total {
		return nil, nil
	}
	return &index.Suggestion{Query: q, Total: found}, nil
}

// wordFrequency is the number of documents whose text holds term in any of
// its forms (an upper bound: a document with two forms counts twice).
func wordFrequency(ctx context.Context, r bleveindex.IndexReader, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), fieldText, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("index: suggest: %w", err)
	}
	n := tfr.Count()
	_ = tfr.Close()
	forms, err := lookupForms(r, fieldText, term)
	if err != nil {
		return 0, err
	}
	for _, f := range forms {
		n += f.count
	}
	return n, nil
}

// nearestWord returns the text term nearest to term (fewest edits, then
// most documents) that more than df documents hold and that is not a
// form of term; "" when there is none.
func nearestWord(ctx context.Context, r bleveindex.IndexReader, term string, df uint64) (string, error) {
	fr, ok := r.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return "", nil
	}
	fuzz := 1
	if utf8.RuneCountInString(term) > 5 {
		fuzz = 2
	}
	dict, err := fr.FieldDictFuzzy(fieldText, term, fuzz, "")
	if err != nil {
		return "", fmt.Errorf("index: suggest: %w", err)
	}
	defer dict.Close()
	stem := stemEnglish(term)
	byEdits := make([][]string, fuzz+1)
	for i := 0; i < maxSuggestScan; i++ {
		e, err := dict.Next()
		if err != nil {
			return "", fmt.Errorf("index: suggest: %w", err)
		}
		if e == nil {
			break
		}
		if e.Term == term || stemEnglish(e.Term) == stem {
			continue
		}
		if d := ql.EditDistance(term, e.Term); d <= fuzz {
			byEdits[d] = append(byEdits[d], e.Term)
		}
	}
	// The dictionary's entries carry no counts here: read them for the
	// nearest candidates only.
	for _, terms := range byEdits {
		best, bestCount := "", df
		for _, t := range terms {
			tfr, err := r.TermFieldReader(ctx, []byte(t), fieldText, false, false, false)
			if err != nil {
				return "", fmt.Errorf("index: suggest: %w", err)
			}
			n := tfr.Count()
			_ = tfr.Close()
			if n > bestCount {
				best, bestCount = t, n
			}
		}
		if best != "" {
			return best, nil
		}
	}
	return "", nil
}
