package bleve

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/index"
	ql "dossier/index/query"
)

// Forgiving AND. A query's bare words must all match, as before; when all
// of them together match fewer than RelaxBelow documents, the search goes
// on with the documents that match most of them: first all words but one,
// then fewer (relaxSteps), until RelaxBelow documents match. Such a
// result is ranked by how many words a document matches, then by BM25, and
// the response says so (SearchResult.Relaxed). Phrases, fields, "+word",
// negations, case numbers, prefixes and fuzzy terms are always required,
// and a query that writes the AND operator is never relaxed.
const (
	// RelaxBelow is the number of documents, in hits, under which a
	// query's bare words are relaxed.
	RelaxBelow = 5
	// relaxedWordScore is added to a relaxed hit's score for each query
	// word it matches: far above any BM25 sum, so the number of words
	// matched orders first.
	relaxedWordScore = 1000
)

// relaxSteps lists the minimum numbers of words, from n-1 down to 1, that
// a relaxed search tries in turn: every step for short queries, then
// three quarters, half, a quarter and one word.
func relaxSteps(n int) []int {
	var out []int
	for _, m := range []int{n - 1, n - 2, n - 3, (3*n + 3) / 4, (n + 1) / 2, (n + 3) / 4, 1} {
		if m >= 1 && m < n && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out
}

// compiledRequest is a request's query and restriction, compiled once and
// built into bleve queries for each filter set and relaxation.
type compiledRequest struct {
	user      andParts    // the user's query as an AND; a non-AND query is one required part
	nothing   bool        // the query held words, but none searchable ("§")
	restrict  query.Query // nil without a restriction
	relaxable bool        // the query has two or more bare words that may be relaxed
	compiler  compiler
	userNode  ql.Node // the parsed query, for suggestions
}

// compileRequest parses and compiles req.Query and req.Restrict; forms,
// when not nil, caches the forms of the query's words.
func compileRequest(req index.SearchRequest, forms *formsCache) (*compiledRequest, error) {
	cr := &compiledRequest{compiler: compiler{forms: forms}}
	n, err := ql.ParseChecked(req.Query)
	if err != nil {
		return nil, err
	}
	cr.userNode = n
	switch t := n.(type) {
	case nil:
	case ql.Bool:
		if t.And && !t.Explicit {
			if cr.user, err = cr.compiler.splitAnd(groupShorthand(t.Children)); err != nil {
				return nil, err
			}
			break
		}
		if err := cr.addRequired(n); err != nil {
			return nil, err
		}
	case ql.Term:
		if cr.user, err = cr.compiler.splitAnd(groupShorthand([]ql.Node{t})); err != nil {
			return nil, err
		}
	default:
		if err := cr.addRequired(n); err != nil {
			return nil, err
		}
	}
	cr.relaxable = len(cr.user.words) >= 2
	cr.nothing = n != nil && len(cr.user.words) == 0 && len(cr.user.required) == 0 && len(cr.user.excluded) == 0
	if req.Restrict != "" {
		rn, err := ql.ParseChecked(req.Restrict)
		if err != nil {
			return nil, fmt.Errorf("index: restriction: %w", err)
		}
		if rn != nil {
			var rc compiler
			if cr.restrict, err = rc.compile(rn); err != nil {
				return nil, fmt.Errorf("index: restriction: %w", err)
			}
			if cr.restrict == nil {
				cr.restrict = noneQuery{}
			}
		}
	}
	return cr, nil
}

func (cr *compiledRequest) addRequired(n ql.Node) error {
	q, err := cr.compiler.compile(n)
	if err != nil {
		return err
	}
	if q != nil {
		cr.user.required = append(cr.user.required, q)
	}
	return nil
}

// userQuery is the user's query with at least min bare words matching (all
// of them when min is 0); nil when the query is empty.
func (cr *compiledRequest) userQuery(min int) query.Query {
	if cr.nothing {
		return noneQuery{}
	}
	words := cr.user.words
	if min <= 0 || min > len(words) {
		min = len(words)
	}
	return cr.user.query(words, min, relaxedWordScore)
}

// build combines the user's query (at least min words, see userQuery), the
// restriction and the filters f (unscored, see filterQuery), extra when
// non-nil, and the exclusion of skipped records. Skipped records are excluded by a must-not clause: it
// walks the few skipped records' postings, where a required status:ok
// clause would walk every record's. The result is a requiredQuery, which
// answers as bleve's boolean query of those clauses, faster.
func (cr *compiledRequest) build(f index.Filters, extra query.Query, min int) query.Query {
	var parts []query.Query
	if extra != nil {
		parts = append(parts, extra)
	}
	not := []query.Query{termQuery(fieldStatus, statusSkipped)}
	switch q := cr.userQuery(min).(type) {
	case nil:
	case requiredQuery: // the user's AND joins the search's own
		parts = append(parts, q.must...)
		not = append(not, q.not...)
	default:
		parts = append(parts, q)
	}
	// The restriction and the filters are joined into one unscored
	// filterQuery.
	var filters []query.Query
	if cr.restrict != nil {
		filters = append(filters, cr.restrict)
	}
	for _, ff := range index.FilterFields {
		vals := ff.Values(&f)
		if len(vals) == 0 {
			continue
		}
		qs := make([]query.Query, 0, len(vals))
		for _, v := range vals {
			switch ff.Value {
			case index.ValueCaseNumber:
				cn, _ := ql.ParseCaseFilter(v)
				qs = append(qs, termQuery(ff.Field, cn.Canonical))
			case index.ValueJudge:
				// A full name matches its spellings (judgeVariants); a
				// bare surname matches the judges' names as judge:surname
				// does.
				qs = append(qs, termQuery(ff.Field, ff.Normalize(v)))
				if !strings.ContainsAny(strings.TrimSpace(v), " .,") {
					qs = append(qs, fieldMatch(fieldJudgeName, v, 1))
				}
			default:
				qs = append(qs, termQuery(ff.Field, ff.Normalize(v)))
			}
		}
		if len(qs) == 1 {
			filters = append(filters, qs[0])
		} else {
			filters = append(filters, bleve.NewDisjunctionQuery(qs...))
		}
	}
	if len(f.IDs) > 0 {
		filters = append(filters, bleve.NewDocIDQuery(f.IDs))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		filters = append(filters, dateRange(f.From, f.To))
	}
	switch len(filters) {
	case 0:
	case 1:
		parts = append(parts, filterQuery{filters[0]})
	default:
		parts = append(parts, filterQuery{bleve.NewConjunctionQuery(filters...)})
	}
	if len(parts) == 0 {
		parts = append(parts, bleve.NewMatchAllQuery())
	}
	return requiredQuery{must: parts, not: not}
}

// relaxedMin returns how many of the query's bare words a hit must match
// when all of them together match strict documents, fewer than
// RelaxBelow: the largest step of relaxSteps that reaches RelaxBelow, or
// the last step that matches more than strict; 0 (all words) when no step
// matches more, the request is strict or its query cannot be relaxed.
func (ix *Index) relaxedMin(ctx context.Context, req index.SearchRequest, cr *compiledRequest, extra query.Query, strict uint64) (int, error) {
	if req.Strict || !cr.relaxable || strict >= RelaxBelow {
		return 0, nil
	}
	best, bestN := 0, strict
	for _, m := range relaxSteps(len(cr.user.words)) {
		br := bleve.NewSearchRequestOptions(cr.build(req.Filters, extra, m), 0, 0, false)
		br.Score = bleve.ScoreNone
		res, err := ix.bleve.SearchInContext(unscoredContext(ctx), br)
		if err != nil {
			return 0, searchError(err)
		}
		if res.Total > bestN {
			best, bestN = m, res.Total
		}
		if res.Total >= RelaxBelow {
			break
		}
	}
	return best, nil
}

// countStrict counts the documents that hold every word of the query.
func (ix *Index) countStrict(ctx context.Context, req index.SearchRequest, cr *compiledRequest, extra query.Query) (uint64, error) {
	br := bleve.NewSearchRequestOptions(cr.build(req.Filters, extra, 0), 0, 0, false)
	br.Score = bleve.ScoreNone
	res, err := ix.bleve.SearchInContext(unscoredContext(ctx), br)
	if err != nil {
		return 0, searchError(err)
	}
	return res.Total, nil
}

// describeRelaxation fills out.Relaxed and each hit's Missing words.
func (ix *Index) describeRelaxation(ctx context.Context, cr *compiledRequest, min int, out *index.SearchResult) error {
	ids := make([]string, len(out.Hits))
	for i, h := range out.Hits {
		ids[i] = h.ID
	}
	missing, err := ix.missingWords(ctx, cr, ids)
	if err != nil {
		return err
	}
	r := &index.Relaxation{MinWords: min, Words: len(cr.user.words), Dropped: []string{}}
	missedBy := map[string]int{}
	for i := range out.Hits {
		out.Hits[i].Missing = missing[out.Hits[i].ID]
		for _, w := range out.Hits[i].Missing {
			missedBy[w]++
		}
	}
	for _, w := range cr.user.wordTexts {
		if len(out.Hits) > 0 && missedBy[w] == len(out.Hits) && !slices.Contains(r.Dropped, w) {
			r.Dropped = append(r.Dropped, w)
		}
	}
	out.Relaxed = r
	return nil
}

// missingWords returns, for each hit ID, the bare words (as typed) of the
// query that the hit does not match: one small search per word, restricted
// to the hits.
func (ix *Index) missingWords(ctx context.Context, cr *compiledRequest, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	for i, w := range cr.user.words {
		br := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(w, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
		br.Score = bleve.ScoreNone
		res, err := ix.bleve.SearchInContext(unscoredContext(ctx), br)
		if err != nil {
			return nil, searchError(err)
		}
		found := make(map[string]bool, len(res.Hits))
		for _, h := range res.Hits {
			found[h.ID] = true
		}
		for _, id := range ids {
			if !found[id] {
				out[id] = append(out[id], cr.user.wordTexts[i])
			}
		}
	}
	return out, nil
}
