package htmltext

import (
	"regexp"
	"strings"
	"time"
)

// dateLayouts are tried in order by parseDate. time.Parse accepts a
// fractional second after the seconds field even when the layout has none.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05Z07",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006",
	time.RFC850,
	time.UnixDate,
	time.ANSIC,
	time.RFC822Z,
	time.RFC822,
	"January 2, 2006 15:04 MST",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02.01.2006 15:04",
	"02.01.2006",
	"2.1.2006",
}

// leadingISODate finds a YYYY-MM-DD at the start of a string whose tail no
// layout understood (e.g. "2017-11-03 03:01:00.000000 +0000 UTC").
var leadingISODate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]|$)`)

// Plausible publication years; anything outside is treated as junk.
const (
	minYear = 1900
	maxYear = 2100
)

// parseDate parses a date or timestamp as written in page metadata. The
// result keeps the offset written in the string (it is never converted to
// UTC), so formatting it as YYYY-MM-DD gives the day the page states. A
// string without an offset is read as UTC wall-clock time.
func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	if m := leadingISODate.FindStringSubmatch(s); m != nil {
		if t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
			return plausible(t)
		}
	}
	return time.Time{}, false
}

// plausible rejects years outside [minYear, maxYear].
func plausible(t time.Time) (time.Time, bool) {
	if y := t.Year(); y < minYear || y > maxYear {
		return time.Time{}, false
	}
	return t, true
}

// dayOf formats t as YYYY-MM-DD in t's own location, or "" for zero t.
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Patterns for dates written in running text (bylines, date lines).
var (
	textISODate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:\D|$)`)
	textDotDate   = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	textSlashDate = regexp.MustCompile(`\b(\d{4})/(\d{1,2})/(\d{1,2})\b`)
	textMonthDay  = regexp.MustCompile(`(?i)\b(\pL+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	textDotDate2  = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{2})$`)
	textDayMonth  = regexp.MustCompile(`(?i)\b(\d{1,2})\.?\s+(?:de\s+)?(\pL+)\.?,?\s+(?:de\s+)?(\d{4})\b`)
	urlDate       = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$|\.)`)
)

// monthNames maps English and German month names and abbreviations to
// month numbers.
var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "januar": 1, "jänner": 1,
	"february": 2, "feb": 2, "februar": 2,
	"march": 3, "mar": 3, "märz": 3, "maerz": 3, "mär": 3,
	"april": 4, "apr": 4,
	"may": 5, "mai": 5,
	"june": 6, "jun": 6, "juni": 6,
	"july": 7, "jul": 7, "juli": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "oktober": 10, "okt": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12, "dezember": 12, "dez": 12,
	// French, Spanish, Italian and Portuguese.
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
	"juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
	"novembre": 11, "décembre": 12, "decembre": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
	"julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
	"noviembre": 11, "diciembre": 12,
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6,
	"luglio": 7, "settembre": 9, "ottobre": 10, "dicembre": 12,
	"janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
	"julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}

// dateInText finds the first calendar date written in a short text such
// as "Posted on March 4, 2025" or "14. September 2024 | 10:30". Day-month
// order is assumed for numeric dates with dots (European style). The
// result is midnight UTC of that day.
func dateInText(s string) (time.Time, bool) {
	type hit struct {
		at      int
		y, m, d int
	}
	best := hit{at: -1}
	try := func(at, y, m, d int) {
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return
		}
		if best.at < 0 || at < best.at {
			best = hit{at, y, m, d}
		}
	}
	if loc := textISODate.FindStringSubmatchIndex(s); loc != nil {
		try(loc[0], atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]))
	}
	if loc := textSlashDate.FindStringSubmatchIndex(s); loc != nil {
		try(loc[0], atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]))
	}
	if loc := textDotDate.FindStringSubmatchIndex(s); loc != nil {
		try(loc[0], atoi(s[loc[6]:loc[7]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[2]:loc[3]]))
	}
	for _, loc := range textMonthDay.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := monthNames[strings.ToLower(s[loc[2]:loc[3]])]; ok {
			try(loc[0], atoi(s[loc[6]:loc[7]]), int(mo), atoi(s[loc[4]:loc[5]]))
			break
		}
	}
	for _, loc := range textDayMonth.FindAllStringSubmatchIndex(s, -1) {
		if mo, ok := monthNames[strings.ToLower(s[loc[4]:loc[5]])]; ok {
			try(loc[0], atoi(s[loc[6]:loc[7]]), int(mo), atoi(s[loc[2]:loc[3]]))
			break
		}
	}
	if best.at < 0 {
		return time.Time{}, false
	}
	t := time.Date(best.y, time.Month(best.m), best.d, 0, 0, 0, 0, time.UTC)
	if t.Day() != best.d { // e.g. 31 April rolled over
		return time.Time{}, false
	}
	return plausible(t)
}

// shortDotDate reads a whole text that is only a day with a two-digit
// year ("31.10.23"), as date lines of German sites print it; the year is
// taken in 2000-2099.
func shortDotDate(s string) (time.Time, bool) {
	m := textDotDate2.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, false
	}
	y, mo, d := 2000+atoi(m[3]), atoi(m[2]), atoi(m[1])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// dateInURL finds a /YYYY/MM/DD/ (or YYYY-MM-DD) date in a URL path.
func dateInURL(u string) (time.Time, bool) {
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}, false
	}
	y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return plausible(t)
}

// atoi converts a short string of ASCII digits; the regexps guarantee the
// input.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
