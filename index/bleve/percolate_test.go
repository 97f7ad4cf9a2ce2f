package bleve

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/index"
)

// percolateDocs is the contract's corpus with two more documents: a word
// form ("surveilled") and an order of another court.
func percolateDocs() []corpus.Document {
	docs := fixtureDocs()
	extra := docs[0]
	extra.ID, extra.Source, extra.Title = "order2", "order2.pdf", "ORDER ON SANCTIONS"
	extra.Court = nil
	extra.CaseNumbers = nil
	extra.Judges = nil
	extra.Pages = []corpus.Page{{Number: 1, Text: "The agency surveilled the plaintiffs and sanctions are imposed."}}
	extra.Date = "2025-01-02"
	return append(docs, extra)
}

// TestPercolateMatchesSearch checks that each request matches exactly the
// batch documents Search (strict, every page) finds on an index holding
// only them, in the batch's order, and that a skipped record never
// matches.
func TestPercolateMatchesSearch(t *testing.T) {
	docs := percolateDocs()
	ix := newTestIndex(t, docs...)
	from, _ := time.Parse(time.DateOnly, "2024-06-01")
	reqs := []index.SearchRequest{
		{Query: ""},
		{Query: "spyware"},
		{Query: "SPYWARE nightjar"},
		{Query: "surveillance"}, // word forms: "surveilled" shares the stem
		{Query: `"motion to dismiss"`},
		{Query: "24-cv-01234"},
		{Query: "3:24-cv-1234"},
		{Query: "nightjar -spyware"},
		{Query: "title:order"},
		{Query: "spyware OR counterfeit"},
		{Query: "nightjar", Filters: index.Filters{Kind: []string{"article"}}},
		{Query: "", Filters: index.Filters{Court: []string{"N.D. Cal."}}},
		{Query: "", Filters: index.Filters{Case: []string{"3:24-cv-01234"}}},
		{Query: "", Filters: index.Filters{From: from}},
		{Query: "", Filters: index.Filters{Judge: []string{"Rosa M. Serrano"}}},
		{Query: "motion", Restrict: "court:cand"},
		{Query: "", Restrict: "kind:article"},
		{Query: "orders", Restrict: "court:nysd"},
		{Query: "missing xref"}, // the skipped record's reason is not searchable
		{Query: "zzzunknownword"},
		{Query: "", Filters: index.Filters{Court: []string{"ilnd"}}}, // a court no batch document has: no match, no error
	}
	res, err := ix.Percolate(context.Background(), docs, reqs, index.PercolateOptions{FragmentSize: 80})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(reqs) {
		t.Fatalf("%d results for %d requests", len(res), len(reqs))
	}
	pos := map[string]int{}
	for i, d := range docs {
		pos[d.ID] = i
	}
	for i, req := range reqs {
		if res[i].Err != nil {
			t.Errorf("%+v: %v", req, res[i].Err)
			continue
		}
		var got []string
		for _, m := range res[i].Matches {
			got = append(got, m.ID)
			if m.Fragment == "" {
				t.Errorf("%q: match %s has no fragment", req.Query, m.ID)
			}
		}
		sreq := req
		sreq.Strict, sreq.Size = true, index.MaxSize
		want, _ := searchIDs(t, ix, sreq)
		slices.SortFunc(want, func(a, b string) int { return pos[a] - pos[b] })
		if !slices.Equal(got, want) {
			t.Errorf("%q %+v: percolate %v, search %v", req.Query, req.Filters, got, want)
		}
		if slices.Contains(got, "broken1") {
			t.Errorf("%q: the skipped record matched", req.Query)
		}
	}
	// The figures the cases above rely on, so that they can fail.
	want := map[int][]string{
		1:  {"order1", "article1"},
		3:  {"complaint1", "order2"},
		5:  {"order1", "complaint1", "article1"},
		15: {"order1"},
		17: nil,
		20: nil,
	}
	for i, ids := range want {
		var got []string
		for _, m := range res[i].Matches {
			got = append(got, m.ID)
		}
		if !slices.Equal(got, ids) {
			t.Errorf("%q %+v restrict %q: got %v, want %v", reqs[i].Query, reqs[i].Filters, reqs[i].Restrict, got, ids)
		}
	}
	if f := res[1].Matches[0].Fragment; !strings.Contains(f, "<mark>spyware</mark>") {
		t.Errorf("fragment %q does not mark the word", f)
	}
}

// TestPercolateMandatoryFilter: a request restricted to one court never
// matches a document of another, whatever its query and filters.
func TestPercolateMandatoryFilter(t *testing.T) {
	docs := percolateDocs()
	reqs := []index.SearchRequest{
		{Query: "", Restrict: "court:nysd"},
		{Query: "spyware OR counterfeit OR nightjar", Restrict: "court:nysd"},
		{Query: "", Filters: index.Filters{Court: []string{"cand"}}, Restrict: "court:nysd"},
		{Query: "kind:article", Restrict: "court:nysd"},
	}
	res, err := Percolate(context.Background(), docs, reqs, index.PercolateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wants := [][]string{{"memo1"}, {"memo1"}, nil, nil}
	for i := range reqs {
		var got []string
		for _, m := range res[i].Matches {
			got = append(got, m.ID)
			if m.Fragment != "" {
				t.Errorf("fragment %q without FragmentSize", m.Fragment)
			}
		}
		if !slices.Equal(got, wants[i]) {
			t.Errorf("%+v: got %v, want %v", reqs[i], got, wants[i])
		}
	}
}

// TestPercolateErrors: an invalid request fails alone; a document without
// an ID fails the batch; a later copy of an ID replaces the earlier, and a
// skipped copy removes it.
func TestPercolateErrors(t *testing.T) {
	docs := percolateDocs()
	res, err := Percolate(context.Background(), docs, []index.SearchRequest{{Query: "title:(unclosed"}, {Query: "spyware"}, {Query: "zzz", Filters: index.Filters{Case: []string{"not a case"}}}}, index.PercolateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var qe *index.QueryError
	if !errors.As(res[0].Err, &qe) && !errors.Is(res[0].Err, index.ErrInvalidRequest) {
		t.Errorf("bad query: %v", res[0].Err)
	}
	if res[1].Err != nil || len(res[1].Matches) != 2 {
		t.Errorf("good request next to a bad one: %+v", res[1])
	}
	if !errors.Is(res[2].Err, index.ErrInvalidRequest) {
		t.Errorf("bad case filter: %v", res[2].Err)
	}
	if _, err := Percolate(context.Background(), []corpus.Document{{Title: "x"}}, []index.SearchRequest{{}}, index.PercolateOptions{}); err == nil {
		t.Error("a document without ID was accepted")
	}
	again := docs[0]
	again.Pages = []corpus.Page{{Number: 1, Text: "nothing about the implant"}}
	gone := docs[3]
	gone.SkipReason = "extraction failed"
	docs = append(docs, again, gone)
	res, err = Percolate(context.Background(), docs, []index.SearchRequest{{Query: "spyware"}, {Query: "implant"}}, index.PercolateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// order1 was replaced by a text without "spyware" but its title still
	// lacks it; article1 was replaced by a skipped record.
	if len(res[0].Matches) != 0 {
		t.Errorf("replaced and skipped documents matched: %+v", res[0].Matches)
	}
	if len(res[1].Matches) != 1 || res[1].Matches[0].ID != "order1" {
		t.Errorf("implant: %+v", res[1].Matches)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Percolate(ctx, docs, []index.SearchRequest{{}}, index.PercolateOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestPercolateManyMatches: a request matching more documents than one
// page of the first search gets every one of them, in batch order.
func TestPercolateManyMatches(t *testing.T) {
	var docs []corpus.Document
	for i := range 3*percolatePage + 5 {
		word := "odd"
		if i%2 == 0 {
			word = "even"
		}
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("m%03d", i), Kind: corpus.KindArticle, Title: "Note",
			Text: fmt.Sprintf("Note %d is %s and about spyware.", i, word)})
	}
	res, err := Percolate(context.Background(), docs, []index.SearchRequest{{Query: "spyware"}, {Query: "even"}}, index.PercolateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for r, want := range []int{len(docs), (len(docs) + 1) / 2} {
		if len(res[r].Matches) != want {
			t.Fatalf("request %d: %d matches, want %d", r, len(res[r].Matches), want)
		}
		for i := 1; i < len(res[r].Matches); i++ {
			if res[r].Matches[i-1].ID >= res[r].Matches[i].ID {
				t.Fatalf("request %d: out of batch order at %d: %s, %s", r, i, res[r].Matches[i-1].ID, res[r].Matches[i].ID)
			}
		}
	}
}

// TestPercolateNeverReadsIndex: Percolate runs on an index that is
// closed, with the results it gives open: it never reads the index, so
// its cost cannot grow with it.
func TestPercolateNeverReadsIndex(t *testing.T) {
	docs := percolateDocs()
	ix := newTestIndex(t, docs...)
	reqs := []index.SearchRequest{{Query: "spyware"}, {Query: "24-cv-01234"}, {Query: "", Filters: index.Filters{Judge: []string{"Rosa M. Serrano"}}}}
	open, err := ix.Percolate(context.Background(), docs[:3], reqs, index.PercolateOptions{FragmentSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	closed, err := ix.Percolate(context.Background(), docs[:3], reqs, index.PercolateOptions{FragmentSize: 50})
	if err != nil {
		t.Fatalf("percolate on a closed index: %v", err)
	}
	if fmt.Sprint(open) != fmt.Sprint(closed) || len(open[1].Matches) != 2 {
		t.Errorf("open %+v, closed %+v", open, closed)
	}
}
