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
	RoleJustice    = "justice"
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
	// reAssigned finds the "Assigned to:" and "Referred to:" labels of
	// PACER docket pages, with an optional title before the name.
	reAssigned = regexp.MustCompile(`(?i)\b(?:assigned|referred)[ \t]+to:[ \t]*(?:(?:hon\.|honorable)[ \t]+)?(?:(?:chief[ \t]+|senior[ \t]+)?(?:(?:u\.\s?s\.|united[ \t]+states)[ \t]+)?(?:(?:district|magistrate|bankruptcy|circuit)[ \t]+)?judge[ \t]+)?`)
	// reNameCommaJudge matches a line that starts with a name and a judge's
	// title after a comma: "Kenneth M. Switzer, Chief Judge", "SELYA,
	// Circuit Judge.", "BARRON, Circuit Judge, concurring". Group 1 is the
	// name, 2 the court level.
	reNameCommaJudge = regexp.MustCompile(`(?m)^[ \t]*(?:\d{1,3}[ \t]+)?([A-Z][^\n,:;()]{2,60}),[ \t]+(?:(?:Chief|Senior|Presiding)[ \t]+)?(?:(?:U\.S\.|United[ \t]+States)[ \t]+)?(?:(District|Magistrate|Bankruptcy|Circuit)[ \t]+)?Judge\b[ \t]*(?:[.,)]|$)`)
	fNameCommaJudge  = &finder{re: reNameCommaJudge, needles: []string{"judge"}, fold: true, line: true, back: 96, fwd: 40, maxLine: 160}
	// reJustice matches the Supreme Court's "SOTOMAYOR, J., delivered" and
	// "JUSTICE SOTOMAYOR delivered"; group 1 or 2 is the surname.
	reJustice = regexp.MustCompile(`\b(?:([A-Z][A-Z'’\-]{2,20}),[ \t]+(?:C\.[ \t]*)?J\.,[ \t]+(?:delivered|filed|concurring|dissenting|announced)|(?:CHIEF[ \t]+)?JUSTICE[ \t]+([A-Z][A-Z'’\-]{2,20})[ \t]+(?:delivered|filed|announced|took|concurring|dissenting))\b`)
	fJustice  = &finder{re: reJustice, needles: []string{", J.,", ", C. J.,", ", C.J.,", "JUSTICE "}, back: 48, fwd: 48}
	// reMasterBefore marks a "Hon." name that follows "Master:" or
	// "Special Master" on its line: not a judge in that role.
	reMasterBefore = regexp.MustCompile(`(?i)\bmaster\b[^\n]{0,16}$`)
	fAssigned      = &finder{re: reAssigned, needles: []string{"ed to:"}, fold: true, back: 16, fwd: 64}

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
// in prose ("U.S. District Judge Phyllis Hamilton"), and the "Assigned
// to:" and "Referred to:" labels of docket pages.
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
	found = append(found, commaTitleJudges(text, lower)...)
	sort.SliceStable(found, func(i, j int) bool { return found[i].pos < found[j].pos })
	return mergeJudges(found)
}

// mergeJudges keeps one entry per judge, in order: entries that SameJudge
// matches (a bare surname, the same name without a middle initial or
// suffix, an initial for a given name) are folded into the fullest form,
// a missing role is filled from a later mention, and the strongest
// capacity wins (signing, presiding, cited).
func mergeJudges(found []posJudge) []Judge {
	var out []Judge
	for _, f := range found {
		j := f.j
		if j.Name == "" {
			continue
		}
		merged := false
		for i := range out {
			if !SameJudge(out[i].Name, j.Name) {
				continue
			}
			if fuller(j.Name, out[i].Name) {
				out[i].Name, out[i].Raw = j.Name, j.Raw
			}
			if out[i].Role == "" {
				out[i].Role = j.Role
			}
			if capacityRank(j.Capacity) > capacityRank(out[i].Capacity) {
				out[i].Capacity = j.Capacity
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

// fuller reports whether name a is a fuller form than b: more words, or
// as many words and more letters ("Phyllis J. Hamilton" over "P. J.
// Hamilton").
func fuller(a, b string) bool {
	na, nb := len(strings.Fields(a)), len(strings.Fields(b))
	if na != nb {
		return na > nb
	}
	return len(a) > len(b)
}
