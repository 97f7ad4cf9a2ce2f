package searcheval

import (
	"strings"
	"testing"
)

func TestWriteReport(t *testing.T) {
	known := []QueryResult{
		{KnownItem: KnownItem{ID: "dev-hit", Query: "found", Split: SplitDev, Tags: []string{"natural"}}, Rank: 2, Total: 3},
		{KnownItem: KnownItem{ID: "dev-miss", Query: "lost", Split: SplitDev, Tags: []string{"word-form"}, Answers: []string{"corpus/a.pdf"}}, Total: 0},
		{KnownItem: KnownItem{ID: "test-miss", Query: "secret", Split: SplitTest, Tags: []string{"natural"}}, Rank: 9, Total: 12},
	}
	zero := []ZeroResult{
		{ID: "dev-hit", Split: SplitDev, Known: true, Total: 3},
		{ID: "dev-miss", Split: SplitDev, Query: "lost", Known: true},
		{ID: "test-miss", Split: SplitTest, Known: true, Total: 12},
		{ID: "topic-x", Split: SplitTest, Query: "nothing here", Err: "invalid"},
	}
	r := &Result{KnownItems: known, Zero: zero}
	r.Splits, r.ByTag = summarize(known, zero, SplitAll)
	if s := r.Splits[SplitDev]; s.KnownItems != 2 || s.P5 != 0.5 || s.MRR != 0.25 || s.ZeroResults != 1 {
		t.Errorf("dev summary %+v", s)
	}
	if s := r.Splits[SplitAll]; s.KnownItems != 3 || s.ZeroQueries != 4 || s.ZeroResults != 2 {
		t.Errorf("all summary %+v", s)
	}
	var b strings.Builder
	if err := WriteReport(&b, r, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"dev-miss", "corpus/a.pdf", "word-form", "test misses are not listed"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	for _, hidden := range []string{"test-miss", "secret", "topic-x"} {
		if strings.Contains(out, hidden) {
			t.Errorf("report shows test query %q while both splits ran:\n%s", hidden, out)
		}
	}
	if err := WriteReport(&b, &Result{}, false); err == nil {
		t.Error("empty result reported")
	}
}
