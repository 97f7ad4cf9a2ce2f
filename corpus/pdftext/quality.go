package pdftext

import (
	"strings"
	"unicode"
)

// Thresholds of the page quality gate (see CheckPage).
const (
	// gateMinRunes is the number of non-space characters below which a
	// page's text is too short to judge by ratios: only emptiness, (cid:
	// and replacement characters are checked.
	gateMinRunes = 80
	// gateGluedToken is the length (letters) from which a token counts as
	// glued words: real English words, even legal ones, are shorter.
	gateGluedToken = 25
	// gateGluedShare is the share of letters in glued tokens above which
	// the page fails.
	gateGluedShare = 0.15
	// gateMeanToken is the mean token length (non-space characters) above
	// which a page fails as glued; English prose averages about 6.
	gateMeanToken = 12.0
	// gateMinLetters is the share of letters and digits among non-space
	// characters below which a page fails as garbage (symbol fonts
	// without a ToUnicode map); digits count so that numeric tables pass.
	gateMinLetters = 0.35
	// gateMaxSingles is the share of one-letter tokens above which a page
	// fails as letters split apart (prose has under 5 %).
	gateMaxSingles = 0.4
	// gateMinMeanToken is the mean token length (non-space characters)
	// below which a page fails as split apart: one character per token
	// is what fonts with a broken encoding give.
	gateMinMeanToken = 1.6
	// gateMaxBad is the share of U+FFFD and private-use characters above
	// which a page fails.
	gateMaxBad = 0.05
)

// Gate failure reasons returned by CheckPage.
const (
	ReasonEmpty     = "empty"
	ReasonCID       = "(cid: glyph codes"
	ReasonBadRunes  = "replacement or private-use characters"
	ReasonGlued     = "glued words"
	ReasonNonLetter = "mostly non-letters"
	ReasonSplit     = "letters split apart"
)

// PageStats are the counts the quality gate looks at.
type PageStats struct {
	// Runes is the number of non-space characters.
	Runes int
	// Letters is the number of Unicode letters.
	Letters int
	// Digits is the number of decimal digits.
	Digits int
	// Tokens is the number of whitespace-separated tokens.
	Tokens int
	// GluedLetters is the number of letters in tokens of at least
	// gateGluedToken letters.
	GluedLetters int
	// Singles is the number of tokens that are one letter.
	Singles int
	// Bad is the number of U+FFFD and private-use characters.
	Bad int
	// CID is the number of "(cid:" sequences.
	CID int
}

// Stats counts what CheckPage needs in text.
func Stats(text string) PageStats {
	var st PageStats
	st.CID = strings.Count(text, "(cid:")
	for _, tok := range strings.Fields(text) {
		st.Tokens++
		letters, runes := 0, 0
		for _, r := range tok {
			runes++
			st.Runes++
			switch {
			case unicode.IsLetter(r):
				letters++
			case unicode.IsDigit(r):
				st.Digits++
			case r == '\uFFFD' || unicode.In(r, unicode.Co):
				st.Bad++
			}
		}
		st.Letters += letters
		if runes == 1 && letters == 1 {
			st.Singles++
		}
		if letters >= gateGluedToken {
			st.GluedLetters += letters
		}
	}
	return st
}

// CheckPage is the per-page quality gate: it returns "" when text looks
// like faithful extracted text, or one of the Reason constants when it is
// empty, made of (cid: codes, replacement or private-use characters, words
// glued together (long tokens, or a high mean token length), mostly
// characters other than letters and digits, or letters split apart (mostly one-letter
// tokens). It is cheap (one pass) and pure.
func CheckPage(text string) string {
	st := Stats(text)
	switch {
	case st.Runes == 0:
		return ReasonEmpty
	case st.CID >= 3 || st.CID > 0 && st.Runes < gateMinRunes:
		return ReasonCID
	case float64(st.Bad) > gateMaxBad*float64(st.Runes):
		return ReasonBadRunes
	case st.Runes < gateMinRunes:
		return ""
	case float64(st.GluedLetters) > gateGluedShare*float64(st.Letters),
		float64(st.Runes) > gateMeanToken*float64(st.Tokens):
		return ReasonGlued
	case float64(st.Letters+st.Digits) < gateMinLetters*float64(st.Runes):
		return ReasonNonLetter
	case float64(st.Singles) > gateMaxSingles*float64(st.Tokens),
		float64(st.Runes) < gateMinMeanToken*float64(st.Tokens):
		return ReasonSplit
	}
	return ""
}
