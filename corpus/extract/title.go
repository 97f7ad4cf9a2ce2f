package extract

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"dossier/corpus/textnorm"
)

// titleWords start the titles of court filings; a possessive ("PLAINTIFF'S",
// "DEFENDANTS'") counts as its word.
var titleWords = []string{
	"ORDER", "MOTION", "COMPLAINT", "DECLARATION", "NOTICE", "MEMORANDUM",
	"STIPULATION", "STIPULATED", "BRIEF", "OPINION", "JUDGMENT", "EXHIBIT", "REPLY",
	"OPPOSITION", "ANSWER", "PETITION", "APPLICATION", "JOINT", "PLAINTIFF",
	"DEFENDANT", "AMENDED", "PROPOSED", "[PROPOSED]", "GOVERNMENT", "RESPONSE",
	"REQUEST", "SUBPOENA", "TRANSCRIPT", "VERDICT", "INDICTMENT", "SENTENCING",
	"CERTIFICATE", "AFFIDAVIT", "SUMMONS", "PROTECTIVE", "FINAL", "ADMINISTRATIVE",
	"PLAINTIFFS", "DEFENDANTS", "REPORTER", "SUPPLEMENTAL", "UNOPPOSED",
	"EX", "EMERGENCY", "RENEWED", "DOCKETING",
}

// maxTitleLines is how many capitalised lines a filing title may span.
const maxTitleLines = 4

// maxTitleScan is how many lines of the first page are searched for a title.
const maxTitleScan = 90

var (
	// reLeftColumn matches what the left column of a pleading caption puts
	// before the title on the same line: a party role, "v.", a rule of
	// ")" characters.
	reLeftColumn = regexp.MustCompile(`^(?:(?:Plaintiffs?|Defendants?|Petitioners?|Respondents?|Appellants?|Appellees?|Debtors?|Movants?)\s*[,.;:]?\s*(?:\d\s+)?|(?:v|vs)\.?\s+|\)\s*)+`)
	// reExhibitLine matches an exhibit cover line: "EXHIBIT A", "Exhibit CC",
	// "Exhibit E to the Declaration of ...", "TRIAL EXHIBIT".
	reExhibitLine = regexp.MustCompile(`^(?i:(?:trial\s+)?exhibit)(?:\s+[A-Z0-9][A-Z0-9.\-]{0,7})?(?:\s|$)`)
)

// titleLine strips a first-page line down to where a title may start:
// the pleading line number, caption rules, a left-column party role, and
// everything up to a " ) " column rule.
func titleLine(line string) string {
	line = strings.TrimSpace(line)
	if k := strings.IndexByte(line, ' '); k > 0 && isPleadingNumber(line[:k]) {
		line = strings.TrimSpace(line[k:])
	}
	if loc := reLeftColumn.FindStringIndex(line); loc != nil {
		line = line[loc[1]:]
	}
	if i := strings.LastIndex(line, " ) "); i >= 0 {
		line = line[i+3:] // "corporation, ) REPLY DECLARATION OF": the right column
	}
	return strings.TrimSpace(strings.TrimRight(line, " )"))
}

// isPleadingNumber reports whether s is a bare line number (1–3 digits).
func isPleadingNumber(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// filingTitle picks a filing's title: the capitalised lines on the first
// page that start like a filing title (the right column of a pleading
// caption included), else an exhibit cover line, else the PDF's own title,
// else the file name. fromPage reports whether the title was read from the
// page.
func filingTitle(firstPage, pdfTitle, source string) (title string, fromPage bool) {
	lines := strings.Split(firstPage, "\n")
	if len(lines) > maxTitleScan {
		lines = lines[:maxTitleScan]
	}
	for i, raw := range lines {
		line := titleLine(raw)
		if len(line) < 5 || len(line) > 300 || !mostlyUpper(line) || !startsLikeTitle(line) || isCourtHeading(line) {
			continue
		}
		parts := []string{line}
		for _, next := range lines[i+1:] {
			next = titleLine(next)
			if next == "" && len(parts) == 1 {
				continue
			}
			if len(parts) == maxTitleLines || next == "" || !mostlyUpper(next) || strings.HasPrefix(next, "Case") || isSectionHeading(next) {
				break
			}
			parts = append(parts, next)
		}
		return textnorm.CollapseWhitespace(strings.Join(parts, " ")), true
	}
	seen := 0
	for i, raw := range lines {
		line := titleLine(raw)
		if line == "" || strings.HasPrefix(line, "Case") {
			continue
		}
		if seen++; seen > 4 {
			break
		}
		if reExhibitLine.MatchString(line) && len(line) <= 120 {
			t := line
			if i+1 < len(lines) {
				if next := titleLine(lines[i+1]); strings.HasPrefix(strings.ToLower(next), "to ") {
					t += " " + next
				}
			}
			return textnorm.CollapseWhitespace(t), true
		}
	}
	if t := usablePDFTitle(pdfTitle); t != "" {
		return t, false
	}
	base := filepath.Base(source)
	return strings.TrimSuffix(base, filepath.Ext(base)), false
}

// isCourtHeading reports whether line is a court's name rather than a title
// ("UNITED STATES DISTRICT COURT").
func isCourtHeading(line string) bool {
	return strings.Contains(strings.ToUpper(line), " COURT")
}

// usablePDFTitle returns the PDF Info title when it names the document
// rather than a file or URL it was made from, else "".
func usablePDFTitle(t string) string {
	t = textnorm.CollapseWhitespace(t)
	t = strings.TrimPrefix(t, "Microsoft Word - ")
	lower := strings.ToLower(t)
	for _, ext := range []string{".pdf", ".doc", ".docx", ".wpd", ".rtf"} {
		lower = strings.TrimSuffix(lower, ext)
	}
	if len(lower) < 4 || strings.Contains(lower, "://") || strings.ContainsAny(lower, "/\\") {
		return ""
	}
	return t[:len(lower)]
}

// sectionHeadings open the body of a filing, after its title.
var sectionHeadings = []string{
	"INTRODUCTION", "BACKGROUND", "PRELIMINARY STATEMENT", "STATEMENT OF", "ARGUMENT",
	"DISCUSSION", "FACTUAL", "FACTS", "PARTIES", "JURISDICTION", "I. ", "I.\t", "TO THE COURT",
	"TO ALL PARTIES", "PLEASE TAKE NOTICE",
}

// isSectionHeading reports whether line opens a section rather than
// continuing the title.
func isSectionHeading(line string) bool {
	u := strings.ToUpper(line)
	for _, h := range sectionHeadings {
		if strings.HasPrefix(u, h) {
			return true
		}
	}
	return false
}

// startsLikeTitle reports whether line begins with a word from titleWords
// (or its possessive).
func startsLikeTitle(line string) bool {
	first := strings.ToUpper(strings.Fields(line)[0])
	first = strings.NewReplacer("’", "'", "‘", "'").Replace(first)
	first = strings.TrimSuffix(strings.TrimSuffix(first, "'S"), "'")
	first = strings.TrimRight(first, ":,")
	for _, w := range titleWords {
		if first == w {
			return true
		}
	}
	return false
}

// mostlyUpper reports whether at least 80% of the letters in s are upper case.
func mostlyUpper(s string) bool {
	var upper, letters int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 4 && upper*5 >= letters*4
}

// englishStopwords are frequent English function words.
var englishStopwords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "that": true,
	"is": true, "for": true, "on": true, "with": true, "by": true, "as": true,
}

// detectEnglish returns "en" when at least 8% of the first 2000 words are
// common English function words, else "".
func detectEnglish(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 2000 {
		words = words[:2000]
	}
	if len(words) < 20 {
		return ""
	}
	n := 0
	for _, w := range words {
		if englishStopwords[strings.ToLower(w)] {
			n++
		}
	}
	if n*100 >= len(words)*8 {
		return "en"
	}
	return ""
}
