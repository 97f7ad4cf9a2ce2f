package htmleval

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case and 4:19-cv-07123", []string{"snake_case", "and", "4", "19", "cv", "07123"}},
		{"Grüße aus Köln – l'été", []string{"Grüße", "aus", "Köln", "l", "été"}},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestShingleMatch(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		tp, fp, fn  float64
	}{
		{"both empty", "", "", 0, 0, 0},
		{"identical", "a b c d e", "a b c d e", 1, 0, 0},
		{"empty prediction", "a b c d e", "", 0, 0, 1},
		// truth shingles: abcd bcde; pred: abcd bcde cdef -> tp 2 fp 1.
		{"one extra word", "a b c d e", "a b c d e f", 2.0 / 3, 1.0 / 3, 0},
		// Fewer than four tokens make one shingle of all of them.
		{"short texts", "a b", "a b", 1, 0, 0},
		{"short mismatch", "a b", "a c", 0, 0.5, 0.5},
		// Punctuation and white space do not matter, case does.
		{"tokenised", "A, b. c; d!", "A b c d", 1, 0, 0},
		{"case", "A b c d", "a b c d", 0, 0.5, 0.5},
	}
	for _, tt := range tests {
		tp, fp, fn := ShingleMatch(tt.truth, tt.pred)
		if !near(tp, tt.tp) || !near(fp, tt.fp) || !near(fn, tt.fn) {
			t.Errorf("%s: got (%.3f %.3f %.3f), want (%.3f %.3f %.3f)", tt.name, tp, fp, fn, tt.tp, tt.fp, tt.fn)
		}
	}
}

func TestAggregate(t *testing.T) {
	// Page 1 perfect; page 2 half its output wrong, all truth found; page 3
	// empty output: no precision term, recall 0.
	m := [][3]float64{{1, 0, 0}, {0.5, 0.5, 0}, {0, 0, 1}}
	got := Aggregate(m)
	wantP, wantR := (1+0.5)/2.0, (1+1+0)/3.0
	if !near(got.Precision, wantP) || !near(got.Recall, wantR) {
		t.Fatalf("Aggregate = %+v, want P %.3f R %.3f", got, wantP, wantR)
	}
	if f := 2 * wantP * wantR / (wantP + wantR); !near(got.F1, f) {
		t.Errorf("F1 = %.4f, want %.4f", got.F1, f)
	}
	if z := Aggregate(nil); z.F1 != 0 {
		t.Errorf("Aggregate(nil) = %+v", z)
	}
}

func TestBylineMatch(t *testing.T) {
	tests := []struct {
		got  []string
		want string
		ok   bool
	}{
		{[]string{"Nicolas Perriault"}, "Nicolas Perriault", true},
		{[]string{"Erin Cunningham"}, "By Erin Cunningham", true},
		{[]string{"Sébastien Farcis"}, "Par Sébastien Farcis", true},
		{[]string{"Stella Kim", "Jennifer Jett"}, "Stella Kim, Jennifer Jett", true},
		{[]string{"Nathan Willis"}, "By Nathan Willis\n   March 25, 2015", true},
		{[]string{"JOE HILDEBRAND"}, "Joe Hildebrand", true},
		{[]string{"Laurie Oakes"}, "JOE HILDEBRAND", false},
		{nil, "Someone", false},
		{[]string{"Stella Kim"}, "Stella Kim, Jennifer Jett, Alexander Smith", false},
		{[]string{"A"}, "", false},
	}
	for _, tt := range tests {
		if got := BylineMatch(tt.got, tt.want); got != tt.ok {
			t.Errorf("BylineMatch(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.ok)
		}
	}
}

func TestContainsSnippet(t *testing.T) {
	text := "Die GEMA dreht\nvöllig am Zeiger!\n\nZweiter Absatz."
	tests := []struct {
		snippet string
		ok      bool
	}{
		{"Die GEMA dreht völlig am Zeiger!", true},
		{"Zeiger! Zweiter", true},
		{"Impressum", false},
		{"  ", false},
		// NFD input still matches NFC text.
		{"vo\u0308llig", true},
	}
	for _, tt := range tests {
		if got := ContainsSnippet(text, tt.snippet); got != tt.ok {
			t.Errorf("ContainsSnippet(%q) = %v, want %v", tt.snippet, got, tt.ok)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []Options{{}, {Shared: "x", Sets: []string{"nope"}}, {Shared: "x", Workers: -1}} {
		if err := o.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", o)
		}
	}
	o := Options{Shared: "x"}
	o.SetDefaults()
	if err := o.Validate(); err != nil || len(o.Sets) != len(AllSets) || o.Workers < 1 || o.Extract == nil {
		t.Errorf("defaults %+v: %v", o, err)
	}
}

func TestRunMissingData(t *testing.T) {
	_, err := Run(t.Context(), Options{Shared: t.TempDir()})
	if !errors.Is(err, ErrNoData) {
		t.Fatalf("Run on an empty folder: %v, want ErrNoData", err)
	}
}

func TestHasMojibake(t *testing.T) {
	for s, want := range map[string]bool{
		"Grüße aus Köln, l’été":   false,
		"GrÃ¼ÃŸe aus KÃ¶ln":       true,
		"lâ€™Ã©tÃ©":               true,
		"broken \uFFFD byte":      true,
		"plain ASCII, Ã alone OK": false,
	} {
		if got := HasMojibake(s); got != want {
			t.Errorf("HasMojibake(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSplitOf(t *testing.T) {
	// Fixed by FNV-1a 32: the same name always lands in the same half.
	names := []string{"a.html", "b.html", "news.example.html", "blog-post-17.html", "x", "y", "z", "page.html.gz"}
	halves := map[string]int{}
	for _, n := range names {
		h := SplitOf(n)
		if h != SplitDev && h != SplitTest {
			t.Fatalf("SplitOf(%q) = %q", n, h)
		}
		if again := SplitOf(n); again != h {
			t.Errorf("SplitOf(%q) not stable: %q then %q", n, h, again)
		}
		halves[h]++
	}
	if halves[SplitDev] == 0 || halves[SplitTest] == 0 {
		t.Errorf("all %d names in one half: %v", len(names), halves)
	}
	// FNV-1a 32 of "" is the offset basis 2166136261, which is odd.
	if got := SplitOf(""); got != SplitTest {
		t.Errorf(`SplitOf("") = %q, want %q`, got, SplitTest)
	}
}

func TestValidDay(t *testing.T) {
	tests := map[string]bool{
		"2022-11-29":          true,
		"2022-11-29T10:00:00": true,
		"2022-29-11":          false, // month 29
		"2022-01.26":          false,
		"2021-02-29":          false,
		"2022":                false,
	}
	for in, want := range tests {
		if got := validDay(in); got != want {
			t.Errorf("validDay(%q) = %v, want %v", in, got, want)
		}
	}
}
