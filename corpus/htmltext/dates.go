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
	// textDMYSlash is a day-first date with slashes ("17/02/2022").
	textDMYSlash = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	// urlDMY is a whole path segment written day-first ("/29-10-2021").
	urlDMY = regexp.MustCompile(`/(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|$|\.|\?)`)
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
	// Dutch and the Scandinavian languages.
	"januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
	"desember": 12, "maj": 5,
	// Polish, in the genitive used in dates ("16 marca 2021").
	"stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
	"lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
	// Czech, genitive.
	"ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6,
	"července": 7, "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
	// Russian and Ukrainian, genitive.
	"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
	"июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
	"січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
	"липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
	// Finnish, partitive ("19. helmikuuta 2020").
	"tammikuuta": 1, "helmikuuta": 2, "maaliskuuta": 3, "huhtikuuta": 4, "toukokuuta": 5, "kesäkuuta": 6,
	"heinäkuuta": 7, "elokuuta": 8, "syyskuuta": 9, "lokakuuta": 10, "marraskuuta": 11, "joulukuuta": 12,
}

// spaceReplacer turns the no-break and thin spaces of typeset dates into
// ASCII spaces.
var spaceReplacer = strings.NewReplacer("\u00a0", " ", "\u2009", " ", "\u202f", " ")

// dateInText finds the first calendar date written in a short text such
// as "Posted on March 4, 2025" or "14. September 2024 | 10:30". Day-month
// order is assumed for numeric dates with dots (European style). The
// result is midnight UTC of that day.
func dateInText(s string) (time.Time, bool) {
	if strings.ContainsAny(s, "\u00a0\u2009\u202f") {
		// "11. November&nbsp;2021", "13.&thinsp;1.&thinsp;2020".
		s = spaceReplacer.Replace(s)
	}
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
	if loc := textDMYSlash.FindStringSubmatchIndex(s); loc != nil {
		// Day first, as most of the world writes it, unless the second
		// number cannot be a month (US order, "02/24/2020").
		a, b := atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]])
		if b > 12 {
			a, b = b, a
		}
		try(loc[0], atoi(s[loc[6]:loc[7]]), b, a)
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

// dateInURL finds a /YYYY/MM/DD/ (or YYYY-MM-DD) date in a URL path, or
// a path segment that is a day-first DD-MM-YYYY date.
func dateInURL(u string) (time.Time, bool) {
	var y, mo, d int
	if m := urlDate.FindStringSubmatch(u); m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m := urlDMY.FindStringSubmatch(u); m != nil {
		y, mo, d = atoi(m[3]), atoi(m[2]), atoi(m[1])
	} else {
		return time.Time{}, false
	}
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

// pubLabel introduces a publication date in running text ("Veröffentlicht
// am 16.08.2019", "Erschienen am: 01.11.2023", "Published on", "Publié
// le").
var pubLabel = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:veröffentlicht|erschienen|publiziert|stand(?:[\s\x{a0}:]|$)|geschrieben|verfasst|written|publiée?|published|publicado|publicada|pubblicato|opublikowano|publikacja|julkaistu|publicerad|publisert)(?:\s+(?:am|on|le|el|il|em|den|i|w))?\s*:?\s*`)

// modLabel introduces a date of change rather than of publication
// ("Letzte Änderung: ...", "zuletzt geändert am", "Last modified on",
// "Updated"). "Stand" (as of) is not one: German pages print their date
// that way.
var modLabel = regexp.MustCompile(`(?i)(änderung|geändert|aktualisiert|modified|updated|mis à jour|actualizado|aggiornato)`)

// maxLabelGap is how far after a publication label its date may start
// (bytes).
const maxLabelGap = 16

// labelledDate finds a date that directly follows a publication label in
// a short text.
func labelledDate(s string) (time.Time, bool) {
	for _, loc := range pubLabel.FindAllStringIndex(s, 2) {
		rest := s[loc[1]:]
		t, ok := dateInText(rest)
		if !ok {
			continue
		}
		if i := strings.IndexAny(rest, "0123456789"); i >= 0 && i <= maxLabelGap {
			return t, true
		}
	}
	return time.Time{}, false
}

// labelAtEnd is pubLabel anchored at the end of a text.
var labelAtEnd = regexp.MustCompile(pubLabel.String() + `$`)

// endsWithLabel reports a short text that ends with a publication label
// ("Published:", "Erschienen am"), so that the next text is its date.
func endsWithLabel(s string) bool {
	return labelAtEnd.MatchString(s)
}

// memberLabel introduces the day a forum user signed up ("Registriert:",
// "Joined", "Member since"), which is no page's date.
var memberLabel = regexp.MustCompile(`(?i)(?:registriert|registered|joined|member since|mitglied seit|dabei seit|anmeldedatum|inscrit le|inscription|registrado|iscritto)\s*:?\s*$`)

// memberLabelled reports a date text that a sign-up label introduces,
// either in the text node before it (prev) or at its own start.
func memberLabelled(prev, s string) bool {
	if prev != "" && memberLabel.MatchString(prev) {
		return true
	}
	i := strings.IndexAny(s, "0123456789")
	return i > 0 && memberLabel.MatchString(s[:i])
}

// changeLabelled reports a text whose first date is introduced by a
// change label ("Updated: 2023-11-07", but not "Written: 2023-11-07 /
// Updated: ...").
func changeLabelled(s string) bool {
	loc := modLabel.FindStringIndex(s)
	if loc == nil {
		return false
	}
	i := strings.IndexAny(s, "0123456789")
	return i < 0 || loc[0] < i
}
