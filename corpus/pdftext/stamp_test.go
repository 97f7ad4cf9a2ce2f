package pdftext

import "testing"

func TestMoveStampFirst(t *testing.T) {
	const district = "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9"
	tests := []struct {
		name, in, want string
	}{
		{"already first", district + "\nORDER", district + "\nORDER"},
		{"at the end", "ORDER\nbody text\n" + district, district + "\nORDER\nbody text"},
		{"split over lines (pdftotext)", "ORDER\n\nCase 4:19-cv-07123-PJH\n\nDocument 677-5\n\nFiled 04/04/25\n\nPage 1 of 9\n",
			district + "\nORDER"},
		{"split at the top", "Case 4:19-cv-07123-PJH\nDocument 677-5\nFiled 04/04/25\nPage 1 of 9\nORDER", district + "\nORDER"},
		{"page id", "body\nCase 2:20-cv-01234-ABC-DEF Document 12 Filed 01/02/21 Page 3 of 4 Page ID #:567",
			"Case 2:20-cv-01234-ABC-DEF Document 12 Filed 01/02/21 Page 3 of 4 Page ID #:567\nbody"},
		{"bankruptcy", "body\nCase 9:19-bk-11573-MB Doc 1262-3 Filed 09/03/20 Entered 09/03/20 14:01:02",
			"Case 9:19-bk-11573-MB Doc 1262-3 Filed 09/03/20 Entered 09/03/20 14:01:02\nbody"},
		{"appellate", "OPINION\nCase: 21-1298 Document: 42 Page: 1 Filed: 08/31/2022",
			"Case: 21-1298 Document: 42 Page: 1 Filed: 08/31/2022\nOPINION"},
		{"appellate date filed", "x\nCase: 21-1298    Document: 42     Page: 1    Date Filed: 08/31/2022",
			"Case: 21-1298 Document: 42 Page: 1 Date Filed: 08/31/2022\nx"},
		{"acms", "MEMORANDUM\nCase: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1 of 9",
			"Case: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1 of 9\nMEMORANDUM"},
		{"ninth circuit with id", "x\nCase: 19-16066, 03/17/2020, ID: 11632441, DktEntry: 41-1, Page 2 of 3",
			"Case: 19-16066, 03/17/2020, ID: 11632441, DktEntry: 41-1, Page 2 of 3\nx"},
		{"no stamp", "Case 4:19-cv-07123 was filed in 2019.", "Case 4:19-cv-07123 was filed in 2019."},
		{"only the stamp", "\n" + district + "\n", "\n" + district + "\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MoveStampFirst(tt.in); got != tt.want {
				t.Errorf("MoveStampFirst(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLeadingStamp(t *testing.T) {
	stamp, rest, ok := LeadingStamp("Case: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1 of 9\nbody")
	if !ok || stamp != "Case: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1 of 9" || rest != "\nbody" {
		t.Errorf("LeadingStamp = %q, %q, %v", stamp, rest, ok)
	}
	if _, rest, ok := LeadingStamp("body\nCase 4:19-cv-07123-PJH Document 1 Filed 04/04/25"); ok || rest == "" {
		t.Errorf("a stamp after the body counted as leading")
	}
}
