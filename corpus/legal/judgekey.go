// Matching judges' names across spellings and case-number initials.

package legal

import "strings"

// nameParts returns the lower-case words of a judge's name in canonical
// form, without honorifics, titles, generational suffixes or periods:
// "Hon. PHYLLIS J. HAMILTON" → ["phyllis", "j", "hamilton"]. Hyphenated
// surnames stay one word.
func nameParts(name string) []string {
	var out []string
	for _, w := range strings.Fields(CanonicalJudgeName(name)) {
		if isSuffixToken(w) {
			continue
		}
		w = strings.ToLower(strings.Trim(w, ".,"))
		if w == "" {
			continue
		}
		if strings.Contains(w, ".") { // "s.r." → "s", "r"
			for _, p := range strings.Split(w, ".") {
				if p != "" {
					out = append(out, p)
				}
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// JudgeKey returns a key under which spellings of one judge's name fall
// together: the lower-case surname and first given name, without
// honorifics, titles, middle names or initials and suffixes. "PHYLLIS J.
// HAMILTON", "Judge Phyllis Hamilton" and "Hon. Phyllis J. Hamilton, United
// States District Judge" all give "hamilton phyllis". A bare surname gives
// the surname alone; a name written with a first initial keys with the
// initial ("hamilton p"), so it does not merge with the full form (use
// SameJudge for that within one case). It returns "" when no name is left.
func JudgeKey(name string) string {
	p := nameParts(name)
	switch len(p) {
	case 0:
		return ""
	case 1:
		return p[0]
	}
	return p[len(p)-1] + " " + p[0]
}

// compatible reports whether two lower-case name words may be the same
// name: equal, or one is a single letter that starts the other.
func compatible(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) == 1 && strings.HasPrefix(b, a) || len(b) == 1 && strings.HasPrefix(a, b) {
		return true
	}
	return false
}

// SameJudge reports whether two names may denote the same judge: the same
// surname, and first and middle names that agree where both are given (a
// single initial agrees with a name it starts). "Phyllis Hamilton",
// "Phyllis J. Hamilton", "P. J. Hamilton" and "HAMILTON" agree; "Phyllis
// J. Hamilton" and "Phyllis K. Hamilton" do not, nor do "Jane Smith" and
// "John Smith". A leading initial may be dropped ("J. Randal Hall" and
// "Randal Hall" agree). Use it to merge names within one document or
// case, not across a whole corpus, where two judges may share a surname.
func SameJudge(a, b string) bool {
	pa, pb := nameParts(a), nameParts(b)
	if len(pa) == 0 || len(pb) == 0 || pa[len(pa)-1] != pb[len(pb)-1] {
		return false
	}
	if len(pa) == 1 || len(pb) == 1 {
		return true
	}
	if !compatible(pa[0], pb[0]) {
		// "J. Randal Hall" is "Randal Hall": a leading initial before the
		// given name the other form starts with.
		switch {
		case len(pa[0]) == 1 && len(pa) > 2 && pa[1] == pb[0]:
			pa = pa[1:]
		case len(pb[0]) == 1 && len(pb) > 2 && pb[1] == pa[0]:
			pb = pb[1:]
		default:
			return false
		}
	}
	ma, mb := pa[1:len(pa)-1], pb[1:len(pb)-1]
	if len(ma) > 0 && len(mb) > 0 && !compatible(ma[0], mb[0]) {
		return false
	}
	return true
}

// InitialsMatch reports whether the judge initials of a case number
// ("PJH" in "4:19-cv-07123-PJH") fit a judge's name: one letter per name
// word in order ("PJH" ↔ "Phyllis J. Hamilton", "YGR" ↔ "Yvonne Gonzalez
// Rogers", "SJO" ↔ "S. James Otero"), or two letters for the first name
// and the surname of a longer name ("GW" ↔ "George H. Wu"). Case is
// ignored. It never guesses a missing middle name: "WHA" does not match
// "William Alsup". Initials must be 2 to 4 ASCII letters.
func InitialsMatch(initials, name string) bool {
	ini := strings.ToLower(strings.TrimSpace(initials))
	if len(ini) < 2 || len(ini) > 4 {
		return false
	}
	for i := 0; i < len(ini); i++ {
		if !isASCIILetter(ini[i]) {
			return false
		}
	}
	p := nameParts(name)
	if len(p) < 2 {
		return false
	}
	var letters strings.Builder
	for _, w := range p {
		letters.WriteByte(w[0])
	}
	l := letters.String()
	if l == ini {
		return true
	}
	return len(ini) == 2 && len(l) > 2 && ini[0] == l[0] && ini[1] == l[len(l)-1]
}

// ResolveInitials returns the one judge among judges whose name fits the
// case-number initials (see InitialsMatch), merging spellings of one judge
// with SameJudge and keeping the fullest. It reports false when none fits
// or when two different judges fit: initials alone do not decide.
func ResolveInitials(initials string, judges []Judge) (Judge, bool) {
	var found Judge
	ok := false
	for _, j := range judges {
		if !InitialsMatch(initials, j.Name) {
			continue
		}
		switch {
		case !ok:
			found, ok = j, true
		case SameJudge(found.Name, j.Name):
			if fuller(j.Name, found.Name) {
				found = j
			}
		default:
			return Judge{}, false
		}
	}
	return found, ok
}
