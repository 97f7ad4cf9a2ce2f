package searcheval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitOf(t *testing.T) {
	// FNV-1a 32: "" 0x811c9dc5, "a" 0xe40c292c, "foobar" 0xbf9cf968,
	// "nso-exploit-steps" 0x17f228ef.
	for id, want := range map[string]string{"": SplitTest, "a": SplitDev, "foobar": SplitDev, "nso-exploit-steps": SplitTest} {
		if got := SplitOf(id); got != want {
			t.Errorf("SplitOf(%q) = %s, want %s", id, got, want)
		}
	}
}

// TestDefaultQueries checks the built-in set: its size, that every split
// is the hash's, and that answers are clean relative paths.
func TestDefaultQueries(t *testing.T) {
	qs, err := LoadQueries("")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs.KnownItem) < 60 {
		t.Errorf("%d known-item queries, want at least 60", len(qs.KnownItem))
	}
	if n := len(qs.KnownItem) + len(qs.Topical); n < 100 {
		t.Errorf("zero-result set of %d queries, want at least 100", n)
	}
	splits := map[string]int{}
	for _, k := range qs.KnownItem {
		splits[k.Split]++
		if len(k.Tags) == 0 {
			t.Errorf("%s: no tags", k.ID)
		}
		for _, a := range k.Answers {
			if filepath.IsAbs(a) || strings.Contains(a, "..") || !strings.HasPrefix(a, "corpus/") {
				t.Errorf("%s: answer %q is not a path under the shared corpus", k.ID, a)
			}
		}
	}
	if splits[SplitDev] < 20 || splits[SplitTest] < 20 {
		t.Errorf("splits %v: want at least 20 known-item queries in each", splits)
	}
}

func TestValidateQueries(t *testing.T) {
	good := KnownItem{ID: "a", Query: "q", Answers: []string{"corpus/x.pdf"}, Tags: []string{"natural"}, Split: SplitOf("a")}
	for _, c := range []struct {
		name string
		qs   QuerySet
		want string
	}{
		{"ok", QuerySet{KnownItem: []KnownItem{good}, Topical: []Topical{{ID: "t", Query: "x", Split: SplitOf("t")}}}, ""},
		{"duplicate", QuerySet{KnownItem: []KnownItem{good}, Topical: []Topical{{ID: "a", Query: "x", Split: SplitOf("a")}}}, "duplicate id"},
		{"wrong split", QuerySet{Topical: []Topical{{ID: "a", Query: "x", Split: SplitTest}}}, "the hash gives"},
		{"no answers", QuerySet{KnownItem: []KnownItem{{ID: "a", Query: "q", Split: SplitOf("a")}}}, "no answers"},
		{"no id", QuerySet{Topical: []Topical{{Query: "x"}}}, "has no id"},
		{"bad date", QuerySet{KnownItem: []KnownItem{{ID: "a", Query: "q", Answers: []string{"corpus/x"}, Split: SplitOf("a"), Filters: &Filters{From: "May 2020"}}}}, "from"},
	} {
		err := c.qs.Validate()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: Validate = %v, want %q", c.name, err, c.want)
		}
	}
}

func TestLoadQueriesFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "q.json")
	if err := os.WriteFile(p, []byte(`{"known_item": [], "topical": [{"id": "a", "query": "x", "split": "dev"}], "extra": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadQueries(p); err == nil || !strings.Contains(err.Error(), "extra") {
		t.Errorf("unknown field accepted: %v", err)
	}
	if err := os.WriteFile(p, []byte(`{"known_item": [], "topical": [{"id": "a", "query": "x", "split": "dev"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if qs, err := LoadQueries(p); err != nil || len(qs.Topical) != 1 {
		t.Errorf("LoadQueries = %+v, %v", qs, err)
	}
}
