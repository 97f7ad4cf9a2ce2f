package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only whitespace", " \t\r\n \n\f ", ""},
		{"plain", "hello world", "hello world"},
		{"ligatures", "ﬁnal ﬂow ofﬁce", "final flow office"},
		{"fullwidth", "ＡＢＣ１２３", "ABC123"},
		{"nbsp and unicode spaces", "a\u00a0b\u2003c\u3000d\u202fe", "a b c d e"},
		{"tab cr ff", "a\tb\rc\fd", "a b c d"},
		{"crlf lines", "one\r\ntwo\r\n", "one\ntwo"},
		{"controls dropped", "a\x00b\x07c\x1bd\x7fe", "abcde"},
		{"format chars dropped", "zero\u200bwidth\ufeff bom\u200d", "zerowidth bom"},
		{"line separators", "a\u2028b\u2029c\u0085d", "a\nb\nc\nd"},
		{"collapse spaces", "a    b  c", "a b c"},
		{"strip line edges", "  a  \n   b   ", "a\nb"},
		{"collapse blank lines", "a\n\n\n\n\nb", "a\n\nb"},
		{"blank line with spaces", "a\n  \n \t \nb", "a\n\nb"},
		{"keep single blank", "a\n\nb", "a\n\nb"},
		{"trim", "\n\n  a b  \n\n", "a b"},
		{"dehyphenate", "exam-\nple text", "example\ntext"},
		{"dehyphenate whole line", "exam-\nple\nnext", "example\nnext"},
		{"dehyphenate trailing space", "exam-  \n  ple", "example"},
		{"dehyphenate chain", "exam-\nple-\nfoo bar", "examplefoo\nbar"},
		{"unicode hyphen", "exam\u2010\nple", "example"},
		{"keep case number", "No. 3:19-cv-\n07123", "No. 3:19-cv-\n07123"},
		{"keep before capital", "Anglo-\nSaxon", "Anglo-\nSaxon"},
		{"keep after digit", "12-\nmonth", "12-\nmonth"},
		{"keep dash line", "--\nfoo", "--\nfoo"},
		{"keep across blank line", "exam-\n\nple", "exam-\n\nple"},
		{"keep mid line hyphen", "well-known fact", "well-known fact"},
		{"soft hyphen mid word", "hy\u00adphen", "hyphen"},
		{"soft hyphen line end join", "exam\u00ad\nple", "example"},
		{"soft hyphen line end no join", "Exam\u00ad\nPle", "Exam\nPle"},
		{"soft hyphen after digit", "12\u00ad\nabc", "12\nabc"},
		{"invalid utf8", "a\xffb\xc3", "ab"},
		{"combining after dropped", "e\u200b\u0301", "é"},
		{"decomposed to nfkc", "e\u0301", "é"},
		{"ecf stamp", "Case 4:19-cv-07123-PJH\u00a0\u00a0Document 1\tFiled 10/29/19   Page 1 of 3",
			"Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 1 of 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestCollapseWhitespace(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"lines", "ORDER GRANTING\nMOTION\n\n\nTO DISMISS", "ORDER GRANTING MOTION TO DISMISS"},
		{"spaces", "  a \t b\r\n c  ", "a b c"},
		{"dehyphenates", "Night-\njar", "Nightjar"},
		{"ligature", "Of\ufb01ce", "Office"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CollapseWhitespace(tt.in)
			if got != tt.want {
				t.Errorf("CollapseWhitespace(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := CollapseWhitespace(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// checkInvariants reports every documented invariant that out breaks.
func checkInvariants(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Normalize(%q) = %q: invalid UTF-8", in, out)
	}
	if !norm.NFKC.IsNormalString(out) {
		t.Fatalf("Normalize(%q) = %q: not NFKC", in, out)
	}
	for _, bad := range []string{"  ", " \n", "\n ", "\n\n\n", "\t", "\r"} {
		if strings.Contains(out, bad) {
			t.Fatalf("Normalize(%q) = %q: contains %q", in, out, bad)
		}
	}
	if strings.TrimSpace(out) != out {
		t.Fatalf("Normalize(%q) = %q: not trimmed", in, out)
	}
	if again := Normalize(out); again != out {
		t.Fatalf("not idempotent for input %q:\n first: %q\nsecond: %q", in, out, again)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "exam-\nple", "ﬁ\u00a0x", "a\u00ad\n\u00adb", "e\u200b\u0301",
		"No. 3:19-cv-\n07123", "a\n\n\n\nb", "\xff\xfe", "x-\u00ad\ny",
		"Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 1 of 3",
		"\u1100\u200b\u1161", "a\u2010\nb c", "\u00b4\n\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Normalize(s)
		checkInvariants(t, s, out)
		c := CollapseWhitespace(s)
		if strings.Contains(c, "\n") || CollapseWhitespace(c) != c {
			t.Fatalf("CollapseWhitespace(%q) = %q: not one stable line", s, c)
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	para := "The ﬁrst Nightjar exﬁltration was de-\nscribed in the complaint, Case 3:24-cv-01234-RMS\u00a0Document 1.\t  \r\n\n\n"
	s := strings.Repeat(para, 400) // about 40 KB, a long filing page set
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
	}
}
