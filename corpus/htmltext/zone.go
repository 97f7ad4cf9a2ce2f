package htmltext

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // the zones below must not depend on the host's tz database
)

// explicitUTC matches a timestamp with a time of day written in UTC
// ("...T23:00:00Z", "... 23:00:00+00:00").
var explicitUTC = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|UTC|GMT)$`)

// tldZones maps a country-code top-level domain to the time zone its news
// sites print dates in.
var tldZones = map[string]string{
	"de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich",
	"fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid",
	"nl": "Europe/Amsterdam", "be": "Europe/Brussels", "pl": "Europe/Warsaw",
	"cz": "Europe/Prague", "dk": "Europe/Copenhagen", "se": "Europe/Stockholm",
	"no": "Europe/Oslo", "fi": "Europe/Helsinki", "pt": "Europe/Lisbon",
	"uk": "Europe/London", "ie": "Europe/Dublin", "gr": "Europe/Athens",
	"ar": "America/Argentina/Buenos_Aires", "br": "America/Sao_Paulo",
	"mx": "America/Mexico_City", "co": "America/Bogota", "bo": "America/La_Paz",
	"uy": "America/Montevideo", "cl": "America/Santiago", "pe": "America/Lima",
	"ve": "America/Caracas", "hn": "America/Tegucigalpa", "jp": "Asia/Tokyo",
	"in": "Asia/Kolkata", "au": "Australia/Sydney", "nz": "Pacific/Auckland",
}

// langZones maps a language to a zone for generic domains (.com, .org,
// ...) when the language is spoken in essentially one time zone.
var langZones = map[string]string{
	"de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome",
	"nl": "Europe/Amsterdam", "pl": "Europe/Warsaw", "cs": "Europe/Prague",
	"da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "fi": "Europe/Helsinki",
	"ja": "Asia/Tokyo",
}

// siteZone guesses the time zone a site prints its dates in from the
// country code of its host, else from its language; nil when unknown
// (English and Spanish on a generic domain, for instance).
func siteZone(lang string, urls ...string) *time.Location {
	name := ""
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil || p.Hostname() == "" {
			continue
		}
		h := strings.ToLower(p.Hostname())
		if h == "fakehost" || h == "localhost" {
			continue
		}
		tld := h[strings.LastIndexByte(h, '.')+1:]
		if z, ok := tldZones[tld]; ok {
			name = z
		} else {
			name = langZones[lang]
		}
		break
	}
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}
