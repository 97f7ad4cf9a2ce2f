package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in dossier's canonical text form; see the package
// documentation for the exact rules. Paragraph breaks (blank lines) and line
// breaks are kept, everything else about whitespace is canonicalised.
func Normalize(s string) string {
	if s == "" {
		return ""
	}
	s = cleanRunes(s)
	lines := splitLines(s)
	lines = dehyphenate(lines)
	return joinLines(lines)
}

// CollapseWhitespace returns Normalize(s) on a single line: every run of
// whitespace, line breaks included, becomes one space. It suits titles and
// other one-line fields.
func CollapseWhitespace(s string) string {
	s = Normalize(s)
	if !strings.Contains(s, "\n") {
		return s
	}
	// Normalize leaves no spaces next to '\n', so replacing each run of
	// '\n' by a single space keeps single spacing.
	var b strings.Builder
	b.Grow(len(s))
	prevNL := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			if !prevNL {
				b.WriteByte(' ')
			}
			prevNL = true
			continue
		}
		prevNL = false
		b.WriteByte(c)
	}
	return b.String()
}

// cleanRunes drops invalid UTF-8, applies NFKC, and maps every rune to
// either itself, a space, a newline, or nothing. Soft hyphens survive only
// at a line end (where they mark hyphenation). It applies NFKC again
// afterwards because dropping a character can bring a base letter and a
// combining mark together.
func cleanRunes(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i, r := range s {
		m := mapRune(r)
		if m == softHyphen && !atLineEnd(s[i+utf8.RuneLen(r):]) {
			m = -1
		}
		switch m {
		case r:
			b.WriteRune(r)
		case -1:
			changed = true
		default:
			changed = true
			b.WriteRune(m)
		}
	}
	out := b.String()
	if changed && !norm.NFKC.IsNormalString(out) {
		out = norm.NFKC.String(out)
	}
	return out
}

// atLineEnd reports whether rest holds only characters that mapRune turns
// into spaces or drops before the next line break or the end of the text.
func atLineEnd(rest string) bool {
	for _, r := range rest {
		switch mapRune(r) {
		case '\n':
			return true
		case ' ', -1:
			continue
		default:
			return false
		}
	}
	return true
}

// mapRune returns the replacement of r: r itself, ' ', '\n', or -1 to
// drop it.
func mapRune(r rune) rune {
	switch r {
	case '\n', ' ':
		return r
	case '\u0085', '\u2028', '\u2029': // NEL, line and paragraph separators
		return '\n'
	case '\u00AD':
		// A soft hyphen is invisible except at a line end, where it marks
		// hyphenation; keep it as a hyphen mark so dehyphenate can see it.
		return softHyphen
	}
	if r < utf8.RuneSelf {
		if r < 0x20 || r == 0x7f {
			if r == '\t' || r == '\r' || r == '\f' || r == '\v' {
				return ' '
			}
			return -1
		}
		return r
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
		return -1
	}
	return r
}

// softHyphen is U+00AD. It survives cleanRunes only so that a soft hyphen at
// a line end can trigger de-hyphenation; splitLines removes every other
// occurrence.
const softHyphen = '\u00AD'

// splitLines splits s on '\n' and returns lines with runs of spaces
// collapsed and leading and trailing spaces removed. A soft hyphen that
// ends a line after a letter becomes a '-' marked soft, which dehyphenate
// drops if it does not join the line to the next.
func splitLines(s string) []line {
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	for _, l := range raw {
		out = append(out, cleanLine(l))
	}
	return out
}

// line is one output line; soft records that its trailing hyphen came from
// a soft hyphen and must be dropped if it does not join the next line.
type line struct {
	text string
	soft bool
}

func cleanLine(l string) line {
	var b strings.Builder
	b.Grow(len(l))
	pendingSpace := false
	softAtEnd := false
	for _, r := range l {
		switch r {
		case ' ':
			pendingSpace = b.Len() > 0
			continue
		case softHyphen:
			softAtEnd = true
			continue
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		softAtEnd = false
		b.WriteRune(r)
	}
	text := b.String()
	if softAtEnd {
		// Only a soft hyphen right after a letter can mark hyphenation;
		// elsewhere it is dropped.
		if p, _ := utf8.DecodeLastRuneInString(text); unicode.IsLetter(p) {
			return line{text: text + "-", soft: true}
		}
	}
	return line{text: text}
}

// dehyphenate joins "exam-" + "ple ..." into "example" + " ..." when a line
// ends in a letter followed by a hyphen and the next line starts with a
// lower-case letter. Only the first word of the next line moves up, so the
// line structure is otherwise kept; a next line left empty is removed.
func dehyphenate(lines []line) []line {
	out := lines[:0]
	for i := 0; i < len(lines); i++ {
		cur := lines[i]
		for i+1 < len(lines) && endsHyphenated(cur.text) && startsLower(lines[i+1].text) {
			next := lines[i+1].text
			word, rest, _ := strings.Cut(next, " ")
			_, n := utf8.DecodeLastRuneInString(cur.text)
			cur.text = cur.text[:len(cur.text)-n] + word
			cur.soft = false
			if rest == "" {
				// The next line is used up: drop it and look at the one
				// after, keeping that line's own soft-hyphen state.
				cur.soft = lines[i+1].soft && strings.HasSuffix(cur.text, "-")
				i++
				continue
			}
			lines[i+1] = line{text: rest, soft: lines[i+1].soft}
			break
		}
		if cur.soft {
			cur.text = strings.TrimSuffix(cur.text, "-")
			cur.soft = false
		}
		out = append(out, cur)
	}
	return out
}

// endsHyphenated reports whether s ends with a letter followed by '-' or
// U+2010 HYPHEN.
func endsHyphenated(s string) bool {
	h, n := utf8.DecodeLastRuneInString(s)
	if h != '-' && h != '\u2010' {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return unicode.IsLetter(p)
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// joinLines joins lines with '\n', allowing at most one blank line in a row
// and none at the start or end.
func joinLines(lines []line) string {
	var b strings.Builder
	blank := 0
	wrote := false
	for _, l := range lines {
		if l.text == "" {
			blank++
			continue
		}
		if wrote {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(l.text)
		wrote = true
	}
	return b.String()
}
