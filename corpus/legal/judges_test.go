package legal

import (
	"reflect"
	"testing"
)

func TestCanonicalJudgeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"PHYLLIS J. HAMILTON", "Phyllis J. Hamilton"},
		{"Hon. Phyllis J. Hamilton", "Phyllis J. Hamilton"},
		{"HON. PHYLLIS J. HAMILTON", "Phyllis J. Hamilton"},
		{"The Honorable Maxine M. Chesney", "Maxine M. Chesney"},
		{"BEFORE THE HONORABLE EDWARD J. DAVILA", "Edward J. Davila"},
		{"/s/ Rosa M. Serrano", "Rosa M. Serrano"},
		{"ROSA M. SERRANO, United States District Judge", "Rosa M. Serrano"},
		{"Hon. Nancy Torresen, U.S. District Judge", "Nancy Torresen"},
		{"JOHN MCDONALD", "John McDonald"},
		{"M. MARGARET McKEOWN", "M. Margaret McKeown"},
		{"ALLAN MACDONALD", "Allan MacDonald"},
		{"JUAN MACHADO", "Juan Machado"},
		{"SANDRA DAY O'CONNOR", "Sandra Day O'Connor"},
		{"ARACELI MARTÍNEZ-OLGUÍN", "Araceli Martínez-Olguín"},
		{"ROBERT L. MILLER, JR.", "Robert L. Miller Jr."},
		{"Terry J. Hatter, Jr.", "Terry J. Hatter Jr."},
		{"ANDRÉ BIROTTE JR", "André Birotte Jr."},
		{"MARSHALL L. DAVIDSON III", "Marshall L. Davidson III"},
		{"Virginia K. DeMarchi", "Virginia K. DeMarchi"},
		{"PHYLLIS J HAMILTON", "Phyllis J. Hamilton"},
		{"S.R. THOMAS", "S.R. Thomas"},
		{"WALSH", "Walsh"},
		{"  Laura   T.  Kessler ", "Laura T. Kessler"},
		{"", ""},
		{"Hon.", ""},
	}
	for _, tc := range tests {
		if got := CanonicalJudgeName(tc.in); got != tc.want {
			t.Errorf("CanonicalJudgeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFindJudges(t *testing.T) {
	j := func(name, raw, role string) Judge { return Judge{Name: name, Raw: raw, Role: role} }
	tests := []struct {
		name string
		text string
		want []Judge
	}{
		{"signature", "IT IS SO ORDERED.\nDated: September 12, 2024\n\nROSA M. SERRANO\nUnited States District Judge\n",
			[]Judge{j("Rosa M. Serrano", "ROSA M. SERRANO", RoleDistrict)}},
		{"signature rule and blank", "______________________\nROSA M. SERRANO\n\nUnited States District Judge", []Judge{j("Rosa M. Serrano", "ROSA M. SERRANO", RoleDistrict)}},
		{"signature two lines", "HONORABLE GEORGE H. WU\n28\nUNITED STATES DISTRICT JUDGE", []Judge{j("George H. Wu", "GEORGE H. WU", RoleDistrict)}},
		{"signature magistrate", "CAROLYN K. DELANEY\nUNITED STATES MAGISTRATE JUDGE", []Judge{j("Carolyn K. Delaney", "CAROLYN K. DELANEY", RoleMagistrate)}},
		{"signature us", "THE HONORABLE PHYLLIS J. HAMILTON\nU.S. DISTRICT JUDGE", []Judge{j("Phyllis J. Hamilton", "PHYLLIS J. HAMILTON", RoleDistrict)}},
		{"signature chief", "Mary Smith Jones\nChief Judge", []Judge{j("Mary Smith Jones", "Mary Smith Jones", RoleChief)}},
		{"signature circuit", "Kim Lee Park\nCircuit Judge", []Judge{j("Kim Lee Park", "Kim Lee Park", RoleCircuit)}},
		{"name split over lines", "Before the Honorable Yvonne Gonzalez\nRogers\nUnited States District Court Judge",
			[]Judge{j("Yvonne Gonzalez Rogers", "Yvonne Gonzalez Rogers", RoleDistrict)}},
		{"hearing line", "Date: March 1, 2025\nJudge: Hon. Phyllis J. Hamilton\nCourtroom: 3", []Judge{j("Phyllis J. Hamilton", "Phyllis J. Hamilton", "")}},
		{"hon with title", "[Hon. Nancy Torresen, U.S. District Judge]", []Judge{j("Nancy Torresen", "Nancy Torresen", RoleDistrict)}},
		{"hon usdj", "before the Honorable Edward J. Davila, U.S.D.J., Courtroom 4", []Judge{j("Edward J. Davila", "Edward J. Davila", RoleDistrict)}},
		{"hon suffix", "Judge: Hon. Terry J. Hatter, Jr.", []Judge{j("Terry J. Hatter Jr.", "Terry J. Hatter Jr.", "")}},
		{"panel", "Before: WALSH, IBARRA, and CHEN, Circuit Judges.",
			[]Judge{j("Walsh", "WALSH", RoleCircuit), j("Ibarra", "IBARRA", RoleCircuit), j("Chen", "CHEN", RoleCircuit)}},
		{"panel chief", "Before\nHoward, Chief Judge,\nSelya and Barron, Circuit Judges.",
			[]Judge{j("Howard", "Howard", RoleCircuit), j("Selya", "Selya", RoleCircuit), j("Barron", "Barron", RoleCircuit)}},
		{"panel initials", "Before: S.R. THOMAS, Chief Judge, and McKEOWN, Circuit Judge.",
			[]Judge{j("S.R. Thomas", "S.R. THOMAS", RoleCircuit), j("McKeown", "McKEOWN", RoleCircuit)}},
		{"article district", "U.S. District Judge Laura T. Kessler", []Judge{j("Laura T. Kessler", "Laura T. Kessler", RoleDistrict)}},
		{"article sentence", "On Friday, U.S. District Judge Phyllis Hamilton ruled that NSO must pay.", []Judge{j("Phyllis Hamilton", "Phyllis Hamilton", RoleDistrict)}},
		{"article plain", "Judge Laura T. Kessler wrote that the motion was untimely.", []Judge{j("Laura T. Kessler", "Laura T. Kessler", "")}},
		{"article magistrate", "Magistrate Judge Sallie Kim ordered the parties to meet.", []Judge{j("Sallie Kim", "Sallie Kim", RoleMagistrate)}},
		{"article possessive", "Senior U.S. District Judge William Alsup's order was clear.", []Judge{j("William Alsup", "William Alsup", RoleDistrict)}},
		{"article sentence end", "The motion was denied by Chief Judge Richard Seeborg. The case continues.", []Judge{j("Richard Seeborg", "Richard Seeborg", RoleChief)}},
		{"merge surname", "U.S. District Judge Laura T. Kessler said the filing was late. Judge Kessler then recessed.", []Judge{j("Laura T. Kessler", "Laura T. Kessler", RoleDistrict)}},
		{"merge role", "Hon. Edward M. Chen\nUnited States District Judge", []Judge{j("Edward M. Chen", "Edward M. Chen", RoleDistrict)}},
		{"letter salutation", "Dear Magistrate Judge Ryu:", []Judge{j("Ryu", "Ryu", RoleMagistrate)}},
		{"surname", "Judge Andrews excluded the opinion.", []Judge{j("Andrews", "Andrews", "")}},
		// negatives
		{"surname cut by line break", "before Magistrate Judge Van\nKeulen in May", nil},
		{"judge advocate", "He served in the Judge Advocate General's Corps.", nil},
		{"judge the", "It is hard to judge the merits. The judge said so.", nil},
		{"the judge", "the judge ruled for the plaintiff and the Judge agreed", nil},
		{"headline", "Judge Blocks Trump Order on Tariffs", nil},
		{"headline titled", "Federal Judge Halts Deportation Flights", nil},
		{"headline name-like", "Judge Tosses Lawsuit Against Meta Over Privacy", nil},
		{"ordered line", "IT IS SO ORDERED.\nUnited States District Judge", nil},
		{"dated line", "Dated:\n\nApril 15, 2020\nUNITED STATES DISTRICT JUDGE", nil},
		{"honorable court", "Plaintiff respectfully moves this Honorable Court to enter an Order", nil},
		{"not a judge", "The Honorable Merrick Garland, Attorney General of the United States", nil},
		{"magistrate jurisdiction", "Magistrate Judge Jurisdiction. This case has been randomly assigned.", nil},
		{"panel not names", "Before the Court is a motion by several circuit judges", nil},
		{"role alone", "United States District Judge", nil},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FindJudges(tc.text)
			for i := range got {
				got[i].Capacity = "" // TestJudgeCapacity covers capacities
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("FindJudges(%q)\n got %+v\nwant %+v", tc.text, got, tc.want)
			}
		})
	}
}
