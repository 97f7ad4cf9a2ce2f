package corpus

import (
	"path/filepath"
	"strings"
	"unicode"

	"dossier/corpus/textnorm"
)

// titleWords start the titles of court filings.
var titleWords = []string{
	"ORDER", "MOTION", "COMPLAINT", "DECLARATION", "NOTICE", "MEMORANDUM",
	"STIPULATION", "STIPULATED", "BRIEF", "OPINION", "JUDGMENT", "EXHIBIT", "REPLY",
	"OPPOSITION", "ANSWER", "PETITION", "APPLICATION", "JOINT", "PLAINTIFF",
	"DEFENDANT", "AMENDED", "PROPOSED", "[PROPOSED]", "GOVERNMENT'S", "RESPONSE",
	"REQUEST", "SUBPOENA", "TRANSCRIPT", "VERDICT", "INDICTMENT", "SENTENCING",
	"CERTIFICATE", "AFFIDAVIT", "SUMMONS", "PROTECTIVE", "FINAL", "ADMINISTRATIVE",
}

// maxTitleLines is how many capitalised lines a filing title may span.
const maxTitleLines = 4

// filingTitle picks a filing's title: the capitalised lines on the first
// page that start like a filing title, else the PDF's own title, else the
// file name.
func filingTitle(firstPage, pdfTitle, source string) string {
	lines := strings.Split(firstPage, "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if len(line) < 5 || len(line) > 300 || !mostlyUpper(line) || !startsLikeTitle(line) {
			continue
		}
		parts := []string{line}
		for _, next := range lines[i+1:] {
			next = strings.TrimSpace(next)
			if len(parts) == maxTitleLines || next == "" || !mostlyUpper(next) || strings.HasPrefix(next, "Case") || isSectionHeading(next) {
				break
			}
			parts = append(parts, next)
		}
		return textnorm.CollapseWhitespace(strings.Join(parts, " "))
	}
	if t := usablePDFTitle(pdfTitle); t != "" {
		return t
	}
	base := filepath.Base(source)
	return strings.TrimSuffix(base, filepath.Ext(base))
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

// startsLikeTitle reports whether line begins with a word from titleWords.
func startsLikeTitle(line string) bool {
	first := strings.ToUpper(strings.Fields(line)[0])
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
