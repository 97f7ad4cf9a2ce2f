package legal

import "testing"

func TestFindDateFiled(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Assigned to: Hon. William Alsup\nDate Filed: 01/11/2008\nDate Terminated: 01/18/2008", "2008-01-11"},
		{"Date filed: \t  05/07/2008 \t", "2008-05-07"},
		{"Date Filed:       04/24/09", "2009-04-24"},
		{"Court of Appeals Docket #: 16-1033\nDocketed: 01/06/2016\nDate Filed: 12/08/2015", "2016-01-06"},
		{"Date Filed: 02/30/2008 Date Filed: 03/01/2008", "2008-03-01"},
		{"filed on 01/11/2008", ""},
	}
	for _, tt := range tests {
		got, ok := FindDateFiled(tt.text)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("FindDateFiled(%q) = %q, %v, want %q", tt.text, got, ok, tt.want)
		}
	}
}

func TestAnalyzeDateFallbacks(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"ecf first", "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9\nFILED\nMarch 16, 2022\nDated: May 1, 2024", "2025-04-04"},
		{"clerk stamp with year first", "FILED\n2021 Feb-16 AM 08:55\nU.S. DISTRICT COURT\nN.D. OF ALABAMA", "2021-02-16"},
		{"clerk stamp before dated", "FILED\nSep 13, 2019\n01:20 PM(CT)\n...\nDated: September 1, 2019", "2019-09-13"},
		{"dated", "IT IS SO ORDERED.\nDated: December 10, 2024\nEumi K. Lee", "2024-12-10"},
		{"decided", "No. 11-889. Argued April 23, 2013—Decided June 13, 2013", "2013-06-13"},
		{"mid-sentence filed is not a stamp", "the complaint was FILED on March 3, 2020", ""},
		{"lower-case filed is not a stamp", "filed\nMarch 3, 2020", ""},
	}
	for _, tt := range tests {
		if got := Analyze(tt.text).Date; got != tt.want {
			t.Errorf("%s: Date = %q, want %q", tt.name, got, tt.want)
		}
	}
}
