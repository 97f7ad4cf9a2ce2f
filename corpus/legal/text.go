package legal

import (
	"strings"
	"unicode/utf8"
)

// Scan caps, in bytes. Inputs longer than a cap are cut (at a rune
// boundary) before scanning; see doc.go.
const (
	maxScan      = 4 << 20   // case numbers, judges, ECF stamps, signed dates
	maxCourtScan = 256 << 10 // court detection
)

// capText returns at most n bytes of s, cut back to a rune boundary.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// oddSpaces lists non-ASCII space characters that extracted text often
// carries; they are folded to ' ' before matching because RE2's \s is ASCII.
const oddSpaces = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

// oddDashes are hyphen-like characters folded to '-' so that "No. 11–889"
// (en dash) reads like "No. 11-889".
const oddDashes = "\u2010\u2011\u2012\u2013\u2212"

var spaceFolder = func() *strings.Replacer {
	var pairs []string
	for _, r := range oddSpaces {
		pairs = append(pairs, string(r), " ")
	}
	pairs = append(pairs, "\r\n", "\n", "\r", "\n")
	for _, r := range oddDashes {
		pairs = append(pairs, string(r), "-")
	}
	return strings.NewReplacer(pairs...)
}()

// prep caps s at n bytes and folds odd spaces, hyphen-like dashes and CR
// line ends.
func prep(s string, n int) string {
	s = capText(s, n)
	if strings.ContainsAny(s, oddSpaces+oddDashes+"\r") {
		s = spaceFolder.Replace(s)
	}
	return s
}

// squash collapses every run of white space in s to a single space and trims it.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isLineNumber reports whether a trimmed line is a bare pleading-paper line
// number (one to three digits).
func isLineNumber(line string) bool {
	if line == "" || len(line) > 3 {
		return false
	}
	for i := 0; i < len(line); i++ {
		if line[i] < '0' || line[i] > '9' {
			return false
		}
	}
	return true
}

// flatten joins the lines of s with single spaces, dropping lines that are
// bare pleading line numbers, so that captions broken by line numbering read
// as one phrase.
func flatten(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || isLineNumber(line) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return squash(b.String())
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// maxLineScan bounds how far lineAt looks for a line's ends, so that work
// stays linear on text with very long lines.
const maxLineScan = 2048

// lineAt returns the bounds of the line holding offset p (0 ≤ p ≤ len(s)).
// A bound more than maxLineScan bytes away is reported at that distance.
func lineAt(s string, p int) (int, int) {
	lo := max(p-maxLineScan, 0)
	start := lo
	if i := strings.LastIndexByte(s[lo:p], '\n'); i >= 0 {
		start = lo + i + 1
	}
	hi := min(p+maxLineScan, len(s))
	end := hi
	if i := strings.IndexByte(s[p:hi], '\n'); i >= 0 {
		end = p + i
	}
	return start, end
}
