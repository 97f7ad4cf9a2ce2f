package extract

import (
	"regexp"
	"strings"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// DefaultKind is the kind a document of contentType has when its content
// says nothing else (or was not read): a PDF is a filing, an HTML page an
// article; anything else has no kind.
func DefaultKind(contentType string) corpus.Kind {
	switch contentType {
	case corpus.ContentTypePDF:
		return corpus.KindFiling
	case corpus.ContentTypeHTML:
		return corpus.KindArticle
	}
	return ""
}

// headLines is how many non-empty lines at the start of a text classify
// reads.
const headLines = 30

// classify decides a document's kind from its content once its format has
// been extracted (see the package documentation for the rule). It reads
// doc.ContentType and doc.Text, and also doc.Author for an HTML page, and
// for a PDF the filing metadata already applied to it (ECF, Court,
// CaseNumbers, Caption).
func classify(doc *corpus.Document) corpus.Kind {
	switch doc.ContentType {
	case corpus.ContentTypeHTML:
		if doc.Author == "" && courtCaption(head(doc.Text, headLines)) {
			return corpus.KindFiling
		}
	case corpus.ContentTypePDF:
		if doc.ECF == nil && doc.Court == nil && doc.Caption == "" && !hasOwnCase(doc.CaseNumbers) {
			if _, ok := newsMasthead(head(doc.Text, headLines)); ok {
				return corpus.KindArticle
			}
		}
	}
	return DefaultKind(doc.ContentType)
}

// head returns the first n non-empty lines of text, trimmed.
func head(text string, n int) []string {
	var out []string
	for len(out) < n && text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// headText returns the start of text up to the end of its first n
// non-empty lines: the part of an HTML filing that holds its caption.
func headText(text string, n int) string {
	end := 0
	for seen := 0; seen < n && end < len(text); {
		i := strings.IndexByte(text[end:], '\n')
		if i < 0 {
			return text
		}
		if strings.TrimSpace(text[end:end+i]) != "" {
			seen++
		}
		end += i + 1
	}
	return text[:end]
}

// hasOwnCase reports whether any of cases is the document's own (docket).
func hasOwnCase(cases []legal.CaseNumber) bool {
	for _, c := range cases {
		if c.Own() {
			return true
		}
	}
	return false
}

// courtCaption reports whether lines carry a court caption: a line that
// is a court's name (see courtLine) and a line that opens with a case
// number under its label (see caseLine), in any order.
func courtCaption(lines []string) bool {
	court, number := false, false
	for _, l := range lines {
		court = court || courtLine(l)
		number = number || caseLine(l)
	}
	return court && number
}

var (
	// reCourtLine matches a whole line that names a court: "UNITED STATES
	// DISTRICT COURT", "U.S. Bankruptcy Court", "IN THE SUPREME COURT OF
	// THE STATE OF CALIFORNIA", "Court of Appeals for the Ninth Circuit".
	reCourtLine = regexp.MustCompile(`(?i)^(?:in\s+the\s+)?(?:(?:united\s+states|u\.\s?s\.)\s+)?` +
		`(?:(district|bankruptcy|supreme|superior|circuit|tax|claims|county|family|probate|appellate)\s+)?court` +
		`(\s+of\s+(?:appeals?|criminal\s+appeals|federal\s+claims|international\s+trade|chancery))?` +
		`((?:\s+(?:of|for)\s+(?:the\s+)?[\p{L} .,'-]{2,60})?)(?:\s*\[[^\]]{1,20}\])?$`)
	// reFormalCourt matches how a court's caption line starts when it is
	// not in capitals.
	reFormalCourt = regexp.MustCompile(`(?i)^(?:in\s+the|united\s+states|u\.\s?s\.)\s`)
	// reCaseLabel matches the label that opens a case-number line: "Case
	// No.", "Case Number:", "No.", "Civil Action No.", "Adversary
	// Proceeding #:", "CIVIL DOCKET FOR CASE #:".
	reCaseLabel = regexp.MustCompile(`(?i)^(?:(?:civil|criminal)\s+docket\s+for\s+case|(?:civil|criminal)\s+(?:action|case)|case|docket|appeal|cause|adversary\s+proceeding|bankruptcy\s+petition|petition)?\s*(?:nos?\.?|number|#)\s*[:#.]?\s*`)
	// reByline matches a news byline line: "By Jane Q. Doe", "BY JANE
	// DOE, Reuters", "By Jane Doe and John Roe".
	reByline = regexp.MustCompile(`^(?:By|BY)\s+\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){1,3}\s*(?:$|,|\||\band\b)`)
	// reByCourt matches the signature block of an order ("BY THE COURT"),
	// which is not a byline.
	reByCourt = regexp.MustCompile(`(?i)^by\s+the\b`)
	// reSite matches what names a publishing site on a page printed from
	// the web: a URL, a www. host, a copyright line.
	reSite = regexp.MustCompile(`(?i)https?://|\bwww\.[a-z0-9-]+\.[a-z]|©|\bcopyright\b`)
)

// maxCourtLineWords bounds a court line, in words.
const maxCourtLineWords = 16

// courtLine reports whether line is a court's name alone, as the caption
// of a court document prints it: the court type (district, supreme, ...)
// or "court of appeals ..." must be named, and the line must be in
// capitals, start formally ("In the", "United States", "U.S.") or name
// the court's place ("Supreme Court of Texas"). A headline such as
// "Supreme Court rules on wombats" is not a court line.
func courtLine(line string) bool {
	if len(strings.Fields(line)) > maxCourtLineWords {
		return false
	}
	m := reCourtLine.FindStringSubmatch(line)
	if m == nil || m[1] == "" && m[2] == "" {
		return false
	}
	return mostlyUpper(line) || reFormalCourt.MatchString(line) || m[3] != ""
}

// caseLine reports whether line opens with a case-number label ("Case
// No.", "No.", "Case Number:", ...) directly followed by a case number.
func caseLine(line string) bool {
	loc := reCaseLabel.FindStringIndex(line)
	if loc == nil || loc[1] == 0 {
		return false
	}
	first, _, _ := strings.Cut(line[loc[1]:], " ")
	_, ok := legal.ParseCaseNumber(strings.TrimRight(first, ".,;:"))
	return ok
}

// newsMasthead reports whether lines read like the top of a news article
// printed to PDF: a byline ("By Jane Doe") and a site (a URL, a www. host
// or a copyright line). It returns the byline's names.
func newsMasthead(lines []string) (author string, ok bool) {
	site := false
	for _, l := range lines {
		if author == "" && len(l) <= 80 && reByline.MatchString(l) && !reByCourt.MatchString(l) {
			author = bylineNames(l)
		}
		site = site || reSite.MatchString(l)
	}
	return author, author != "" && site
}

// bylineNames returns the names of a byline line: "By Jane Doe, Reuters"
// gives "Jane Doe".
func bylineNames(line string) string {
	line = strings.TrimSpace(line[len("By"):])
	if i := strings.IndexAny(line, ",|"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}
