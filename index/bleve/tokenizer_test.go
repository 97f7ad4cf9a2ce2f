package bleve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"dossier/corpus/synth"
)

// tokenDiff describes the first difference between two token streams, or
// returns "".
func tokenDiff(got, want analysis.TokenStream) string {
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End ||
			g.Position != w.Position || g.Type != w.Type {
			return fmt.Sprintf("token %d: got %q [%d,%d) pos %d type %d, want %q [%d,%d) pos %d type %d",
				i, g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type)
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("got %d tokens, want %d", len(got), len(want))
	}
	return ""
}

func TestWordTokenizerMatchesUnicode(t *testing.T) {
	cases := []string{
		"",
		"Motion to Dismiss",
		"don't stop: U.S. v. Smith, 1:23-cv-04567 (S.D.N.Y. 2023)",
		"3.14 1,000,000 1;2 1:2 a:b a;b a,b a.b. .a a. 'a a' a'b 1'2",
		"a_b _a a_ __ _ _1_ 1_a a__1 a_.b a1.b 1a.b a.1 1.a",
		"foo\"bar \"quoted\" 5\"",
		"Section § 1983 — “quoted” café naïve Zürich résumé",
		"tab\there\r\nnew\u000bline\u000cff",
		"e\u0301cole a \u0301b x\u200by",
		"日本語のテキスト 中文 한국어 カタカナ",
		"עברית ש\"ס ג'ירפה",
		"emoji 👍🏽 flags 🇺🇸🇬🇧 end",
		"ＡＢＣ１２３ full-width",
		"a\u00adb soft hyphen, a\u2019s curly apostrophe, 1\u00a0000",
	}
	for _, c := range cases {
		got := wordTokenizer{}.Tokenize([]byte(c))
		want := unicode.NewUnicodeTokenizer().Tokenize([]byte(c))
		if d := tokenDiff(got, want); d != "" {
			t.Errorf("%q: %s", c, d)
		}
	}
}

// TestWordTokenizerMatchesUnicodeOnShared compares the two tokenizers on
// the real texts in ../shared (news pages and the legal collection).
func TestWordTokenizerMatchesUnicodeOnShared(t *testing.T) {
	shared := synth.SharedDir()
	if shared == "" {
		t.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	files, bytes := 0, 0
	err := filepath.WalkDir(filepath.Join(shared, "corpus"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".html", ".htm", ".txt", ".json":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		bytes += len(b)
		got := wordTokenizer{}.Tokenize(b)
		want := unicode.NewUnicodeTokenizer().Tokenize(b)
		if d := tokenDiff(got, want); d != "" {
			t.Errorf("%s: %s", path, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Skipf("no text files under %s/corpus", shared)
	}
	t.Logf("%d files, %d MB: same tokens", files, bytes>>20)
}

func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{"U.S. v. Smith, 1:23-cv-04567", "a'b 1,000.5 _x_", "café “x” 日本", "ש\"ס", "\xff a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got := wordTokenizer{}.Tokenize(in)
		if !utf8.Valid(in) {
			checkTokenStream(t, in, got)
			return
		}
		want := unicode.NewUnicodeTokenizer().Tokenize(in)
		if d := tokenDiff(got, want); d != "" {
			t.Fatalf("%q: %s", in, d)
		}
	})
}

// checkTokenStream checks that tokens are in order, inside in, and
// numbered 1, 2, 3...
func checkTokenStream(t *testing.T, in []byte, ts analysis.TokenStream) {
	t.Helper()
	last := 0
	for i, tok := range ts {
		if tok.Start < last || tok.End <= tok.Start || tok.End > len(in) || tok.Position != i+1 ||
			string(tok.Term) != string(in[tok.Start:tok.End]) {
			t.Fatalf("%q: bad token %d: %v", in, i, tok)
		}
		last = tok.End
	}
}

// TestWordTokenizerInvalidUTF8 pins the one intended difference: bleve's
// unicode tokenizer stops at the first invalid UTF-8 sequence, this one
// goes on with the words after it.
func TestWordTokenizerInvalidUTF8(t *testing.T) {
	in := []byte("\xff\xfe broken \xc3 utf8")
	got := wordTokenizer{}.Tokenize(in)
	checkTokenStream(t, in, got)
	var terms []string
	for _, tok := range got {
		terms = append(terms, string(tok.Term))
	}
	if strings.Join(terms, " ") != "broken utf8" {
		t.Errorf("terms %q, want [broken utf8]", terms)
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := []byte(strings.Repeat("The learned counsel for the appellant, Mr. R. K. Sharma, submitted on 12.03.2019 that the High Court's order (dated 1st May) under Section 302 IPC was bad in law. ", 40))
	for _, tc := range []struct {
		name string
		tok  analysis.Tokenizer
	}{{"unicode", unicode.NewUnicodeTokenizer()}, {"dossier_words", wordTokenizer{}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tc.tok.Tokenize(text)
			}
		})
	}
}
