// The parties' caption of a filing or docket page.

package legal

import (
	"regexp"
	"strings"
)

var (
	// reRoleP and reRoleD match a party role starting a caption line (the
	// right column may follow): "Plaintiff,", "Plaintiff, Appellant,",
	// "Plaintiff—Appellant,", "Defendants." The match must end the line or
	// be followed by punctuation.
	reRoleP = regexp.MustCompile(`^(?i:plaintiffs?|petitioners?|appellants?|movants?|claimants?)(?:\s*[,.;:—–-]|\s*\(s\)[,.]?|\s*$)`)
	reRoleD = regexp.MustCompile(`^(?i:defendants?|respondents?|appellees?)(?:\s*[,.;:—–-]|\s*\(s\)[,.]?|\s*$)`)
	// reVLine matches the "v." line between the parties.
	reVLine = regexp.MustCompile(`^(?:v|vs|V|VS)\.(?:\s|$)|^(?:v|vs|versus|VERSUS|-against-|against)\s*$`)
	// reVEnd matches a party line ending in "v." ("TARRANT REGIONAL WATER
	// DISTRICT v.").
	reVEnd     = regexp.MustCompile(`^([A-Z][^\t]{2,120}?)\s+v\.$`)
	reInReLine = regexp.MustCompile(`^(?i:in\s+re)\s*:?$`)
	reOneLine  = regexp.MustCompile(`^([A-Z][^\t]{1,120}?)\s+(?:v\.|vs\.|V\.|VS\.|v)\s+([A-Z][^\t]{1,120}?)\s*$`)
	reInRe     = regexp.MustCompile(`^(?i:in\s+re)\s*:?\s+(\S[^\t]{2,120}?)\s*$`)
	// reRightColumn marks lines from the right-hand column of a pleading
	// caption (case number, hearing details), which are not party names.
	reRightColumn = regexp.MustCompile(`(?i)\b(?:case\s+no|dkt\.?|docket|judge|hon\.|re:|hearing|date:|time:|courtroom|ctrm|dept|action\s+filed|trial\s+date|no\.\s*\d)`)
	// rePartyCut ends the first party's name: ", a Delaware corporation",
	// "and FACEBOOK, INC.", "et al.", "individually".
	rePartyCut = regexp.MustCompile(`(?i)(?:,?\s+(?:a|an)\s+[a-z]|\s+(?:and|&)\s+|,?\s+et\s+al\b|,?\s+individually\b|,?\s+on\s+behalf\b|,?\s+in\s+(?:his|her|its|their)\b|;|\s{3,}|\s+\)|\s+case\s+no\b|\s+civil\s+action\b)`)
	reCitation = regexp.MustCompile(`\d+\s+(?:F\.|U\.\s?S\.|S\.\s?Ct\.|F\. ?Supp|WL\b|L\. ?Ed)|^(?i:see|cf\.|citing)\s`)
	reNoise    = regexp.MustCompile(`(?i)\b(?:court|district\s+of|division|attorneys?\s+for|counsel\s+for|before:|circuit)\b`)
)

// reLeadJunk matches what may precede a one-line caption: "RE:", and
// tokens without an ASCII letter (stamp glyphs).
var reLeadJunk = regexp.MustCompile(`^(?:(?i:re|case\s+title):\s*|[^A-Za-z\s]+\s+|\S*[^\x00-\x7f]\S*\s+)+`)

// rePossessiveLead marks a right-column title line that opens with a party
// possessive ("PLAINTIFF'S L.R. 37-2.3"), not a party name.
var rePossessiveLead = regexp.MustCompile(`^(?:PLAINTIFFS?|DEFENDANTS?|PETITIONERS?|RESPONDENTS?|DEBTORS?|APPELLANTS?|APPELLEES?)(?:['’]S?|S['’])\s`)

// reRolePrefix matches a left-column role or "v." starting a line, before
// the right column's text.
var reRolePrefix = regexp.MustCompile(`^(?:(?i:plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|debtors?)\s*(?:[,.;:—–-]\s*(?:(?i:appellants?|appellees?)[,.]?)?\s*)?|(?:v|vs)\.\s+)`)

// titleZone marks the lines of a pleading's right-column title, so that
// they are not read as party names: from a line whose right part starts
// like a title (see ClassifyDocType) through the capitalised lines without
// a comma that follow it.
func titleZone(lines []string) []bool {
	zone := make([]bool, len(lines))
	in := false
	for i, l := range lines {
		rest := l
		if loc := reRolePrefix.FindStringIndex(rest); loc != nil {
			rest = rest[loc[1]:]
		}
		switch {
		case rest == "" && l != "":
			continue // a bare role or "v." line: the title may go on after it
		case rest == "":
			in = false
		case !in && opensTitle(rest) && strings.ToUpper(rest) == rest:
			in = true
		case in && (strings.ToUpper(rest) != rest || strings.Contains(rest, ",")):
			in = false
		}
		if in && rest == l {
			zone[i] = true
		}
	}
	return zone
}

// opensTitle reports whether a line starts a filing title: a type word
// first, or qualifiers or a party possessive before one.
func opensTitle(l string) bool {
	if typeOfTitle(l) == "" {
		return false
	}
	u := strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToUpper(l))
	return typeOfWords(u, 1) != "" || reTitleLead.MatchString(u) || rePossessiveLead.MatchString(u) || rePartyLead.MatchString(u)
}

// maxCaptionLines is how many lines of a first page FindCaption reads.
const maxCaptionLines = 120

// FindCaption returns the parties' caption of a filing's first page or a
// docket page: the first plaintiff and the first defendant joined by " v."
// ("Nibi, Inc. v. John Doe"), or "In re ..." for a matter without
// adversaries. It reads a pleading caption (a party block above
// "Plaintiff,", "v." and a party block above "Defendant."), else a
// one-line "X v. Y" or "In re X" line among the first lines. All-capital
// names are title-cased; "et al." and descriptions after the first party
// (", a Delaware corporation") are dropped. It returns "" when the page
// has no caption it can read.
func FindCaption(text string) string {
	text = prep(capText(text, 16<<10), 16<<10)
	raw := strings.Split(text, "\n")
	if len(raw) > maxCaptionLines {
		raw = raw[:maxCaptionLines]
	}
	lines := make([]string, len(raw))
	for i, l := range raw {
		l = strings.TrimSpace(l)
		if j := strings.IndexByte(l, ' '); j > 0 && isLineNumber(l[:j]) {
			l = strings.TrimSpace(l[j:])
		} else if isLineNumber(l) {
			l = ""
		}
		l = strings.TrimSpace(strings.Trim(l, ")"))
		if j := strings.Index(l, " )"); j >= 0 {
			l = strings.TrimSpace(l[:j])
		}
		lines[i] = l
	}
	inTitle := titleZone(lines)
	for i := range lines {
		if inTitle[i] {
			lines[i] = ""
		}
	}
	if c := pleadingCaption(lines); c != "" {
		return c
	}
	for _, l := range lines {
		if len(l) > 250 || reCitation.MatchString(l) {
			continue
		}
		l = reLeadJunk.ReplaceAllString(l, "")
		if m := reInRe.FindStringSubmatch(l); m != nil {
			if p := firstParty(m[1]); p != "" {
				return "In re " + p
			}
		}
		if m := reOneLine.FindStringSubmatch(l); m != nil {
			a, b := shortParty(m[1]), shortParty(m[2])
			if a != "" && b != "" && !reNoise.MatchString(l) {
				return a + " v. " + b
			}
		}
	}
	return ""
}

// pleadingCaption reads the caption of a pleading or an appellate
// filing: a party block, its role ("Plaintiff,"), "v.", a party block and
// its role ("Defendant."); or "In re:" and a name; or a name line ending
// in "v." and the next line.
func pleadingCaption(lines []string) string {
	for v, l := range lines {
		if reInReLine.MatchString(l) {
			for k := v + 1; k < len(lines) && k <= v+4; k++ {
				if lines[k] != "" && !reRightColumn.MatchString(lines[k]) {
					if p := firstParty(lines[k]); p != "" {
						return "In re " + p
					}
					break
				}
			}
			continue
		}
		if m := reVEnd.FindStringSubmatch(l); m != nil && !reCitation.MatchString(l) {
			for k := v + 1; k < len(lines) && k <= v+2; k++ {
				if lines[k] != "" {
					a, b := firstParty(m[1]), firstParty(lines[k])
					if a != "" && b != "" && !reNoise.MatchString(m[1]) {
						return a + " v. " + b
					}
					break
				}
			}
		}
		if !reVLine.MatchString(l) {
			continue
		}
		pRole := -1
		for i := v - 1; i >= 0 && i >= v-6; i-- {
			if reRoleP.MatchString(lines[i]) {
				pRole = i
				break
			}
		}
		dRole := -1
		for i := v + 1; i < len(lines) && i <= v+12; i++ {
			if reRoleD.MatchString(lines[i]) {
				dRole = i
				break
			}
		}
		if pRole < 0 || dRole < 0 {
			continue
		}
		a := partyAbove(lines, pRole, max(pRole-12, 0))
		b := partyAbove(lines, dRole, v)
		if a != "" && b != "" {
			return a + " v. " + b
		}
	}
	return ""
}

// partyAbove returns the first party of the name block that ends just
// above line end and starts after line stop: the top-most name line
// before a blank line or a court heading, joined with the next line when
// the name runs on ("COMMISSIONER OF SOCIAL" / "SECURITY, ...").
func partyAbove(lines []string, end, stop int) string {
	top := -1
	for i := end - 1; i > stop || (i == stop && stop == 0); i-- {
		l := lines[i]
		if l == "" {
			if top >= 0 {
				break
			}
			continue
		}
		if reRightColumn.MatchString(l) && !startsWithName(l) || typeOfTitle(l) != "" || rePossessiveLead.MatchString(l) || reRoleP.MatchString(l) || reRoleD.MatchString(l) || reVLine.MatchString(l) {
			continue
		}
		if reNoise.MatchString(l) {
			break
		}
		top = i
	}
	if top < 0 {
		return ""
	}
	name := lines[top]
	if t := strings.TrimSpace(name); !strings.HasSuffix(t, ",") && top+1 < end {
		next := lines[top+1]
		if c := strings.IndexByte(next, ','); c > 0 && next != "" && !reRoleP.MatchString(next) && !reRoleD.MatchString(next) {
			name += " " + next[:c]
		}
	}
	return firstParty(name)
}

// startsWithName reports whether a line starts with a capitalised party
// name before a right-column part ("NIBI, INC., Case No. 24-cv-06184").
func startsWithName(l string) bool {
	loc := reRightColumn.FindStringIndex(l)
	return loc != nil && loc[0] > 3 && l[0] >= 'A' && l[0] <= 'Z'
}

// reEtAl matches "et al." and what follows it.
var reEtAl = regexp.MustCompile(`(?i),?\s+et\s+al\b.*$`)

// shortParty puts a party of a one-line case title ("Brady v. Deloitte &
// Touche LLP et al") in display form: "et al." is dropped, "and" and "&"
// are kept.
func shortParty(s string) string {
	s = reEtAl.ReplaceAllString(s, "")
	if loc := reRightColumn.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.Trim(squash(s), " ,;:")
	if len(s) < 2 || len(s) > 120 {
		return ""
	}
	return partyCase(s)
}

// firstParty cuts a party line to the first party's name and puts it in
// display case.
func firstParty(s string) string {
	if loc := rePartyCut.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	if loc := reRightColumn.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.Trim(squash(s), " ,;:)(")
	if len(s) < 2 || len(s) > 120 {
		return ""
	}
	hasLetter := false
	for i := 0; i < len(s); i++ {
		if isASCIILetter(s[i]) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return ""
	}
	return partyCase(s)
}

// lowerWords are the short words written in lower case inside a name.
var lowerWords = setOf(`OF AND THE FOR IN ON AT BY TO`)

// shortNames are short capitalised words that are names, not acronyms.
var shortNames = setOf(`DOE ROE LEE WU LI NG KIM JOE ANN SUE BOB ROY RAY AL ED TY IAN LEO MAY`)

// partyCase title-cases an all-capital party name, keeping short
// acronyms ("NSO", "LLC", "USA") in capitals.
func partyCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.Trim(w, ".,")
		switch {
		case i > 0 && lowerWords[core]:
			words[i] = strings.ToLower(w)
		case core == "INC" || core == "CORP" || core == "CO" || core == "LTD" || core == "THE":
			words[i] = titleWord(w)
		case len(core) <= 3 && !shortNames[core]:
			// acronym: keep
		default:
			words[i] = canonToken(w)
		}
	}
	return strings.Join(words, " ")
}
