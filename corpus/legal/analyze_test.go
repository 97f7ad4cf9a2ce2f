package legal

import (
	"reflect"
	"strings"
	"testing"
)

// sampleOrder is a fictional district court order.
const sampleOrder = `Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 1 of 4

1
2
UNITED STATES DISTRICT COURT
3
DISTRICT OF CONNECTICUT

ACME WIDGETS, INC.,
Plaintiff,
v.
BETA GADGETS LLC,
Defendant.

Case No. 3:24-cv-01234-RMS

ORDER GRANTING MOTION TO DISMISS

Defendant moved to dismiss. See Smith v. Jones, No. 20-16408 (2d Cir. 2021);
Doe v. Roe, 1:23-cr-00456-LTK (S.D.N.Y. 2023); Ng v. Ode, 2:22-cv-00077 (D. Conn. 2022);
In re Poe, No. 21-1111 (N.D. Cal. 2021); see also No. 3:21-cv-00999.

IT IS SO ORDERED.
Dated: September 10, 2024

ROSA M. SERRANO
United States District Judge
`

func TestAnalyzeOrder(t *testing.T) {
	md := Analyze(sampleOrder)
	if md.Court == nil || md.Court.ID != "ctd" {
		t.Fatalf("court = %+v, want ctd", md.Court)
	}
	if md.ECF == nil || md.ECF.DocumentNumber != "45" || md.ECF.Filed != "2024-09-12" {
		t.Errorf("ECF = %+v", md.ECF)
	}
	if md.Date != "2024-09-12" {
		t.Errorf("Date = %q, want the ECF filed date", md.Date)
	}
	want := []CaseNumber{
		{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "ctd", Office: "3", JudgeInitials: "RMS", Role: RoleDocket},
		// cited with their own courts' citations
		{Raw: "20-16408", Canonical: "20-16408", Court: "ca2", Role: RoleCited},
		{Raw: "1:23-cr-00456-LTK", Canonical: "23-cr-00456", Court: "nysd", Office: "1", JudgeInitials: "LTK", Role: RoleCited},
		{Raw: "2:22-cv-00077", Canonical: "22-cv-00077", Court: "ctd", Office: "2", Role: RoleCited},
		// a short number cited to a district court: shape does not fit
		{Raw: "21-1111", Canonical: "21-cv-01111", Court: "cand", Role: RoleCited}, // a district court's short number is civil
		// cited without a court: never the citing filing's court
		{Raw: "3:21-cv-00999", Canonical: "21-cv-00999", Office: "3", Role: RoleCited},
	}
	if !reflect.DeepEqual(md.CaseNumbers, want) {
		t.Errorf("CaseNumbers\n got %+v\nwant %+v", md.CaseNumbers, want)
	}
	wantJ := []Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO", Role: RoleDistrict, Capacity: CapacitySigning}}
	if !reflect.DeepEqual(md.Judges, wantJ) {
		t.Errorf("Judges = %+v", md.Judges)
	}
}

func TestAnalyzeAppellate(t *testing.T) {
	text := "Case: 25-1432, 03/03/2025, DktEntry: 14.1, Page 1 of 3\n\nUNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\n\n" +
		"MEMORANDUM\n\nAppeal from the United States District Court for the Northern District of California\n" +
		"D.C. No. 4:19-cv-07123-PJH\n\nBefore: WALSH, IBARRA, and CHEN, Circuit Judges.\n"
	md := Analyze(text)
	if md.Court == nil || md.Court.ID != "ca9" {
		t.Fatalf("court = %+v, want ca9", md.Court)
	}
	if md.Date != "2025-03-03" {
		t.Errorf("Date = %q", md.Date)
	}
	if len(md.CaseNumbers) != 2 || md.CaseNumbers[0].Canonical != "25-01432" || md.CaseNumbers[0].Court != "ca9" ||
		md.CaseNumbers[0].Role != RoleDocket || md.CaseNumbers[1].Canonical != "19-cv-07123" || md.CaseNumbers[1].Court != "" ||
		md.CaseNumbers[1].Role != RoleRelated {
		t.Errorf("CaseNumbers = %+v", md.CaseNumbers)
	}
	if len(md.Judges) != 3 || md.Judges[0].Name != "Walsh" || md.Judges[2].Role != RoleCircuit || md.Judges[0].Capacity != CapacityPresiding {
		t.Errorf("Judges = %+v", md.Judges)
	}
}

func TestAnalyzeArticle(t *testing.T) {
	text := "A federal judge in Oakland on Friday ordered NSO Group to pay damages.\n\n" +
		"U.S. District Judge Phyllis Hamilton, who presides over WhatsApp v. NSO Group (No. 4:19-cv-07123) " +
		"in the Northern District of California, said the company had acted willfully."
	md := Analyze(text)
	if md.Court == nil || md.Court.ID != "cand" {
		t.Errorf("court = %+v", md.Court)
	}
	if md.ECF != nil || md.Date != "" {
		t.Errorf("ECF = %+v, Date = %q; want none", md.ECF, md.Date)
	}
	if len(md.CaseNumbers) != 1 || md.CaseNumbers[0].Court != "cand" {
		t.Errorf("CaseNumbers = %+v", md.CaseNumbers)
	}
	if len(md.Judges) != 1 || md.Judges[0].Name != "Phyllis Hamilton" || md.Judges[0].Role != RoleDistrict {
		t.Errorf("Judges = %+v", md.Judges)
	}
}

func TestAnalyzeUnknown(t *testing.T) {
	md := Analyze("A federal court in Oakland heard the case on Tuesday; the judge said little.")
	if md.Court != nil || md.CaseNumbers != nil || md.Judges != nil || md.ECF != nil || md.Date != "" {
		t.Errorf("Analyze of plain prose = %+v, want empty", md)
	}
	md = Analyze("Dated: March 14, 2024")
	if md.Date != "2024-03-14" {
		t.Errorf("signed date fallback = %q", md.Date)
	}
}

func TestBelongsTo(t *testing.T) {
	tests := []struct {
		canon string
		kind  courtKind
		want  bool
	}{
		{"19-cv-07123", kindDistrict, true},
		{"19-cv-07123", kindCircuit, false},
		{"19-bk-11573", kindDistrict, false},
		{"19-bk-11573", kindBankruptcy, true},
		{"23-10945", kindBankruptcy, true},
		{"20-16408", kindCircuit, true},
		{"20-16408", kindDistrict, false},
		{"20-16408", kindSupreme, false},
		{"16-cv-299476", kindDistrict, false},
	}
	for _, tc := range tests {
		if got := belongsTo(tc.canon, tc.kind); got != tc.want {
			t.Errorf("belongsTo(%q, %v) = %v", tc.canon, tc.kind, got)
		}
	}
}

func TestDistrictFormOfShortCitedNumbers(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Acad. v. Godaddy.com, Inc., No. 10-3738 AB (CWX), 2015 WL 12697750 (C.D. Cal. Apr. 10, 2015).", "10-cv-03738"},
		{"In re Bard IVC Filters Prod. Liab. Litig., MDL No. 15-2641, 2017 WL 6523833 (D. Ariz. Dec. 21, 2017).", "15-md-02641"},
		{"Celsius Network, No. 22-10964 (Bankr. S.D.N.Y. 2023).", "22-10964"},         // a bankruptcy court's numbers are short
		{"Doe v. Roe, No. 20-16408, 2021 WL 1 (9th Cir. 2021).", "20-16408"},          // an appeal
		{"Doe v. Roe, No. 3:21-cv-00999, 2021 WL 1 (N.D. Cal. 2021).", "21-cv-00999"}, // typed already
	}
	for _, tt := range tests {
		md := Analyze("UNITED STATES DISTRICT COURT\n\n\n" + strings.Repeat("text\n", 130) + tt.text)
		var got []string
		for _, c := range md.CaseNumbers {
			got = append(got, c.Canonical)
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s\n  numbers %v, want [%s]", tt.text, got, tt.want)
		}
	}
}

// TestOlderDistrictForms checks the prefixed civil numbers that district
// courts printed before the "YY-cv-NNNNN" form, as briefs cite them.
func TestOlderDistrictForms(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Estrella v. Freedom Fin. Network, LLC, No. SACV 09-0189 DOC (ANx), 2009 WL 10678991 (C.D. Cal. July 9, 2009)", "09-cv-00189"},
		{"Gardner v. Shell Oil Co., No. C-09-05876-CW, 2011 WL 1522377 (N.D. Cal. Apr. 21, 2011)", "09-cv-05876"},
		{"Hynix v. Rambus, Nos. CV-00-20905 RMW, C-05-00334 RMW, C-06-00244 RMW, 2008 U.S. Dist. LEXIS 12195 (N.D. Cal. 2008)", "00-cv-20905 05-cv-00334 06-cv-00244"},
		{"Aderhold v. Car2go N.A., LLC, No. C13-489RAJ, 2014 WL 794802 (W.D. Wash. Feb. 27, 2014)", "13-cv-00489"},
		{"Huricks v. Shopkick, Inc., No. C-14-2464 MMC, 2015 WL 5013299 (N.D. Cal. Aug. 24, 2015)", "14-cv-02464"},
		{"Mitchell v. Deutsche Bank, No. SACV 15-01307-CJC, 2015 WL 12867746 (C.D. Cal. Oct. 29, 2015)", "15-cv-01307"},
		{"Exhibit C-14-2464 of the record", ""},    // no "No.": not a number
		{"Vitamin C, 12-3856 units were sold", ""}, // a list needs "C-"
		{"see Appendix, C-12 and C-13", ""},        // too short to be a number
	}
	for _, tt := range tests {
		var got []string
		for _, c := range FindCaseNumbers(tt.text) {
			got = append(got, c.Canonical)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s\n  numbers %v, want %q", tt.text, got, tt.want)
		}
	}
}

// TestStampOverridesAnotherCourt checks that an exhibit reproducing
// another court's document (a Supreme Court brief filed in a district
// case) does not give the filing that court.
func TestStampOverridesAnotherCourt(t *testing.T) {
	text := "Case 4:19-cv-07123-PJH Document 144-2 Filed 09/11/20 Page 2 of 29\n\nNo. 19-648\n\n" +
		"In the Supreme Court of the United States\nCACI PREMIER TECHNOLOGY, INC., PETITIONER\nv.\nSUHAIL NAJIM ABDULLA AL SHIMARI\n"
	md := AnalyzeFiling(text, len(text))
	if md.Court != nil {
		t.Errorf("court %+v, want none (the stamp's district case is not the Supreme Court's)", md.Court)
	}
	if len(md.CaseNumbers) == 0 || md.CaseNumbers[0].Canonical != "19-cv-07123" || md.CaseNumbers[0].Role != RoleDocket {
		t.Errorf("case numbers %+v", md.CaseNumbers)
	}
	// Without a stamp, the text's court stands.
	if md := AnalyzeFiling(text[strings.Index(text, "No. 19-648"):], 200); md.Court == nil || md.Court.ID != "scotus" {
		t.Errorf("without a stamp: court %+v, want scotus", md.Court)
	}
}
