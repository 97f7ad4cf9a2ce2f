package infer

import (
	"testing"

	"dossier/corpus"
	"dossier/corpus/legal"
)

func TestCourts(t *testing.T) {
	cand := &legal.Court{ID: "cand"}
	nysd := &legal.Court{ID: "nysd"}
	own := func(canon, ini string) []legal.CaseNumber {
		return []legal.CaseNumber{{Canonical: canon, JudgeInitials: ini, Role: legal.RoleDocket}}
	}
	filing := func(court *legal.Court, cases []legal.CaseNumber) *corpus.Document {
		return &corpus.Document{Kind: corpus.KindFiling, Court: court, CaseNumbers: cases}
	}
	tests := []struct {
		name string
		docs []*corpus.Document
		want []string // court id per document after inference, "" for none
		n    int
	}{
		{"same number and initials", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(nil, own("19-cv-07123", "PJH"))}, []string{"cand", "cand"}, 1},
		{"other initials", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(nil, own("19-cv-07123", "ABC"))}, []string{"cand", ""}, 0},
		{"initials pick one of two courts", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(nysd, own("19-cv-07123", "VEC")), filing(nil, own("19-cv-07123", "VEC"))}, []string{"cand", "nysd", "nysd"}, 1},
		{"two courts, no initials", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(nysd, own("19-cv-07123", "VEC")), filing(nil, own("19-cv-07123", ""))}, []string{"cand", "nysd", ""}, 0},
		{"cited number is not the case", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(nil, []legal.CaseNumber{{Canonical: "19-cv-07123", JudgeInitials: "PJH", Role: legal.RoleCited}})}, []string{"cand", ""}, 0},
		{"a court that cannot have the number is no evidence", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), filing(&legal.Court{ID: "scotus"}, own("19-cv-07123", "PJH")), filing(nil, own("19-cv-07123", "PJH"))}, []string{"cand", "scotus", "cand"}, 1},
		{"articles stay", []*corpus.Document{filing(cand, own("19-cv-07123", "PJH")), {Kind: corpus.KindArticle, CaseNumbers: own("19-cv-07123", "PJH")}}, []string{"cand", ""}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := Courts(tc.docs)
			if n != tc.n {
				t.Errorf("Courts = %d, want %d", n, tc.n)
			}
			for i, d := range tc.docs {
				got := ""
				if d.Court != nil {
					got = d.Court.ID
				}
				if got != tc.want[i] {
					t.Errorf("doc %d: court %q, want %q", i, got, tc.want[i])
				}
				if d.CourtInferred != (i == len(tc.docs)-1 && tc.n == 1) {
					t.Errorf("doc %d: CourtInferred = %v", i, d.CourtInferred)
				}
			}
		})
	}
}
