package index

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/corpus/legal"
)

// Boosts of the default search fields relative to the body text.
const (
	titleBoost = 2.0
	judgeBoost = 1.5
)

// compile turns a parsed query into a bleve query.
func compile(n node) (query.Query, error) {
	switch n := n.(type) {
	case termNode:
		return compileTerm(n)
	case phraseNode:
		return compilePhrase(n)
	case rangeNode:
		return compileRange(n)
	case notNode:
		child, err := compile(n.child)
		if err != nil {
			return nil, err
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(child)
		return b, nil
	case boolNode:
		return compileBool(n)
	}
	return nil, invalidf("unknown query node %T", n)
}

// compileBool joins children. Under AND, negated children become MustNot
// clauses of one boolean query so that "a -b" does not scan everything.
func compileBool(n boolNode) (query.Query, error) {
	if !n.and {
		qs := make([]query.Query, 0, len(n.children))
		for _, c := range n.children {
			q, err := compile(c)
			if err != nil {
				return nil, err
			}
			qs = append(qs, q)
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	}
	b := bleve.NewBooleanQuery()
	positives := 0
	for _, c := range n.children {
		if neg, ok := c.(notNode); ok {
			q, err := compile(neg.child)
			if err != nil {
				return nil, err
			}
			b.AddMustNot(q)
			continue
		}
		q, err := compile(c)
		if err != nil {
			return nil, err
		}
		b.AddMust(q)
		positives++
	}
	if positives == 0 {
		b.AddMust(bleve.NewMatchAllQuery())
	}
	return b, nil
}

func compileTerm(n termNode) (query.Query, error) {
	switch n.field {
	case "":
		if n.fuzziness > 0 {
			return fuzzyAcross(n.text, n.fuzziness, fieldText, fieldTitle), nil
		}
		if cn, ok := parseCaseToken(n.text); ok {
			return caseQuery(cn, n.text), nil
		}
		if n.prefix {
			return prefixAcross(strings.ToLower(n.text), fieldText, fieldTitle), nil
		}
		return matchAcross(n.text), nil
	case "title", "text":
		if n.fuzziness > 0 {
			return fuzzyAcross(n.text, n.fuzziness, n.field), nil
		}
		if n.prefix {
			return prefixAcross(strings.ToLower(n.text), n.field), nil
		}
		return fieldMatch(n.field, n.text, 1), nil
	case "judge":
		if n.fuzziness > 0 {
			return fuzzyAcross(n.text, n.fuzziness, fieldJudgeName), nil
		}
		return fieldMatch(fieldJudgeName, n.text, 1), nil
	case "case", "court", "kind", "site", "doc_type":
		if n.fuzziness > 0 || n.prefix {
			return nil, &QueryError{Pos: n.pos, Msg: "field " + n.field + " takes exact values only"}
		}
		return keywordQuery(n.field, n.text, n.pos)
	case "author":
		if n.fuzziness > 0 {
			return fuzzyAcross(n.text, n.fuzziness, fieldAuthor), nil
		}
		return fieldMatch(fieldAuthor, n.text, 1), nil
	case "date":
		return compileRange(rangeNode{field: "date", from: n.text, to: n.text, pos: n.pos})
	}
	return nil, &QueryError{Pos: n.pos, Msg: "unknown field " + n.field}
}

func compilePhrase(n phraseNode) (query.Query, error) {
	if n.slop > 0 {
		switch n.field {
		case "":
			return bleve.NewDisjunctionQuery(
				newProximityQuery(fieldText, n.text, n.slop, 1),
				newProximityQuery(fieldTitle, n.text, n.slop, titleBoost),
			), nil
		case "title", "text":
			return newProximityQuery(n.field, n.text, n.slop, 1), nil
		case "author":
			return newProximityQuery(fieldAuthor, n.text, n.slop, 1), nil
		case "judge":
			return newProximityQuery(fieldJudgeName, n.text, n.slop, 1), nil
		}
		return nil, &QueryError{Pos: n.pos, Msg: "field " + n.field + " does not take a proximity search"}
	}
	switch n.field {
	case "":
		return bleve.NewDisjunctionQuery(
			phraseQuery(fieldText, n.text, 1),
			phraseQuery(fieldTitle, n.text, titleBoost),
		), nil
	case "title", "text":
		return newPhraseQuery(n.field, n.text, 1), nil
	case "judge":
		return bleve.NewDisjunctionQuery(
			termQuery(fieldJudge, legal.CanonicalJudgeName(n.text)),
			phraseQuery(fieldJudgeName, n.text, 1),
		), nil
	case "author":
		return newPhraseQuery(fieldAuthor, n.text, 1), nil
	case "case", "court", "kind", "site", "doc_type":
		return keywordQuery(n.field, n.text, n.pos)
	}
	return nil, &QueryError{Pos: n.pos, Msg: "field " + n.field + " does not take a phrase"}
}

// keywordQuery matches one value of a keyword field, normalised the way
// the field was indexed: case numbers to canonical form, courts to ids.
func keywordQuery(field, value string, pos int) (query.Query, error) {
	switch field {
	case "case":
		cn, ok := legal.ParseCaseNumber(value)
		if !ok {
			return nil, &QueryError{Pos: pos, Msg: "not a case number: " + value}
		}
		return caseQuery(cn, value), nil
	case "court":
		return termQuery(fieldCourt, resolveCourt(value)), nil
	case "kind":
		return termQuery(fieldKind, strings.ToLower(value)), nil
	case "site":
		return termQuery(fieldSite, value), nil
	case "doc_type":
		return termQuery(fieldDocType, strings.ToLower(value)), nil
	}
	return nil, &QueryError{Pos: pos, Msg: "unknown field " + field}
}

func compileRange(n rangeNode) (query.Query, error) {
	if n.field != "date" {
		return nil, &QueryError{Pos: n.pos, Msg: "ranges are supported on date only"}
	}
	var from, to time.Time
	if n.from != "*" {
		t, err := parseDateBound(n.from, false)
		if err != nil {
			return nil, &QueryError{Pos: n.pos, Msg: err.Error()}
		}
		from = t
	}
	if n.to != "*" {
		t, err := parseDateBound(n.to, true)
		if err != nil {
			return nil, &QueryError{Pos: n.pos, Msg: err.Error()}
		}
		to = t
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

// parseCaseToken recognises a bare query word as a case number. Only words
// with a letter-typed district form or an office prefix qualify, so that
// plain numbers and dates stay words.
func parseCaseToken(s string) (legal.CaseNumber, bool) {
	if !strings.Contains(s, "-") {
		return legal.CaseNumber{}, false
	}
	cn, ok := legal.ParseCaseNumber(s)
	if !ok || strings.Count(cn.Canonical, "-") < 2 {
		return legal.CaseNumber{}, false
	}
	return cn, true
}

// caseQuery matches the canonical case number in the case field, or its
// digits as a phrase in the text.
func caseQuery(cn legal.CaseNumber, raw string) query.Query {
	qs := []query.Query{termQuery(fieldCase, cn.Canonical)}
	qs = append(qs, phraseQuery(fieldText, cn.Canonical, 1))
	if raw != cn.Canonical {
		qs = append(qs, phraseQuery(fieldText, raw, 1))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func resolveCourt(s string) string {
	if c, ok := legal.CourtByID(strings.ToLower(s)); ok {
		return c.ID
	}
	if c, ok := legal.FindCourt(s); ok {
		return c.ID
	}
	return strings.ToLower(s)
}

// matchAcross matches a free-text word in the text, the title or a judge's
// name, and scores it by BM25 on the text alone. Scoring each field and
// adding them up in a disjunction would multiply by the share of fields
// matched (bleve's coord), which ranks any title match far above the
// documents that use the word most: on the AILA 2019 collection that
// shape scored MAP 0.016, text scoring about 0.12 (see eval_aila_test.go).
func matchAcross(text string) query.Query {
	b := bleve.NewBooleanQuery()
	b.AddMust(unscored{bleve.NewDisjunctionQuery(
		fieldMatch(fieldText, text, 1),
		fieldMatch(fieldTitle, text, 1),
		fieldMatch(fieldJudgeName, text, 1),
	)})
	b.AddShould(fieldMatch(fieldText, text, 1))
	return b
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

func termQuery(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}
