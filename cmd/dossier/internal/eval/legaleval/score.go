package legaleval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"dossier/corpus/legal"
)

// Field names scored by the evaluation.
const (
	FieldCase    = "case_number"
	FieldECFDoc  = "ecf_doc"
	FieldFiled   = "filed"
	FieldCourt   = "court"
	FieldJudges  = "judges"
	FieldDocType = "doc_type"
	FieldCaption = "caption"
	// Role fields, scored on the labelled set: the filing's own case
	// numbers (role docket), related and cited numbers, the court after
	// inference within a case (infer.Courts over the documents of
	// the run), presiding or signing judges and cited judges.
	FieldCaseDocket    = "case_docket"
	FieldCaseRelated   = "case_related"
	FieldCaseCited     = "case_cited"
	FieldCourtInferred = "court_inferred"
	FieldJudgeOwn      = "judge_own"
	FieldJudgeCited    = "judge_cited"
)

// Fields lists the scored fields in report order.
var Fields = []string{FieldCase, FieldECFDoc, FieldFiled, FieldCourt, FieldJudges, FieldDocType, FieldCaption,
	FieldCaseDocket, FieldCaseRelated, FieldCaseCited, FieldCourtInferred, FieldJudgeOwn, FieldJudgeCited}

// Counts are the true positives, false positives and false negatives of
// one field.
type Counts struct {
	TP, FP, FN int
}

// Precision is TP/(TP+FP), or 1 when nothing was predicted.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/(TP+FN), or 1 when there was nothing to find.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// Add adds o to c.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Scores holds Counts per field.
type Scores map[string]*Counts

// Add adds counts to a field.
func (s Scores) Add(field string, c Counts) {
	if s[field] == nil {
		s[field] = &Counts{}
	}
	s[field].Add(c)
}

// Merge adds every field of o to s.
func (s Scores) Merge(o Scores) {
	for f, c := range o {
		s.Add(f, *c)
	}
}

// Truth is what a document is known to carry. A nil pointer or nil slice
// means unknown (the field is not scored); "" or an empty slice means the
// document carries none.
type Truth struct {
	// CaseNumbers are canonical case numbers (see legal.ParseCaseNumber).
	CaseNumbers []string `json:"case_numbers"`
	// ECFDoc is the ECF document number of the stamp, e.g. "677-5".
	ECFDoc *string `json:"ecf_doc"`
	// Filed is the document date as YYYY-MM-DD: the ECF filed date, else
	// the signed date.
	Filed *string `json:"filed"`
	// Court is the court id, e.g. "cand".
	Court *string `json:"court"`
	// Judges are the judges' names.
	Judges []string `json:"judges"`
	// DocType is one of legal.DocTypes or "".
	DocType *string `json:"doc_type"`
	// Caption is the parties' caption, e.g. "WhatsApp Inc. v. NSO Group Technologies Ltd.".
	Caption *string `json:"caption"`
	// DocketCases are the filing's own case numbers anywhere in the
	// document: the ECF stamp's, the caption's "Case No.".
	DocketCases []string `json:"docket_cases,omitempty"`
	// RelatedCases are the related or consolidated cases the caption
	// names, and the lower or higher court's number of the same matter.
	RelatedCases []string `json:"related_cases,omitempty"`
	// CitedCases are the case numbers of other cases cited in the body.
	CitedCases []string `json:"cited_cases,omitempty"`
	// OwnJudges are the judges of the filing's own case it names:
	// presiding (caption, hearing line, panel) or signing.
	OwnJudges []string `json:"own_judges,omitempty"`
	// CitedJudges are judges named only as judges of other cases.
	CitedJudges []string `json:"cited_judges,omitempty"`
	// Roles marks a document labelled with roles: the five fields above
	// are scored (absent ones as empty).
	Roles bool `json:"roles,omitempty"`
}

// Prediction is what the extractors found in a document.
type Prediction struct {
	CaseNumbers []string `json:"case_numbers"`
	ECFDoc      string   `json:"ecf_doc"`
	Filed       string   `json:"filed"`
	Court       string   `json:"court"`
	Judges      []string `json:"judges"`
	DocType     string   `json:"doc_type"`
	Caption     string   `json:"caption"`
	// Title is the document title (not scored; shown with doc_type misses).
	Title string `json:"title,omitempty"`
	// Role fields: case numbers by role over the whole document, the court
	// after inference within a case, judges by capacity.
	DocketCases   []string `json:"docket_cases,omitempty"`
	RelatedCases  []string `json:"related_cases,omitempty"`
	CitedCases    []string `json:"cited_cases,omitempty"`
	CourtInferred string   `json:"court_inferred,omitempty"`
	OwnJudges     []string `json:"own_judges,omitempty"`
	CitedJudges   []string `json:"cited_judges,omitempty"`
}

// Score compares one document's prediction with its truth.
func Score(p Prediction, t Truth) Scores {
	s := Scores{}
	if t.CaseNumbers != nil {
		s.Add(FieldCase, scoreSet(p.CaseNumbers, t.CaseNumbers, func(a, b string) bool { return a == b }))
	}
	single := func(field string, pred string, truth *string, eq func(a, b string) bool) {
		if truth != nil {
			s.Add(field, scoreOne(pred, *truth, eq))
		}
	}
	exact := func(a, b string) bool { return a == b }
	single(FieldECFDoc, p.ECFDoc, t.ECFDoc, exact)
	single(FieldFiled, p.Filed, t.Filed, exact)
	single(FieldCourt, p.Court, t.Court, exact)
	single(FieldDocType, p.DocType, t.DocType, exact)
	single(FieldCaption, p.Caption, t.Caption, SameCaption)
	if t.Judges != nil {
		s.Add(FieldJudges, scoreSet(p.Judges, t.Judges, legal.SameJudge))
	}
	if t.Roles {
		same := func(a, b string) bool { return a == b }
		s.Add(FieldCaseDocket, scoreSet(p.DocketCases, t.DocketCases, same))
		s.Add(FieldCaseRelated, scoreSet(p.RelatedCases, t.RelatedCases, same))
		s.Add(FieldCaseCited, scoreSet(p.CitedCases, t.CitedCases, same))
		s.Add(FieldJudgeOwn, scoreSet(p.OwnJudges, t.OwnJudges, legal.SameJudge))
		s.Add(FieldJudgeCited, scoreSet(p.CitedJudges, t.CitedJudges, legal.SameJudge))
		if t.Court != nil {
			s.Add(FieldCourtInferred, scoreOne(p.CourtInferred, *t.Court, same))
		}
	}
	return s
}

// scoreOne scores a single-valued field.
func scoreOne(pred, truth string, eq func(a, b string) bool) Counts {
	switch {
	case pred == "" && truth == "":
		return Counts{}
	case pred == "":
		return Counts{FN: 1}
	case truth == "":
		return Counts{FP: 1}
	case eq(pred, truth):
		return Counts{TP: 1}
	}
	return Counts{FP: 1, FN: 1}
}

// scoreSet scores a set-valued field: each truth value matched by at most
// one prediction.
func scoreSet(pred, truth []string, eq func(a, b string) bool) Counts {
	used := make([]bool, len(pred))
	var c Counts
	for _, t := range truth {
		hit := false
		for i, p := range pred {
			if !used[i] && eq(p, t) {
				used[i], hit = true, true
				break
			}
		}
		if hit {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, u := range used {
		if !u {
			c.FP++
		}
	}
	return c
}

// SameCaption reports whether two captions name the same parties: equal
// after folding case, punctuation and white space, dropping "et al." and
// reading "vs" as "v" and "USA" as "United States".
func SameCaption(a, b string) bool {
	return captionKey(a) == captionKey(b)
}

// captionKey folds a caption for comparison.
func captionKey(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > 127:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for i, w := range words {
		if w == "et" && i+1 < len(words) && words[i+1] == "al" || w == "al" && i > 0 && words[i-1] == "et" {
			continue
		}
		switch w {
		case "vs":
			w = "v"
		case "usa":
			w = "united states"
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// WriteReport prints precision and recall per field as a table.
func WriteReport(w io.Writer, title string, s Scores) error {
	if _, err := fmt.Fprintf(w, "%s\n%-12s %6s %6s %6s %9s %7s\n", title, "field", "TP", "FP", "FN", "precision", "recall"); err != nil {
		return err
	}
	var names []string
	for _, f := range Fields {
		if s[f] != nil {
			names = append(names, f)
		}
	}
	var extra []string
	for f := range s {
		if !contains(Fields, f) {
			extra = append(extra, f)
		}
	}
	sort.Strings(extra)
	for _, f := range append(names, extra...) {
		c := s[f]
		if _, err := fmt.Fprintf(w, "%-12s %6d %6d %6d %9.3f %7.3f\n", f, c.TP, c.FP, c.FN, c.Precision(), c.Recall()); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
