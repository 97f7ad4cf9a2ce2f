// Roles: whether a case number or a judge belongs to the document's own
// case or to a case it cites.

package legal

import (
	"regexp"
	"strings"
)

// maxHeadBytes bounds the caption zone of a filing (see headEnd), in bytes.
const maxHeadBytes = 16 << 10

// headEnd returns the end of the caption zone of text: the first
// maxCaptionLines lines, at most maxHeadBytes and at most limit bytes
// (the length of the first page, when known).
func headEnd(text string, limit int) int {
	end := min(len(text), limit, maxHeadBytes)
	lines := 0
	for i := 0; i < end; i++ {
		if text[i] == '\n' {
			if lines++; lines == maxCaptionLines {
				return i
			}
		}
	}
	return end
}

var (
	// reCiteMark matches what marks a legal citation: a Westlaw or Lexis
	// cite, a federal reporter, "Id." or a year closing a parenthetical.
	reCiteMark = regexp.MustCompile(`\b(?:19|20)\d{2}\s+WL\s+\d|\bLEXIS\s+\d|\b\d{1,4}\s+(?:F\.\s?(?:Supp\.\s?)?(?:[234]d|4th)?|U\.\s?S\.|S\.\s?Ct\.|B\.R\.|F\.R\.D\.|L\.\s?Ed\.)\s+\d|\bId\.|\b(?:19|20)\d{2}\)`)
	// reCiteAfterNumber matches, at the start of what follows a case
	// number, the rest of a citation: optional judge initials, a database
	// cite, pin cites and the court-and-date parenthetical.
	reCiteAfterNumber = regexp.MustCompile(`^[^;()\d]{0,24}(?:\([A-Z]{2,4}\)[^;()\d]{0,8})?(?:,\s*(?:(?:19|20)\d{2}\s+(?:WL|U\.\s?S\.\s?Dist\.\s?LEXIS)\s+\d|\d{1,4}\s+(?:F\.|U\.\s?S\.|S\.\s?Ct\.|B\.R\.))|\s*\([^()]{0,40}(?:19|20)\d{2}\))`)
	// reCitedBefore matches, at the end of the text before a number, the
	// start of a citation: a signal ("see also No.") or a case name on the
	// same line ("Smith v. Jones, No.").
	reCitedBefore = regexp.MustCompile(`(?i)(?:\b(?:see(?:\s+also)?|cf\.|citing|accord)\s+(?:[^\n;]{0,80}?,\s*)?|\sv\.\s[^\n;]{1,80},\s*)(?:civil\s+action\s+|case\s+)?(?:nos?\.|number)?\s*$`)
	// reRelatedBefore matches, at the end of the text before a number, a
	// cue that the caption names a related or consolidated case.
	reRelatedBefore = regexp.MustCompile(`(?i)(?:\brelated(?:\s+cases?)?|\bconsolidated(?:\s+with)?|\bmember\s+cases?|\b(?:d\.\s?c\.|bk\.|bankr\.)\s+(?:case\s+)?no|\blower\s+court|\bappeal\s+from|\boriginating\s+case\s+no)[^\n]{0,24}$`)
)

// citedAfter reports whether the case number ending at end is followed by
// the rest of a citation ("..., 2021 WL 3668161, at *1 (S.D.N.Y. Aug. 16,
// 2021)", "(9th Cir. 2020)").
func citedAfter(text string, end int) bool {
	win := flatten(text[end:min(end+160, len(text))])
	return reCiteAfterNumber.MatchString(win)
}

// citedBefore reports whether the start of a citation precedes offset p.
func citedBefore(text string, p int) bool {
	return reCitedBefore.MatchString(text[max(0, p-128):p])
}

// relatedBefore reports whether a related-case cue precedes offset p on
// its line or the line before.
func relatedBefore(text string, p int) bool {
	start := max(0, p-96)
	return reRelatedBefore.MatchString(flatten(text[start:p]))
}

// citationNear reports whether a citation mark lies in the bytes around p:
// up to 480 before (the citation a sentence discusses) or 160 after.
func citationNear(text string, p int) bool {
	lo, hi := max(0, p-480), min(len(text), p+160)
	return reCiteMark.MatchString(text[lo:hi])
}

// proseCapacity is the capacity of a judge named in prose or by "Hon." at
// p: cited when a citation is near, else presiding.
func proseCapacity(text string, p int) string {
	if citationNear(text, p) {
		return CapacityCited
	}
	return CapacityPresiding
}

// capacityRank orders capacities for merging mentions of one judge: the
// strongest one wins.
func capacityRank(c string) int {
	switch c {
	case CapacitySigning:
		return 3
	case CapacityPresiding:
		return 2
	case CapacityCited:
		return 1
	}
	return 0
}

// roleRank orders case-number roles for merging occurrences of one number.
func roleRank(r string) int {
	switch r {
	case RoleDocket:
		return 3
	case RoleRelated:
		return 2
	case RoleCited:
		return 1
	}
	return 0
}

// occurrenceRole is the role one occurrence of a case number gives it:
// cited when a citation precedes or follows it or when it lies past the caption zone
// (head), related after a related-case cue, else docket.
func occurrenceRole(text string, f posCase, head int) string {
	switch {
	case citedAfter(text, f.end), citedBefore(text, f.pos):
		return RoleCited
	case f.pos >= head:
		return RoleCited
	case relatedBefore(text, f.pos):
		return RoleRelated
	}
	return RoleDocket
}

// foldShortForms rewrites a short number that spells a district number
// without its type ("CASE NO. 19-6879 BLF" beside "19-cv-06879") to that
// district number's canonical form, when exactly one district number of
// the text has the same year and number.
func foldShortForms(found []posCase) {
	district := make(map[string]string) // "19-06879" -> "19-cv-06879", "" when ambiguous
	for _, f := range found {
		if !isDistrictStyle(f.cn.Canonical) {
			continue
		}
		parts := strings.Split(f.cn.Canonical, "-")
		if len(parts[2]) != 5 {
			continue
		}
		k := parts[0] + "-" + parts[2]
		if c, ok := district[k]; ok && c != f.cn.Canonical {
			district[k] = ""
			continue
		}
		district[k] = f.cn.Canonical
	}
	for i := range found {
		if isDistrictStyle(found[i].cn.Canonical) {
			continue
		}
		if c := district[found[i].cn.Canonical]; c != "" {
			found[i].cn.Canonical = c
		}
	}
}

// sameLevel reports whether two canonical numbers have the same style
// (district-style or short).
func sameLevel(a, b string) bool { return isDistrictStyle(a) == isDistrictStyle(b) }
