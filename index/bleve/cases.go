package bleve

import (
	"cmp"
	"context"
	"dossier/index"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dossier/corpus/legal"
)

// MaxCaseDocuments caps the documents Case lists, in date order.
const MaxCaseDocuments = 1000

// Case gathers the filings and articles of case number number (any
// spelling). court, when not "", selects among cases with equal numbers in
// different courts; otherwise the court with most filings is chosen.
// restrict is a mandatory filter as in SearchRequest.Restrict.
func (ix *Index) Case(ctx context.Context, number, court, restrict string) (*index.CaseInfo, error) {
	cn, ok := legal.ParseCaseNumber(number)
	if !ok {
		return nil, index.Invalidf("%q is not a case number", number)
	}
	req := index.SearchRequest{Restrict: restrict, Sort: index.SortDateAsc, Filters: index.Filters{Case: []string{number}}}
	var docs []index.Hit
	total, err := ix.Export(ctx, req, func(h index.Hit) error {
		if len(docs) < MaxCaseDocuments {
			docs = append(docs, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%w: case %s", index.ErrNotFound, cn.Canonical)
	}
	info := &index.CaseInfo{Canonical: cn.Canonical, Truncated: total > MaxCaseDocuments, JudgeInitials: map[string]string{}}
	courts := map[string]int{}
	for _, h := range docs {
		if h.Kind == "filing" && h.Court != "" {
			courts[h.Court]++
		}
	}
	info.Court = strings.ToLower(court)
	if info.Court != "" {
		info.Court = index.NormalizeCourt(info.Court)
	} else {
		best := 0
		for c, n := range courts {
			if n > best || n == best && c < info.Court {
				info.Court, best = c, n
			}
		}
	}
	for c := range courts {
		if c != info.Court {
			info.OtherCourts = append(info.OtherCourts, c)
		}
	}
	slices.Sort(info.OtherCourts)
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
			if r != cn.Canonical && !slices.Contains(info.Related, r) {
				info.Related = append(info.Related, r)
			}
		}
	}
	info.Caption = majorityCaption(info.Filings)
	if len(info.Filings) == 0 && info.Court != "" && len(courts) > 0 {
		return nil, fmt.Errorf("%w: case %s in court %s", index.ErrNotFound, cn.Canonical, info.Court)
	}
	for j := range judgeCount {
		info.Judges = append(info.Judges, j)
	}
	slices.SortFunc(info.Judges, func(a, b string) int {
		return cmp.Or(judgeCount[b]-judgeCount[a], strings.Compare(a, b))
	})
	slices.SortStableFunc(info.Filings, func(a, b index.Hit) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), compareDocketNumbers(a.DocumentNumber, b.DocumentNumber))
	})
	for _, h := range info.Filings {
		for _, raw := range h.RawCaseNumbers {
			c, ok := legal.ParseCaseNumber(raw)
			if !ok || c.Canonical != cn.Canonical || c.JudgeInitials == "" {
				continue
			}
			for _, ini := range index.SplitInitials(c.JudgeInitials) {
				if _, seen := info.JudgeInitials[ini]; !seen {
					info.JudgeInitials[ini] = index.JudgeByInitials(ini, info.Judges)
				}
			}
		}
	}
	// The reverse: filings of other cases whose captions name this one as
	// related or consolidated make their cases related to it.
	naming := index.SearchRequest{Restrict: restrict, Query: "related:" + cn.Canonical, Strict: true}
	if _, err := ix.Export(ctx, naming, func(h index.Hit) error {
		for _, c := range h.CaseNumbers {
			if c != cn.Canonical && !slices.Contains(info.Related, c) && len(info.Related) < MaxCaseDocuments {
				info.Related = append(info.Related, c)
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	citing := index.SearchRequest{Restrict: restrict, Sort: index.SortDateAsc, Filters: index.Filters{Cites: []string{number}}}
	if _, err := ix.Export(ctx, citing, func(h index.Hit) error {
		if len(info.CitedBy) < MaxCaseDocuments {
			info.CitedBy = append(info.CitedBy, h)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return info, nil
}

// majorityCaption picks the caption most filings agree on (see
// CaseInfo.Caption); filings are in date order.
func majorityCaption(filings []index.Hit) string {
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
