package legal

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are shared seed inputs for the fuzz targets.
var fuzzSeeds = []string{
	"",
	"Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 1 of 4",
	"Case 4:19-cv-07123-PJH\n\n1\n2\n\nDocument 796-27\n\nFiled 09/15/25\n\nPage 1 of 7",
	"Case: 25-1432, 03/03/2025, DktEntry: 14.1, Page 1 of 3",
	"Case: 21-1298 Document: 42 Page: 1 Date Filed: 08/31/2022",
	"19-23649-shl Doc 1234 Filed 05/01/20 Entered 05/01/20 12:00:00 Main Document Pg 1 of 9",
	"ROSA M. SERRANO\nUnited States District Judge",
	"Before: WALSH, IBARRA, and CHEN, Circuit Judges.",
	"Before the Honorable Yvonne Gonzalez\nRogers\nUnited States District Court Judge",
	"1:23-cr-00456-LTK",
	"U.S. District Judge Laura T. Kessler",
	"Judge: Hon. Terry J. Hatter, Jr.",
	"UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA",
	"United States Bankruptcy Court for the District of Delaware Case No. 23-10945 (JTD)",
	"WhatsApp v. NSO, No. 4:19-cv-07123 (N.D. Cal.) No. 20-16408 (9th Cir. 2021)",
	"Dated: New York, New York\nNovember 3, 2025",
	"CV 15-5642-CAS(JCx) 2019-cv-7123 No. 03-14-2024 (212) 450-4000",
	"Case Case 4:08-cv-02214-SBA 4:08-cv-02214-SBADocument Document 2627 Filed Filed 01/29/2009",
	"\xff\xfe Judge \u00a0Hon.\u2003Ñandú Ö'BRIEN-MCCOY III",
}

func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
}

var reISODate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func FuzzFindCaseNumbers(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		seen := map[string]bool{}
		for _, cn := range FindCaseNumbers(s) {
			if seen[cn.Canonical] {
				t.Fatalf("duplicate canonical %q", cn.Canonical)
			}
			seen[cn.Canonical] = true
			if cn.Court != "" {
				t.Fatalf("Court set by FindCaseNumbers: %+v", cn)
			}
			again, ok := ParseCaseNumber(cn.Canonical)
			if !ok || again.Canonical != cn.Canonical {
				t.Fatalf("canonical %q does not re-parse (%+v, %v)", cn.Canonical, again, ok)
			}
		}
	})
}

func FuzzParseCaseNumber(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{"19-cv-7123", "4:19-CV-07123-PJH", "Case No. 19-cv-07123", "No. 20-16408", "19cv7123", "23-10945 (JTD)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cn, ok := ParseCaseNumber(s)
		if !ok {
			return
		}
		again, ok := ParseCaseNumber(cn.Canonical)
		if !ok || again.Canonical != cn.Canonical {
			t.Fatalf("ParseCaseNumber(%q) = %q, which re-parses to %q, %v", s, cn.Canonical, again.Canonical, ok)
		}
	})
}

func FuzzFindECFStamp(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := FindECFStamp(s)
		if !ok {
			return
		}
		if st.CaseNumber == "" || !reISODate.MatchString(st.Filed) || (st.DocumentNumber == "" && st.Page == 0) {
			t.Fatalf("incomplete stamp %+v", st)
		}
		if _, ok := ParseCaseNumber(st.CaseNumber); !ok {
			t.Fatalf("stamp case number %q does not parse", st.CaseNumber)
		}
	})
}

func FuzzFindJudges(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		seen := map[string]bool{}
		for _, j := range FindJudges(s) {
			if j.Name == "" || seen[j.Name] {
				t.Fatalf("empty or duplicate name in %+v", j)
			}
			seen[j.Name] = true
			if utf8.ValidString(s) && !utf8.ValidString(j.Name) {
				t.Fatalf("invalid UTF-8 name %q from valid input", j.Name)
			}
		}
	})
}

func FuzzFindCourt(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := FindCourt(s)
		if !ok {
			return
		}
		if got, ok := CourtByID(c.ID); !ok || got != c {
			t.Fatalf("FindCourt returned %+v, not in table", c)
		}
	})
}

func FuzzFindSignedDate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := FindSignedDate(s); ok && !reISODate.MatchString(d) {
			t.Fatalf("bad date %q", d)
		}
	})
}

func FuzzAnalyze(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		md := Analyze(s)
		if md.Date != "" && !reISODate.MatchString(md.Date) {
			t.Fatalf("bad date %q", md.Date)
		}
		seen := map[string]bool{}
		for _, cn := range md.CaseNumbers {
			if cn.Role != RoleDocket && cn.Role != RoleRelated && cn.Role != RoleCited {
				t.Fatalf("case number %q has role %q", cn.Canonical, cn.Role)
			}
			if seen[cn.Canonical] {
				t.Fatalf("case number %q listed twice", cn.Canonical)
			}
			seen[cn.Canonical] = true
			if got, ok := ParseCaseNumber(cn.Canonical); !ok || got.Canonical != cn.Canonical {
				t.Fatalf("canonical %q does not parse to itself (%q)", cn.Canonical, got.Canonical)
			}
		}
		for _, j := range md.Judges {
			if capacityRank(j.Capacity) == 0 {
				t.Fatalf("judge %q has capacity %q", j.Name, j.Capacity)
			}
		}
		for _, cn := range md.CaseNumbers {
			if cn.Court != "" {
				if _, ok := CourtByID(cn.Court); !ok {
					t.Fatalf("unknown court %q", cn.Court)
				}
			}
		}
	})
}

func FuzzFindCaption(f *testing.F) {
	addSeeds(f)
	f.Add("NIBI, INC., Case No. 24-cv-06184-EKL\nPlaintiff,\nORDER TO SUPPLEMENT\nv.\nJOHN DOE,\nDefendant.\n")
	f.Add("In re: )\nWAVE COMPUTING, INC., et al., ) Chapter 11\n")
	f.Add("TARRANT REGIONAL WATER DISTRICT v.\nHERRMANN ET AL.\n")
	f.Fuzz(func(t *testing.T, s string) {
		c := FindCaption(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(c) || len(c) > 300 || strings.ContainsAny(c, "\n\t") {
			t.Fatalf("caption %q", c)
		}
	})
}

func FuzzClassifyDocType(f *testing.F) {
	addSeeds(f)
	f.Add("DEFENDANTS’ NOTICE OF MOTION AND MOTION TO DISMISS")
	f.Add("[PROPOSED] ORDER GRANTING PLAINTIFF'S MOTION")
	valid := setOf(`complaint motion order opinion exhibit transcript docket declaration brief notice stipulation`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, got := range []string{ClassifyDocType(s, ""), ClassifyDocType("", s), ClassifyDocType(s, s)} {
			if got != "" && !valid[got] {
				t.Fatalf("ClassifyDocType returned %q", got)
			}
		}
	})
}

func FuzzFindDateFiled(f *testing.F) {
	addSeeds(f)
	f.Add("Date Filed: 01/11/2008\nDocketed: 01/06/2016")
	f.Add("FILED\n2021 Feb-16 AM 08:55\nArgued April 23, 2013—Decided June 13, 2013")
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := FindDateFiled(s); ok != (d != "") || ok && !reISODate.MatchString(d) {
			t.Fatalf("FindDateFiled = %q, %v", d, ok)
		}
		for _, find := range []func(string) (string, bool){findFiledStamp, findDecided} {
			if d, ok := find(s); ok != (d != "") || ok && !reISODate.MatchString(d) {
				t.Fatalf("date = %q, %v", d, ok)
			}
		}
	})
}

func FuzzJudgeNames(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k := JudgeKey(s)
		if k != "" && !SameJudge(s, s) {
			t.Fatalf("SameJudge(%q, itself) = false (key %q)", s, k)
		}
		if SameJudge(s, "Phyllis J. Hamilton") != SameJudge("Phyllis J. Hamilton", s) {
			t.Fatalf("SameJudge not symmetric for %q", s)
		}
		_ = InitialsMatch(s, s)
	})
}
