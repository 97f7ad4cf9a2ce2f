package indextest

import (
	"dossier/corpus"
	"dossier/corpus/legal"
)

// Fixtures is a tiny corpus written for the contract: three filings, an
// article and a skipped record. Every backend indexes it for RunSearchCases.
func Fixtures() []corpus.Document {
	cand := &legal.Court{ID: "cand", Name: "U.S. District Court, N.D. California"}
	nysd := &legal.Court{ID: "nysd", Name: "U.S. District Court, S.D. New York"}
	serrano := []legal.Judge{{Name: "Rosa M. Serrano", Raw: "ROSA M. SERRANO", Role: "district judge"}}
	hl := []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "cand"}}
	return []corpus.Document{
		{
			ID: "order1", Source: "order.pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF,
			Title: "ORDER GRANTING IN PART MOTION TO DISMISS", Date: "2024-09-12", Court: cand, DocType: "order",
			CaseNumbers: hl, Judges: serrano, PageCount: 3,
			Pages: []corpus.Page{
				{Number: 1, Text: "Harbor Light Media alleges that Castellan deployed spyware against reporters."},
				{Number: 2, Text: "The Nightjar implant performed exfiltration of contacts <script>alert(1)</script> and messages."},
				{Number: 3, Text: "The motion to dismiss is granted in part. IT IS SO ORDERED."},
			},
		},
		{
			ID: "complaint1", Source: "complaint.pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF,
			Title: "COMPLAINT", Date: "2024-02-05", Court: cand, CaseNumbers: hl, PageCount: 1, DocType: "complaint",
			Pages: []corpus.Page{{Number: 1, Text: "Plaintiff brings this action over covert surveillance of journalists' phones by Nightjar."}},
		},
		{
			ID: "memo1", Source: "memo.pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF,
			Title: "GOVERNMENT'S SENTENCING MEMORANDUM", Date: "2025-11-03", Court: nysd, DocType: "brief",
			CaseNumbers: []legal.CaseNumber{{Raw: "1:23-cr-00456-LTK", Canonical: "23-cr-00456", Court: "nysd"}},
			Judges:      []legal.Judge{{Name: "Laura T. Kessler", Raw: "LAURA T. KESSLER"}}, PageCount: 1,
			Pages: []corpus.Page{{Number: 1, Text: "The defendant sold counterfeit turbine bearings through a wire fraud scheme."}},
		},
		{
			ID: "article1", Source: "ruling.html", Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML,
			Title: "Judge lets spyware suit over Nightjar proceed", Date: "2024-09-13", SiteName: "The Bay Ledger",
			Author: "Dana Whitcombe", CaseNumbers: hl, Judges: serrano,
			Text: "U.S. District Judge Rosa Serrano partly denied the motion to dismiss filed by Castellan Data Systems.",
		},
		{
			ID: "broken1", Source: "broken.pdf", ContentType: corpus.ContentTypePDF,
			SkipReason: "malformed PDF: missing xref table",
		},
	}
}
