package legal

import (
	"regexp"
	"sort"
	"strings"
)

// Role values set on Judge.Role.
const (
	RoleDistrict   = "district judge"
	RoleMagistrate = "magistrate judge"
	RoleBankruptcy = "bankruptcy judge"
	RoleCircuit    = "circuit judge"
	RoleChief      = "chief judge"
)

// roleCore matches a judge's title; group 1 is the court level.
const roleCore = `(?:(?:chief|senior)\s+)?(?:(?:united\s+states|u\.\s?s\.)\s+)?(?:(?:chief|senior)\s+)?(district|magistrate|bankruptcy|circuit)\s+(?:court\s+)?judge`

var (
	// reRoleLine matches a signature-block title line.
	reRoleLine = regexp.MustCompile(`(?im)^[ \t]*(?:\d{1,3}[ \t]+)?(?:the[ \t]+)?(?:` + roleCore + `(?:[ \t]+presiding)?|(chief)\s+judge|u\.\s?s\.\s?([dm])\.\s?j\.)[ \t]*[.,]?[ \t]*$`)
	// reRoleTail matches a title after a name on the same line.
	reRoleTail = regexp.MustCompile(`(?i)^\s*,\s*(?:` + roleCore + `\b|(chief)\s+judge\b|u\.\s?s\.\s?([dm])\.\s?j\.)`)
	// reHon finds "Hon." and "Honorable".
	reHon = regexp.MustCompile(`\b(?:Hon\.|HON\.|Honorable|HONORABLE)[ \t]+`)
	// reJudgeColon finds "Judge: " hearing lines.
	reJudgeColon = regexp.MustCompile(`(?i)\bjudge:[ \t]*(?:(?:hon\.|honorable)[ \t]+)?`)
	// rePanelSplit splits a panel list; rePanelRole matches the titles
	// inside it ("Chief Judge").
	rePanelSplit = regexp.MustCompile(`(?i)\s*(?:,|\band\b|&)\s*`)
	rePanelRole  = regexp.MustCompile(`(?i)^(?:(?:chief|senior)\s+)?(?:(?:circuit|district)\s+)?judges?$`)

	fRoleLine   = &finder{re: reRoleLine, needles: []string{"judge", ".j."}, fold: true, line: true, back: 96, fwd: 80, maxLine: 96}
	fHon        = &finder{re: reHon, needles: []string{"Hon", "HON"}, fwd: 16}
	fJudgeColon = &finder{re: reJudgeColon, needles: []string{"judge:"}, fold: true, fwd: 32}

	// reNotJudgeTitle marks honorees who are not judges.
	reNotJudgeTitle = regexp.MustCompile(`(?i)^\s*,?\s*(?:the\s+)?(?:attorney\s+general|secretary|governor|senator|mayor|representative|congress(?:man|woman)?|member|ambassador|commissioner|minister|president|speaker)\b`)
)

// roleOf maps a matched title word to a Role value.
func roleOf(word string) string {
	switch strings.ToLower(strings.Fields(word + " x")[0]) {
	case "district", "d":
		return RoleDistrict
	case "magistrate", "m":
		return RoleMagistrate
	case "bankruptcy":
		return RoleBankruptcy
	case "circuit", "appeals", "appellate":
		return RoleCircuit
	case "chief":
		return RoleChief
	}
	return ""
}

// posJudge is a judge found at a byte offset.
type posJudge struct {
	pos int
	j   Judge
}

// FindJudges returns the distinct judges named in text (by canonical Name),
// in order of first appearance, from signature blocks, "Hon." forms,
// "Judge:" lines, "Before: ..., Circuit Judges." panels and titled mentions
// in prose ("U.S. District Judge Phyllis Hamilton").
func FindJudges(text string) []Judge {
	return findJudges(prep(text, maxScan))
}

// findJudges is FindJudges on prepared text.
func findJudges(text string) []Judge {
	lower := asciiLower(text)
	var found []posJudge
	found = append(found, signatureJudges(text, lower)...)
	found = append(found, honJudges(text, lower)...)
	found = append(found, panelJudges(text, lower)...)
	found = append(found, titledJudges(text)...)
	sort.SliceStable(found, func(i, j int) bool { return found[i].pos < found[j].pos })
	return mergeJudges(found)
}

// mergeJudges keeps one entry per judge, in order: an entry whose name is a
// shorter form of another's (a bare surname, or the same name without a
// middle initial or suffix) is folded into the longer form, and a missing
// role is filled from a later mention.
func mergeJudges(found []posJudge) []Judge {
	var out []Judge
	for _, f := range found {
		j := f.j
		if j.Name == "" {
			continue
		}
		merged := false
		for i := range out {
			if !sameJudge(out[i].Name, j.Name) {
				continue
			}
			if len(strings.Fields(j.Name)) > len(strings.Fields(out[i].Name)) {
				out[i].Name, out[i].Raw = j.Name, j.Raw
			}
			if out[i].Role == "" {
				out[i].Role = j.Role
			}
			merged = true
			break
		}
		if !merged {
			out = append(out, j)
		}
	}
	return out
}

// sameJudge reports whether two canonical names denote the same judge: equal,
// or the shorter is the longer's surname, or an in-order subsequence of the
// longer starting with the same first word.
func sameJudge(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	s, l := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(s) > len(l) {
		s, l = l, s
	}
	if len(s) == 0 || len(s) == len(l) {
		return false
	}
	if len(s) == 1 {
		return s[0] == surname(l)
	}
	if s[0] != l[0] {
		return false
	}
	k := 0
	for _, w := range l {
		if k < len(s) && w == s[k] {
			k++
		}
	}
	return k == len(s)
}

// surname returns the last non-suffix word of lower-case tokens.
func surname(toks []string) string {
	for i := len(toks) - 1; i >= 0; i-- {
		if !isSuffixToken(toks[i]) {
			return strings.TrimSuffix(toks[i], ",")
		}
	}
	return ""
}
