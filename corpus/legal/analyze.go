package legal

import (
	"regexp"
	"strings"
)

// Metadata is everything Analyze finds in one text.
type Metadata struct {
	// Court is the court the text belongs to, or nil when unknown.
	Court *Court `json:"court"`
	// CaseNumbers are the distinct case numbers, the ECF stamp's first.
	CaseNumbers []CaseNumber `json:"case_numbers"`
	// Judges are the distinct judges named.
	Judges []Judge `json:"judges"`
	// ECF is the first CM/ECF stamp, or nil.
	ECF *ECFStamp `json:"ecf"`
	// Date is YYYY-MM-DD: the ECF filed date when there is a stamp, else
	// the date of a clerk's FILED stamp, else the signed date, else an
	// opinion's "Decided" date, else "".
	Date string `json:"date"`
}

// Analyze runs every extractor on text and sets the case numbers' courts
// and roles and the judges' capacities; the whole of text may hold the
// caption (see AnalyzeFiling).
//
// Roles: a number is RoleDocket when it is the ECF stamp's or when it is
// printed in the caption zone (the first 120 lines, at most 16 KiB) and is
// not followed by the rest of a citation; RoleRelated when a caption-zone
// cue names it related, consolidated, a member case or the lower court's
// ("D.C. No."), or when its style (district-style or short) differs from
// the stamp's number; RoleCited otherwise. A number that occurs in several
// roles keeps the strongest (docket, related, cited).
//
// Courts: a cited number gets only the court of its own citation, the
// first parenthetical after it ("No. 1:21-cv-06000, 2021 WL 3668161, at
// *1 (S.D.N.Y. Aug. 16, 2021)") or a United States Reports cite (the
// Supreme Court); it never gets the found court. A docket or related
// number that looks like the found court's own gets the found court:
// district-style numbers for a district court, "bk"/"ap" district-style or
// short numbers for a bankruptcy court, short numbers for a court of
// appeals. Other numbers keep Court "".
func Analyze(text string) Metadata {
	return analyze(prep(text, maxScan), maxScan)
}

// AnalyzeFiling is Analyze for a filing whose first page is the first
// firstPage bytes of text: the caption zone ends with the first page, so
// the caption of an exhibit on a later page is not read as the filing's.
func AnalyzeFiling(text string, firstPage int) Metadata {
	return analyze(prep(text, maxScan), max(firstPage, 0))
}

// AnalyzeArticle is Analyze for a press article or web page: every case
// number gets RoleMentioned and every judge CapacityMentioned. A number
// gets the court of its own citation, else the found court when its shape
// fits.
func AnalyzeArticle(text string) Metadata {
	text = prep(text, maxScan)
	md := analyze(text, 0)
	for i := range md.CaseNumbers {
		md.CaseNumbers[i].Role = RoleMentioned
		if md.CaseNumbers[i].Court == "" && md.Court != nil {
			if home, ok := entryByID(md.Court.ID); ok && belongsTo(md.CaseNumbers[i].Canonical, home.kind) {
				md.CaseNumbers[i].Court = home.ID
			}
		}
	}
	for i := range md.Judges {
		md.Judges[i].Capacity = CapacityMentioned
	}
	return md
}

// analyze is Analyze on prepared text whose caption zone ends at or
// before headLimit.
func analyze(text string, headLimit int) Metadata {
	var md Metadata
	var home courtEntry
	if c, ok := findCourt(text); ok {
		md.Court = &c
		home, _ = entryByID(c.ID)
	}
	head := headEnd(text, headLimit)
	hits := findCaseHits(text)
	foldShortForms(hits)
	st, hasStamp := findECFStamp(text)
	stampCanon := ""
	if hasStamp {
		md.ECF = &st
		md.Date = st.Filed
		if cn, ok := ParseCaseNumber(st.CaseNumber); ok {
			stampCanon = cn.Canonical
			hits = append([]posCase{{pos: -1, end: -1, cn: cn}}, hits...)
		}
	}
	md.CaseNumbers = caseRoles(text, hits, head)
	// A court whose numbers cannot look like the stamp's is another case's
	// (an exhibit reproducing a Supreme Court brief in a district case):
	// the filing's court is then unknown, for inference within its case.
	if stampCanon != "" && md.Court != nil && !belongsTo(stampCanon, home.kind) {
		md.Court, home = nil, courtEntry{}
	}
	// The reference style: the stamp's number, else the first docket number.
	ref := stampCanon
	for _, c := range md.CaseNumbers {
		if ref == "" && c.Role == RoleDocket {
			ref = c.Canonical
		}
	}
	for i := range md.CaseNumbers {
		c := &md.CaseNumbers[i]
		if c.Role == RoleDocket && ref != "" && !sameLevel(c.Canonical, ref) {
			c.Role = RoleRelated
		}
		if c.Role != RoleCited {
			c.Court = ""
			if home.ID != "" && belongsTo(c.Canonical, home.kind) {
				c.Court = home.ID
			}
		}
	}
	md.Judges = findJudges(text)
	promoteDocketJudges(md.Judges, md.CaseNumbers)
	for _, find := range []func(string) (string, bool){findFiledStamp, findSignedDate, findDecided} {
		if md.Date != "" {
			break
		}
		md.Date, _ = find(text)
	}
	return md
}

// caseRoles gives each distinct number of hits (in order of first
// appearance) its strongest role and, for a cited number, the court of
// its own citation (see Analyze).
func caseRoles(text string, hits []posCase, head int) []CaseNumber {
	var out []CaseNumber
	idx := make(map[string]int)
	for _, f := range hits {
		role := RoleDocket
		if f.pos >= 0 {
			role = occurrenceRole(text, f, head)
		}
		court := ""
		if role == RoleCited && f.pos >= 0 {
			if e, ok := citationCourt(text, f.end); ok {
				if e.kind == kindDistrict {
					f = districtForm(text, f)
				}
				if belongsTo(f.cn.Canonical, e.kind) {
					court = e.ID
				}
			}
		}
		i, seen := idx[f.cn.Canonical]
		if !seen {
			cn := f.cn
			cn.Role, cn.Court = role, court
			idx[cn.Canonical] = len(out)
			out = append(out, cn)
			continue
		}
		c := &out[i]
		if roleRank(role) > roleRank(c.Role) {
			c.Role = role
		}
		if c.Court == "" {
			c.Court = court
		}
		if c.JudgeInitials == "" && f.cn.JudgeInitials != "" {
			c.Raw, c.Office, c.JudgeInitials = f.cn.Raw, f.cn.Office, f.cn.JudgeInitials
		}
	}
	return out
}

// districtForm gives a short number ("No. 10-3738") that a citation puts
// in a district court ("(C.D. Cal. 2015)") the type district numbers
// carry: civil, or MDL when "MDL" is printed right before it; a short
// number names no type, and a district court's cases always have one.
// Other numbers are returned as they are.
func districtForm(text string, f posCase) posCase {
	year, seq, ok := strings.Cut(f.cn.Canonical, "-")
	if !ok || isDistrictStyle(f.cn.Canonical) || len(year) != 2 || len(seq) != 5 {
		return f
	}
	typ := "cv"
	if before := text[max(f.pos-10, 0):f.pos]; strings.Contains(before, "MDL") {
		typ = "md"
	}
	f.cn.Canonical = year + "-" + typ + "-" + seq
	return f
}

// promoteDocketJudges makes presiding a judge read as cited whose name
// fits the judge initials of one of the document's own case numbers.
func promoteDocketJudges(judges []Judge, cases []CaseNumber) {
	for i := range judges {
		if judges[i].Capacity != CapacityCited {
			continue
		}
		for _, c := range cases {
			if c.Role == RoleDocket && c.JudgeInitials != "" && InitialsMatchAny(c.JudgeInitials, judges[i].Name) {
				judges[i].Capacity = CapacityPresiding
				break
			}
		}
	}
}

// InitialsMatchAny reports whether name fits any of the dash-separated
// judge initials of a case number ("VEC-SDA").
func InitialsMatchAny(initials, name string) bool {
	for _, ini := range strings.Split(initials, "-") {
		if ini != "" && InitialsMatch(ini, name) {
			return true
		}
	}
	return false
}

// reUSReports matches a United States Reports cite after a case number
// ("..., 576 U.S. 644 (2015)").
var reUSReports = regexp.MustCompile(`^[^;()]{0,24},\s*\d{1,3}\s+U\.\s?S\.\s+\d`)

// reSentenceEnd matches the end of a citation sentence right after the
// number ("No. 3:18-cv-00111. Next") or after a word of four or more
// lower-case letters; court abbreviations ("Cal.", "Del.") are shorter.
var reSentenceEnd = regexp.MustCompile(`(^\s*\.)(?:\s|$)|\b[a-z]{4,}(\.)\s+[A-Z]`)

// citationCourt returns the court the citation of a number ending at end
// names: the court in the first parenthetical of the citation, or the
// Supreme Court for a United States Reports cite.
func citationCourt(text string, end int) (courtEntry, bool) {
	if e, ok := citedCourt(text, end); ok {
		return e, true
	}
	win := flatten(text[end:min(end+200, len(text))])
	if i := strings.IndexByte(win, ';'); i >= 0 {
		win = win[:i]
	}
	if m := reSentenceEnd.FindStringSubmatchIndex(win); m != nil {
		end := m[3] // group 1 or group 2 is the period
		if end < 0 {
			end = m[5]
		}
		win = win[:end]
	}
	if reUSReports.MatchString(win) {
		return entryByID("scotus")
	}
	for off := 0; off < len(win); {
		i := strings.IndexByte(win[off:], '(')
		if i < 0 {
			break
		}
		c := win[off+i:]
		off += i + 1
		if m := reCite.FindStringSubmatchIndex(c); m != nil && m[2] == 1 {
			if id, _ := citeIn(c[m[2]:m[3]]); id != "" {
				return entryByID(id)
			}
		}
		if strings.HasPrefix(c, "(") && len(c) > 5 && isDigit(c[1]) {
			break // "(2019)": a year alone names no court
		}
	}
	return courtEntry{}, false
}

// reCiteAfter matches an opening parenthesis right after a case number,
// where a citation parenthetical such as "(N.D. Cal. 2019)" starts.
var reCiteAfter = regexp.MustCompile(`^[,;]?\s{0,3}(?:\([A-Z]{2,4}x?\)\s{0,3})?\(`)

// citedCourt returns the court of a citation parenthetical that directly
// follows a case number ending at end.
func citedCourt(text string, end int) (courtEntry, bool) {
	win := text[end:min(end+48, len(text))]
	loc := reCiteAfter.FindStringIndex(win)
	if loc == nil {
		return courtEntry{}, false
	}
	c := win[loc[1]-1:]
	m := reCite.FindStringSubmatchIndex(c)
	if m == nil || m[2] != 1 {
		return courtEntry{}, false
	}
	id, _ := citeIn(c[m[2]:m[3]])
	if id == "" {
		return courtEntry{}, false
	}
	return entryByID(id)
}

// FitsCourt reports whether a canonical case number has the shape the
// court with id uses (see belongsTo): a district-style number never
// belongs to a court of appeals or the Supreme Court. Unknown ids fit
// nothing.
func FitsCourt(canonical, id string) bool {
	e, ok := entryByID(id)
	return ok && belongsTo(canonical, e.kind)
}

// belongsTo reports whether a canonical number has the shape a court of
// the given kind uses. Six-digit district-style numbers fit no federal
// court (their dockets run to five digits; such numbers are usually state
// court numbers like "16-CV-299476").
func belongsTo(canonical string, kind courtKind) bool {
	district := isDistrictStyle(canonical)
	if district && len(canonical) > len("19-cv-07123") {
		return false
	}
	bk := caseType(canonical) == "bk" || caseType(canonical) == "ap"
	switch kind {
	case kindDistrict:
		return district && !bk
	case kindBankruptcy:
		return bk || !district
	case kindCircuit:
		return !district
	}
	return false
}
