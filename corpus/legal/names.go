package legal

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// reNamePrefix strips signature and address forms before a name.
	reNamePrefix = regexp.MustCompile(`(?i)^[\s\-–—_/\[(*•·]*(?:s/\s*)?(?:by:\s*)?(?:before\s+)?(?:the\s+)?(?:(?:hon\.?|honorable)(?:\s+|$))?(?:judge:?\s+)?`)
	// reNameSuffix strips a trailing title.
	reNameSuffix = regexp.MustCompile(`(?i)\s*,?\s*(?:u\.\s?s\.\s?[dm]\.\s?j\.|(?:chief|senior)?\s*(?:(?:united\s+states|u\.\s?s\.)\s+)?(?:chief|senior)?\s*(?:district|magistrate|bankruptcy|circuit)\s+(?:court\s+)?judge|chief\s+judge|judge)\s*[\])]?\s*$`)
)

// suffixes are generational suffixes, keyed by upper case without period.
var suffixes = map[string]string{"JR": "Jr.", "SR": "Sr.", "II": "II", "III": "III", "IV": "IV"}

// macNames are the Mac- surnames capitalised inside; other Mac... words
// (Mack, Machado, Macias) are not.
var macNames = map[string]bool{
	"MACARTHUR": true, "MACDONALD": true, "MACDOUGALL": true, "MACFARLANE": true,
	"MACGREGOR": true, "MACINTYRE": true, "MACKAY": true, "MACKENZIE": true,
	"MACKINNON": true, "MACLEAN": true, "MACLEOD": true, "MACMILLAN": true,
	"MACNEIL": true, "MACPHERSON": true,
}

// CanonicalJudgeName returns the display form of a judge's name: honorifics
// ("Hon.", "The Honorable", "/s/") and trailing titles ("United States
// District Judge") removed, all-capital words title-cased with Mc, O',
// hyphen and suffix rules ("PHYLLIS J. HAMILTON" → "Phyllis J. Hamilton",
// "ROBERT L. MILLER, JR." → "Robert L. Miller Jr."). Words already in mixed
// case are kept as written. It returns "" when nothing name-like is left.
func CanonicalJudgeName(raw string) string {
	s := squash(raw)
	if len(s) > 200 {
		return ""
	}
	if loc := reNamePrefix.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	if loc := reNameSuffix.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	s = strings.TrimRight(s, " ,;:])")
	return canonWords(strings.Fields(s))
}

// canonWords joins name words in display form (see CanonicalJudgeName),
// dropping a sentence-final period from the last word.
func canonWords(words []string) string {
	out := make([]string, 0, len(words))
	for _, tok := range words {
		tok = strings.Trim(tok, ",;:")
		if tok == "" {
			continue
		}
		out = append(out, canonToken(tok))
	}
	if n := len(out); n > 0 {
		last := out[n-1]
		if strings.HasSuffix(last, ".") && !isInitialToken(last) && !isSuffixToken(last) {
			out[n-1] = strings.TrimSuffix(last, ".")
		}
	}
	return strings.Join(out, " ")
}

// isInitialToken reports whether tok is an initial such as "J." or "S.R.".
func isInitialToken(tok string) bool {
	if len(tok) < 2 || len(tok)%2 != 0 || len(tok) > 6 {
		return false
	}
	for i := 0; i < len(tok); i += 2 {
		if tok[i] < 'A' || tok[i] > 'Z' || tok[i+1] != '.' {
			return false
		}
	}
	return true
}

// isSuffixToken reports whether tok is a generational suffix.
func isSuffixToken(tok string) bool {
	_, ok := suffixes[strings.ToUpper(strings.TrimSuffix(tok, "."))]
	return ok
}

// canonToken normalises one name word.
func canonToken(tok string) string {
	if s, ok := suffixes[strings.ToUpper(strings.TrimSuffix(tok, "."))]; ok {
		return s
	}
	if len(tok) == 1 && tok[0] >= 'A' && tok[0] <= 'Z' {
		return tok + "."
	}
	if isInitialToken(tok) || !needsTitleCase(tok) {
		return tok
	}
	return titleWord(tok)
}

// needsTitleCase reports whether tok is written in capitals (allowing a
// leading "Mc" as in "McKEOWN").
func needsTitleCase(tok string) bool {
	body := tok
	if strings.HasPrefix(tok, "Mc") {
		body = tok[2:]
	}
	hasUpper := false
	for _, r := range body {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			hasUpper = true
		}
	}
	return hasUpper
}

// titleWord title-cases a capitalised word part by part across hyphens and
// apostrophes, applying the Mc and Mac rules.
func titleWord(tok string) string {
	var b strings.Builder
	start := true
	for i := 0; i < len(tok); {
		r, size := utf8.DecodeRuneInString(tok[i:])
		switch {
		case r == '-' || r == '\'' || r == '’':
			b.WriteRune(r)
			start = true
		case start:
			b.WriteRune(unicode.ToUpper(r))
			start = false
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		i += size
	}
	w := b.String()
	up := strings.ToUpper(tok)
	if len(w) > 3 && strings.HasPrefix(up, "MC") {
		r, size := utf8.DecodeRuneInString(w[2:])
		w = "Mc" + string(unicode.ToUpper(r)) + w[2+size:]
	} else if macNames[up] {
		w = "Mac" + strings.ToUpper(w[3:4]) + w[4:]
	}
	return w
}
