package legal

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// months maps lower-case month names and abbreviations to month numbers.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

const monthAlt = `january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`

var (
	// reDatedLine and reDatedColon find the "Dated" cue of a signature
	// block: at the start of a line (after an optional pleading line
	// number), or followed by a colon. Mid-sentence "a letter dated March 3"
	// is not a cue.
	reDatedLine  = regexp.MustCompile(`(?im)^[ \t]*(?:\d{1,3}[ \t]+)?dated\b[ \t]*(?:this\b|:|,)?`)
	reDatedColon = regexp.MustCompile(`(?i)\bdated[ \t]*:`)
	fDatedLine   = &finder{re: reDatedLine, needles: []string{"dated"}, fold: true, line: true, back: 16, fwd: 24}
	fDatedColon  = &finder{re: reDatedColon, needles: []string{"dated"}, fold: true, fwd: 24}
	// reDateBody matches, at the start of the window, an optional place
	// ("New York, New York") and then one date form.
	reDateBody = regexp.MustCompile(`(?i)^[\s:,]*(?:[a-z][a-z .'’]{0,40},\s*[a-z][a-z .'’]{0,30}?\s*[,\n]\s*)?(?:` +
		`(` + monthAlt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})` +
		`|(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(` + monthAlt + `)\.?\s*,?\s*(\d{4})` +
		`|(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})` +
		`|(\d{4})-(\d{2})-(\d{2}))\b`)
)

// fullYear expands a two-digit year: 70–99 → 19YY, 00–69 → 20YY.
func fullYear(y int, digits int) int {
	if digits > 2 {
		return y
	}
	if y >= 70 {
		return 1900 + y
	}
	return 2000 + y
}

// isoDate validates a calendar date and formats it as YYYY-MM-DD.
func isoDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// parseSlashDate parses "MM/DD/YY" or "MM/DD/YYYY".
func parseSlashDate(s string) (string, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return "", false
	}
	m, e1 := strconv.Atoi(parts[0])
	d, e2 := strconv.Atoi(parts[1])
	y, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil || (len(parts[2]) != 2 && len(parts[2]) != 4) {
		return "", false
	}
	return isoDate(fullYear(y, len(parts[2])), m, d)
}

// dateFromBody converts a reDateBody submatch into YYYY-MM-DD.
func dateFromBody(s string, m []int) (string, bool) {
	atoi := func(i int) int { n, _ := strconv.Atoi(sub(s, m, i)); return n }
	switch {
	case m[2] >= 0:
		return isoDate(atoi(3), months[strings.ToLower(sub(s, m, 1))], atoi(2))
	case m[8] >= 0:
		return isoDate(atoi(6), months[strings.ToLower(sub(s, m, 5))], atoi(4))
	case m[14] >= 0:
		return parseSlashDate(sub(s, m, 7) + "/" + sub(s, m, 8) + "/" + sub(s, m, 9))
	case m[20] >= 0:
		return isoDate(atoi(10), atoi(11), atoi(12))
	}
	return "", false
}

// FindSignedDate returns the first date written after a "Dated" cue, as
// YYYY-MM-DD: "Dated: March 14, 2024", "DATED: 03/14/2024", "Dated: New
// York, New York\nNovember 3, 2025", "Dated this 14th day of March, 2024".
// Blank or unreadable "Dated:" lines are skipped.
func FindSignedDate(text string) (string, bool) {
	return findSignedDate(prep(text, maxScan))
}

// findSignedDate is FindSignedDate on prepared text.
func findSignedDate(text string) (string, bool) {
	lower := asciiLower(text)
	cues := append(fDatedLine.findAll(text, lower), fDatedColon.findAll(text, lower)...)
	sort.Slice(cues, func(i, j int) bool { return cues[i][0] < cues[j][0] })
	for _, loc := range cues {
		win := text[loc[1]:min(loc[1]+96, len(text))]
		if m := reDateBody.FindStringSubmatchIndex(win); m != nil {
			if d, ok := dateFromBody(win, m); ok {
				return d, true
			}
		}
	}
	return "", false
}

var (
	// reFiledStamp matches a clerk's "FILED" stamp: the word alone on its
	// line, then a date on the next line ("FILED\n2021 Feb-16 AM 08:55",
	// "FILED\nSep 13, 2019", "FILED\nMarch 16, 2022").
	reFiledStamp = regexp.MustCompile(`(?m)^[ \t]*FILED[ \t]*\n[ \t]*(?:(\d{4})[ \t]+((?i:` + monthAlt + `))-(\d{1,2})\b|((?i:` + monthAlt + `))\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4})\b)`)
	// reDecided matches the decision date of an opinion: "Decided June 13,
	// 2013" at a line start or after a dash ("Argued April 23, 2013—Decided
	// June 13, 2013").
	reDecided = regexp.MustCompile(`(?m)(?:^[ \t]*|[—–-][ \t]*)Decided:?[ \t]+((?i:` + monthAlt + `))\.?[ \t]+(\d{1,2}),?[ \t]+(\d{4})\b`)
)

// findFiledStamp returns the date of the first clerk's FILED stamp.
func findFiledStamp(text string) (string, bool) {
	m := reFiledStamp.FindStringSubmatch(capText(text, 64<<10))
	if m == nil {
		return "", false
	}
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m[1] != "" {
		return isoDate(atoi(m[1]), months[strings.ToLower(m[2])], atoi(m[3]))
	}
	return isoDate(atoi(m[6]), months[strings.ToLower(m[4])], atoi(m[5]))
}

// findDecided returns the first "Decided <date>" of an opinion.
func findDecided(text string) (string, bool) {
	m := reDecided.FindStringSubmatch(capText(text, 64<<10))
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[3])
	d, _ := strconv.Atoi(m[2])
	return isoDate(y, months[strings.ToLower(m[1])], d)
}
