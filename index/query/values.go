package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"dossier/corpus/legal"
)

// ParseCaseFilter reads a case filter value: a case number in any
// spelling, or text holding one, as pasted from a caption or a docket
// ("Nibi v. Doe, 5:24-cv-06184", "2:21-mj-00123 KJN"). It takes the first
// case number found.
func ParseCaseFilter(s string) (legal.CaseNumber, bool) {
	if cn, ok := legal.ParseCaseNumber(s); ok {
		return cn, true
	}
	if found := legal.FindCaseNumbers(s); len(found) > 0 {
		return found[0], true
	}
	// "2:21-mj-00123 KJN": the number alone, without what follows a space.
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		if cn, ok := legal.ParseCaseNumber(f); ok && strings.ContainsAny(f, "0123456789") && strings.Contains(cn.Canonical, "-") {
			return cn, true
		}
	}
	return legal.CaseNumber{}, false
}

// ParseCaseToken recognises a bare query word as a case number: a district
// form with its type letters ("19-cv-07123", "4:19cv7123", "19cv07123") or
// an office prefix, or a short "YY-NNNN" form with a number of 3 or more
// digits ("19-7123"). Plain numbers and dates stay words.
func ParseCaseToken(s string) (legal.CaseNumber, bool) {
	if !strings.ContainsAny(s, "0123456789") {
		return legal.CaseNumber{}, false
	}
	cn, ok := legal.ParseCaseNumber(s)
	if !ok {
		return legal.CaseNumber{}, false
	}
	switch strings.Count(cn.Canonical, "-") {
	case 2:
		return cn, true
	case 1:
		year, num, _ := strings.Cut(cn.Canonical, "-")
		return cn, len(year) == 2 && len(strings.TrimLeft(num, "0")) >= 3 && strings.Contains(s, "-")
	}
	return legal.CaseNumber{}, false
}

// ParseDateBound parses an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or a
// relative one (-30d, -2w, -6m, -1y, counted back from today in UTC),
// between MinDate and MaxDate. An upper bound covers its whole day, month
// or year. Its error says what is wrong, for a person.
func ParseDateBound(s string, upper bool) (time.Time, error) {
	t, err := parseDateBoundAt(s, upper, time.Now().UTC())
	if err != nil {
		return t, err
	}
	return checkDateRange(s, t)
}

func parseDateBoundAt(s string, upper bool, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == '-' {
		n, err := strconv.Atoi(s[1 : len(s)-1])
		if err != nil || n < 0 || n > 100000 {
			return time.Time{}, fmt.Errorf("bad relative date %q (use e.g. -30d, -2w, -6m, -1y)", s)
		}
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		var t time.Time
		switch s[len(s)-1] {
		case 'd':
			t = today.AddDate(0, 0, -n)
		case 'w':
			t = today.AddDate(0, 0, -7*n)
		case 'm':
			t = today.AddDate(0, -n, 0)
		case 'y':
			t = today.AddDate(-n, 0, 0)
		default:
			return time.Time{}, fmt.Errorf("bad relative date %q (use e.g. -30d, -2w, -6m, -1y)", s)
		}
		if upper {
			t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
		}
		return t, nil
	}
	for _, layout := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{time.DateOnly, 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if len(s) != len(layout.layout) {
			continue
		}
		t, err := time.Parse(layout.layout, s)
		if err != nil {
			continue
		}
		if upper {
			t = t.AddDate(layout.years, layout.months, layout.days).Add(-time.Nanosecond)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (use YYYY-MM-DD, YYYY-MM, YYYY or -30d)", s)
}

// Dates the index can hold: bleve stores a date as nanoseconds since 1970
// in an int64, which reaches from 1677-09-21 to 2262-04-11.
var (
	MinDate = time.Date(1678, 1, 1, 0, 0, 0, 0, time.UTC)              // earliest date bound accepted
	MaxDate = time.Date(2261, 12, 31, 23, 59, 59, 999999999, time.UTC) // latest date bound accepted
)

// checkDateRange rejects a bound outside MinDate..MaxDate.
func checkDateRange(s string, t time.Time) (time.Time, error) {
	if t.Before(MinDate) || t.After(MaxDate) {
		return time.Time{}, fmt.Errorf("date %q is outside the supported range %s to %s", s, MinDate.Format(time.DateOnly), MaxDate.Format(time.DateOnly))
	}
	return t, nil
}

// RangeBounds returns the instants a date range covers: from the start of
// its first bound to the end of its last; "*" leaves an end open (zero).
func RangeBounds(n Range) (from, to time.Time, err error) {
	if n.From != "*" {
		if from, err = ParseDateBound(n.From, false); err != nil {
			return from, to, &Error{Pos: n.Pos, Msg: err.Error()}
		}
	}
	if n.To != "*" {
		if to, err = ParseDateBound(n.To, true); err != nil {
			return from, to, &Error{Pos: n.Pos, Msg: err.Error()}
		}
	}
	return from, to, nil
}
