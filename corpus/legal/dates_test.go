package legal

import "testing"

func TestFindSignedDate(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"long month", "Dated: March 14, 2024", "2024-03-14"},
		{"slash", "DATED: 03/14/2024", "2024-03-14"},
		{"slash two digit", "DATED: 3/14/24", "2024-03-14"},
		{"place first", "Dated: New York, New York\nNovember 3, 2025\n\nRespectfully submitted,", "2025-11-03"},
		{"place same line", "Dated: San Francisco, California, April 4, 2025", "2025-04-04"},
		{"day of", "DATED this 14th day of March, 2024.", "2024-03-14"},
		{"abbrev month", "Dated: Sept. 9, 2021", "2021-09-09"},
		{"day month year", "Dated: 9 September 2021", "2021-09-09"},
		{"iso", "Dated: 2021-09-09", "2021-09-09"},
		{"next line", "Dated:\n\nApril 15, 2020\nUNITED STATES DISTRICT JUDGE", "2020-04-15"},
		{"line number", "27 Dated: July 9, 2021", "2021-07-09"},
		{"skip blank", "Dated: ____________\n\nlater\nDated: July 9, 2021", "2021-07-09"},
		{"seventies", "DATED: 1/2/75", "1975-01-02"},
		// negatives
		{"prose dated", "as set out in a letter dated March 3, 2020 from counsel", ""},
		{"date label", "Date: March 14, 2024\nTime: 2:00 p.m.", ""},
		{"invalid day", "Dated: February 30, 2024", ""},
		{"invalid month", "DATED: 13/14/2024", ""},
		{"blank", "Dated: ______________", ""},
		{"far away", "Dated:\n\n\n\n\n\n\n\nThe parties met and conferred at length about the schedule and agreed on March 14, 2024", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FindSignedDate(tc.text)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("FindSignedDate(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
			}
		})
	}
}
