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

// filingTitle picks a filing's title: a capitalised line on the first page
// that starts like a filing title, else the PDF's own title, else the file
// name.
func filingTitle(firstPage, pdfTitle, source string) string {
	for _, line := range strings.Split(firstPage, "\n") {
		line = strings.TrimSpace(line)
		if len(line) < 5 || len(line) > 300 || !mostlyUpper(line) {
			continue
		}
		first := strings.ToUpper(strings.Fields(line)[0])
		for _, w := range titleWords {
			if first == w {
				return textnorm.CollapseWhitespace(line)
			}
		}
	}
	if t := textnorm.CollapseWhitespace(pdfTitle); len(t) > 3 && !strings.HasSuffix(strings.ToLower(t), ".pdf") {
		return t
	}
	base := filepath.Base(source)
	return strings.TrimSuffix(base, filepath.Ext(base))
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
