package htmltext

import (
	"net/url"
	"strings"
	"unicode"
)

// titleSeparators split a headline from a site name in titles such as
// "Headline | Site" or "Site » Headline".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " » ", " › ", " • ", " · ", " :: ", " : ", " ǀ "}

// maxSiteWords is the longest title segment, in words, that may be taken
// for a site name that only starts or ends with the known name.
const maxSiteWords = 5

// stripSiteName removes a leading or trailing site name from title when it
// is set off by a separator and matches the site name or the host of one of
// the page's URLs. Titles without such a match are returned unchanged.
func stripSiteName(title, site string, urls ...string) string {
	var names []string
	if k := nameKey(site); k != "" {
		names = append(names, k)
	}
	for _, u := range urls {
		if p, err := url.Parse(u); err == nil && p.Hostname() != "" {
			h := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
			names = append(names, nameKey(h))
			if i := strings.LastIndexByte(h, '.'); i > 0 {
				names = append(names, nameKey(h[:i])) // "example.com" -> "example"
			}
		}
	}
	if len(names) == 0 {
		return title
	}
	isSite := func(part string) bool {
		k := nameKey(part)
		if k == "" {
			return false
		}
		short := len(strings.Fields(part)) <= maxSiteWords
		for _, n := range names {
			if n == "" {
				continue
			}
			// Exact, or the site name plus a few words ("The Bay Ledger
			// Online"), at most doubling its length.
			if k == n || short && len(n) >= 5 && len(k) <= 2*len(n) &&
				(strings.HasPrefix(k, n) || strings.HasSuffix(k, n)) {
				return true
			}
		}
		return false
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			if head := strings.TrimSpace(title[:i]); head != "" && isSite(title[i+len(sep):]) {
				return head
			}
		}
		if i := strings.Index(title, sep); i > 0 {
			if tail := strings.TrimSpace(title[i+len(sep):]); tail != "" && isSite(title[:i]) {
				return tail
			}
		}
	}
	return title
}

// nameKey lower-cases s and keeps only letters and digits, so that "The Bay
// Ledger", "thebayledger" and "TheBayLedger.example" compare by their core.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
