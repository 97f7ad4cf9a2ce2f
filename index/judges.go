package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"dossier/corpus/legal"
)

// RoleFromInitials is the Judge.Role of a judge added because the initials
// in a filing's case number ("4:19-cv-07123-PJH") name a judge whom other
// filings of the same case name in full.
const RoleFromInitials = "assigned (from case-number initials)"

// ResolveJudgeInitials gives each filing that names no judge, but whose case
// number carries judge initials, the judge of the same case (same court and
// canonical number) whose name those initials abbreviate, when exactly one
// does. It returns the number of filings updated. Run it after an ingest:
// the filings that name the judge may come after the ones that only carry
// the initials. With cases (case numbers in any spelling), it reads only
// the filings of those cases; without, every filing.
func (ix *Index) ResolveJudgeInitials(ctx context.Context, cases ...string) (int, error) {
	type caseKey struct{ court, number string }
	type pending struct {
		id       string
		initials []string
	}
	judges := map[caseKey][]string{}
	waiting := map[caseKey][]pending{}
	visit := func(h Hit) error {
		for _, raw := range h.rawCaseNumbers {
			cn, ok := legal.ParseCaseNumber(raw)
			if !ok {
				continue
			}
			k := caseKey{h.Court, cn.Canonical}
			for _, j := range h.Judges {
				if !slices.Contains(judges[k], j) {
					judges[k] = append(judges[k], j)
				}
			}
			if len(h.Judges) == 0 && cn.JudgeInitials != "" {
				waiting[k] = append(waiting[k], pending{h.ID, splitInitials(cn.JudgeInitials)})
			}
		}
		return nil
	}
	// Cases go to the export MaxFilterValues at a time; without cases, one
	// export reads every filing.
	var err error
	for start := 0; err == nil && (start == 0 || start < len(cases)); start += MaxFilterValues {
		var chunk []string
		if len(cases) > 0 {
			chunk = cases[start:min(start+MaxFilterValues, len(cases))]
		}
		_, err = ix.Export(ctx, SearchRequest{Filters: Filters{Kind: []string{"filing"}, Case: chunk}, Sort: SortDateAsc}, visit)
	}
	if err != nil {
		return 0, fmt.Errorf("index: resolve judge initials: %w", err)
	}
	updated := 0
	done := map[string]bool{}
	for k, list := range waiting {
		for _, p := range list {
			if done[p.id] {
				continue
			}
			var found []legal.Judge
			for _, ini := range p.initials {
				if name := resolveInitials(ini, judges[k]); name != "" {
					found = append(found, legal.Judge{Name: name, Raw: ini, Role: RoleFromInitials})
				}
			}
			if len(found) == 0 {
				continue
			}
			doc, err := ix.Document(ctx, p.id)
			if err != nil {
				return updated, err
			}
			if len(doc.Judges) > 0 {
				continue
			}
			doc.Judges = found
			if err := ix.Put(*doc); err != nil {
				return updated, err
			}
			done[p.id] = true
			updated++
		}
	}
	return updated, nil
}

// splitInitials splits "PJH" or "PJH-JSC" (a referral to a magistrate
// judge) into its initials.
func splitInitials(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' })
}
