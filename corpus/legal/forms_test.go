package legal

import (
	"reflect"
	"testing"
)

// Forms added for the evaluation in package legaleval
// (cmd/dossier/internal/eval/legaleval): docket pages, criminal defendant
// numbers, lists, wrapped numbers, other stamps.

func TestFindCaseNumbersMoreForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // Raw|Canonical|JudgeInitials
	}{
		{"criminal defendant number", "CRIMINAL DOCKET FOR CASE #: 2:17-cr-00378-SPL-1\nCase title", []string{"2:17-cr-00378-SPL-1|17-cr-00378|SPL"}},
		{"defendant number needs initials", "case 2:17-cr-00378-1234", nil},
		{"bankruptcy petition", "Bankruptcy Petition #: 08-42263\t\nAssigned to:", []string{"08-42263|08-42263|"}},
		{"office digit before initials", "Bankruptcy Petition #: 09-12515-1-rel\t", []string{"09-12515|09-12515|rel"}},
		{"appeals docket hash colon", "Court of Appeals Docket #: 16-1033", []string{"16-1033|16-01033|"}},
		{"adversary proceeding", "Adversary Proceeding #: 09-01165-jmp", []string{"09-01165|09-01165|jmp"}},
		{"list after cue", "CASE NOS. 20-55436,\n 20-55662 and 20-55700", []string{"20-55436|20-55436|", "20-55662|20-55662|", "20-55700|20-55700|"}},
		{"list needs adjacency", "Case No. 20-55436. On 20-55662 more", []string{"20-55436|20-55436|"}},
		{"wrapped district number", "See Anthes, No. 17-CV-\n02511 (ALC), 2018 WL", []string{"17-CV-02511|17-cv-02511|"}},
		{"en dash", "No. 11–889. Argued April 23, 2013", []string{"11-889|11-00889|"}},
		{"civil action no", "Civil Action No. 20-1234", []string{"20-1234|20-cv-01234|"}},
		{"civ no names the type", "Civ. No. 16-4465 (RMB-JS)", []string{"16-4465|16-cv-04465|"}},
		{"criminal no names the type", "Criminal No. 20-123", []string{"20-123|20-cr-00123|"}},
		{"no. c form", "Wells Fargo v. ABD, No. C 12-3856 PJH, 2013 WL 897914", []string{"C 12-3856|12-cv-03856|"}},
		{"no. c joined form", "ZG Top Tech. Co. v. Doe, No. C19-92-RAJ, 2019 WL 917418", []string{"C19-92|19-cv-00092|"}},
		{"usdc no", "USDC No. 3:20-CV-257", []string{"3:20-CV-257|20-cv-00257|"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range FindCaseNumbers(tt.text) {
			got = append(got, c.Raw+"|"+c.Canonical+"|"+c.JudgeInitials)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: FindCaseNumbers(%q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
	if cn, ok := ParseCaseNumber("2:17-cr-00378-SPL-1"); !ok || cn.Canonical != "17-cr-00378" || cn.JudgeInitials != "SPL" {
		t.Errorf("ParseCaseNumber defendant number = %+v, %v", cn, ok)
	}
}

func TestFindECFStampSecondCircuit(t *testing.T) {
	st, ok := FindECFStamp("Case 17-3510, Document 1-1, 10/31/2017, 2161300, Page1 of 2\nUnited States Court of Appeals")
	want := ECFStamp{Raw: "Case 17-3510 Document 1-1 10/31/2017 2161300 Page1 of 2", CaseNumber: "17-3510", DocumentNumber: "1-1", Filed: "2017-10-31", Page: 1, PageCount: 2}
	if !ok || st != want {
		t.Errorf("FindECFStamp = %+v, %v; want %+v", st, ok, want)
	}
	// An entry ID is read only after a comma: body numbers stay out of Raw.
	st, _ = FindECFStamp("Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9\n12 100000 dollars")
	if st.Raw != "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9" {
		t.Errorf("Raw = %q", st.Raw)
	}
}

func TestFindCourtPACERHeaders(t *testing.T) {
	tests := []struct{ text, want string }{
		{"CAND-ECF\nU.S. District Court\n\nCalifornia Northern District (San Francisco)\nCIVIL DOCKET FOR CASE #: 3:08-cv-00159-WHA", "cand"},
		{"CM/ECF LIVE\nUS Bankruptcy Court [LIVE]\nDistrict of Minnesota (Minneapolis)\nBankruptcy Petition #: 09-43537", "mnb"},
		{"U.S. Bankruptcy Court\nNORTH DAKOTA (Fargo)\nBankruptcy Petition #: 09-31357", "ndb"},
		{"U.S. Bankruptcy Court [LIVE-CM 3.3.3]\nEastern District of California (Sacramento)", "caeb"},
		{"US District Court Electronic Case Filing System\nDistrict of Utah (Central)", "utd"},
		{"General Docket\nUnited States Court of Appeals for District of Columbia Circuit", "cadc"},
		{"U.S. District Court\nCalifornia Northern District", ""}, // no division: not a PACER heading
	}
	for _, tt := range tests {
		c, _ := FindCourt(tt.text)
		if c.ID != tt.want {
			t.Errorf("FindCourt(%q) = %q, want %q", tt.text, c.ID, tt.want)
		}
	}
}

func TestFindJudgesMoreForms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // Name|Role
	}{
		{"assigned and referred", "Assigned to: Senior Judge Richard G. Kopf\nReferred to: Magistrate Judge Cheryl R. Zwart\nAppeals court case number", []string{"Richard G. Kopf|", "Cheryl R. Zwart|magistrate judge"}},
		{"assigned capitals", "Assigned to:       MIKE K. NAKAGAWA\nChapter          7", []string{"Mike K. Nakagawa|"}},
		{"special master is not a judge", "NEWPORT TRIAL GROUP, et al.,\nMaster: Hon. Rosalyn Chapman\nJudge: Hon. James V. Selna\nDefendants.", []string{"James V. Selna|"}},
		{"name comma title", "SELYA, Circuit Judge. This appeal\nBARRON, Circuit Judge, concurring in part.", []string{"Selya|circuit judge", "Barron|circuit judge"}},
		{"chief judge line", "Kenneth M. Switzer, Chief Judge  )\n", []string{"Kenneth M. Switzer|chief judge"}},
		{"justice", "SOTOMAYOR, J., delivered the opinion for a unanimous Court.\nJUSTICE SOTOMAYOR delivered the opinion of the Court.", []string{"Sotomayor|justice"}},
		{"not a justice", "PAGE, J., filed nothing", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, j := range FindJudges(tt.text) {
			got = append(got, j.Name+"|"+j.Role)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: FindJudges = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMergeJudgesPrefersFullestForm(t *testing.T) {
	text := "Judge Hamilton ruled.\nU.S. District Judge Phyllis Hamilton said.\nPHYLLIS J. HAMILTON\nUnited States District Judge"
	got := FindJudges(text)
	if len(got) != 1 || got[0].Name != "Phyllis J. Hamilton" || got[0].Role != RoleDistrict {
		t.Errorf("FindJudges = %+v, want one Phyllis J. Hamilton (district judge)", got)
	}
}
