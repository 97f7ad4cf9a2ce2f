package bleve

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/ingest"
)

func TestExportStreamsEveryMatchInOrder(t *testing.T) {
	docs := fixtureDocs()
	// More documents than the first export step, so that paging is
	// exercised.
	for i := range exportFirstPage + 7 {
		d := docs[2]
		d.ID = "bulk" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		docs = append(docs, d)
	}
	ix := newTestIndex(t, docs...)
	var got []string
	n, err := ix.Export(context.Background(), index.SearchRequest{Query: "turbine", Sort: index.SortDateDesc}, func(h index.Hit) error {
		got = append(got, h.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := exportFirstPage + 8; n != want || len(got) != want {
		t.Fatalf("exported %d (%d ids), want %d", n, len(got), want)
	}
	// Steps of 3 hits, doubling up to 8, with and without a last step for
	// the rest once at most 20 remain: the same hits in the same order.
	for _, steps := range []exportSteps{{3, 8, 0}, {3, 8, 20}} {
		var small []string
		if _, err := ix.export(context.Background(), index.SearchRequest{Query: "turbine", Sort: index.SortDateDesc}, func(h index.Hit) error {
			small = append(small, h.ID)
			return nil
		}, steps); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(small, got) {
			t.Errorf("export in steps %+v gives %d hits, not the %d of Export in the same order", steps, len(small), len(got))
		}
	}
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(got, sorted) { // equal dates: ID order
		t.Errorf("export is not in (date, id) order")
	}
	if len(slices.Compact(sorted)) != len(got) {
		t.Errorf("export repeats documents")
	}
	stop := errors.New("stop")
	n, err = ix.Export(context.Background(), index.SearchRequest{Query: "turbine"}, func(index.Hit) error { return stop })
	if !errors.Is(err, stop) || n != 0 {
		t.Errorf("callback error: n=%d err=%v", n, err)
	}
}

func TestSimilarFindsRelatedDocuments(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	res, err := ix.Similar(context.Background(), "complaint1", index.SearchRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if slices.Contains(ids, "complaint1") {
		t.Errorf("similar lists the document itself: %v", ids)
	}
	if len(ids) == 0 || ids[0] != "order1" && ids[0] != "article1" {
		t.Errorf("similar to complaint1: %v, want a Nightjar document first", ids)
	}
	if slices.Contains(ids, "memo1") {
		t.Errorf("memo1 shares no distinctive word with complaint1: %v", ids)
	}
	if _, err := ix.Similar(context.Background(), "nope", index.SearchRequest{}); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("missing document: %v", err)
	}
}

func TestCaseGathersFilingsArticlesAndJudges(t *testing.T) {
	docs := fixtureDocs()
	// The same number in another court is another case.
	other := docs[2]
	other.ID, other.Court = "othercourt1", &legal.Court{ID: "nyed"}
	other.CaseNumbers = []legal.CaseNumber{{Raw: "2:24-cv-01234", Canonical: "24-cv-01234", Court: "nyed"}}
	docs = append(docs, other)
	ix := newTestIndex(t, docs...)
	info, err := ix.Case(context.Background(), "3:24-CV-1234-RMS", "", "")
	if err != nil {
		t.Fatal(err)
	}
	var filings, articles []string
	for _, h := range info.Filings {
		filings = append(filings, h.ID)
	}
	for _, h := range info.Articles {
		articles = append(articles, h.ID)
	}
	if info.Canonical != "24-cv-01234" || info.Court != "cand" || !slices.Equal(info.OtherCourts, []string{"nyed"}) {
		t.Errorf("case %q court %q others %v", info.Canonical, info.Court, info.OtherCourts)
	}
	if !slices.Equal(filings, []string{"complaint1", "order1"}) || !slices.Equal(articles, []string{"article1"}) {
		t.Errorf("filings %v articles %v", filings, articles)
	}
	if !slices.Equal(info.Judges, []string{"Rosa M. Serrano"}) || info.JudgeInitials["RMS"] != "Rosa M. Serrano" {
		t.Errorf("judges %v initials %v", info.Judges, info.JudgeInitials)
	}
	nyed, err := ix.Case(context.Background(), "24-cv-1234", "nyed", "")
	if err != nil || len(nyed.Filings) != 1 || nyed.Filings[0].ID != "othercourt1" {
		t.Errorf("nyed case: %+v, %v", nyed, err)
	}
	if _, err := ix.Case(context.Background(), "24-cv-1234", "", "kind:article"); err != nil {
		t.Errorf("restricted to articles: %v", err)
	}
	if _, err := ix.Case(context.Background(), "99-cv-00001", "", ""); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("unknown case: %v", err)
	}
	if _, err := ix.Case(context.Background(), "hello", "", ""); !errors.Is(err, index.ErrInvalidRequest) {
		t.Errorf("not a case number: %v", err)
	}
}

// TestResolveJudgeInitials runs ingest's judge pass on the engine's
// fixtures (tests may import index/ingest; the engine itself does not).
func TestResolveJudgeInitials(t *testing.T) {
	docs := fixtureDocs()
	// complaint1 names no judge; its case number carries RMS, and order1 of
	// the same case names Rosa M. Serrano.
	docs[1].CaseNumbers = []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "cand", JudgeInitials: "RMS"}}
	// memo1's initials match nobody in its case.
	docs[2].Judges = nil
	docs[2].CaseNumbers[0].JudgeInitials = "LTK"
	ix := newTestIndex(t, docs...)
	n, err := ingest.ResolveJudgeInitials(context.Background(), ix)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("updated %d filings, want 1", n)
	}
	d, err := ix.Document(context.Background(), "complaint1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Judges) != 1 || d.Judges[0].Name != "Rosa M. Serrano" || d.Judges[0].Role != ingest.RoleFromInitials {
		t.Errorf("complaint1 judges: %+v", d.Judges)
	}
	_, res := searchIDs(t, ix, index.SearchRequest{Filters: index.Filters{Judge: []string{"Rosa M. Serrano"}, Kind: []string{"filing"}}})
	if res.Total != 2 {
		t.Errorf("judge filter after resolution: %d filings, want 2", res.Total)
	}
	if d, _ := ix.Document(context.Background(), "memo1"); len(d.Judges) != 0 {
		t.Errorf("memo1 should stay without a judge: %+v", d.Judges)
	}
}

// TestResolveJudgeInitialsAfterInferredCourt checks that the judge pass
// resolves the initials of a filing whose court it has just inferred: the
// filing's case is only known by (court, number) once its court is.
func TestResolveJudgeInitialsAfterInferredCourt(t *testing.T) {
	docs := fixtureDocs()
	// complaint1 names neither court nor judge; its number carries RMS, as
	// order1's does, which names the court and Rosa M. Serrano.
	docs[1].Court = nil
	docs[1].Judges = nil
	docs[1].CaseNumbers = []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "cand", JudgeInitials: "RMS", Role: legal.RoleDocket}}
	docs[0].CaseNumbers = []legal.CaseNumber{{Raw: "3:24-cv-01234-RMS", Canonical: "24-cv-01234", Court: "cand", JudgeInitials: "RMS", Role: legal.RoleDocket}}
	ix := newTestIndex(t, docs...)
	n, err := ingest.ResolveJudgeInitials(context.Background(), ix)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ix.Document(context.Background(), "complaint1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Court == nil || d.Court.ID != "cand" || !d.CourtInferred {
		t.Errorf("complaint1 court %+v inferred %v, want cand inferred", d.Court, d.CourtInferred)
	}
	if len(d.Judges) != 1 || d.Judges[0].Name != "Rosa M. Serrano" {
		t.Errorf("complaint1 judges %+v, want Rosa M. Serrano from the initials", d.Judges)
	}
	if n != 2 {
		t.Errorf("%d updates, want 2 (the court, the judge)", n)
	}
}

func TestJudgeSpellingsMergeInFacetAndFilter(t *testing.T) {
	docs := fixtureDocs()
	// The article names the judge without her middle initial.
	docs[3].Judges = []legal.Judge{{Name: "Rosa Serrano", Raw: "Judge Rosa Serrano"}}
	// memo1 names only a surname: not merged, two judges may share one.
	docs[2].Judges = []legal.Judge{{Name: "Serrano", Raw: "Judge Serrano"}}
	ix := newTestIndex(t, docs...)
	_, res := searchIDs(t, ix, index.SearchRequest{Facets: []string{"judge"}})
	want := []index.FacetValue{{Value: "Rosa M. Serrano", Count: 2}, {Value: "Serrano", Count: 1}}
	if got := res.Facets["judge"].Values; !slices.Equal(got, want) {
		t.Errorf("judge facet %+v, want %+v", got, want)
	}
	ids, _ := searchIDs(t, ix, index.SearchRequest{Filters: index.Filters{Judge: []string{"Judge Rosa Serrano"}}})
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"article1", "order1"}) {
		t.Errorf("judge filter: %v", ids)
	}
	_, res = searchIDs(t, ix, index.SearchRequest{Facets: []string{"judge"}, FacetSize: 1})
	if f := res.Facets["judge"]; len(f.Values) != 1 || f.Other != 1 {
		t.Errorf("judge facet of size 1: %+v", f)
	}
}

func TestPhraseHighlightMarksThePhraseWords(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	for q, want := range map[string]string{
		`"motion to dismiss"`: "<mark>motion</mark> <mark>to</mark> <mark>dismiss</mark>",
		`"IT IS SO ORDERED"`:  "<mark>IT</mark> <mark>IS</mark> <mark>SO</mark> <mark>ORDERED</mark>",
		`"Nightjar implant"`:  "<mark>Nightjar</mark> <mark>implant</mark>",
	} {
		_, res := searchIDs(t, ix, index.SearchRequest{Query: q, Highlight: true, Filters: index.Filters{IDs: []string{"order1"}}})
		if len(res.Hits) != 1 || len(res.Hits[0].Highlights) == 0 {
			t.Fatalf("%s: hits %+v", q, res.Hits)
		}
		if f := res.Hits[0].Highlights[0].Fragment; !strings.Contains(f, want) {
			t.Errorf("%s: fragment %q lacks %q", q, f, want)
		}
	}
}
