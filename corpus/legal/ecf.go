package legal

import (
	"regexp"
	"strconv"
	"strings"
)

// An ECF stamp is read in two steps: an anchor ("Case 4:19-cv-07123-PJH",
// "Case: 21-1298", "USCA Case #20-5143", "19-23649-shl") and then the stamp's
// fields, one after another, each allowed to be separated by white space,
// commas and bare pleading line numbers (pdftotext often interleaves the
// stamp with the page's line numbering). Scanning stops at the first token
// that is none of these, so a stamp never borrows a "Filed" from body text.

var (
	reECFAnchor = regexp.MustCompile(`(?:\b(?:USCA\d{0,2}\s+|Appellate\s+)?Case\s*(?:No\.?\s*)?[:#]?\s*` +
		`((?:\d{1,2}:)?\d{2}-(?i:` + caseTypes + `)-\d{1,6}(?:(?:-[A-Za-z]{1,4})+(?:-\d{1,3})?)?|\d{2}-\d{3,5})\b` +
		`|\b(\d{2}-\d{5}-[a-z]{2,4})[ \t]+Doc\b)`)

	ecfDoc      = regexp.MustCompile(`^(?:Document|Doc|DktEntry|Dkt\.?\s*Entry)\s*(?:#|No\.)?\s*:?\s*(\d{1,12}(?:[-.]\d{1,4})?)\b`)
	ecfFiled    = regexp.MustCompile(`^(?:Date\s+)?Filed\s*:?\s*(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\b`)
	ecfPage     = regexp.MustCompile(`^(?:Page|Pg)\s*:?\s*(\d{1,5})(?:\s*of\s*(\d{1,5}))?\b`)
	ecfPages    = regexp.MustCompile(`^Pages\s*:?\s*(\d{1,5})\b`)
	ecfBareDate = regexp.MustCompile(`^(\d{1,2}/\d{1,2}/\d{4})\b`)
	// ecfIgnored are stamp parts that carry nothing the contract keeps.
	ecfIgnored = []*regexp.Regexp{
		regexp.MustCompile(`^Entered\s*:?\s*\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?`),
		regexp.MustCompile(`^Page\s*ID\s*#?\s*:?\s*\d{1,9}`),
		regexp.MustCompile(`^(?:Entry\s+)?ID\s*:?\s*\d{1,12}`),
		regexp.MustCompile(`^Main\s+Document\b`),
		regexp.MustCompile(`^USDC\s+(?i:` + stateAlt + `)\b`),
		regexp.MustCompile(`^\([^()\n]{1,30}\)`),
	}
	fECFAnchor = &finder{re: reECFAnchor, hits: ecfAnchorHits, back: 24, fwd: 64}

	ecfDesc = regexp.MustCompile(`^Desc\b`)
	// ecfEntryID is the entry ID the Second Circuit's stamp prints after a
	// comma ("..., 10/31/2017, 2161300, Page1 of 2").
	ecfEntryID = regexp.MustCompile(`^\d{6,10}\b`)
	ecfLineNo  = regexp.MustCompile(`^\d{1,3}(?:\s|$)`)
	ecfWord    = regexp.MustCompile(`^\S{1,40}`)
)

const (
	ecfMaxSpan  = 800 // bytes from anchor end to the last field
	ecfMaxSkips = 48  // bare line numbers skipped inside one stamp
)

// ecfAnchorHits returns the offsets of "Case" followed by a digit within
// 16 bytes and of "Doc" preceded by a digit within 12 bytes: where a stamp
// anchor may be.
func ecfAnchorHits(s string) []int {
	hasDigit := func(t string) bool {
		return strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
	}
	var hits []int
	for _, p := range needleHits(s, []string{"Case", "Doc"}) {
		if s[p] == 'C' && hasDigit(s[p+4:min(p+20, len(s))]) || s[p] == 'D' && hasDigit(s[max(p-12, 0):p]) {
			hits = append(hits, p)
		}
	}
	return hits
}

// FindECFStamp returns the first CM/ECF header stamp in text: district
// ("Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9"),
// bankruptcy ("Case 9:19-bk-11573-MB Doc 1262-3 Filed 09/03/20 Entered
// ..."), appellate ("Case: 21-1298 Document: 42 Page: 1 Date Filed:
// 08/31/2022"), ACMS ("Case: 25-1689, 07/15/2025, DktEntry: 28.1, Page 1
// of 5") or the Second Circuit's older form ("Case 17-3510, Document 1-1,
// 10/31/2017, 2161300, Page1 of 2"). A stamp needs a case number, a filed date and a document number or
// page number.
func FindECFStamp(text string) (ECFStamp, bool) {
	return findECFStamp(prep(text, maxScan))
}

// findECFStamp is FindECFStamp on prepared text.
func findECFStamp(text string) (ECFStamp, bool) {
	for _, m := range fECFAnchor.findAll(text, "") {
		if st, ok := readStamp(text, m); ok {
			return st, true
		}
	}
	return ECFStamp{}, false
}

// readStamp reads the fields after the anchor match m.
func readStamp(text string, m []int) (ECFStamp, bool) {
	var st ECFStamp
	st.CaseNumber = sub(text, m, 1)
	if st.CaseNumber == "" {
		st.CaseNumber = sub(text, m, 2)
	}
	raw := []string{squash(text[m[0]:m[1]])}
	if m[4] >= 0 { // bare bankruptcy anchor swallowed "Doc"; re-read it
		raw = []string{st.CaseNumber}
	}
	pos := m[1]
	if m[4] >= 0 {
		pos = m[5]
	}
	start, skips, words, first := pos, 0, 0, true
	for pos-start < ecfMaxSpan {
		// separators
		sep := false
		for pos < len(text) && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\f' || text[pos] == ',' || text[pos] == ';') {
			if text[pos] == ',' {
				sep = true
			}
			pos++
		}
		if pos >= len(text) {
			break
		}
		rest := text[pos:min(pos+160, len(text))]
		took := func(loc []int) {
			raw = append(raw, squash(rest[:loc[1]]))
			pos += loc[1]
		}
		if loc := ecfDoc.FindStringSubmatchIndex(rest); loc != nil {
			if st.DocumentNumber != "" {
				break
			}
			st.DocumentNumber = sub(rest, loc, 1)
			took(loc)
		} else if loc := ecfFiled.FindStringSubmatchIndex(rest); loc != nil {
			if st.Filed != "" {
				break
			}
			d, ok := parseSlashDate(sub(rest, loc, 1))
			if !ok {
				break
			}
			st.Filed = d
			took(loc)
		} else if loc := ecfBareDate.FindStringSubmatchIndex(rest); loc != nil && sep && (first || st.Filed == "" && st.DocumentNumber != "") {
			d, ok := parseSlashDate(sub(rest, loc, 1))
			if !ok {
				break
			}
			st.Filed = d
			took(loc)
		} else if loc := ecfPages.FindStringSubmatchIndex(rest); loc != nil {
			if st.PageCount != 0 {
				break
			}
			st.PageCount, _ = strconv.Atoi(sub(rest, loc, 1))
			took(loc)
		} else if loc := ecfPage.FindStringSubmatchIndex(rest); loc != nil {
			if st.Page != 0 {
				break
			}
			st.Page, _ = strconv.Atoi(sub(rest, loc, 1))
			if n := sub(rest, loc, 2); n != "" {
				st.PageCount, _ = strconv.Atoi(n)
			}
			took(loc)
		} else if loc := ecfDesc.FindStringIndex(rest); loc != nil {
			words = 6
			took(loc)
		} else if loc := ecfEntryID.FindStringIndex(rest); loc != nil && sep {
			took(loc)
		} else if loc := ignoredPart(rest); loc != nil {
			took(loc)
		} else if loc := ecfLineNo.FindStringIndex(rest); loc != nil && skips < ecfMaxSkips {
			skips++
			pos += loc[1]
		} else if loc := ecfWord.FindStringIndex(rest); loc != nil && words > 0 {
			words--
			took(loc)
		} else {
			break
		}
		first = false
	}
	if st.Filed == "" || (st.DocumentNumber == "" && st.Page == 0) {
		return ECFStamp{}, false
	}
	if _, ok := ParseCaseNumber(st.CaseNumber); !ok {
		return ECFStamp{}, false
	}
	st.Raw = squash(strings.Join(raw, " "))
	return st, true
}

// ignoredPart returns the location of a known stamp part that is kept only
// in Raw, or nil.
func ignoredPart(rest string) []int {
	for _, re := range ecfIgnored {
		if loc := re.FindStringIndex(rest); loc != nil {
			return loc
		}
	}
	return nil
}
