package legal

import (
	"regexp"
	"sort"
	"strings"
)

// Court detection works on flatten()ed text in three tiers, strongest first:
//
//  1. full court names as printed in captions and formal prose
//     ("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA",
//     "United States Court of Appeals for the Ninth Circuit");
//  2. district phrases ("the Southern District of New York");
//  3. citation forms ("N.D. Cal.") not followed by a year or date, since
//     "(N.D. Cal. 2019)" cites some other case.
//
// In tier 1 the earliest match wins. Tiers 2 and 3 only answer when all
// their matches name one court: a text listing cases in several districts
// has no court.
//
// Matches that name another court on purpose are skipped: "appeal from the
// United States District Court ...", "U.S. Attorney for the Southern
// District of New York".

var (
	// stateToKey maps a lower-case state name as matched to districtKey's
	// state part.
	stateToKey = func() map[string]string {
		m := make(map[string]string)
		for _, r := range districtRows {
			st := strings.ToLower(r.state)
			if st == "district of columbia" {
				m["columbia"] = st
				continue
			}
			m[st] = st
		}
		return m
	}()

	stateAlt = func() string {
		var names []string
		for k := range stateToKey {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool {
			if len(names[i]) != len(names[j]) {
				return len(names[i]) > len(names[j])
			}
			return names[i] < names[j]
		})
		for i, n := range names {
			names[i] = strings.ReplaceAll(regexp.QuoteMeta(n), " ", `\s+`)
		}
		return strings.Join(names, "|")
	}()

	dirAlt = `northern|southern|eastern|western|middle|central`

	// ordinals maps the lower-case circuit words and numerals to IDs.
	ordinals = map[string]string{
		"first": "ca1", "1st": "ca1", "second": "ca2", "2nd": "ca2", "2d": "ca2",
		"third": "ca3", "3rd": "ca3", "3d": "ca3", "fourth": "ca4", "4th": "ca4",
		"fifth": "ca5", "5th": "ca5", "sixth": "ca6", "6th": "ca6",
		"seventh": "ca7", "7th": "ca7", "eighth": "ca8", "8th": "ca8",
		"ninth": "ca9", "9th": "ca9", "tenth": "ca10", "10th": "ca10",
		"eleventh": "ca11", "11th": "ca11", "federal": "cafc",
		"d.c.": "cadc", "d. c.": "cadc", "dc": "cadc", "district of columbia": "cadc",
	}
	ordAlt = `first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|` +
		`1st|2nd|2d|3rd|3d|4th|5th|6th|7th|8th|9th|10th|11th|federal|d\.\s?c\.|dc|district\s+of\s+columbia`

	usAlt = `(?:united\s+states|u\.\s?s\.)`

	reDistrictCaption = regexp.MustCompile(`(?i)\b` + usAlt + `\s+(district|bankruptcy)\s+court\s*[,\-–—]?\s*(?:\d{1,3}\s+){0,3}` +
		`(?:(?:for|of|in)\s+)?(?:the\s+)?(?:(` + dirAlt + `)\s+)?district\s+of\s+(?:the\s+)?(` + stateAlt + `)\b`)
	// reJudgeOfDistrict matches a judge's title followed by the district,
	// as in letter address blocks ("United States District Judge\nSouthern
	// District of New York") and "U.S. District Judge for the District of
	// Maine"; groups as in reDistrictCaption.
	reJudgeOfDistrict = regexp.MustCompile(`(?i)\b(district|magistrate|bankruptcy)\s+judge\s*,?\s+(?:\d{1,3}\s+){0,3}` +
		`(?:(?:for|of|in)\s+)?(?:the\s+)?(?:(` + dirAlt + `)\s+)?district\s+of\s+(?:the\s+)?(` + stateAlt + `)\b`)
	// reECFHeader matches the court heading of a PACER (CM/ECF) page: "U.S.
	// District Court California Northern District (San Francisco)", "US
	// Bankruptcy Court [LIVE] District of Minnesota (Minneapolis)", "U.S.
	// Bankruptcy Court NORTH DAKOTA (Fargo)". The division in parentheses
	// is required. Groups: 1 kind; 2 direction and 3 state ("Eastern
	// District of California"); 4 state ("District of Utah"); 5 state and
	// 6 direction ("California Northern District"); 7 state alone.
	reECFHeader = regexp.MustCompile(`(?i)\b(?:u\.?\s?s\.?|united\s+states)\s+(district|bankruptcy)\s+court\b(?:\s*\[[^\]]{0,24}\]|\s+electronic\s+case\s+filing\s+system)?\s+` +
		`(?:(` + dirAlt + `)\s+district\s+of\s+(` + stateAlt + `)|district\s+of\s+(` + stateAlt + `)|(` + stateAlt + `)\s+(` + dirAlt + `)\s+district|(` + stateAlt + `))\s*\(`)
	reTerritorial    = regexp.MustCompile(`(?i)\bdistrict\s+court\s+(?:of|for)\s+(?:the\s+)?(guam|northern\s+mariana\s+islands|virgin\s+islands)\b`)
	reCircuitCaption = regexp.MustCompile(`(?i)\b` + usAlt + `\s+court\s+of\s+appeals?\s*,?\s+(?:\d{1,3}\s+){0,3}(?:for\s+(?:the\s+)?)?(` + ordAlt + `)\s+circuit\b`)
	reCircuitPhrase  = regexp.MustCompile(`(?i)\b(` + ordAlt + `)\s+(?:` + usAlt + `\s+)?circuit\s+court\s+of\s+appeals\b`)
	reScotusIn       = regexp.MustCompile(`(?i)\bin\s+the\s+supreme\s+court\s+of\s+the\s+united\s+states\b`)
	reFedClaims      = regexp.MustCompile(`(?i)\b` + usAlt + `\s+court\s+of\s+federal\s+claims\b`)
	reIntlTrade      = regexp.MustCompile(`(?i)\b` + usAlt + `\s+court\s+of\s+international\s+trade\b`)

	reDistrictPhrase = regexp.MustCompile(`(?i)\b(` + dirAlt + `)\s+district\s+of\s+(?:the\s+)?(` + stateAlt + `)\b`)
	reTheDistrictOf  = regexp.MustCompile(`(?i)\bthe\s+district\s+of\s+(?:the\s+)?(` + stateAlt + `)\b`)

	// reOtherCourtBefore matches the end of text that introduces a court
	// other than the document's own.
	reOtherCourtBefore = regexp.MustCompile(`(?i)(?:\bfrom|\bcertiorari\s+to|\battorney(?:['’]s|s['’])?(?:\s+office)?\s+(?:for|in|of)|\bmarshals?(?:\s+service)?\s+for|\btrustee\s+for)\s+(?:the\s+)?$`)

	// citeTable maps each citation form to its court.
	citeTable = buildCiteTable()
	// reCite matches the shape of a citation form (a few abbreviations
	// after a "D." or before "Cir."); citeIn then looks the words up.
	reCite = regexp.MustCompile(`(?:^|[^A-Za-z.])((?:Bankr\.\s?)?(?:[A-Z]\.\s?)?D\.(?:\s?(?:[A-Z][a-z']{0,5}\.|Alaska|Idaho|Iowa|Ohio|Utah|Guam)){1,3}` +
		`|(?:\d{1,2}(?:st|nd|rd|th|d)|D\.\s?C\.|Fed\.)\s?Cir\.|Fed\.\s?Cl\.|Ct\.\s?Int'l\s?Trade)`)

	reYearAfterCite = regexp.MustCompile(`^\s*(?:\d{4}\b|[A-Z][a-z]{2,4}\.?\s+\d{1,2}\b)`)

	fDistrictCaption = &finder{re: reDistrictCaption, needles: []string{"district court", "bankruptcy court"}, fold: true, back: 24, fwd: 160}
	fECFHeader       = &finder{re: reECFHeader, needles: []string{"district court", "bankruptcy court"}, fold: true, back: 24, fwd: 160}
	fJudgeOfDistrict = &finder{re: reJudgeOfDistrict, needles: []string{"judge"}, fold: true, back: 16, fwd: 120}
	fTerritorial     = &finder{re: reTerritorial, needles: []string{"district court"}, fold: true, fwd: 80}
	fCircuitCaption  = &finder{re: reCircuitCaption, needles: []string{"court of appeal"}, fold: true, back: 24, fwd: 90}
	fCircuitPhrase   = &finder{re: reCircuitPhrase, needles: []string{"circuit court of appeal"}, fold: true, back: 48, fwd: 40}
	fScotusIn        = &finder{re: reScotusIn, needles: []string{"supreme court of the united states"}, fold: true, back: 8, fwd: 40}
	fFedClaims       = &finder{re: reFedClaims, needles: []string{"federal claims"}, fold: true, back: 28, fwd: 20}
	fIntlTrade       = &finder{re: reIntlTrade, needles: []string{"international trade"}, fold: true, back: 28, fwd: 24}
	fDistrictPhrase  = &finder{re: reDistrictPhrase, needles: []string{"district of"}, fold: true, back: 12, fwd: 48}
	fTheDistrictOf   = &finder{re: reTheDistrictOf, needles: []string{"district of"}, fold: true, back: 6, fwd: 48}
	fCite            = &finder{re: reCite, needles: []string{"D.", "Cir.", "Cl.", "Int'l"}, back: 16, fwd: 24}
)

func buildCiteTable() map[string]string {
	m := make(map[string]string)
	for _, e := range courtTable {
		if e.Citation == "" || e.kind == kindSupreme {
			continue
		}
		m[e.Citation] = e.ID
	}
	m["2nd Cir."] = "ca2"
	m["3rd Cir."] = "ca3"
	return m
}

// citeIn returns the court of the longest table citation that is a prefix
// of the shape match c, cut at one of its periods, and the prefix length.
func citeIn(c string) (string, int) {
	for end := len(c); end > 0; end-- {
		if c[end-1] != '.' && !strings.HasSuffix(c[:end], "Trade") {
			continue
		}
		if cite, ok := citeBySquash[citeKey(c[:end])]; ok {
			return citeTable[cite], end
		}
	}
	return "", 0
}

// scotusCaps is the Supreme Court's caption, matched in capitals only:
// prose mentions of "the Supreme Court of the United States" are context,
// not the document's court.
const scotusCaps = "SUPREME COURT OF THE UNITED STATES"

// FindCourt identifies the court a text belongs to from captions, formal
// court names, district phrases or citation forms (see doc.go). It reports
// false when no court is named clearly enough: "a federal court in Oakland"
// stays unknown.
func FindCourt(text string) (Court, bool) {
	return findCourt(prep(text, maxCourtScan))
}

// findCourt is FindCourt on prepared text.
func findCourt(text string) (Court, bool) {
	flat := flatten(capText(text, maxCourtScan))
	lower := asciiLower(flat)
	id, other := findCourtCaption(flat, lower)
	if id != "" {
		return CourtByID(id)
	}
	flat, lower = mask(flat, other), mask(lower, other)
	if id, ambiguous := findCourtPhrase(flat, lower); id != "" || ambiguous {
		return CourtByID(id)
	}
	if id, _ := findCourtCite(flat); id != "" {
		return CourtByID(id)
	}
	return Court{}, false
}

// introducesOtherCourt reports whether the text just before pos points at a
// different court ("appeal from the", "U.S. Attorney for the").
func introducesOtherCourt(flat string, pos int) bool {
	start := max(pos-48, 0)
	return reOtherCourtBefore.MatchString(flat[start:pos])
}

// normWords lower-cases s and collapses its white space.
func normWords(s string) string { return strings.ToLower(squash(s)) }

// mask blanks the given spans of s so that later tiers do not read the
// district named inside a skipped caption.
func mask(s string, spans [][2]int) string {
	if len(spans) == 0 {
		return s
	}
	b := []byte(s)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// findCourtCaption returns the ID named by the earliest tier-1 match, or "",
// and the spans of court names it skipped as naming another court.
func findCourtCaption(flat, lower string) (string, [][2]int) {
	var other [][2]int
	best, bestPos := "", len(flat)+1
	consider := func(id string, pos int) {
		if id != "" && pos < bestPos {
			best, bestPos = id, pos
		}
	}
	for _, f := range []*finder{fDistrictCaption, fJudgeOfDistrict} {
		for _, m := range f.findAll(flat, lower) {
			if m[0] >= bestPos {
				break
			}
			if introducesOtherCourt(flat, m[0]) {
				other = append(other, [2]int{m[0], m[1]})
				continue
			}
			dir := ""
			if m[4] >= 0 {
				dir = strings.ToLower(flat[m[4]:m[5]])
			}
			id := districtsByKey[districtKey(dir, stateToKey[normWords(flat[m[6]:m[7]])])]
			if id != "" && strings.EqualFold(flat[m[2]:m[3]], "bankruptcy") {
				id = bankruptcyOf(id)
			}
			if id != "" {
				consider(id, m[0])
				break
			}
		}
	}
	for _, m := range fECFHeader.findAll(flat, lower) {
		if m[0] >= bestPos {
			break
		}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return normWords(flat[m[2*i]:m[2*i+1]])
		}
		dir, st := g(2)+g(6), g(3)+g(4)+g(5)+g(7)
		id := districtsByKey[districtKey(dir, stateToKey[st])]
		if id != "" && g(1) == "bankruptcy" {
			id = bankruptcyOf(id)
		}
		if id != "" {
			consider(id, m[0])
			break
		}
	}
	if ms := fTerritorial.findAll(flat, lower); ms != nil {
		m := ms[0]
		switch normWords(flat[m[2]:m[3]]) {
		case "guam":
			consider("gud", m[0])
		case "northern mariana islands":
			consider("nmid", m[0])
		case "virgin islands":
			consider("vid", m[0])
		}
	}
	for _, f := range []*finder{fCircuitCaption, fCircuitPhrase} {
		for _, m := range f.findAll(flat, lower) {
			if introducesOtherCourt(flat, m[0]) {
				other = append(other, [2]int{m[0], m[1]})
				continue
			}
			consider(ordinals[normWords(flat[m[2]:m[3]])], m[0])
			break
		}
	}
	if i := strings.Index(flat, scotusCaps); i >= 0 {
		consider("scotus", i)
	}
	for _, p := range []struct {
		f  *finder
		id string
	}{{fScotusIn, "scotus"}, {fFedClaims, "uscfc"}, {fIntlTrade, "cit"}} {
		if ms := p.f.findAll(flat, lower); ms != nil {
			consider(p.id, ms[0][0])
		}
	}
	return best, other
}

// unique collects court IDs and reports the single one seen, or "" when
// none or several were seen.
type unique struct {
	id    string
	multi bool
}

func (u *unique) add(id string) {
	if id == "" || id == u.id {
		return
	}
	if u.id != "" {
		u.multi = true
	}
	u.id = id
}

func (u *unique) result() (id string, ambiguous bool) {
	if u.multi {
		return "", true
	}
	return u.id, false
}

// findCourtPhrase returns the district named by tier-2 phrases when they all
// name the same one; ambiguous reports phrases naming different districts
// (a list of cases, say), where no court is reported at all.
func findCourtPhrase(flat, lower string) (id string, ambiguous bool) {
	var u unique
	for _, m := range fDistrictPhrase.findAll(flat, lower) {
		if introducesOtherCourt(flat, m[0]) {
			continue
		}
		u.add(districtsByKey[districtKey(strings.ToLower(flat[m[2]:m[3]]), stateToKey[normWords(flat[m[4]:m[5]])])])
	}
	for _, m := range fTheDistrictOf.findAll(flat, lower) {
		st := stateToKey[normWords(flat[m[2]:m[3]])]
		if st == "district of columbia" || introducesOtherCourt(flat, m[0]) {
			continue
		}
		u.add(districtsByKey[districtKey("", st)])
	}
	return u.result()
}

// findCourtCite returns the court of the citation forms that are not part
// of case citations, when they all name the same court; ambiguous as for
// findCourtPhrase.
func findCourtCite(flat string) (id string, ambiguous bool) {
	var u unique
	for _, m := range fCite.findAll(flat, "") {
		id, n := citeIn(flat[m[2]:m[3]])
		end := m[2] + n
		if id == "" || end < len(flat) && isASCIILetter(flat[end]) {
			continue
		}
		if reYearAfterCite.MatchString(flat[end:min(end+16, len(flat))]) {
			continue
		}
		u.add(id)
	}
	return u.result()
}

// citeBySquash maps citeKey(citation) to the table spelling.
var citeBySquash = func() map[string]string {
	m := make(map[string]string)
	for c := range citeTable {
		m[citeKey(c)] = c
	}
	return m
}()

// citeKey lower-cases s and keeps only ASCII letters and digits.
func citeKey(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z', isDigit(c):
			b.WriteByte(c)
		}
	}
	return b.String()
}
