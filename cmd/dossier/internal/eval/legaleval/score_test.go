package legaleval

import (
	"bytes"
	"strings"
	"testing"
)

func ptr(s string) *string { return &s }

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		pred  Prediction
		truth Truth
		want  map[string]Counts
	}{
		{"all correct",
			Prediction{CaseNumbers: []string{"19-cv-07123"}, ECFDoc: "677-5", Filed: "2025-04-04", Court: "cand", Judges: []string{"PHYLLIS J. HAMILTON"}, DocType: "exhibit", Caption: "WhatsApp Inc. v. NSO Group"},
			Truth{CaseNumbers: []string{"19-cv-07123"}, ECFDoc: ptr("677-5"), Filed: ptr("2025-04-04"), Court: ptr("cand"), Judges: []string{"Phyllis Hamilton"}, DocType: ptr("exhibit"), Caption: ptr("WHATSAPP INC. v. NSO GROUP et al.")},
			map[string]Counts{FieldCase: {TP: 1}, FieldECFDoc: {TP: 1}, FieldFiled: {TP: 1}, FieldCourt: {TP: 1}, FieldJudges: {TP: 1}, FieldDocType: {TP: 1}, FieldCaption: {TP: 1}}},
		{"wrong, missing and extra values",
			Prediction{CaseNumbers: []string{"19-cv-07123", "20-16408"}, ECFDoc: "26", Court: "cand", Judges: []string{"Rosalyn Chapman"}},
			Truth{CaseNumbers: []string{"19-cv-07123", "21-1298"}, ECFDoc: ptr("27"), Filed: ptr("2009-02-03"), Court: ptr(""), Judges: []string{}},
			map[string]Counts{FieldCase: {TP: 1, FP: 1, FN: 1}, FieldECFDoc: {FP: 1, FN: 1}, FieldFiled: {FN: 1}, FieldCourt: {FP: 1}, FieldJudges: {FP: 1}}},
		{"unknown truth is not scored",
			Prediction{CaseNumbers: []string{"19-cv-07123"}, Court: "cand", Judges: []string{"X Y"}},
			Truth{},
			map[string]Counts{}},
		{"one judge matches one truth only",
			Prediction{Judges: []string{"Phyllis Hamilton", "Phyllis J. Hamilton"}},
			Truth{Judges: []string{"Phyllis J. Hamilton"}},
			map[string]Counts{FieldJudges: {TP: 1, FP: 1}}},
	}
	for _, tt := range tests {
		got := Score(tt.pred, tt.truth)
		if len(got) != len(tt.want) {
			t.Errorf("%s: scored fields %v, want %v", tt.name, got, tt.want)
		}
		for f, w := range tt.want {
			if got[f] == nil || *got[f] != w {
				t.Errorf("%s: %s = %+v, want %+v", tt.name, f, got[f], w)
			}
		}
	}
}

func TestCountsRates(t *testing.T) {
	tests := []struct {
		c    Counts
		p, r float64
	}{
		{Counts{}, 1, 1},
		{Counts{TP: 3, FP: 1}, 0.75, 1},
		{Counts{TP: 1, FN: 3}, 1, 0.25},
		{Counts{FP: 2, FN: 2}, 0, 0},
	}
	for _, tt := range tests {
		if tt.c.Precision() != tt.p || tt.c.Recall() != tt.r {
			t.Errorf("%+v: precision %v recall %v, want %v %v", tt.c, tt.c.Precision(), tt.c.Recall(), tt.p, tt.r)
		}
	}
}

func TestSameCaption(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Balbo v. Tilton et al", "Balbo v. Tilton", true},
		{"NIBI, INC. vs. JOHN DOE", "Nibi, Inc. v. John Doe", true},
		{"Nibi, Inc. v. John Doe", "Nibi, Inc. v. Jane Doe", false},
		{"", "Balbo v. Tilton", false},
	}
	for _, tt := range tests {
		if got := SameCaption(tt.a, tt.b); got != tt.want {
			t.Errorf("SameCaption(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestWriteReport(t *testing.T) {
	s := Scores{}
	s.Add(FieldCourt, Counts{TP: 9, FP: 1})
	s.Add(FieldCase, Counts{TP: 1, FN: 1})
	var b bytes.Buffer
	if err := WriteReport(&b, "set", s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	iCase, iCourt := strings.Index(out, "case_number"), strings.Index(out, "court")
	if iCase < 0 || iCourt < iCase || !strings.Contains(out, "0.900") || !strings.Contains(out, "0.500") {
		t.Errorf("report:\n%s", out)
	}
}
