package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dossier/corpus/legal"
)

// MaxCaseDocuments caps the documents Case lists, in date order.
const MaxCaseDocuments = 1000

// Exporter streams every match of a search (Backend has it).
type Exporter interface {
	Export(ctx context.Context, req SearchRequest, fn func(Hit) error) (int, error)
}

// Case gathers the filings and articles of case number number (any
// spelling) from what b exports: any backend's case page. court, when not
// "", selects among cases with equal numbers in different courts;
// otherwise the court with most filings is chosen. restrict is a
// mandatory filter as in SearchRequest.Restrict.
func Case(ctx context.Context, b Exporter, number, court, restrict string) (*CaseInfo, error) {
	cn, ok := legal.ParseCaseNumber(number)
	if !ok {
		return nil, Invalidf("%q is not a case number", number)
	}
	docs, total, err := exportCapped(ctx, b, SearchRequest{Restrict: restrict, Sort: SortDateAsc, Filters: Filters{Case: []string{number}}})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w: case %s", ErrNotFound, cn.Canonical)
	}
	info := &CaseInfo{Canonical: cn.Canonical, Truncated: total > MaxCaseDocuments, JudgeInitials: map[string]string{}}
	courts := filingCourts(docs)
	info.Court, info.OtherCourts = chooseCourt(courts, court)
	judgeCount := info.split(docs)
	info.Caption = majorityCaption(info.Filings)
	if len(info.Filings) == 0 && info.Court != "" && len(courts) > 0 {
		return nil, fmt.Errorf("%w: case %s in court %s", ErrNotFound, cn.Canonical, info.Court)
	}
	for j := range judgeCount {
		info.Judges = append(info.Judges, j)
	}
	slices.SortFunc(info.Judges, func(a, b string) int {
		return cmp.Or(judgeCount[b]-judgeCount[a], strings.Compare(a, b))
	})
	slices.SortStableFunc(info.Filings, func(a, b Hit) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), compareDocketNumbers(a.DocumentNumber, b.DocumentNumber))
	})
	info.resolveInitials()
	// The reverse: filings of other cases whose captions name this one as
	// related or consolidated make their cases related to it.
	naming := SearchRequest{Restrict: restrict, Query: "related:" + cn.Canonical, Strict: true}
	if _, err := b.Export(ctx, naming, func(h Hit) error {
		for _, c := range h.CaseNumbers {
			if c != cn.Canonical && !slices.Contains(info.Related, c) && len(info.Related) < MaxCaseDocuments {
				info.Related = append(info.Related, c)
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	info.CitedBy, _, err = exportCapped(ctx, b, SearchRequest{Restrict: restrict, Sort: SortDateAsc, Filters: Filters{Cites: []string{number}}})
	if err != nil {
		return nil, err
	}
	return info, nil
}

// exportCapped returns the first MaxCaseDocuments hits of req and how
// many matched.
func exportCapped(ctx context.Context, b Exporter, req SearchRequest) ([]Hit, int, error) {
	var hits []Hit
	total, err := b.Export(ctx, req, func(h Hit) error {
		if len(hits) < MaxCaseDocuments {
			hits = append(hits, h)
		}
		return nil
	})
	return hits, total, err
}

// filingCourts counts the filings of each court.
func filingCourts(docs []Hit) map[string]int {
	courts := map[string]int{}
	for _, h := range docs {
		if h.Kind == "filing" && h.Court != "" {
			courts[h.Court]++
		}
	}
	return courts
}

// chooseCourt picks the case's court: the one asked for, else the one
// with most filings (ties by id); the others are listed apart.
func chooseCourt(courts map[string]int, asked string) (court string, others []string) {
	if asked != "" {
		court = NormalizeCourt(strings.ToLower(asked))
	} else {
		best := 0
		for c, n := range courts {
			if n > best || n == best && c < court {
				court, best = c, n
			}
		}
	}
	for c := range courts {
		if c != court {
			others = append(others, c)
		}
	}
	slices.Sort(others)
	return court, others
}

// split files docs as the case's filings (of its court) and articles,
// collecting the related cases the filings name, and counts the filings'
// judges.
func (info *CaseInfo) split(docs []Hit) map[string]int {
	judgeCount := map[string]int{}
	for _, h := range docs {
		if h.Kind != "filing" {
			info.Articles = append(info.Articles, h)
			continue
		}
		if info.Court != "" && h.Court != "" && h.Court != info.Court {
			continue
		}
		info.Filings = append(info.Filings, h)
		for _, j := range h.Judges {
			judgeCount[j]++
		}
		for _, r := range h.Related {
			if r != info.Canonical && !slices.Contains(info.Related, r) {
				info.Related = append(info.Related, r)
			}
		}
	}
	return judgeCount
}

// resolveInitials names the judges behind the initials of the case's own
// numbers as its filings print them.
func (info *CaseInfo) resolveInitials() {
	for _, h := range info.Filings {
		for _, raw := range h.RawCaseNumbers {
			c, ok := legal.ParseCaseNumber(raw)
			if !ok || c.Canonical != info.Canonical || c.JudgeInitials == "" {
				continue
			}
			for _, ini := range SplitInitials(c.JudgeInitials) {
				if _, seen := info.JudgeInitials[ini]; !seen {
					info.JudgeInitials[ini] = JudgeByInitials(ini, info.Judges)
				}
			}
		}
	}
}

// majorityCaption picks the caption most filings agree on (see
// CaseInfo.Caption); filings are in date order.
func majorityCaption(filings []Hit) string {
	key := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	groups := map[string]int{}
	spellings := map[string]int{}
	var order []string // captions in order of first appearance
	for _, h := range filings {
		if h.Caption == "" {
			continue
		}
		if spellings[h.Caption] == 0 {
			order = append(order, h.Caption)
		}
		groups[key(h.Caption)]++
		spellings[h.Caption]++
	}
	best := ""
	for _, c := range order {
		if best == "" || groups[key(c)] > groups[key(best)] ||
			key(c) == key(best) && spellings[c] > spellings[best] {
			best = c
		}
	}
	return best
}

// compareDocketNumbers orders docket entry numbers like "45", "45-2",
// "28.1" numerically, part by part; "" sorts last.
func compareDocketNumbers(a, b string) int {
	if a == "" || b == "" {
		return cmp.Compare(b, a)
	}
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '.' })
	}
	pa, pb := split(a), split(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := strings.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}
