package htmltext

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		day     string
		offsetS int // seconds east of UTC kept from the input
	}{
		{"2024-09-13T17:42:00-07:00", "2024-09-13", -7 * 3600},
		{"2023-11-30T23:30:00-08:00", "2023-11-30", -8 * 3600},
		{"2021-06-01T00:15:00+02:00", "2021-06-01", 2 * 3600},
		{"2021-11-01T10:52:50+0100", "2021-11-01", 3600},
		{"2019-01-03T07:00:02.000Z", "2019-01-03", 0},
		{"2015-04-30T07:19:58", "2015-04-30", 0},
		{"2018-04-05T06:00", "2018-04-05", 0},
		{"2017-11-03 03:01:00.000000", "2017-11-03", 0},
		{"2019-04-28 06:01:07", "2019-04-28", 0},
		{"2017-11-03 03:01:00.000000 +0000 UTC", "2017-11-03", 0},
		{"2024-06-25", "2024-06-25", 0},
		{"2024/06/25", "2024-06-25", 0},
		{"Tue, 04 Mar 2025 08:15:00 -0800", "2025-03-04", -8 * 3600},
		{"March 4, 2025", "2025-03-04", 0},
		{"Sept. 13, 2024", "", 0}, // "Sept." is not a Go month abbreviation
		{"14.09.2024", "2024-09-14", 0},
		{"  2020-02-29  ", "2020-02-29", 0},
		{"0000-00-00", "", 0},
		{"1850-01-01", "", 0},
		{"yesterday", "", 0},
		{"", "", 0},
	}
	for _, tc := range tests {
		got, ok := parseDate(tc.in)
		if tc.day == "" {
			if ok {
				t.Errorf("parseDate(%q) = %v, want failure", tc.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("parseDate(%q) failed, want %s", tc.in, tc.day)
			continue
		}
		if d := dayOf(got); d != tc.day {
			t.Errorf("parseDate(%q) day = %s, want %s", tc.in, d, tc.day)
		}
		if _, off := got.Zone(); off != tc.offsetS {
			t.Errorf("parseDate(%q) offset = %d, want %d", tc.in, off, tc.offsetS)
		}
	}
}

func TestDateInText(t *testing.T) {
	tests := map[string]string{
		"Posted on March 4, 2025 by Staff":    "2025-03-04",
		"Von Jürgen Weiß, 14.09.2024, 06:30":  "2024-09-14",
		"Updated 14. September 2024":          "2024-09-14",
		"3. März 2021":                        "2021-03-03",
		"Published 2022-01-26T10:00":          "2022-01-26",
		"Sat 2019/10/19":                      "2019-10-19",
		"31.04.2021":                          "",
		"Comments (12)":                       "",
		"Season 2024":                         "",
		"Springfield, 11. November\u00a02021": "2021-11-11",
		"13.\u20091.\u20092020":               "2020-01-13",
	}
	for in, want := range tests {
		got, ok := dateInText(in)
		if dayOf(got) != want || ok != (want != "") {
			t.Errorf("dateInText(%q) = %q, %v; want %q", in, dayOf(got), ok, want)
		}
	}
}

func TestDateInURL(t *testing.T) {
	tests := map[string]string{
		"https://example.org/2017/06/07/some-story/":   "2017-06-07",
		"https://example.org/news/2024-09-13-ruling":   "2024-09-13",
		"https://example.org/2017/13/07/x":             "",
		"https://example.org/story-12345678":           "",
		"https://example.org/archive/2019/02/30/story": "",
	}
	for in, want := range tests {
		got, ok := dateInURL(in)
		if dayOf(got) != want || ok != (want != "") {
			t.Errorf("dateInURL(%q) = %q, %v; want %q", in, dayOf(got), ok, want)
		}
	}
}

func TestDayOfKeepsOffset(t *testing.T) {
	loc := time.FixedZone("", -5*3600)
	if d := dayOf(time.Date(2025, 11, 4, 22, 0, 0, 0, loc)); d != "2025-11-04" {
		t.Errorf("dayOf = %s; the UTC day would be 2025-11-05 and must not be used", d)
	}
	if d := dayOf(time.Time{}); d != "" {
		t.Errorf("dayOf(zero) = %q", d)
	}
}

func TestMemberLabelled(t *testing.T) {
	tests := []struct {
		prev, s string
		want    bool
	}{
		{"Joined:", "02.05.2010, 10:00", true},
		{"Registriert:", "18.09.2011", true},
		{"", "Member since 3 March 2015", true},
		{"", "Mitglied seit: 01.02.2019", true},
		{"by admin »", "14.06.2012, 09:12", false},
		{"", "Posted 14.06.2012", false},
		{"Joined the team in", "", false},
	}
	for _, tt := range tests {
		if got := memberLabelled(tt.prev, tt.s); got != tt.want {
			t.Errorf("memberLabelled(%q, %q) = %v, want %v", tt.prev, tt.s, got, tt.want)
		}
	}
}

func TestEndsWithLabel(t *testing.T) {
	tests := map[string]bool{
		"Veröffentlicht am:": true,
		"Published on":       true,
		"Stand:":             true,
		"Stand":              true,
		"Standard":           false,
		"Published by Ada":   false,
		"Kommentare":         false,
	}
	for in, want := range tests {
		if got := endsWithLabel(in); got != want {
			t.Errorf("endsWithLabel(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestShortDotDate(t *testing.T) {
	tests := map[string]string{
		"31.10.23":   "2023-10-31",
		" 7.3.24 ":   "2024-03-07",
		"31.04.23":   "",
		"10.12.2019": "",
		"1.2.3":      "",
	}
	for in, want := range tests {
		got, ok := shortDotDate(in)
		if dayOf(got) != want || ok != (want != "") {
			t.Errorf("shortDotDate(%q) = %q, %v; want %q", in, dayOf(got), ok, want)
		}
	}
}

func TestPrintedNeighbour(t *testing.T) {
	zurich := time.FixedZone("", 3600)
	chosen := time.Date(2021, 11, 15, 0, 30, 0, 0, zurich)
	cands := []string{"2021-11-14T23:30:00+00:00"}
	// The day printed is the UTC one: it wins.
	_, day := printedNeighbour(chosen, "2021-11-15", map[string]bool{"2021-11-14": true}, cands)
	if day != "2021-11-14" {
		t.Errorf("printed neighbour: day = %s, want 2021-11-14", day)
	}
	// A printed day further away is not a time-zone matter.
	_, day = printedNeighbour(chosen, "2021-11-15", map[string]bool{"2021-11-12": true}, []string{"2021-11-12"})
	if day != "2021-11-15" {
		t.Errorf("far printed day: day = %s, want 2021-11-15", day)
	}
}
