package legal

import (
	"reflect"
	"testing"
)

func TestFindCaseNumbers(t *testing.T) {
	cn := func(raw, canon, office, ini string) CaseNumber {
		return CaseNumber{Raw: raw, Canonical: canon, Office: office, JudgeInitials: ini}
	}
	tests := []struct {
		name string
		text string
		want []CaseNumber
	}{
		{"stamp", "Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 1 of 4",
			[]CaseNumber{cn("3:24-cv-01234-RMS", "24-cv-01234", "3", "RMS")}},
		{"criminal", "United States v. Doe, 1:23-cr-00456-LTK", []CaseNumber{cn("1:23-cr-00456-LTK", "23-cr-00456", "1", "LTK")}},
		{"upper type short number", "No. 4:19-CV-7123-PJH", []CaseNumber{cn("4:19-CV-7123-PJH", "19-cv-07123", "4", "PJH")}},
		{"two initial groups", "Case No. 19-cv-07123-PJH-JCS", []CaseNumber{cn("19-cv-07123-PJH-JCS", "19-cv-07123", "", "PJH-JCS")}},
		{"four digit year", "Civil Action No. 2019-cv-7123", []CaseNumber{cn("2019-cv-7123", "19-cv-07123", "", "")}},
		{"distinct in order", "Case 4:19-cv-07123-PJH ... related case 3:20-mc-80132-JSC ... again 19-cv-07123",
			[]CaseNumber{cn("4:19-cv-07123-PJH", "19-cv-07123", "4", "PJH"), cn("3:20-mc-80132-JSC", "20-mc-80132", "3", "JSC")}},
		{"central district style", "Case No. CV 15-5642-CAS(JCx)", []CaseNumber{cn("CV 15-5642-CAS", "15-cv-05642", "", "CAS")}},
		{"appellate", "No. 20-16408", []CaseNumber{cn("20-16408", "20-16408", "", "")}},
		{"appellate case colon", "Case: 21-1298 Document: 42", []CaseNumber{cn("21-1298", "21-01298", "", "")}},
		{"appeal no", "Appeal No. 25-1689", []CaseNumber{cn("25-1689", "25-01689", "", "")}},
		{"docket no", "Docket No. 25-1686", []CaseNumber{cn("25-1686", "25-01686", "", "")}},
		{"bankruptcy initials", "Case No. 23-10945 (JTD)", []CaseNumber{cn("23-10945", "23-10945", "", "JTD")}},
		{"bankruptcy suffix", "Case No. 19-23649-shl", []CaseNumber{cn("19-23649", "19-23649", "", "shl")}},
		{"criminal no", "Criminal No. 22-cr-123", []CaseNumber{cn("22-cr-123", "22-cr-00123", "", "")}},
		{"ca no", "C.A. No. 21-456", []CaseNumber{cn("21-456", "21-00456", "", "")}},
		{"magistrate", "Case No. 20-mj-71534-MAG", []CaseNumber{cn("20-mj-71534-MAG", "20-mj-71534", "", "MAG")}},
		// negatives
		{"date", "Dated 03-14-2024 and 2024-03-14", nil},
		{"date after cue", "Order No. 03-14-2024", nil},
		{"phone", "Telephone: (212) 450-4000, fax 415-555-1234", nil},
		{"phone after cue", "Phone No. 415-555-1234", nil},
		{"zip", "San Francisco, CA 94115-1141", nil},
		{"bates", "WA-NSO-00012345 and NSO_WHATSAPP_0000123 and FB-01-23456", nil},
		{"no cue", "between 20-16408 and 21-1298", nil},
		{"ecf doc number", "Dkt. No. 677-5 and ECF No. 741-44", nil},
		{"unknown type", "part 12-ab-34567", nil},
		{"impossible year", "3019-cv-7123", nil},
		{"zero number", "19-cv-00000", nil},
		{"decimal", "No. 12-345.5", nil},
		{"blank number", "Civil Action No. 1:21-cv-______", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FindCaseNumbers(tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("FindCaseNumbers(%q)\n got %+v\nwant %+v", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseCaseNumber(t *testing.T) {
	tests := []struct {
		in, canon, office, ini string
		ok                     bool
	}{
		{"19-cv-7123", "19-cv-07123", "", "", true},
		{"4:19-CV-07123-PJH", "19-cv-07123", "4", "PJH", true},
		{"Case No. 19-cv-07123", "19-cv-07123", "", "", true},
		{"case no 19-cv-07123", "19-cv-07123", "", "", true},
		{"No. 20-16408", "20-16408", "", "", true},
		{"20-16408", "20-16408", "", "", true},
		{"1:23-cr-00456", "23-cr-00456", "1", "", true},
		{"1:23-cr-00456-LTK", "23-cr-00456", "1", "LTK", true},
		{"2019-cv-7123", "19-cv-07123", "", "", true},
		{"19cv7123", "19-cv-07123", "", "", true},
		{"19 cv 7123", "19-cv-07123", "", "", true},
		{"  19-cv-07123.  ", "19-cv-07123", "", "", true},
		{"CV 15-5642-CAS", "15-cv-05642", "", "CAS", true},
		{"Case No. 23-10945 (JTD)", "23-10945", "", "JTD", true},
		{"Appeal No. 25-1689", "25-01689", "", "", true},
		{"Civil Action No. 3:24-cv-01234-RMS", "24-cv-01234", "3", "RMS", true},
		{"19-cv-123456", "19-cv-123456", "", "", true},
		{"", "", "", "", false},
		{"cand", "", "", "", false},
		{"03-14-2024", "", "", "", false},
		{"415-555-1234", "", "", "", false},
		{"94115-1141", "", "", "", false},
		{"19-xx-7123", "", "", "", false},
		{"19-cv-", "", "", "", false},
		{"19-cv-7123 and more", "", "", "", false},
		{"12-3", "", "", "", false},
	}
	for _, tc := range tests {
		got, ok := ParseCaseNumber(tc.in)
		if ok != tc.ok || got.Canonical != tc.canon || got.Office != tc.office || got.JudgeInitials != tc.ini {
			t.Errorf("ParseCaseNumber(%q) = %+v, %v", tc.in, got, ok)
		}
		if ok {
			again, ok2 := ParseCaseNumber(got.Canonical)
			if !ok2 || again.Canonical != got.Canonical {
				t.Errorf("canonical %q does not re-parse: %+v %v", got.Canonical, again, ok2)
			}
		}
	}
}
