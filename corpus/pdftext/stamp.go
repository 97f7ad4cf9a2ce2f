package pdftext

import (
	"regexp"
	"strings"
)

// reStamp matches a CM/ECF header stamp in any of its three forms, its
// fields separated by any whitespace (line breaks included, as pdftotext
// and the layout builder may split it):
//
//	Case 4:19-cv-07123-PJH Document 677-5 Filed 04/04/25 Page 1 of 9 [Page ID #:12]
//	Case: 21-1298 Document: 42 Page: 1 [Date] Filed: 08/31/2022
//	Case: 25-1689, 07/15/2025, [ID: 123,] DktEntry: 28.1, Page 1 of 9
var reStamp = regexp.MustCompile(
	`\b(?:Case\s+\d{1,2}:\d{2}-[a-zA-Z]{1,5}-\d{1,7}(?:-[A-Za-z0-9]{1,6})*\s+(?:Document|Doc)\s+\d{1,6}(?:-\d{1,4})?\s+Filed\s+\d{1,2}/\d{1,2}/\d{2,4}` +
		`(?:\s+Entered\s+\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}:\d{2})?)?(?:\s+(?:Page|Pg)\s+\d{1,5}\s+of\s+\d{1,5})?(?:\s+Page\s*ID\s*#?:?\s*\d{1,9})?` +
		`|Case:\s*\d{2}-\d{1,6}\s+Document:\s*[\d-]{1,12}\s+Page:\s*\d{1,5}\s+(?:Date\s+)?Filed:\s*\d{1,2}/\d{1,2}/\d{4}` +
		`|Case:\s*\d{2}-\d{1,6},\s*\d{1,2}/\d{1,2}/\d{4},\s*(?:ID:\s*\d{1,12},\s*)?DktEntry:\s*[\d.-]{1,10},\s*Page\s+\d{1,5}\s+of\s+\d{1,5})\b`)

// stampScan is how many bytes at the start and at the end of a page
// MoveStampFirst searches: stamps are drawn at the top of the page but
// emitted first or last in the content stream.
const stampScan = 2048

// MoveStampFirst returns page text with its CM/ECF stamp on the first line,
// its fields on one line separated by single spaces. A stamp is looked for
// in the first and last stampScan bytes; a page without one, or whose first
// line already is the stamp, is returned unchanged.
func MoveStampFirst(text string) string {
	loc := findStamp(text)
	if loc == nil {
		return text
	}
	stamp := strings.Join(strings.Fields(text[loc[0]:loc[1]]), " ")
	before, after := text[:loc[0]], text[loc[1]:]
	if strings.TrimSpace(before) == "" && !strings.Contains(text[loc[0]:loc[1]], "\n") {
		return text
	}
	rest := strings.TrimSpace(strings.TrimRight(before, " \t") + "\n" + strings.TrimLeft(after, " \t"))
	if rest == "" {
		return stamp
	}
	return stamp + "\n" + rest
}

// findStamp returns the location of the first stamp within the first
// stampScan bytes, else of the last one within the last stampScan bytes.
// Only stamps that stand alone count: whitespace (or the text's ends) on
// both sides.
func findStamp(text string) []int {
	for _, loc := range reStamp.FindAllStringIndex(text[:min(len(text), stampScan)], -1) {
		if isolated(text, loc) {
			return loc
		}
	}
	if len(text) <= stampScan {
		return nil
	}
	off := len(text) - stampScan
	all := reStamp.FindAllStringIndex(text[off:], -1)
	for i := len(all) - 1; i >= 0; i-- {
		loc := []int{all[i][0] + off, all[i][1] + off}
		if isolated(text, loc) {
			return loc
		}
	}
	return nil
}

// isolated reports whether text[loc[0]:loc[1]] has whitespace or an end
// of text on both sides.
func isolated(text string, loc []int) bool {
	space := func(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
	return (loc[0] == 0 || space(text[loc[0]-1])) && (loc[1] == len(text) || space(text[loc[1]]))
}

// LeadingStamp reports whether text starts (after whitespace) with a
// CM/ECF stamp, and returns the stamp and the text after it.
func LeadingStamp(text string) (stamp, rest string, ok bool) {
	loc := reStamp.FindStringIndex(text[:min(len(text), stampScan)])
	if loc == nil || strings.TrimSpace(text[:loc[0]]) != "" || !isolated(text, loc) {
		return "", text, false
	}
	return text[loc[0]:loc[1]], text[loc[1]:], true
}
