package legal

import "regexp"

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

// Analyze runs every extractor on text and fills CaseNumber.Court. A number
// first printed with its own court citation ("1:23-cr-00456 (S.D.N.Y.
// 2023)", "No. 20-16408 (2d Cir. 2021)") gets that court; any other number
// that looks like the found court's own gets the found court:
// district-style numbers for a district court, "bk"/"ap" district-style or
// short numbers for a bankruptcy court, short numbers for a court of appeals.
// Other numbers keep Court "".
func Analyze(text string) Metadata {
	text = prep(text, maxScan)
	var md Metadata
	var home courtEntry
	if c, ok := findCourt(text); ok {
		md.Court = &c
		home, _ = entryByID(c.ID)
	}
	for _, f := range findCases(text) {
		cn := f.cn
		if e, ok := citedCourt(text, f.end); ok {
			if belongsTo(cn.Canonical, e.kind) {
				cn.Court = e.ID
			}
		} else if home.ID != "" && belongsTo(cn.Canonical, home.kind) {
			cn.Court = home.ID
		}
		md.CaseNumbers = append(md.CaseNumbers, cn)
	}
	md.Judges = findJudges(text)
	if st, ok := findECFStamp(text); ok {
		md.ECF = &st
		md.Date = st.Filed
		if cn, ok := ParseCaseNumber(st.CaseNumber); ok {
			if home.ID != "" && belongsTo(cn.Canonical, home.kind) {
				cn.Court = home.ID
			}
			md.CaseNumbers = moveFirst(md.CaseNumbers, cn)
		}
	}
	for _, find := range []func(string) (string, bool){findFiledStamp, findSignedDate, findDecided} {
		if md.Date != "" {
			break
		}
		md.Date, _ = find(text)
	}
	return md
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

// moveFirst puts the number with cn's canonical form first, adding cn if
// it is missing.
func moveFirst(list []CaseNumber, cn CaseNumber) []CaseNumber {
	out := []CaseNumber{cn}
	for _, c := range list {
		if c.Canonical == cn.Canonical {
			out[0] = c
			continue
		}
		out = append(out, c)
	}
	return out
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
