package legal

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// caseTypes lists the district case-type codes accepted in case numbers:
// civil, criminal, magistrate, MDL, miscellaneous, bankruptcy, adversary
// proceeding, petty offense, search warrant, grand jury, pretrial and death
// penalty matters.
const caseTypes = `cv|cr|mj|md|ml|mc|mb|bk|ap|po|sw|gj|pt|dp`

var (
	// reDistrictAt matches, at its start, "4:19-cv-07123-PJH", "19-CV-7123",
	// "2019-cv-7123".
	reDistrictAt = regexp.MustCompile(`(?i)^(?:(\d{1,2}):)?(\d{4}|\d{2})-(` + caseTypes + `)-\n?(\d{1,6})((?:-[a-z]{1,4})*)\b`)
	// reCVNo matches the Central District of California's "CV 15-5642-CAS",
	// with a division prefix ("SACV 09-0189", "EDCV 12-0123") or a dash
	// ("CV-00-20905", as the Northern District printed it).
	reCVNo = regexp.MustCompile(`\b(?:SA|ED|LA)?(CV|CR)[ -]?(\d{2})-(\d{1,5})((?:-[A-Z]{1,4})*)\b`)
	// reShortAt matches, at its start, "YY-NNNNN" (appellate and bankruptcy
	// numbers) with optional judge initials ("-shl", " (JTD)"); it is only
	// tried after a cue word (see cueBefore).
	reShortAt = regexp.MustCompile(`(?i)^((\d{2})-(\d{3,5}))\b(?:(?:-\d)?-([a-z]{2,4})\b|\s*\(([a-z]{2,4})\))?`)

	fCVNo = &finder{re: reCVNo, needles: []string{"CV", "CR"}, fwd: 40}
	// reNoC matches the Northern District of California's and the Western
	// District of Washington's older civil form after "No." or "Nos.", or
	// after a comma in a list of them: "No. C 12-3856 PJH", "No.
	// C-09-05876-CW", "No. C19-92-RAJ", "No. C13-489RAJ" (initials
	// attached), "Nos. CV-00-20905 RMW, C-05-00334 RMW".
	reNoC = regexp.MustCompile(`(?:\bNos?\.\s?|,\s)C[ -]?(\d{2})-(\d{1,5})(?:[A-Z]{2,4})?\b`)
	fNoC  = &finder{re: reNoC, needles: []string{"No. C", "No.C", "Nos. C", ", C-"}, fwd: 24}
	// reTypeCue matches, at the end of the text before a short number, a
	// cue that names the district case type: "Civ. No.", "Civil Action
	// No.", "Criminal No.".
	reTypeCue = regexp.MustCompile(`(?i)\b(civ(?:il)?|crim(?:inal)?)\.?(?:\s+action)?(?:\s+case)?\s*(?:no\.?|number|#)\s*:?\s*$`)

	reParseCue      = regexp.MustCompile(`(?i)^(?:(?:civil\s+action|criminal|c\.\s?a\.|case|appeal|appellate\s+case|docket|dkt\.?|bankruptcy|adv\.?\s+proc\.?)\s*)?(?:no\.?|nos\.|number|#)?\s*[:#]?\s*`)
	reParseDistrict = regexp.MustCompile(`(?i)^(?:(\d{1,2}):)?(\d{4}|\d{2})[-\s]?(` + caseTypes + `)[-\s]?(\d{1,6})((?:-[a-z]{1,4})+(?:-\d{1,3})?|)$`)
	reParseCV       = regexp.MustCompile(`(?i)^(cv|cr) ?(\d{2})-(\d{1,5})((?:-[a-z]{1,4})*)$`)
	reParseShort    = regexp.MustCompile(`(?i)^(\d{2})-(\d{3,5})(?:-([a-z]{2,4})|\s*\(([a-z]{2,4})\))?$`)
)

// typeDashHits returns the offsets of "-tt-" (two letters between dashes,
// a digit before and after, or a line break and a digit after: pdftotext
// wraps "17-CV-\n02511"), where a district-style number has its type.
func typeDashHits(s string) []int {
	var hits []int
	for i := 1; i+4 < len(s); i++ {
		if s[i] == '-' && s[i+3] == '-' && isASCIILetter(s[i+1]) && isASCIILetter(s[i+2]) && isDigit(s[i-1]) &&
			(isDigit(s[i+4]) || s[i+4] == '\n' && i+5 < len(s) && isDigit(s[i+5])) {
			hits = append(hits, i)
		}
	}
	return hits
}

// isWordChar reports whether c is an ASCII word character, as for \b.
func isWordChar(c byte) bool { return isASCIILetter(c) || isDigit(c) || c == '_' }

// districtStart returns where a district-style number whose type is
// preceded by the dash at i starts: at an "O:" office prefix, else at the
// two- or four-digit year. It reports false when the year is not two or
// four digits or does not start a word.
func districtStart(s string, i int) (int, bool) {
	y := i
	for y > 0 && isDigit(s[y-1]) {
		y--
	}
	if n := i - y; n != 2 && n != 4 {
		return 0, false
	}
	if y >= 2 && s[y-1] == ':' {
		o := y - 1
		for o > 0 && isDigit(s[o-1]) && y-1-o < 3 {
			o--
		}
		if n := y - 1 - o; n >= 1 && n <= 2 && (o == 0 || !isWordChar(s[o-1])) {
			return o, true
		}
		return y, true
	}
	if y > 0 && isWordChar(s[y-1]) {
		return 0, false
	}
	return y, true
}

// shortCues are the words after which "YY-NNNNN" is read as a case number.
var shortCues = setOf(`case appeal docket dkt dkt. bankruptcy adversary proc. proceeding petition`)

// cueBefore reports whether a cue precedes offset p, allowing white space
// and up to two of ':' and '#': "No.", "Nos.", "No:", "Number", or one of shortCues
// optionally followed by "No."/"No"/"Number"/"#" ("Case No. ", "Appeal ",
// "USCA Case #", "Dkt. No.", "Docket #:", "Bankruptcy Petition #:").
func cueBefore(s string, p int) bool {
	i := p
	back := func() {
		for i > 0 && i > p-24 && isSpace(s[i-1]) {
			i--
		}
	}
	back()
	colon := false
	for k := 0; k < 2 && i > 0 && (s[i-1] == ':' || s[i-1] == '#'); k++ {
		colon = colon || s[i-1] == ':'
		i--
		back()
	}
	word := func() string {
		j := i
		for i > 0 && j-i < 12 && (isASCIILetter(s[i-1]) || s[i-1] == '.') {
			i--
		}
		if i > 0 && isWordChar(s[i-1]) {
			return ""
		}
		return strings.TrimLeft(asciiLower(s[i:j]), ".")
	}
	switch w := word(); {
	case w == "no." || w == "nos." || w == "number":
		return true
	case w == "no" && colon:
		return true
	case w == "no":
		back()
		return shortCues[word()]
	default:
		return shortCues[w]
	}
}

// shortNumberHits returns the offsets of "DD-D" starting a digit run, where
// a short (appellate or bankruptcy) number may start.
func shortNumberHits(s string) []int {
	var hits []int
	for i := 0; i+3 < len(s); i++ {
		if s[i+2] == '-' && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+3]) && (i == 0 || !isDigit(s[i-1])) {
			hits = append(hits, i)
		}
	}
	return hits
}

// districtCanonical builds "YY-tt-NNNNN" from the printed year, type and
// number; it reports false for an impossible year or a zero number.
func districtCanonical(year, typ, num string) (string, bool) {
	if len(year) == 4 {
		if year[:2] != "19" && year[:2] != "20" {
			return "", false
		}
		year = year[2:]
	}
	n, err := strconv.Atoi(num)
	if err != nil || n <= 0 {
		return "", false
	}
	return fmt.Sprintf("%s-%s-%05d", year, strings.ToLower(typ), n), true
}

// typeCue returns the district case type ("cv", "cr") that a cue right
// before offset p names ("Civ. No. 16-4465", "Criminal No. 20-123"), or "".
func typeCue(s string, p int) string {
	m := reTypeCue.FindStringSubmatch(s[max(0, p-40):p])
	if m == nil {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(m[1]), "civ") {
		return "cv"
	}
	return "cr"
}

// shortCanonical builds "YY-NNNNN" from the printed year and number of
// an appellate- or bankruptcy-style number, zero-padding the number to
// five digits as district numbers are ("21-800" and "21-00800" are one
// number).
func shortCanonical(year, num string) string {
	n, err := strconv.Atoi(num)
	if err != nil {
		return year + "-" + num
	}
	return fmt.Sprintf("%s-%05d", year, n)
}

// initials strips the leading dash of "-PJH-JCS" and a trailing
// defendant number ("-SPL-1").
func initials(s string) string {
	s = strings.TrimPrefix(s, "-")
	if i := strings.LastIndexByte(s, '-'); i >= 0 && i+1 < len(s) && isDigit(s[i+1]) {
		s = s[:i]
	}
	return s
}

// sub returns the submatch i of m in s, or "".
func sub(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// listContinues reports whether the short number at p continues a list
// of numbers that ended at end: only ",", ";", "&", "and" and white space
// (at most 12 bytes) lie between.
func listContinues(s string, end, p int) bool {
	if end < 0 || p < end || p-end > 12 {
		return false
	}
	gap := strings.TrimSpace(strings.NewReplacer(",", " ", ";", " ", "&", " ").Replace(s[end:p]))
	return gap == "" || gap == "and"
}

// defendantSuffix extends a number ending at end (after judge initials)
// over a criminal defendant number ("2:17-cr-00378-SPL-1"): a dash and one
// to three digits that end the word.
func defendantSuffix(s string, end int) int {
	j := end + 1
	if end >= len(s) || s[end] != '-' {
		return end
	}
	for j < len(s) && j-end <= 3 && isDigit(s[j]) {
		j++
	}
	if j == end+1 || j-end > 3 || j < len(s) && (isWordChar(s[j]) || s[j] == '-' && j+1 < len(s) && isDigit(s[j+1])) {
		return end
	}
	return j
}

// officeInitials reports whether s[end:] is a one-digit office and judge
// initials after a short bankruptcy number ("09-12515-1-rel").
func officeInitials(s string, end int) bool {
	return reOfficeInitials.MatchString(s[end:min(end+8, len(s))])
}

var reOfficeInitials = regexp.MustCompile(`^-\d-[a-zA-Z]{2,4}\b`)

// followedByNumberGroup reports whether s[end:] continues a number: another
// "-digit", "/digit" or ".digit" (dates, phone numbers, decimals).
func followedByNumberGroup(s string, end int) bool {
	if end+1 < len(s) && (s[end] == '-' || s[end] == '/' || s[end] == '.') && isDigit(s[end+1]) {
		return true
	}
	return false
}

// posCase is a case number found at text[pos:end].
type posCase struct {
	pos, end int
	cn       CaseNumber
}

// FindCaseNumbers returns the distinct case numbers in text (by Canonical),
// in order of first appearance. Court is left "" (Analyze fills it).
func FindCaseNumbers(text string) []CaseNumber {
	found := findCases(prep(text, maxScan))
	if len(found) == 0 {
		return nil
	}
	out := make([]CaseNumber, len(found))
	for i, f := range found {
		out[i] = f.cn
	}
	return out
}

// findCases returns the first occurrence of each distinct case number in
// text, in order.
func findCases(text string) []posCase {
	return firstOccurrences(findCaseHits(text))
}

// firstOccurrences keeps the first occurrence of each canonical number.
func firstOccurrences(found []posCase) []posCase {
	var out []posCase
	seen := make(map[string]bool)
	for _, f := range found {
		if !seen[f.cn.Canonical] {
			seen[f.cn.Canonical] = true
			out = append(out, f)
		}
	}
	return out
}

// findCaseHits returns every occurrence of a case number in text, in
// order of position.
func findCaseHits(text string) []posCase {
	var found []posCase
	for _, i := range typeDashHits(text) {
		start, ok := districtStart(text, i)
		if !ok {
			continue
		}
		m := reDistrictAt.FindStringSubmatchIndex(text[start:min(start+96, len(text))])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += start
			}
		}
		canon, ok := districtCanonical(sub(text, m, 2), sub(text, m, 3), sub(text, m, 4))
		if !ok {
			continue
		}
		end := m[1]
		if m[10] < m[11] {
			end = defendantSuffix(text, end)
		}
		if followedByNumberGroup(text, end) {
			continue
		}
		found = append(found, posCase{m[0], end, CaseNumber{Raw: strings.ReplaceAll(text[m[0]:end], "\n", ""), Canonical: canon, Office: sub(text, m, 1), JudgeInitials: initials(sub(text, m, 5))}})
	}
	for _, m := range fCVNo.findAll(text, "") {
		canon, ok := districtCanonical(sub(text, m, 2), sub(text, m, 1), sub(text, m, 3))
		if !ok || followedByNumberGroup(text, m[1]) {
			continue
		}
		found = append(found, posCase{m[0], m[1], CaseNumber{Raw: text[m[0]:m[1]], Canonical: canon, JudgeInitials: initials(sub(text, m, 4))}})
	}
	for _, m := range fNoC.findAll(text, "") {
		canon, ok := districtCanonical(sub(text, m, 1), "cv", sub(text, m, 2))
		if !ok || followedByNumberGroup(text, m[1]) {
			continue
		}
		at := m[0] + strings.Index(text[m[0]:m[1]], "C")
		found = append(found, posCase{at, m[1], CaseNumber{Raw: text[at:m[1]], Canonical: canon}})
	}
	listEnd := -1 // end of the last short number taken, for lists ("Nos. 20-55436, 20-55662")
	for _, p := range shortNumberHits(text) {
		if !cueBefore(text, p) && !listContinues(text, listEnd, p) {
			continue
		}
		m := reShortAt.FindStringSubmatchIndex(text[p:min(p+40, len(text))])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += p
			}
		}
		if followedByNumberGroup(text, m[3]) && !officeInitials(text, m[3]) {
			continue
		}
		ini := sub(text, m, 4)
		if ini == "" {
			ini = sub(text, m, 5)
		}
		canon := shortCanonical(sub(text, m, 2), sub(text, m, 3))
		if typ := typeCue(text, p); typ != "" {
			if c, ok := districtCanonical(sub(text, m, 2), typ, sub(text, m, 3)); ok {
				canon = c
			}
		}
		found = append(found, posCase{p, m[1], CaseNumber{Raw: sub(text, m, 1), Canonical: canon, JudgeInitials: ini}})
		listEnd = m[1]
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].pos < found[j].pos })
	return found
}

// ParseCaseNumber parses one user-typed case number, such as "19-cv-7123",
// "4:19-CV-07123-PJH", "Case No. 19-cv-07123", "2019-cv-7123", "No.
// 20-16408" or "23-10945 (JTD)", into its canonical form. The whole input
// must be a case number (with an optional cue such as "Case No."); Raw is
// the number without the cue.
func ParseCaseNumber(s string) (CaseNumber, bool) {
	s = strings.TrimSpace(squash(s))
	if len(s) > 80 {
		return CaseNumber{}, false
	}
	if loc := reParseCue.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	s = strings.TrimRight(s, ".,;")
	if m := reParseDistrict.FindStringSubmatchIndex(s); m != nil {
		if canon, ok := districtCanonical(sub(s, m, 2), sub(s, m, 3), sub(s, m, 4)); ok {
			return CaseNumber{Raw: s, Canonical: canon, Office: sub(s, m, 1), JudgeInitials: initials(sub(s, m, 5))}, true
		}
		return CaseNumber{}, false
	}
	if m := reParseCV.FindStringSubmatchIndex(s); m != nil {
		if canon, ok := districtCanonical(sub(s, m, 2), sub(s, m, 1), sub(s, m, 3)); ok {
			return CaseNumber{Raw: s, Canonical: canon, JudgeInitials: initials(sub(s, m, 4))}, true
		}
		return CaseNumber{}, false
	}
	if m := reParseShort.FindStringSubmatchIndex(s); m != nil {
		ini := sub(s, m, 3)
		if ini == "" {
			ini = sub(s, m, 4)
		}
		return CaseNumber{Raw: s, Canonical: shortCanonical(sub(s, m, 1), sub(s, m, 2)), JudgeInitials: ini}, true
	}
	return CaseNumber{}, false
}

// isDistrictStyle reports whether a canonical number has a type part.
func isDistrictStyle(canonical string) bool { return strings.Count(canonical, "-") == 2 }

// caseType returns the type part of a district-style canonical number.
func caseType(canonical string) string {
	parts := strings.Split(canonical, "-")
	if len(parts) != 3 {
		return ""
	}
	return parts[1]
}
