package htmleval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ShingleSize is the number of tokens in one shingle of the
// extraction-benchmark metric.
const ShingleSize = 4

// Tokenize splits s into the tokens of Python's `\w+` (Unicode letters,
// numbers and the underscore), the tokenizer of the extraction benchmark.
func Tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the n-token shingles of s. A text of fewer than n tokens
// (but at least one) is one shingle of all its tokens, as in the benchmark.
func shingles(s string, n int) map[string]int {
	toks := Tokenize(s)
	out := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return out
	}
	last := max(1, len(toks)-n+1)
	for i := 0; i < last; i++ {
		out[strings.Join(toks[i:min(i+n, len(toks))], " ")]++
	}
	return out
}

// ShingleMatch is the benchmark's per-page comparison of a prediction with
// the truth: true positives, false positives and false negatives over the
// multisets of 4-token shingles, normalised to sum to 1 (all zero when both
// texts are empty).
func ShingleMatch(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingles(truth, ShingleSize), shingles(pred, ShingleSize)
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// precisionScore and recallScore follow the benchmark: perfect when there is
// nothing to get wrong, zero when nothing was right.
func precisionScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func recallScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

// PRF aggregates per-page shingle matches the benchmark's way: precision is
// the mean over pages with tp+fp > 0, recall the mean over pages with
// tp+fn > 0, and F1 their harmonic mean.
type PRF struct {
	// Precision is the mean per-page precision (0..1).
	Precision float64 `json:"precision"`
	// Recall is the mean per-page recall (0..1).
	Recall float64 `json:"recall"`
	// F1 is the harmonic mean of Precision and Recall (0..1).
	F1 float64 `json:"f1"`
}

// Aggregate computes the benchmark's PRF from per-page (tp, fp, fn).
func Aggregate(m [][3]float64) PRF {
	var ps, rs []float64
	for _, x := range m {
		tp, fp, fn := x[0], x[1], x[2]
		if tp+fp > 0 {
			ps = append(ps, precisionScore(tp, fp, fn))
		}
		if tp+fn > 0 {
			rs = append(rs, recallScore(tp, fp, fn))
		}
	}
	var r PRF
	r.Precision, r.Recall = mean(ps), mean(rs)
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Collapse applies Unicode NFC and joins the fields of s with single spaces.
func Collapse(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// ContainsSnippet reports whether snippet occurs in text once both have
// their white space collapsed (and are NFC-normalised). The trafilatura
// evaluation checks its with/without snippets this way.
func ContainsSnippet(text, snippet string) bool {
	s := Collapse(snippet)
	return s != "" && strings.Contains(Collapse(text), s)
}

// TitleMatch reports an exact title match after white space collapsing.
func TitleMatch(got, want string) bool {
	return Collapse(got) == Collapse(want)
}

// SiteMatch compares site names ignoring case and white space.
func SiteMatch(got, want string) bool {
	return strings.EqualFold(Collapse(got), Collapse(want))
}

// bylineKey keeps the lower-cased letters of s, after dropping a leading
// "by", "par", "von", "written by" and the like.
func bylineKey(s string) string {
	s = strings.ToLower(Collapse(s))
	for _, p := range []string{"written by ", "posted by ", "by: ", "by ", "par ", "von ", "por "} {
		s = strings.TrimPrefix(s, p)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// BylineMatch decides whether the extracted author names agree with a
// byline as a reader would read it. Case, punctuation, digits, white space
// and a leading "By" are ignored. It matches when the names joined equal
// the byline, or when every name occurs in the byline and the names cover
// at least half of its letters (ground-truth bylines often trail a date or
// a role: "By Nathan Willis March 25, 2015"). No names never match.
func BylineMatch(got []string, want string) bool {
	wk := bylineKey(want)
	if wk == "" || len(got) == 0 {
		return false
	}
	if bylineKey(strings.Join(got, " ")) == wk {
		return true
	}
	covered := 0
	for _, g := range got {
		gk := bylineKey(g)
		if gk == "" || !strings.Contains(wk, gk) {
			return false
		}
		covered += len(gk)
	}
	return 2*covered >= len(wk)
}

// mojibakeMarks are what UTF-8 German and French text read as windows-1252
// looks like ("Ã¤" for "ä", "â€™" for "’"), plus the replacement
// character left by undecodable bytes.
var mojibakeMarks = []string{"Ã¤", "Ã¶", "Ã¼", "ÃŸ", "Ã„", "Ã–", "Ãœ", "Ã©", "Ã¨", "Ãª", "Ã§", "Ã\u00a0", "â€™", "â€ž", "â€œ", "â€“", "\uFFFD"}

// HasMojibake reports whether s shows signs of a wrong character set.
func HasMojibake(s string) bool {
	for _, m := range mojibakeMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
