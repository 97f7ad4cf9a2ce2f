package legal

import (
	"strings"
	"testing"
)

// motionFixture is a fictional N.D. Cal. motion citing other cases.
const motionFixture = `Case 5:24-cv-06184-EKL Document 12 Filed 11/29/24 Page 1 of 9

UNITED STATES DISTRICT COURT
FOR THE NORTHERN DISTRICT OF CALIFORNIA
Case No.: 5:24-cv-06184-NC
ACME, INC.,
Plaintiff,
v.
JOHN DOE,
Defendant.
MOTION FOR DISCOVERY
` + "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n" + `
Case 5:24-cv-06184-EKL Document 12 Filed 11/29/24 Page 2 of 9
Courts allow it. SingularDTV GmbH v. Doe, No.
19
1:21-CV-06000-VEC , 2021 WL 3668161, at *1 (S.D.N.Y. Aug. 16, 2021); In re Celsius Network LLC,
No. 22-10964 (MG), 2024 WL 4564196 (Bankr. S.D.N.Y. Oct. 24, 2024); Fabian v. LeMahieu,
No. 4:19-cv-00054-YGR, 2020 WL 3402800, at *3 (N.D. Cal. June 19, 2020); Roe v. Poe,
576 U.S. 644 (2015); Ng v. Ode, No. 3:18-cv-00111.
Acceleration Bay v. Activision, No. 1:16-CV-00453-RGA, 2019 WL 4194060, at *3 (D. Del. Sept. 4, 2019).
Judge Andrews excluded the opinion.
`

func TestCaseRoles(t *testing.T) {
	type want struct{ canon, role, court string }
	tests := []struct {
		name string
		text string
		head int // first-page length for AnalyzeFiling; 0 means Analyze
		want []want
	}{
		{"motion citing cases", motionFixture, 0, []want{
			{"24-cv-06184", RoleDocket, "cand"},
			{"21-cv-06000", RoleCited, "nysd"},
			{"22-10964", RoleCited, "nysb"},
			{"19-cv-00054", RoleCited, "cand"},
			{"18-cv-00111", RoleCited, ""},
			{"16-cv-00453", RoleCited, "ded"},
		}},
		{"appeal names the district case", "Case: 25-1432, 03/03/2025, DktEntry: 14.1, Page 1 of 3\n" +
			"UNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\nD.C. No. 4:19-cv-07123-PJH\n", 0, []want{
			{"25-01432", RoleDocket, "ca9"},
			{"19-cv-07123", RoleRelated, ""},
		}},
		{"a court of appeals letter names the originating case", "Case: 17-3994 Document: 1-3 Filed: 09/20/2017 Page: 1\n" +
			"UNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\nRe: Case No. 17-3994, Island Creek Coal Company v. Linda Hill\n\nOriginating Case No. : 16-0556\n", 0, []want{
			{"17-03994", RoleDocket, "ca6"},
			{"16-00556", RoleRelated, "ca6"},
		}},
		{"related case in caption", "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n" +
			"Case No. 3:20-cv-01234-WHA\nRelated Case No. 3:20-cv-05678-WHA\n", 0, []want{
			{"20-cv-01234", RoleDocket, "cand"},
			{"20-cv-05678", RoleRelated, "cand"},
		}},
		{"transcript short form folds into the stamp's number", "Case 5:19-cv-06879-BLF Document 98 Filed 03/24/20 Page 1 of 20\n" +
			"UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\nCASE NO. 19-6879 BLF\n", 0, []want{
			{"19-cv-06879", RoleDocket, "cand"},
		}},
		{"exhibit caption past the first page is not the filing's", "Case 4:19-cv-07123-PJH Document 5 Filed 01/02/20 Page 1 of 3\nEXHIBIT A\n\n" +
			"UNITED STATES DISTRICT COURT\nCase No. 1:18-cv-00042\n", len("Case 4:19-cv-07123-PJH Document 5 Filed 01/02/20 Page 1 of 3\nEXHIBIT A\n"), []want{
			{"19-cv-07123", RoleDocket, ""},
			{"18-cv-00042", RoleCited, ""},
		}},
		{"appellate spellings are one number", "Case No. 21-800\nSee No. 21-00800 (2022).", 0, []want{
			{"21-00800", RoleDocket, ""},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			md := Analyze(tc.text)
			if tc.head > 0 {
				md = AnalyzeFiling(tc.text, tc.head)
			}
			var got []want
			for _, c := range md.CaseNumbers {
				got = append(got, want{c.Canonical, c.Role, c.Court})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("number %d: got %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestJudgeCapacity(t *testing.T) {
	tests := []struct {
		name string
		text string
		want map[string]string // judge name -> capacity
	}{
		{"signature", "IT IS SO ORDERED.\nDated: September 12, 2024\n\nROSA M. SERRANO\nUnited States District Judge\n",
			map[string]string{"Rosa M. Serrano": CapacitySigning}},
		{"panel", "Before: WALSH, IBARRA, and CHEN, Circuit Judges.\n",
			map[string]string{"Walsh": CapacityPresiding, "Ibarra": CapacityPresiding, "Chen": CapacityPresiding}},
		{"hearing line", "Date: March 1, 2025\nJudge: Hon. Phyllis J. Hamilton\n",
			map[string]string{"Phyllis J. Hamilton": CapacityPresiding}},
		{"prose mention without citation", "The parties appeared before Magistrate Judge Sallie Kim on May 2.",
			map[string]string{"Sallie Kim": CapacityPresiding}},
		{"judge of a cited case", "No. 17-CV-183-CAB-BGS, 2019 WL 5212394, at *3 (S.D. Cal. Oct. 16, 2019). Judge Bencivengo excluded it.",
			map[string]string{"Bencivengo": CapacityCited}},
		{"cited mention and signature", "Smith v. Jones, 2019 WL 1, at *2 (N.D. Cal. 2019). Judge Ann B. Lee agreed.\n\nANN B. LEE\nUnited States District Judge\n",
			map[string]string{"Ann B. Lee": CapacitySigning}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, j := range FindJudges(tc.text) {
				got[j.Name] = j.Capacity
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for n, c := range tc.want {
				if got[n] != c {
					t.Errorf("%s: capacity %q, want %q", n, got[n], c)
				}
			}
		})
	}
}

func TestDocketInitialsMakePresiding(t *testing.T) {
	// Judge Hamilton is named near a citation but the stamp's initials
	// (PJH) make her the filing's own judge.
	text := "Case 4:19-cv-07123-PJH Document 5 Filed 01/02/20 Page 1 of 3\n" +
		strings.Repeat("\n", 130) + "See Doe v. Roe, 2020 WL 1 (N.D. Cal. 2020). Judge Phyllis J. Hamilton so held.\n"
	md := Analyze(text)
	if len(md.Judges) != 1 || md.Judges[0].Capacity != CapacityPresiding {
		t.Errorf("Judges = %+v, want Hamilton presiding", md.Judges)
	}
}

func TestAnalyzeArticleMentioned(t *testing.T) {
	text := "U.S. District Judge Phyllis Hamilton, who presides over WhatsApp v. NSO Group (No. 4:19-cv-07123) " +
		"in the Northern District of California, ruled on Friday."
	md := AnalyzeArticle(text)
	if len(md.CaseNumbers) != 1 || md.CaseNumbers[0].Role != RoleMentioned || md.CaseNumbers[0].Court != "cand" {
		t.Errorf("CaseNumbers = %+v", md.CaseNumbers)
	}
	if len(md.Judges) != 1 || md.Judges[0].Capacity != CapacityMentioned {
		t.Errorf("Judges = %+v", md.Judges)
	}
}
