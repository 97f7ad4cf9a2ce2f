package legal

import "testing"

func TestFindECFStamp(t *testing.T) {
	tests := []struct {
		name string
		text string
		want ECFStamp
		ok   bool
	}{
		{"district", "Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 1 of 4\nUNITED STATES DISTRICT COURT",
			ECFStamp{Raw: "Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 1 of 4", CaseNumber: "3:24-cv-01234-RMS", DocumentNumber: "45", Filed: "2024-09-12", Page: 1, PageCount: 4}, true},
		{"attachment four digit year", "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/2025 Page 1 of 9",
			ECFStamp{Raw: "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/2025 Page 1 of 9", CaseNumber: "4:19-cv-07123-PJH", DocumentNumber: "677-5", Filed: "2025-04-04", Page: 1, PageCount: 9}, true},
		{"page id", "Case 2:16-cv-06794-AB-JC Document 168 Filed 02/01/19 Page 1 of 3 Page ID #:3594",
			ECFStamp{Raw: "Case 2:16-cv-06794-AB-JC Document 168 Filed 02/01/19 Page 1 of 3 Page ID #:3594", CaseNumber: "2:16-cv-06794-AB-JC", DocumentNumber: "168", Filed: "2019-02-01", Page: 1, PageCount: 3}, true},
		{"line breaks and line numbers", "Case 4:19-cv-07123-PJH\n\n1\n2\n3\n16\n\nDocument 796-27\n\nFiled 09/15/25\n\nPage 1 of 7\n\nGreg D. Andres",
			ECFStamp{Raw: "Case 4:19-cv-07123-PJH Document 796-27 Filed 09/15/25 Page 1 of 7", CaseNumber: "4:19-cv-07123-PJH", DocumentNumber: "796-27", Filed: "2025-09-15", Page: 1, PageCount: 7}, true},
		{"extra spaces", "Case  4:19-cv-07123-PJH   Document   677-5   Filed  04/04/25   Page  2  of  9",
			ECFStamp{Raw: "Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 2 of 9", CaseNumber: "4:19-cv-07123-PJH", DocumentNumber: "677-5", Filed: "2025-04-04", Page: 2, PageCount: 9}, true},
		{"appellate", "Case: 21-1298 Document: 42 Page: 1 Date Filed: 08/31/2022",
			ECFStamp{Raw: "Case: 21-1298 Document: 42 Page: 1 Date Filed: 08/31/2022", CaseNumber: "21-1298", DocumentNumber: "42", Filed: "2022-08-31", Page: 1}, true},
		{"acms", "Case: 25-1432, 03/03/2025, DktEntry: 14.1, Page 1 of 3\n\nUNITED STATES COURT OF APPEALS",
			ECFStamp{Raw: "Case: 25-1432 03/03/2025 DktEntry: 14.1 Page 1 of 3", CaseNumber: "25-1432", DocumentNumber: "14.1", Filed: "2025-03-03", Page: 1, PageCount: 3}, true},
		{"acms legacy id", "Case: 20-16276, 08/05/2020, ID: 11778722, DktEntry: 19, Page 1 of 15",
			ECFStamp{Raw: "Case: 20-16276 08/05/2020 ID: 11778722 DktEntry: 19 Page 1 of 15", CaseNumber: "20-16276", DocumentNumber: "19", Filed: "2020-08-05", Page: 1, PageCount: 15}, true},
		{"seventh circuit pages", "Case: 17-2400\n\nDocument: 3\n\nFiled: 07/13/2017\n\nPages: 1\n\nUnited States Court of Appeals",
			ECFStamp{Raw: "Case: 17-2400 Document: 3 Filed: 07/13/2017 Pages: 1", CaseNumber: "17-2400", DocumentNumber: "3", Filed: "2017-07-13", PageCount: 1}, true},
		{"dc circuit", "USCA Case #20-5143 Document #1849584 Filed: 06/30/2020 Page 1 of 3",
			ECFStamp{Raw: "USCA Case #20-5143 Document #1849584 Filed: 06/30/2020 Page 1 of 3", CaseNumber: "20-5143", DocumentNumber: "1849584", Filed: "2020-06-30", Page: 1, PageCount: 3}, true},
		{"illinois", "Case: 1:18-cv-05587 Document #: 1000 Filed: 06/01/21 Page 8 of 18 PageID #:32475",
			ECFStamp{Raw: "Case: 1:18-cv-05587 Document #: 1000 Filed: 06/01/21 Page 8 of 18 PageID #:32475", CaseNumber: "1:18-cv-05587", DocumentNumber: "1000", Filed: "2021-06-01", Page: 8, PageCount: 18}, true},
		{"bankruptcy canb", "Case: 20-50682\n\nDoc# 33\n\nFiled: 04/28/20\n\nEntered: 04/28/20 19:02:54\n\nPage 1 of 30",
			ECFStamp{Raw: "Case: 20-50682 Doc# 33 Filed: 04/28/20 Entered: 04/28/20 19:02:54 Page 1 of 30", CaseNumber: "20-50682", DocumentNumber: "33", Filed: "2020-04-28", Page: 1, PageCount: 30}, true},
		{"bankruptcy desc", "Case 9:19-bk-11573-MB\n\nDoc 1262-3 Filed 09/03/20 Entered 09/03/20 15:40:26\nDesc Exhibit C Page 1 of 3",
			ECFStamp{Raw: "Case 9:19-bk-11573-MB Doc 1262-3 Filed 09/03/20 Entered 09/03/20 15:40:26 Desc Exhibit C Page 1 of 3", CaseNumber: "9:19-bk-11573-MB", DocumentNumber: "1262-3", Filed: "2020-09-03", Page: 1, PageCount: 3}, true},
		{"bankruptcy sdny", "19-23649-shl Doc 1234 Filed 05/01/20 Entered 05/01/20 12:00:00 Main Document Pg 1 of 9",
			ECFStamp{Raw: "19-23649-shl Doc 1234 Filed 05/01/20 Entered 05/01/20 12:00:00 Main Document Pg 1 of 9", CaseNumber: "19-23649-shl", DocumentNumber: "1234", Filed: "2020-05-01", Page: 1, PageCount: 9}, true},
		{"usdc district name", "Case 1:21-cv-01061-KLM Document 1 Filed 04/16/21 USDC Colorado Page 1 of 16",
			ECFStamp{Raw: "Case 1:21-cv-01061-KLM Document 1 Filed 04/16/21 USDC Colorado Page 1 of 16", CaseNumber: "1:21-cv-01061-KLM", DocumentNumber: "1", Filed: "2021-04-16", Page: 1, PageCount: 16}, true},
		{"missing document number", "Case 5:24-cv-06184-EKL\n\n1\n2\n12\n\nFiled 12/04/24\n\nPage 1 of 6",
			ECFStamp{Raw: "Case 5:24-cv-06184-EKL Filed 12/04/24 Page 1 of 6", CaseNumber: "5:24-cv-06184-EKL", Filed: "2024-12-04", Page: 1, PageCount: 6}, true},
		{"second anchor wins", "Case No. 5:24-cv-06184-EKL\nPlaintiff,\nCase 5:24-cv-06184-EKL Document 16 Filed 12/12/24 Page 2 of 3",
			ECFStamp{Raw: "Case 5:24-cv-06184-EKL Document 16 Filed 12/12/24 Page 2 of 3", CaseNumber: "5:24-cv-06184-EKL", DocumentNumber: "16", Filed: "2024-12-12", Page: 2, PageCount: 3}, true},
		// negatives
		{"caption case number only", "Case No. 5:24-cv-06184-EKL\nORDER GRANTING MOTION\nThe motion was filed 12/12/24.", ECFStamp{}, false},
		{"no filed date", "Case 4:19-cv-07123-PJH Document 133-4 FiledEYES 09/02/20", ECFStamp{}, false},
		{"body text between", "Case 4:19-cv-07123-PJH\nThe parties agree.\nDocument 5 Filed 01/02/20", ECFStamp{}, false},
		{"bad date", "Case 4:19-cv-07123-PJH Document 5 Filed 13/45/20 Page 1 of 2", ECFStamp{}, false},
		{"prose", "In this case, the Document was filed on 01/02/2020.", ECFStamp{}, false},
		{"empty", "", ECFStamp{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FindECFStamp(tc.text)
			if ok != tc.ok || got != tc.want {
				t.Errorf("FindECFStamp(%q)\n got %+v %v\nwant %+v %v", tc.text, got, ok, tc.want, tc.ok)
			}
		})
	}
}
