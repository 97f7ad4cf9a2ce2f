package legal

import (
	"sort"
	"strings"
	"testing"
)

func TestCourtTableCounts(t *testing.T) {
	kinds := map[courtKind]int{}
	seen := map[string]bool{}
	for _, e := range courtTable {
		if seen[e.ID] {
			t.Errorf("duplicate court id %q", e.ID)
		}
		seen[e.ID] = true
		kinds[e.kind]++
		if e.Name == "" || e.Citation == "" {
			t.Errorf("court %q lacks name or citation", e.ID)
		}
	}
	if got := kinds[kindDistrict]; got != 94 {
		t.Errorf("district courts = %d, want 94", got)
	}
	if got := kinds[kindCircuit]; got != 13 {
		t.Errorf("courts of appeals = %d, want 13", got)
	}
	// Every district has a bankruptcy court except the three territorial
	// district courts, which hear bankruptcy cases themselves.
	if got := kinds[kindBankruptcy]; got != 91 {
		t.Errorf("bankruptcy courts = %d, want 91", got)
	}
	for _, e := range courtTable {
		if e.kind != kindDistrict {
			continue
		}
		b := bankruptcyOf(e.ID)
		switch e.ID {
		case "gud", "nmid", "vid":
			if b != "" {
				t.Errorf("territorial court %s has bankruptcy court %s", e.ID, b)
			}
		default:
			if b != strings.TrimSuffix(e.ID, "d")+"b" {
				t.Errorf("district %s: bankruptcy court %q", e.ID, b)
			}
		}
	}
	for _, id := range []string{"scotus", "uscfc", "cit"} {
		if !seen[id] {
			t.Errorf("missing %s", id)
		}
	}
	if len(courtTable) != 94+91+13+3 {
		t.Errorf("table size %d", len(courtTable))
	}
	all := Courts()
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].ID < all[j].ID }) {
		t.Error("Courts() not sorted by ID")
	}
	all[0].Name = "changed"
	if Courts()[0].Name == "changed" {
		t.Error("Courts() exposes the table")
	}
}

func TestCourtByID(t *testing.T) {
	tests := []struct {
		id, name, cite string
		ok             bool
	}{
		{"cand", "U.S. District Court, N.D. California", "N.D. Cal.", true},
		{"nysd", "U.S. District Court, S.D. New York", "S.D.N.Y.", true},
		{"dcd", "U.S. District Court, District of Columbia", "D.D.C.", true},
		{"ded", "U.S. District Court, D. Delaware", "D. Del.", true},
		{"wvnd", "U.S. District Court, N.D. West Virginia", "N.D. W. Va.", true},
		{"nmid", "District Court for the Northern Mariana Islands", "D. N. Mar. I.", true},
		{"canb", "U.S. Bankruptcy Court, N.D. California", "Bankr. N.D. Cal.", true},
		{"deb", "U.S. Bankruptcy Court, D. Delaware", "Bankr. D. Del.", true},
		{"nysb", "U.S. Bankruptcy Court, S.D. New York", "Bankr. S.D.N.Y.", true},
		{"ca9", "U.S. Court of Appeals, Ninth Circuit", "9th Cir.", true},
		{"cadc", "U.S. Court of Appeals, D.C. Circuit", "D.C. Cir.", true},
		{"cafc", "U.S. Court of Appeals, Federal Circuit", "Fed. Cir.", true},
		{"uscfc", "U.S. Court of Federal Claims", "Fed. Cl.", true},
		{"CAND", "", "", false},
		{"gub", "", "", false},
		{"", "", "", false},
	}
	for _, tc := range tests {
		c, ok := CourtByID(tc.id)
		if ok != tc.ok || c.Name != tc.name || c.Citation != tc.cite {
			t.Errorf("CourtByID(%q) = %+v, %v", tc.id, c, ok)
		}
	}
}

func TestFindCourt(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"caption", "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\nWHATSAPP INC.,", "cand"},
		{"caption spaces case", "united   states district court\n\n   northern  district of   california", "cand"},
		{"caption line numbers", "1\n2\nUNITED STATES DISTRICT COURT\n\n11\n\nCENTRAL DISTRICT OF CALIFORNIA\n12", "cacd"},
		{"caption for the", "IN THE UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF COLORADO\nCivil Action No.", "cod"},
		{"dc caption", "UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF COLUMBIA", "dcd"},
		{"west virginia", "United States District Court for the Southern District of West Virginia", "wvsd"},
		{"circuit caption", "UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT", "ca9"},
		{"circuit broken", "United States Court of Appeals\nFor the Seventh Circuit\nChicago, Illinois", "ca7"},
		{"dc circuit", "United States Court of Appeals\nFOR THE DISTRICT OF COLUMBIA CIRCUIT", "cadc"},
		{"federal circuit", "UNITED STATES COURT OF APPEALS FOR THE FEDERAL CIRCUIT", "cafc"},
		{"circuit prose", "a panel of the 9th U.S. Circuit Court of Appeals ruled", "ca9"},
		{"bankruptcy", "United States Bankruptcy Court for the District of Delaware\nIn re: ACME", "deb"},
		{"bankruptcy caps", "UNITED STATES BANKRUPTCY COURT\nSOUTHERN DISTRICT OF NEW YORK", "nysb"},
		{"territorial", "IN THE DISTRICT COURT OF THE VIRGIN ISLANDS", "vid"},
		{"scotus", "SUPREME COURT OF THE UNITED STATES\nSyllabus", "scotus"},
		{"fed claims", "In the United States Court of Federal Claims", "uscfc"},
		{"cit", "UNITED STATES COURT OF INTERNATIONAL TRADE", "cit"},
		{"citation", "WhatsApp Inc. v. NSO Group, No. 4:19-cv-07123 (N.D. Cal.)", "cand"},
		{"citation closed", "filed in S.D.N.Y. last week", "nysd"},
		{"citation bankr", "In re Acme, No. 23-10945 (Bankr. D. Del.)", "deb"},
		{"phrase", "a judge in the Northern District of California said", "cand"},
		{"phrase sdny", "prosecutors in the Southern District of New York", "nysd"},
		{"phrase undivided", "the case was moved to the District of New Jersey", "njd"},
		{"caption beats phrase", "transferred to the Southern District of New York\nUNITED STATES DISTRICT COURT\nDISTRICT OF DELAWARE", "ded"},
		{"appeal from skipped", "United States Court of Appeals For the First Circuit\nAPPEAL FROM THE UNITED STATES DISTRICT COURT FOR THE DISTRICT OF MAINE", "ca1"},
		{"appeal from only", "Appeal from the United States District Court for the Northern District of California", ""},
		{"certiorari", "SUPREME COURT OF THE UNITED STATES\nCERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE TENTH CIRCUIT", "scotus"},
		{"us attorney", "the U.S. Attorney's Office for the Western District of New York announced", ""},
		{"us attorney 2", "Geoffrey Berman, the U.S. attorney for the Southern District of New York, said", ""},
		{"letter address", "Hon. J. Paul Oetken\nUnited States District Judge\nSouthern District of New York\n40 Foley Square\n... warrants in the District of Maryland", "nysd"},
		{"judge of district", "U.S. Bankruptcy Judge for the District of Delaware", "deb"},
		{"phrase repeated", "the Northern District of California ... in the Northern District of California", "cand"},
		{"ambiguous phrases", "Dyksma v. Harris County, Southern District of Georgia; Thomas v. Smyrna, Northern District of Georgia", ""},
		{"ambiguous phrase beats cite", "Southern District of Georgia and Northern District of Georgia (N.D. Cal.)", ""},
		{"ambiguous cites", "No. 1 (N.D. Cal.) and No. 2 (S.D.N.Y.)", ""},
		{"oakland", "a federal court in Oakland", ""},
		{"dc city", "11 states and the District of Columbia", ""},
		{"no such district", "the Central District of New York", ""},
		{"divided state bare", "the District of California", ""},
		{"case cite with year", "Smith v. Jones, 2019 WL 1234 (N.D. Cal. 2019)", ""},
		{"case cite with date", "(S.D.N.Y. Mar. 3, 2020)", ""},
		{"circuit cite with year", "123 F.3d 456 (9th Cir. 1999)", ""},
		{"mere circuit", "the Ninth Circuit has held", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := FindCourt(tc.text)
			if tc.want == "" {
				if ok {
					t.Errorf("FindCourt(%q) = %s, want none", tc.text, c.ID)
				}
				return
			}
			if !ok || c.ID != tc.want {
				t.Errorf("FindCourt(%q) = %q, %v; want %q", tc.text, c.ID, ok, tc.want)
			}
		})
	}
}

func TestCourtFromID(t *testing.T) {
	if len(aliasClashes) != 0 {
		t.Errorf("aliases claimed by two courts: %v", aliasClashes)
	}
	tests := []struct{ in, want string }{
		{"cand", "cand"}, {"CAND", "cand"}, {"N.D. Cal.", "cand"}, {"ndcal", "cand"}, {"N.D. Cal", "cand"},
		{"Northern District of California", "cand"}, {"S.D.N.Y.", "nysd"}, {"sdny", "nysd"}, {"edny", "nyed"},
		{"D. Del.", "ded"}, {"District of Delaware", "ded"}, {"ddc", "dcd"}, {"Bankr. N.D. Cal.", "canb"},
		{"canb", "canb"}, {"9th Cir.", "ca9"}, {"ninth circuit", "ca9"}, {"ca9", "ca9"}, {"D.C. Cir.", "cadc"},
		{"Fed. Cir.", "cafc"}, {"scotus", "scotus"}, {"Supreme Court", "scotus"}, {"Fed. Cl.", "uscfc"},
		{"", ""}, {"california", ""}, {"court", ""}, {"xx", ""}, {"US", ""},
	}
	for _, tc := range tests {
		c, ok := CourtFromID(tc.in)
		if tc.want == "" {
			if ok {
				t.Errorf("CourtFromID(%q) = %s, want none", tc.in, c.ID)
			}
			continue
		}
		if !ok || c.ID != tc.want {
			t.Errorf("CourtFromID(%q) = %q, %v; want %q", tc.in, c.ID, ok, tc.want)
		}
	}
}
