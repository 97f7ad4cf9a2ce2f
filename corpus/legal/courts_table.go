package legal

// districtRow describes the federal district courts of one state or
// territory. dirs lists the divisions of a divided state as letters (c, e, m,
// n, s, w for Central, Eastern, Middle, Northern, Southern, Western); "" means
// the whole state is one district.
type districtRow struct {
	state  string // name as written in captions, e.g. "New York"
	abbr   string // Bluebook abbreviation, e.g. "N.Y."
	prefix string // CourtListener id prefix, e.g. "ny"
	dirs   string
	// territorial marks the Article IV district courts (Guam, Northern
	// Mariana Islands, Virgin Islands). They hear bankruptcy cases
	// themselves: there is no bankruptcy court under 28 U.S.C. § 151 for
	// them, so the table holds none.
	territorial bool
}

// districtRows lists the 94 federal judicial districts (89 in the states, plus
// the District of Columbia, Puerto Rico, Guam, the Northern Mariana Islands
// and the Virgin Islands).
var districtRows = []districtRow{
	{state: "Alabama", abbr: "Ala.", prefix: "al", dirs: "mns"},
	{state: "Alaska", abbr: "Alaska", prefix: "ak"},
	{state: "Arizona", abbr: "Ariz.", prefix: "az"},
	{state: "Arkansas", abbr: "Ark.", prefix: "ar", dirs: "ew"},
	{state: "California", abbr: "Cal.", prefix: "ca", dirs: "cens"},
	{state: "Colorado", abbr: "Colo.", prefix: "co"},
	{state: "Connecticut", abbr: "Conn.", prefix: "ct"},
	{state: "Delaware", abbr: "Del.", prefix: "de"},
	{state: "District of Columbia", abbr: "D.C.", prefix: "dc"},
	{state: "Florida", abbr: "Fla.", prefix: "fl", dirs: "mns"},
	{state: "Georgia", abbr: "Ga.", prefix: "ga", dirs: "mns"},
	{state: "Guam", abbr: "Guam", prefix: "gu", territorial: true},
	{state: "Hawaii", abbr: "Haw.", prefix: "hi"},
	{state: "Idaho", abbr: "Idaho", prefix: "id"},
	{state: "Illinois", abbr: "Ill.", prefix: "il", dirs: "cns"},
	{state: "Indiana", abbr: "Ind.", prefix: "in", dirs: "ns"},
	{state: "Iowa", abbr: "Iowa", prefix: "ia", dirs: "ns"},
	{state: "Kansas", abbr: "Kan.", prefix: "ks"},
	{state: "Kentucky", abbr: "Ky.", prefix: "ky", dirs: "ew"},
	{state: "Louisiana", abbr: "La.", prefix: "la", dirs: "emw"},
	{state: "Maine", abbr: "Me.", prefix: "me"},
	{state: "Maryland", abbr: "Md.", prefix: "md"},
	{state: "Massachusetts", abbr: "Mass.", prefix: "ma"},
	{state: "Michigan", abbr: "Mich.", prefix: "mi", dirs: "ew"},
	{state: "Minnesota", abbr: "Minn.", prefix: "mn"},
	{state: "Mississippi", abbr: "Miss.", prefix: "ms", dirs: "ns"},
	{state: "Missouri", abbr: "Mo.", prefix: "mo", dirs: "ew"},
	{state: "Montana", abbr: "Mont.", prefix: "mt"},
	{state: "Nebraska", abbr: "Neb.", prefix: "ne"},
	{state: "Nevada", abbr: "Nev.", prefix: "nv"},
	{state: "New Hampshire", abbr: "N.H.", prefix: "nh"},
	{state: "New Jersey", abbr: "N.J.", prefix: "nj"},
	{state: "New Mexico", abbr: "N.M.", prefix: "nm"},
	{state: "New York", abbr: "N.Y.", prefix: "ny", dirs: "ensw"},
	{state: "North Carolina", abbr: "N.C.", prefix: "nc", dirs: "emw"},
	{state: "North Dakota", abbr: "N.D.", prefix: "nd"},
	{state: "Northern Mariana Islands", abbr: "N. Mar. I.", prefix: "nmi", territorial: true},
	{state: "Ohio", abbr: "Ohio", prefix: "oh", dirs: "ns"},
	{state: "Oklahoma", abbr: "Okla.", prefix: "ok", dirs: "enw"},
	{state: "Oregon", abbr: "Or.", prefix: "or"},
	{state: "Pennsylvania", abbr: "Pa.", prefix: "pa", dirs: "emw"},
	{state: "Puerto Rico", abbr: "P.R.", prefix: "pr"},
	{state: "Rhode Island", abbr: "R.I.", prefix: "ri"},
	{state: "South Carolina", abbr: "S.C.", prefix: "sc"},
	{state: "South Dakota", abbr: "S.D.", prefix: "sd"},
	{state: "Tennessee", abbr: "Tenn.", prefix: "tn", dirs: "emw"},
	{state: "Texas", abbr: "Tex.", prefix: "tx", dirs: "ensw"},
	{state: "Utah", abbr: "Utah", prefix: "ut"},
	{state: "Vermont", abbr: "Vt.", prefix: "vt"},
	{state: "Virgin Islands", abbr: "V.I.", prefix: "vi", territorial: true},
	{state: "Virginia", abbr: "Va.", prefix: "va", dirs: "ew"},
	{state: "Washington", abbr: "Wash.", prefix: "wa", dirs: "ew"},
	{state: "West Virginia", abbr: "W. Va.", prefix: "wv", dirs: "ns"},
	{state: "Wisconsin", abbr: "Wis.", prefix: "wi", dirs: "ew"},
	{state: "Wyoming", abbr: "Wyo.", prefix: "wy"},
}

// territorialNames are the official names of the Article IV district courts.
var territorialNames = map[string]string{
	"gud":  "District Court of Guam",
	"nmid": "District Court for the Northern Mariana Islands",
	"vid":  "District Court of the Virgin Islands",
}

// directions maps a division letter to its word and citation prefix.
var directions = map[byte]struct{ word, cite string }{
	'c': {"Central", "C.D."},
	'e': {"Eastern", "E.D."},
	'm': {"Middle", "M.D."},
	'n': {"Northern", "N.D."},
	's': {"Southern", "S.D."},
	'w': {"Western", "W.D."},
}

// circuitRow describes one court of appeals.
type circuitRow struct {
	id, word, cite string
}

// circuitRows lists the 13 United States courts of appeals.
var circuitRows = []circuitRow{
	{"ca1", "First", "1st Cir."},
	{"ca2", "Second", "2d Cir."},
	{"ca3", "Third", "3d Cir."},
	{"ca4", "Fourth", "4th Cir."},
	{"ca5", "Fifth", "5th Cir."},
	{"ca6", "Sixth", "6th Cir."},
	{"ca7", "Seventh", "7th Cir."},
	{"ca8", "Eighth", "8th Cir."},
	{"ca9", "Ninth", "9th Cir."},
	{"ca10", "Tenth", "10th Cir."},
	{"ca11", "Eleventh", "11th Cir."},
	{"cadc", "D.C.", "D.C. Cir."},
	{"cafc", "Federal", "Fed. Cir."},
}

// nationalCourts are the remaining courts in the table.
var nationalCourts = []courtEntry{
	{Court: Court{ID: "scotus", Name: "Supreme Court of the United States", Citation: "U.S."}, kind: kindSupreme},
	{Court: Court{ID: "uscfc", Name: "U.S. Court of Federal Claims", Citation: "Fed. Cl."}, kind: kindSpecial},
	{Court: Court{ID: "cit", Name: "U.S. Court of International Trade", Citation: "Ct. Int'l Trade"}, kind: kindSpecial},
}
