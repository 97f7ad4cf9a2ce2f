package bleve

import (
	"context"
	"slices"
	"testing"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/ingest"
)

// roleDocs are filings of 19-cv-07123 (one without a court, one with a
// letter-spaced caption), a filing of another case citing it, and an
// article mentioning it.
func roleDocs() []corpus.Document {
	cand := &legal.Court{ID: "cand", Name: "U.S. District Court, N.D. California", Citation: "N.D. Cal."}
	own := legal.CaseNumber{Raw: "4:19-cv-07123-PJH", Canonical: "19-cv-07123", JudgeInitials: "PJH", Role: legal.RoleDocket}
	hamilton := legal.Judge{Name: "Phyllis J. Hamilton", Raw: "PHYLLIS J. HAMILTON", Capacity: legal.CapacitySigning}
	filing := func(id, date, caption string, court *legal.Court, cases []legal.CaseNumber, judges []legal.Judge) corpus.Document {
		return corpus.Document{ID: id, Source: id + ".pdf", Kind: corpus.KindFiling, Title: "ORDER", Text: "order text " + id,
			Date: date, Court: court, Caption: caption, CaseNumbers: cases, Judges: judges}
	}
	return []corpus.Document{
		filing("wa1", "2020-01-02", "WhatsApp Inc. v. NSO Group Technologies Limited", cand,
			[]legal.CaseNumber{own, {Raw: "20-16408", Canonical: "20-16408", Role: legal.RoleRelated}}, []legal.Judge{hamilton}),
		filing("wa2", "2020-02-03", "WHA Tsapp Inc. v. NSO Group Technologies Limited", cand, []legal.CaseNumber{own}, []legal.Judge{hamilton}),
		filing("wa3", "2020-03-04", "WhatsApp Inc. v. NSO Group Technologies Limited", nil, []legal.CaseNumber{own}, nil),
		filing("nibi1", "2024-11-29", "Nibi, Inc. v. John Doe", cand, []legal.CaseNumber{
			{Raw: "5:24-cv-06184-EKL", Canonical: "24-cv-06184", JudgeInitials: "EKL", Role: legal.RoleDocket},
			{Raw: "4:19-cv-07123", Canonical: "19-cv-07123", Role: legal.RoleCited},
		}, []legal.Judge{{Name: "Eumi K. Lee", Raw: "EUMI K. LEE", Capacity: legal.CapacitySigning}, {Name: "Bencivengo", Raw: "Bencivengo", Capacity: legal.CapacityCited}}),
		{ID: "news1", Source: "news1.html", Kind: corpus.KindArticle, Title: "WhatsApp wins", Text: "WhatsApp v. NSO 4:19-cv-07123", Date: "2025-05-06",
			CaseNumbers: []legal.CaseNumber{{Raw: "4:19-cv-07123", Canonical: "19-cv-07123", Role: legal.RoleMentioned}}},
	}
}

func TestCaseFilterUsesOwnRoles(t *testing.T) {
	ix := newTestIndex(t, roleDocs()...)
	tests := []struct {
		name string
		req  index.SearchRequest
		want []string
	}{
		{"case filter: the case's filings and articles, not the citing filing", index.SearchRequest{Filters: index.Filters{Case: []string{"19-cv-7123"}}}, []string{"news1", "wa1", "wa2", "wa3"}},
		{"cites filter", index.SearchRequest{Filters: index.Filters{Cites: []string{"4:19-cv-07123-PJH"}}}, []string{"nibi1"}},
		{"case field in the query language", index.SearchRequest{Query: "case:19-cv-07123"}, []string{"news1", "wa1", "wa2", "wa3"}},
		{"cites field in the query language", index.SearchRequest{Query: "cites:19-cv-07123"}, []string{"nibi1"}},
		{"judge filter leaves cited judges out", index.SearchRequest{Filters: index.Filters{Judge: []string{"Bencivengo"}}}, nil},
		{"judge filter keeps signing judges", index.SearchRequest{Filters: index.Filters{Judge: []string{"Eumi K. Lee"}}}, []string{"nibi1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids, _ := searchIDs(t, ix, tc.req)
			slices.Sort(ids)
			if !slices.Equal(ids, tc.want) {
				t.Errorf("got %v, want %v", ids, tc.want)
			}
		})
	}
}

func TestCasePageSectionsCaptionAndInferredCourt(t *testing.T) {
	ix := newTestIndex(t, roleDocs()...)
	ctx := context.Background()
	if _, err := ingest.ResolveJudgeInitials(ctx, ix); err != nil {
		t.Fatal(err)
	}
	d, err := ix.Document(ctx, "wa3")
	if err != nil {
		t.Fatal(err)
	}
	if d.Court == nil || d.Court.ID != "cand" || !d.CourtInferred {
		t.Errorf("wa3 court %+v inferred %v, want cand inferred", d.Court, d.CourtInferred)
	}
	info, err := ix.Case(ctx, "19-cv-07123", "", "")
	if err != nil {
		t.Fatal(err)
	}
	ids := func(hs []index.Hit) (out []string) {
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	if got := ids(info.Filings); !slices.Equal(got, []string{"wa1", "wa2", "wa3"}) {
		t.Errorf("filings %v", got)
	}
	if got := ids(info.Articles); !slices.Equal(got, []string{"news1"}) {
		t.Errorf("articles %v", got)
	}
	if got := ids(info.CitedBy); !slices.Equal(got, []string{"nibi1"}) {
		t.Errorf("cited by %v", got)
	}
	if !slices.Equal(info.Related, []string{"20-16408"}) {
		t.Errorf("related %v", info.Related)
	}
	if info.Caption != "WhatsApp Inc. v. NSO Group Technologies Limited" {
		t.Errorf("caption %q", info.Caption)
	}
	if info.Court != "cand" || len(info.OtherCourts) != 0 {
		t.Errorf("court %q others %v", info.Court, info.OtherCourts)
	}
}

// TestCasePageRelatedBothWays checks that a case named as related by
// another case's caption lists that case as related too.
func TestCasePageRelatedBothWays(t *testing.T) {
	appeal := corpus.Document{ID: "ca9", Source: "ca9.pdf", Kind: corpus.KindFiling, Title: "OPINION", Text: "opinion text",
		Date: "2021-11-08", Court: &legal.Court{ID: "ca9", Name: "U.S. Court of Appeals for the Ninth Circuit"},
		CaseNumbers: []legal.CaseNumber{{Raw: "No. 20-16408", Canonical: "20-16408", Role: legal.RoleDocket}}}
	ix := newTestIndex(t, append(roleDocs(), appeal)...)
	info, err := ix.Case(context.Background(), "20-16408", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(info.Related, []string{"19-cv-07123"}) {
		t.Errorf("related %v, want the district case whose caption names the appeal", info.Related)
	}
	if len(info.Filings) != 1 || info.Filings[0].ID != "ca9" {
		t.Errorf("filings %+v", info.Filings)
	}
}
