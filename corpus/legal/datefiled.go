package legal

import "regexp"

// reDateFiled matches a "Date Filed: MM/DD/YYYY" or "Docketed: MM/DD/YYYY"
// label as docket pages print it (two-digit years too).
var reDateFiled = regexp.MustCompile(`(?i)\b(?:date\s+filed|docketed)\s*:\s*(\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))\b`)

// FindDateFiled returns, as YYYY-MM-DD, the date of the first "Date Filed:"
// or "Docketed:" label in text: the date a case was filed (or docketed in
// a court of appeals) on a PACER docket page. Appellate ECF stamps print
// the same label; FindECFStamp reads those. It reports false when there
// is none.
func FindDateFiled(text string) (string, bool) {
	text = prep(text, maxScan)
	for _, m := range reDateFiled.FindAllStringSubmatchIndex(text, 4) {
		if d, ok := parseSlashDate(text[m[2]:m[3]]); ok {
			return d, true
		}
	}
	return "", false
}
