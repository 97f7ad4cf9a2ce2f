// Document types from a filing's title and first page.

package legal

import (
	"regexp"
	"strings"
)

// Document types returned by ClassifyDocType (and "article", set by the
// corpus for press articles).
const (
	DocComplaint   = "complaint"
	DocMotion      = "motion"
	DocOrder       = "order"
	DocOpinion     = "opinion"
	DocExhibit     = "exhibit"
	DocTranscript  = "transcript"
	DocDocket      = "docket"
	DocDeclaration = "declaration"
	DocBrief       = "brief"
	DocNotice      = "notice"
	DocStipulation = "stipulation"
	DocArticle     = "article"
)

// docTypeWords maps the first type-bearing word of a title to its type.
// Phrases are matched before single words (see docTypePhrases).
var docTypeWords = map[string]string{
	"COMPLAINT": DocComplaint, "INDICTMENT": DocComplaint,
	"MOTION": DocMotion, "APPLICATION": DocMotion, "PETITION": DocMotion,
	"ORDER": DocOrder, "JUDGMENT": DocOrder, "ORDERS": DocOrder,
	"OPINION":     DocOpinion,
	"EXHIBIT":     DocExhibit,
	"TRANSCRIPT":  DocTranscript,
	"DOCKET":      DocDocket,
	"DECLARATION": DocDeclaration, "AFFIDAVIT": DocDeclaration,
	"BRIEF": DocBrief, "OPPOSITION": DocBrief, "REPLY": DocBrief, "MEMORANDUM": DocBrief, "RESPONSE": DocBrief,
	"NOTICE":      DocNotice,
	"STIPULATION": DocStipulation, "STIPULATED": DocStipulation,
	// Words that name a filing outside the types: the title has none.
	"CERTIFICATE": "", "SUMMONS": "", "ANSWER": "", "VERDICT": "", "SUBPOENA": "",
	"CIVIL": "", "CASE": "", "PROOF": "", "CONSENT": "",
}

// docTypePhrases are checked in order before single words; the first that
// starts a title (after "[PROPOSED]", party names and "AMENDED"-like
// qualifiers are passed over) decides.
var docTypePhrases = []struct {
	re  *regexp.Regexp
	typ string
}{
	{regexp.MustCompile(`^NOTICE OF (?:\w+ )?MOTION\b`), DocMotion},
	{regexp.MustCompile(`^REPLY (?:DECLARATION|AFFIDAVIT)\b`), DocDeclaration},
	{regexp.MustCompile(`^MEMORANDUM (?:OPINION|DECISION)\b`), DocOpinion},
	{regexp.MustCompile(`^MEMORANDUM (?:AND|&) ORDER\b`), DocOrder},
	{regexp.MustCompile(`^MEMORANDUM OF (?:DECISION|OPINION)\b`), DocOpinion},
	{regexp.MustCompile(`^STIPULATED (?:\w+ )?ORDER\b`), DocStipulation},
	{regexp.MustCompile(`^(?:CIVIL |CRIMINAL )?DOCKET FOR CASE\b`), DocDocket},
	{regexp.MustCompile(`^(?:(?:REPORTER'?S'?|OFFICIAL|TELEPHONIC|CERTIFIED|PARTIAL|SEALED|DRAFT)\s+)*TRANSCRIPT\b`), DocTranscript},
}

// reTitleLead matches words that may precede the type word: "[PROPOSED]",
// "AMENDED", "FIRST AMENDED", "JOINT", "PLAINTIFFS'", "DEFENDANT NSO'S".
var reTitleLead = regexp.MustCompile(`^(?:\[?PROPOSED\]?|AMENDED|FIRST|SECOND|THIRD|FOURTH|SUPPLEMENTAL|JOINT|UNOPPOSED|EX PARTE|EMERGENCY|ADMINISTRATIVE|RENEWED|CORRECTED|REDACTED|PUBLIC|PARTIAL|FINAL|VERIFIED|CLASS ACTION|CIVIL|CRIMINAL|SEALED|SUPERSEDING|OMNIBUS|PRELIMINARY|INTERIM|STANDING)\s+`)

// rePartyLead matches a party possessive before the type word:
// "PLAINTIFFS'", "DEFENDANTS NSO GROUP TECHNOLOGIES LIMITED AND Q CYBER
// TECHNOLOGIES LIMITED'S".
var rePartyLead = regexp.MustCompile(`^(?:[A-Z0-9.,&\- ]{1,120}?(?:'S|S'|’S|S’)|(?:PLAINTIFFS?|DEFENDANTS?|PETITIONERS?|RESPONDENTS?|APPELLANTS?|APPELLEES?|DEBTORS?|THE UNITED STATES|UNITED STATES|GOVERNMENT)(?:'S|')?)\s+`)

// ClassifyDocType returns the kind of filing a title and first page name:
// complaint (also indictment), motion (also application, petition and
// "notice of motion"), order (also judgment), opinion, exhibit,
// transcript, docket, declaration (also affidavit), brief (also
// memorandum, opposition, reply, response), notice or stipulation. The
// title decides by its first type word, after passing over party names
// and qualifiers ("Defendants' Notice of Motion and Motion to Dismiss" is a
// motion, "Order Granting Motion" an order); when the title names none,
// a first page that opens with "EXHIBIT" (an exhibit cover sheet) or
// carries a trial exhibit sticker ("Plntf Exhibit No. PTX-0930"),
// "TRANSCRIPT OF PROCEEDINGS", or an opinion's marks (a standalone
// "OPINION" line, "(Slip Opinion)", "Per Curiam:", "delivered the opinion
// of the", "SELYA, Circuit Judge.") decides. It
// returns "" when neither supports a type.
func ClassifyDocType(title, firstPage string) string {
	if t := typeOfTitle(title); t != "" {
		return t
	}
	return typeOfPage(capText(firstPage, 8<<10))
}

// typeOfTitle classifies a title by its first type word.
func typeOfTitle(title string) string {
	t := strings.ToUpper(squash(capText(title, 600)))
	t = strings.NewReplacer("’", "'", "‘", "'").Replace(t)
	for i := 0; i < 6; i++ {
		if loc := reTitleLead.FindStringIndex(t); loc != nil {
			t = t[loc[1]:]
			continue
		}
		if i < 2 {
			if loc := rePartyLead.FindStringIndex(t); loc != nil && loc[1] < len(t) && typeOfWords(t[:loc[1]], 24) == "" {
				if typeOfWords(t[loc[1]:], titleTypeWords) != "" {
					t = t[loc[1]:]
					continue
				}
			}
		}
		break
	}
	for _, p := range docTypePhrases {
		if p.re.MatchString(t) {
			return p.typ
		}
	}
	return typeOfWords(t, titleTypeWords)
}

// titleTypeWords is how many leading words of a title are searched for its
// type word ("PLAINTIFF'S L.R. 37-2.3 SUPPLEMENTAL BRIEF" is a brief).
const titleTypeWords = 5

// typeOfWords returns the type of the first of the first n words of t
// that is in docTypeWords, or "" (also when that word names a filing
// outside the types, such as "CERTIFICATE").
func typeOfWords(t string, n int) string {
	for i, w := range strings.Fields(t) {
		if i >= n {
			break
		}
		w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ".,:;[]()"), "'S"), "'")
		if typ, ok := docTypeWords[w]; ok {
			return typ
		}
	}
	return ""
}

var (
	rePageExhibit    = regexp.MustCompile(`^\s*(?:\d{1,3}\s+)*EXHIBIT\s+[A-Z0-9]{1,4}\s*$`)
	rePageTranscript = regexp.MustCompile(`(?m)^\s*(?:REPORTER'S\s+)?TRANSCRIPT\s+OF\s+(?:PROCEEDINGS|HEARING|TRIAL)`)
	rePageOpinion    = regexp.MustCompile(`(?m)^\s*(?:MEMORANDUM\s+)?OPINION\s*$|^\s*\(Slip Opinion\)|(?i:\bper\s+curiam\s*:)|\bdelivered\s+the\s+opinion\s+of\s+the\b|(?m:^[ \t]*[A-Z][A-Z'’\-]{2,20},\s+(?:Chief\s+|Senior\s+)?Circuit\s+Judge\.)`)
	rePageSticker    = regexp.MustCompile(`(?i)\b(?:plntf|plaintiffs?'?s?|defs?|deft|defendants?'?s?|trial|joint|gov(?:ernmen)?t'?s?)\.?\s+exhibit\s+(?:no\.?\s*)?[A-Z0-9][A-Z0-9-]{0,9}\b`)
	rePageDocket     = regexp.MustCompile(`(?m)^\s*(?:CIVIL|CRIMINAL|BANKRUPTCY)?\s*DOCKET\s+FOR\s+CASE\s*#`)
)

// typeOfPage classifies a first page that has no usable title.
func typeOfPage(page string) string {
	lines := strings.Split(strings.TrimSpace(page), "\n")
	nonBlank := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		nonBlank++
		if nonBlank > 3 {
			break
		}
		if rePageExhibit.MatchString(l) && len(strings.TrimSpace(page)) < 400 {
			return DocExhibit
		}
	}
	switch {
	case rePageSticker.MatchString(capText(page, 800)):
		return DocExhibit
	case rePageDocket.MatchString(page):
		return DocDocket
	case rePageTranscript.MatchString(page):
		return DocTranscript
	case rePageOpinion.MatchString(page):
		return DocOpinion
	}
	return ""
}
