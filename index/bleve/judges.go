package bleve

import (
	"context"
	"dossier/index"
	"fmt"
	"slices"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/legal"
)

// RoleFromInitials is the Judge.Role of a judge added because the initials
// in a filing's case number ("4:19-cv-07123-PJH") name a judge whom other
// filings of the same case name in full.
const RoleFromInitials = "assigned (from case-number initials)"

// ResolveJudgeInitials first gives each filing without a court the court
// of its case (extract.InferCourts: the court the case's other filings name,
// told apart by the judge initials of the docket number), marked
// CourtInferred; then it gives each filing that names no judge, but whose
// case number carries judge initials, the judge of the same case (same
// court and canonical number) whose name those initials abbreviate, when
// exactly one does. It returns the number of updates: courts inferred
// plus filings given a judge. Run it after an ingest:
// the filings that name the judge may come after the ones that only carry
// the initials. With cases (case numbers in any spelling), it reads only
// the filings of those cases; without, every filing.
func (ix *Index) ResolveJudgeInitials(ctx context.Context, cases ...string) (int, error) {
	type caseKey struct{ court, number string }
	type pending struct {
		id       string
		initials []string
	}
	courts, err := ix.inferCourts(ctx, cases)
	if err != nil {
		return courts, err
	}
	judges := map[caseKey][]string{}
	waiting := map[caseKey][]pending{}
	visit := func(h index.Hit) error {
		for _, raw := range h.RawCaseNumbers {
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
				waiting[k] = append(waiting[k], pending{h.ID, index.SplitInitials(cn.JudgeInitials)})
			}
		}
		return nil
	}
	// Cases go to the export MaxFilterValues at a time; without cases, one
	// export reads every filing.
	if err := ix.exportFilings(ctx, cases, visit); err != nil {
		return courts, fmt.Errorf("index: resolve judge initials: %w", err)
	}
	updated := courts
	done := map[string]bool{}
	for k, list := range waiting {
		for _, p := range list {
			if done[p.id] {
				continue
			}
			var found []legal.Judge
			for _, ini := range p.initials {
				if name := index.JudgeByInitials(ini, judges[k]); name != "" {
					found = append(found, legal.Judge{Name: name, Raw: ini, Role: RoleFromInitials, Capacity: legal.CapacityPresiding})
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

// exportFilings runs visit on every filing of cases (case numbers in any
// spelling), MaxFilterValues cases per export, or on every filing when
// cases is empty.
func (ix *Index) exportFilings(ctx context.Context, cases []string, visit func(index.Hit) error) error {
	var err error
	for start := 0; err == nil && (start == 0 || start < len(cases)); start += index.MaxFilterValues {
		var chunk []string
		if len(cases) > 0 {
			chunk = cases[start:min(start+index.MaxFilterValues, len(cases))]
		}
		_, err = ix.Export(ctx, index.SearchRequest{Filters: index.Filters{Kind: []string{"filing"}, Case: chunk}, Sort: index.SortDateAsc}, visit)
	}
	return err
}

// inferCourts gives the filings of cases that have no court the court of
// their case (see extract.InferCourts) and stores them; it returns how many
// it changed.
func (ix *Index) inferCourts(ctx context.Context, cases []string) (int, error) {
	var docs []*corpus.Document
	err := ix.exportFilings(ctx, cases, func(h index.Hit) error {
		d := &corpus.Document{ID: h.ID, Kind: corpus.KindFiling, CourtInferred: h.CourtInferred}
		if h.Court != "" {
			d.Court = &legal.Court{ID: h.Court}
		}
		for _, raw := range h.RawCaseNumbers {
			if cn, ok := legal.ParseCaseNumber(raw); ok {
				cn.Role = legal.RoleDocket
				d.CaseNumbers = append(d.CaseNumbers, cn)
			}
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index: infer courts: %w", err)
	}
	if extract.InferCourts(docs) == 0 {
		return 0, nil
	}
	n := 0
	for _, d := range docs {
		if !d.CourtInferred || d.Court == nil {
			continue
		}
		doc, err := ix.Document(ctx, d.ID)
		if err != nil {
			return n, err
		}
		if doc.Court != nil {
			continue
		}
		c, ok := legal.CourtByID(d.Court.ID)
		if !ok {
			continue
		}
		doc.Court, doc.CourtInferred = &c, true
		if err := ix.Put(*doc); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
