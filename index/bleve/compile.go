package bleve

import (
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus/legal"
	"dossier/index"
	ql "dossier/index/query"
)

// Boosts of the default search fields relative to the body text, in
// phrases and proximity searches.
const (
	titleBoost = 2.0
	judgeBoost = 1.5
)

// Weights of a bare word's BM25 score in the title and in a filing's
// caption (the case name), added to its score in the body text, so that a
// document whose title or case name holds the word ranks above one that
// mentions it once deep in the text. Chosen on the DEV half of the
// known-item set (see cmd/dossier/internal/eval/searcheval); the AILA
// queries were not used.
var (
	titleWeight   float64 = 1.0
	captionWeight float64 = 1.0
)

// compiler turns a parsed query into a bleve query. It records what it
// did to the user's words, for the response: signs it ignored and legal
// shorthand it expanded.
type compiler struct {
	ignored  []string          // words without a searchable character, such as "§" or "&"
	expanded []index.Expansion // shorthand expanded, in query order
	forms    *formsCache       // the index's cache of word forms; nil for none
	// values are the kind:, court: and doc_type: values of the query, for
	// checkValues: a value no document can have is an error, not 0 hits.
	values []fieldValue
}

// fieldValue is a value of an enumerated field as written in a query.
type fieldValue struct {
	field, value string
	pos          int
}

// compile turns a parsed query into a bleve query. A nil query (and nil
// error) means that n holds nothing searchable.
func (c *compiler) compile(n ql.Node) (query.Query, error) {
	switch n := n.(type) {
	case ql.Term:
		c.noteValue(n.Field, n.Text, n.Pos)
		return c.compileTerm(n)
	case ql.Phrase:
		c.noteValue(n.Field, n.Text, n.Pos)
		return compilePhrase(n)
	case ql.Range:
		return compileRange(n)
	case shorthandNode:
		return c.compileShorthand(n), nil
	case ql.Not:
		child, err := c.compile(n.Child)
		if err != nil || child == nil {
			return nil, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(child)
		return b, nil
	case ql.Bool:
		return c.compileBool(n)
	}
	return nil, index.Invalidf("unknown query node %T", n)
}

// noteValue records a value of an enumerated field.
func (c *compiler) noteValue(field, value string, pos int) {
	switch field {
	case "kind", "court", "doc_type":
		c.values = append(c.values, fieldValue{field, value, pos})
	}
}

// compileBool joins children. Under AND, negated children become MustNot
// clauses of one boolean query so that "a -b" does not scan everything.
// Children with nothing searchable are left out.
func (c *compiler) compileBool(n ql.Bool) (query.Query, error) {
	if !n.And {
		qs := make([]query.Query, 0, len(n.Children))
		for _, child := range n.Children {
			q, err := c.compile(child)
			if err != nil {
				return nil, err
			}
			if q != nil {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return nil, nil
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	}
	parts, err := c.splitAnd(groupShorthand(n.Children))
	if err != nil {
		return nil, err
	}
	return parts.query(parts.words, len(parts.words), 0), nil
}

// andParts are the compiled children of an AND: the bare words (which a
// relaxed search may leave out), what is always required, and what is
// excluded.
type andParts struct {
	words     []query.Query
	wordTexts []string // the words as typed, parallel to words
	required  []query.Query
	excluded  []query.Query
}

// splitAnd compiles the children of an AND into andParts.
func (c *compiler) splitAnd(children []ql.Node) (andParts, error) {
	var p andParts
	for _, child := range children {
		if neg, ok := child.(ql.Not); ok {
			q, err := c.compile(neg.Child)
			if err != nil {
				return p, err
			}
			if q != nil {
				p.excluded = append(p.excluded, q)
			}
			continue
		}
		q, err := c.compile(child)
		if err != nil {
			return p, err
		}
		if q == nil {
			continue
		}
		if text, ok := relaxable(child); ok {
			p.words = append(p.words, q)
			p.wordTexts = append(p.wordTexts, text)
			continue
		}
		p.required = append(p.required, q)
	}
	return p, nil
}

// relaxable reports whether a child of an AND is a bare word that a relaxed
// search may leave out, and the word as typed. Fields, phrases, prefixes,
// fuzzy terms, "+word", case numbers and groups are always required.
func relaxable(n ql.Node) (string, bool) {
	switch n := n.(type) {
	case ql.Term:
		if n.Field != "" || n.Plus || n.Prefix || n.Fuzziness > 0 {
			return "", false
		}
		if _, ok := ql.ParseCaseToken(n.Text); ok {
			return "", false
		}
		return n.Text, true
	case shorthandNode:
		return n.from, true
	}
	return "", false
}

// query builds the AND of the required parts and words, of which at least
// min must match. With min below len(words), each matching word adds
// relaxedWordScore, so that documents matching more words rank first.
func (p andParts) query(words []query.Query, min int, perMatch float64) query.Query {
	must := slices.Clone(p.required)
	switch {
	case len(words) == 0:
	case min >= len(words):
		must = append(must, words...)
	default:
		must = append(must, sumQuery{children: words, min: min, perMatch: perMatch})
	}
	if len(must) == 0 && len(p.excluded) == 0 {
		return nil
	}
	if len(must) == 1 && len(p.excluded) == 0 {
		return must[0]
	}
	return requiredQuery{must: must, not: p.excluded}
}

func (c *compiler) compileTerm(n ql.Term) (query.Query, error) {
	if keywordField(n.Field) {
		return keywordQuery(n.Field, n.Text, n.Pos)
	}
	switch n.Field {
	case "":
		if n.Fuzziness > 0 {
			return fuzzyAcross(n.Text, n.Fuzziness, fieldText, fieldTitle), nil
		}
		if cn, ok := ql.ParseCaseToken(n.Text); ok {
			return caseQuery(cn, n.Text, true), nil
		}
		if n.Prefix {
			return prefixAcross(strings.ToLower(n.Text), fieldText, fieldTitle), nil
		}
		return c.wordAcross(n.Text), nil
	case "title", "text":
		if n.Fuzziness > 0 {
			return fuzzyAcross(n.Text, n.Fuzziness, n.Field), nil
		}
		if n.Prefix {
			return prefixAcross(strings.ToLower(n.Text), n.Field), nil
		}
		return c.wordIn(n.Field, n.Text), nil
	case "judge":
		if n.Fuzziness > 0 {
			return fuzzyAcross(n.Text, n.Fuzziness, fieldJudgeName), nil
		}
		return fieldMatch(fieldJudgeName, n.Text, 1), nil
	case "author":
		if n.Fuzziness > 0 {
			return fuzzyAcross(n.Text, n.Fuzziness, fieldAuthor), nil
		}
		return fieldMatch(fieldAuthor, n.Text, 1), nil
	case "date":
		return compileRange(ql.Range{Field: "date", From: n.Text, To: n.Text, Pos: n.Pos})
	}
	return nil, &index.QueryError{Pos: n.Pos, Msg: "unknown field " + n.Field}
}

func compilePhrase(n ql.Phrase) (query.Query, error) {
	if n.Slop > 0 {
		switch n.Field {
		case "":
			return sumQuery{children: []query.Query{
				newProximityQuery(fieldText, n.Text, n.Slop, 1),
				newProximityQuery(fieldTitle, n.Text, n.Slop, titleBoost),
			}, min: 1, coord: true}, nil
		case "title", "text":
			return newProximityQuery(n.Field, n.Text, n.Slop, 1), nil
		case "author":
			return newProximityQuery(fieldAuthor, n.Text, n.Slop, 1), nil
		case "judge":
			return newProximityQuery(fieldJudgeName, n.Text, n.Slop, 1), nil
		}
		return nil, &index.QueryError{Pos: n.Pos, Msg: "field " + n.Field + " does not take a proximity search"}
	}
	switch n.Field {
	case "":
		qs := []query.Query{phraseQuery(fieldText, n.Text, 1), phraseQuery(fieldTitle, n.Text, titleBoost)}
		if cn, ok := ql.ParseCaseToken(strings.TrimSpace(n.Text)); ok {
			qs = append(qs, caseQuery(cn, n.Text, true))
		}
		return sumQuery{children: qs, min: 1, coord: true}, nil
	case "title", "text":
		return newPhraseQuery(n.Field, n.Text, 1), nil
	case "judge":
		return bleve.NewDisjunctionQuery(
			termQuery(fieldJudge, legal.CanonicalJudgeName(n.Text)),
			phraseQuery(fieldJudgeName, n.Text, 1),
		), nil
	case "author":
		return newPhraseQuery(fieldAuthor, n.Text, 1), nil
	}
	if keywordField(n.Field) {
		return keywordQuery(n.Field, n.Text, n.Pos)
	}
	return nil, &index.QueryError{Pos: n.Pos, Msg: "field " + n.Field + " does not take a phrase"}
}

// keywordField reports whether a query field holds keyword values (one
// term per value: case numbers, courts, kinds, sites, document types).
func keywordField(field string) bool {
	f := ql.Fields[field]
	return f.Exact && !f.Range
}

// keywordQuery matches one value of a keyword field of a checked query
// (see query.Check: exact values only), normalised the way the field was
// indexed: case numbers to canonical form, the others as the fields
// table's filter of the same name normalises them. Query field names are
// the index's field names.
func keywordQuery(field, value string, pos int) (query.Query, error) {
	if ql.Fields[field].CaseNumber {
		cn, ok := ql.ParseCaseFilter(value)
		if !ok {
			return nil, &index.QueryError{Pos: pos, Msg: "not a case number: " + value}
		}
		return termQuery(field, cn.Canonical), nil
	}
	if ff, ok := index.LookupFilterField(field); ok {
		return termQuery(ff.Field, ff.Normalize(value)), nil
	}
	return nil, &index.QueryError{Pos: pos, Msg: "unknown field " + field}
}

func compileRange(n ql.Range) (query.Query, error) {
	if !ql.Fields[n.Field].Range {
		return nil, &index.QueryError{Pos: n.Pos, Msg: "ranges are supported on date only"}
	}
	from, to, err := ql.RangeBounds(n)
	if err != nil {
		return nil, err
	}
	return dateRange(from, to), nil
}

// dateRange matches dates in [from, to]; a zero bound is open.
func dateRange(from, to time.Time) query.Query {
	inclusive := true
	q := bleve.NewDateRangeInclusiveQuery(from, to, &inclusive, &inclusive)
	q.SetField(fieldDate)
	return q
}

// caseQuery matches the canonical case number in the case field, or its
// digits as a phrase in the text. A short "YY-NNNN" form also matches the
// district cases of that year and number whatever their type
// ("19-7123" finds 19-cv-07123) when loose is set, as for free text.
func caseQuery(cn legal.CaseNumber, raw string, loose bool) query.Query {
	qs := []query.Query{termQuery(fieldCase, cn.Canonical)}
	qs = append(qs, phraseQuery(fieldText, cn.Canonical, 1))
	if raw != cn.Canonical {
		qs = append(qs, phraseQuery(fieldText, raw, 1))
	}
	if year, num, ok := strings.Cut(cn.Canonical, "-"); loose && ok && !strings.Contains(num, "-") && len(year) == 2 && isDigits(num) {
		re := bleve.NewRegexpQuery(year + "-[a-z]{1,4}-0*" + strings.TrimLeft(num, "0"))
		re.SetField(fieldCase)
		qs = append(qs, re)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// wordAcross matches a bare query word in the text, the title, a filing's
// caption or a judge's name, in any of its forms (see formsQuery), and
// scores it by the sum of its BM25 in the text, the title (× titleWeight)
// and the caption (× captionWeight). The sum has no coord: bleve's
// disjunction would multiply by the share of fields matched, which ranks
// any title match far above the documents that use the word most (on the
// AILA 2019 collection that shape scored MAP 0.016, text alone about 0.12).
//
// A word that the analyzer splits into several ("end-to-end", "and/or",
// "12(b)(6)") matches its parts as a phrase, or the parts written as one
// word; a word with no searchable character ("§", "&") is ignored and
// recorded.
func (c *compiler) wordAcross(text string) query.Query {
	terms := analyzeWords(text)
	switch len(terms) {
	case 0:
		c.ignored = append(c.ignored, text)
		return nil
	case 1:
		t := terms[0]
		return sumQuery{children: []query.Query{
			formsQuery{field: fieldText, term: t, boost: 1, forms: true, cache: c.forms},
			weighted(formsQuery{field: fieldTitle, term: t, boost: titleWeight, forms: true, cache: c.forms}, titleWeight),
			weighted(formsQuery{field: fieldCaption, term: t, boost: captionWeight, forms: true, cache: c.forms}, captionWeight),
			unscored{termQuery(fieldJudgeName, t)},
		}, min: 1}
	}
	joined := strings.Join(terms, "")
	return sumQuery{children: []query.Query{
		newPhraseQuery(fieldText, text, 1),
		weighted(newPhraseQuery(fieldTitle, text, titleWeight), titleWeight),
		weighted(newPhraseQuery(fieldCaption, text, captionWeight), captionWeight),
		termQuery(fieldText, joined),
		weighted(termQueryBoost(fieldTitle, joined, titleWeight), titleWeight),
	}, min: 1}
}

// wordIn is wordAcross for one text field (title:word, text:word).
func (c *compiler) wordIn(field, text string) query.Query {
	terms := analyzeWords(text)
	switch len(terms) {
	case 0:
		c.ignored = append(c.ignored, text)
		return nil
	case 1:
		return formsQuery{field: field, term: terms[0], boost: 1, forms: true, cache: c.forms}
	}
	return sumQuery{children: []query.Query{
		newPhraseQuery(field, text, 1),
		termQuery(field, strings.Join(terms, "")),
	}, min: 1}
}

func fieldMatch(field, text string, boost float64) query.Query {
	q := bleve.NewMatchQuery(text)
	q.SetField(field)
	q.SetOperator(query.MatchQueryOperatorAnd)
	q.SetBoost(boost)
	return q
}

func phraseQuery(field, text string, boost float64) query.Query {
	return newPhraseQuery(field, text, boost)
}

func prefixAcross(prefix string, fields ...string) query.Query {
	qs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		q := bleve.NewPrefixQuery(prefix)
		q.SetField(f)
		qs = append(qs, q)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// fuzzyAcross matches words within fuzziness edits of text in fields. The
// first character must match, which keeps expansions few.
func fuzzyAcross(text string, fuzziness int, fields ...string) query.Query {
	qs := make([]query.Query, 0, len(fields))
	for _, f := range fields {
		q := bleve.NewFuzzyQuery(strings.ToLower(text))
		q.SetFuzziness(fuzziness)
		q.SetPrefix(1)
		q.SetField(f)
		qs = append(qs, q)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// weighted is q when weight is positive, and q unscored when it is 0: the
// field still decides which documents match.
func weighted(q query.Query, weight float64) query.Query {
	if weight > 0 {
		return q
	}
	return unscored{q}
}

func termQueryBoost(field, value string, boost float64) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func termQuery(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}
