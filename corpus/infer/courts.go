package infer

import (
	"strings"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// Courts gives each filing without a court the court of its case and
// marks it CourtInferred; it returns how many documents it changed. A
// filing's case is one of its own (docket-role) case numbers; the court is
// taken from the filings of that number that name a court: when the
// filing's number prints judge initials and those filings print initials,
// from the ones printing the same first initials ("PJH" in
// "4:19-cv-07123-PJH"), provided they name one court (every district has
// a "19-cv-07123"; the initials tell them apart); otherwise only when all
// of them name the same court. A filing whose court cannot have its
// number (a district number with a Supreme Court caption on an exhibit,
// see legal.FitsCourt) names no court here. Articles are left alone.
func Courts(docs []*corpus.Document) int {
	type seen struct {
		courts   map[string]*legal.Court
		initials map[string]string // first initials -> court id
	}
	byCase := make(map[string]*seen)
	for _, d := range docs {
		if d == nil || d.Kind != corpus.KindFiling || d.Court == nil || d.CourtInferred {
			continue
		}
		for _, c := range d.CaseNumbers {
			if !c.Own() || !legal.FitsCourt(c.Canonical, d.Court.ID) {
				continue // a court whose numbers look otherwise read the filing wrong
			}
			s := byCase[c.Canonical]
			if s == nil {
				s = &seen{courts: map[string]*legal.Court{}, initials: map[string]string{}}
				byCase[c.Canonical] = s
			}
			s.courts[d.Court.ID] = d.Court
			if ini := firstInitials(c.JudgeInitials); ini != "" {
				if prev, ok := s.initials[ini]; ok && prev != d.Court.ID {
					s.initials[ini] = "" // two courts: ambiguous
				} else if !ok {
					s.initials[ini] = d.Court.ID
				}
			}
		}
	}
	n := 0
	for _, d := range docs {
		if d == nil || d.Kind != corpus.KindFiling || d.Court != nil {
			continue
		}
		var court *legal.Court
		for _, c := range d.CaseNumbers {
			s := byCase[c.Canonical]
			if !c.Own() || s == nil {
				continue
			}
			if ini := firstInitials(c.JudgeInitials); ini != "" && len(s.initials) > 0 {
				if id := s.initials[ini]; id != "" {
					court = s.courts[id]
					break
				}
				continue
			}
			if len(s.courts) == 1 {
				for _, ct := range s.courts {
					court = ct
				}
				break
			}
		}
		if court != nil {
			cp := *court
			d.Court, d.CourtInferred = &cp, true
			n++
		}
	}
	return n
}

// firstInitials returns the first group of dash-separated judge initials,
// upper-cased ("pjh-jcs" -> "PJH").
func firstInitials(s string) string {
	if i := strings.IndexByte(s, '-'); i >= 0 {
		s = s[:i]
	}
	return strings.ToUpper(s)
}
