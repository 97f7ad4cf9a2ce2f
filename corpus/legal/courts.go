package legal

import (
	"sort"
	"strings"
)

// courtKind classifies a table entry.
type courtKind int

const (
	kindDistrict courtKind = iota + 1
	kindBankruptcy
	kindCircuit
	kindSupreme
	kindSpecial
)

// courtEntry is one row of the built table.
type courtEntry struct {
	Court
	kind  courtKind
	state string // lower-case state name for district and bankruptcy courts
	dir   string // lower-case division word ("northern"), or ""
}

// courtTable is the whole table, sorted by ID, and courtIndex maps ID to
// position in it.
var courtTable, courtIndex = buildCourts()

// citeOf composes a district citation from a division prefix ("N.D.", or "D."
// for an undivided district) and a state abbreviation. Abbreviations made only
// of initials close up ("S.D.N.Y."); others take a space ("N.D. Cal.").
func citeOf(prefix, abbr string) string {
	closed := true
	for i := 0; i < len(abbr); i += 2 {
		if i+1 >= len(abbr) || !isASCIILetter(abbr[i]) || abbr[i+1] != '.' {
			closed = false
			break
		}
	}
	if closed {
		return prefix + abbr
	}
	return prefix + " " + abbr
}

func buildCourts() ([]courtEntry, map[string]int) {
	var all []courtEntry
	for _, r := range districtRows {
		dirs := r.dirs
		if dirs == "" {
			dirs = " "
		}
		for i := 0; i < len(dirs); i++ {
			d := dirs[i]
			id, dir, prefix, nameMid := r.prefix+"d", "", "D.", "D. "+r.state
			if d != ' ' {
				dw := directions[d]
				id = r.prefix + string(d) + "d"
				dir = strings.ToLower(dw.word)
				prefix = dw.cite
				nameMid = dw.cite + " " + r.state
			}
			if r.state == "District of Columbia" {
				nameMid = "District of Columbia"
			}
			cite := citeOf(prefix, r.abbr)
			name := "U.S. District Court, " + nameMid
			if n, ok := territorialNames[id]; ok {
				name = n
			}
			st := strings.ToLower(r.state)
			all = append(all, courtEntry{Court: Court{ID: id, Name: name, Citation: cite}, kind: kindDistrict, state: st, dir: dir})
			if r.territorial {
				continue
			}
			all = append(all, courtEntry{
				Court: Court{ID: id[:len(id)-1] + "b", Name: "U.S. Bankruptcy Court, " + nameMid, Citation: "Bankr. " + cite},
				kind:  kindBankruptcy, state: st, dir: dir,
			})
		}
	}
	for _, c := range circuitRows {
		all = append(all, courtEntry{Court: Court{ID: c.id, Name: "U.S. Court of Appeals, " + c.word + " Circuit", Citation: c.cite}, kind: kindCircuit})
	}
	all = append(all, nationalCourts...)
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	idx := make(map[string]int, len(all))
	for i, e := range all {
		idx[e.ID] = i
	}
	return all, idx
}

// CourtByID returns the court with the given id (e.g. "cand", "ca9",
// "nysb"), matched exactly.
func CourtByID(id string) (Court, bool) {
	i, ok := courtIndex[id]
	if !ok {
		return Court{}, false
	}
	return courtTable[i].Court, true
}

// Courts returns a copy of the whole court table, sorted by ID.
func Courts() []Court {
	out := make([]Court, len(courtTable))
	for i, e := range courtTable {
		out[i] = e.Court
	}
	return out
}

// entryByID returns the table row for id.
func entryByID(id string) (courtEntry, bool) {
	i, ok := courtIndex[id]
	if !ok {
		return courtEntry{}, false
	}
	return courtTable[i], true
}

// districtKey addresses a district by division word and state name, both
// lower case; dir is "" for an undivided district.
func districtKey(dir, state string) string { return dir + "|" + state }

// districtsByKey maps districtKey to district-court ID.
var districtsByKey = func() map[string]string {
	m := make(map[string]string)
	for _, e := range courtTable {
		if e.kind == kindDistrict {
			m[districtKey(e.dir, e.state)] = e.ID
		}
	}
	return m
}()

// bankruptcyOf returns the bankruptcy-court ID for a district-court ID, or "".
func bankruptcyOf(districtID string) string {
	if !strings.HasSuffix(districtID, "d") {
		return ""
	}
	id := districtID[:len(districtID)-1] + "b"
	if _, ok := courtIndex[id]; ok {
		return id
	}
	return ""
}

// courtAliases maps citeKey of every accepted user spelling to a court ID;
// aliasClashes records spellings that two courts claimed (they are dropped).
var courtAliases, aliasClashes = buildAliases()

func buildAliases() (map[string]string, []string) {
	m := make(map[string]string)
	var clashes []string
	add := func(alias, id string) {
		k := citeKey(alias)
		if k == "" {
			return
		}
		if old, ok := m[k]; ok && old != id {
			clashes = append(clashes, k)
			return
		}
		m[k] = id
	}
	for _, e := range courtTable {
		add(e.ID, e.ID)
		add(e.Name, e.ID)
		if e.kind != kindSupreme {
			add(e.Citation, e.ID)
		}
		switch e.kind {
		case kindDistrict, kindBankruptcy:
			phrase := "District of " + e.state
			if e.state == "district of columbia" {
				phrase = e.state
			}
			if e.dir != "" {
				phrase = e.dir + " " + phrase
			}
			if e.kind == kindBankruptcy {
				phrase = "Bankruptcy " + phrase
			}
			add(phrase, e.ID)
		}
	}
	for word, id := range ordinals {
		add(word+" circuit", id)
		add(word+" cir", id)
	}
	add("supreme court", "scotus")
	add("us supreme court", "scotus")
	add("court of federal claims", "uscfc")
	add("cofc", "uscfc")
	add("court of international trade", "cit")
	for _, c := range clashes {
		delete(m, c)
	}
	return m, clashes
}

// CourtFromID parses a user-typed court reference — an ID ("cand"), a
// citation with or without spaces and periods ("N.D. Cal.", "ndcal",
// "S.D.N.Y.", "9th Cir."), a table name, or a district phrase ("Northern
// District of California") — case-insensitively. It is meant for search
// filters, not for running text (use FindCourt).
func CourtFromID(s string) (Court, bool) {
	id, ok := courtAliases[citeKey(s)]
	if !ok {
		return Court{}, false
	}
	return CourtByID(id)
}
