package ingest

import (
	"context"
	"fmt"
	"slices"

	"dossier/corpus"
	"dossier/corpus/infer"
	"dossier/corpus/legal"
	"dossier/index"
)

// MaxTargetedJudgeCases is the most case numbers whose judge initials are
// resolved by reading only those cases' filings; more are resolved in one
// pass over every filing (see ResolvePendingJudges).
const MaxTargetedJudgeCases = 64

// RoleFromInitials is the Judge.Role of a judge added because the initials
// in a filing's case number ("4:19-cv-07123-PJH") name a judge whom other
// filings of the same case name in full.
const RoleFromInitials = "assigned (from case-number initials)"

// ResolveJudgeInitials first gives each filing without a court the court
// of its case (infer.Courts: the court the case's other filings name,
// told apart by the judge initials of the docket number), marked
// CourtInferred; then it gives each filing that names no judge, but whose
// case number carries judge initials, the judge of the same case (same
// court and canonical number) whose name those initials abbreviate, when
// exactly one does. It returns the number of updates: courts inferred
// plus filings given a judge. Run it after an ingest:
// the filings that name the judge may come after the ones that only carry
// the initials (every ingest runs it on the cases it touched, see
// ResolvePendingJudges). With cases (case numbers in any spelling), it
// reads only the filings of those cases; without, every filing. It reads
// and writes through w alone.
func ResolveJudgeInitials(ctx context.Context, w index.Writer, cases ...string) (int, error) {
	type caseKey struct{ court, number string }
	type pending struct {
		id       string
		initials []string
	}
	courts, err := inferCourts(ctx, w, cases)
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
	if err := exportFilings(ctx, w, cases, visit); err != nil {
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
			doc, err := w.Document(ctx, p.id)
			if err != nil {
				return updated, err
			}
			if len(doc.Judges) > 0 {
				continue
			}
			doc.Judges = found
			if err := w.Apply(ctx, []corpus.Document{*doc}, nil); err != nil {
				return updated, err
			}
			done[p.id] = true
			updated++
		}
	}
	return updated, nil
}

// ResolvePendingJudges resolves the judge initials of the cases whose
// filings were committed since the last resolution (recorded in the
// manifest with the filings, so a run killed before its resolution leaves
// it to the next), then clears them. Up to MaxTargetedJudgeCases cases are
// resolved by reading their filings; more take one pass over every filing.
// It returns the number of filings updated.
func (in *Ingester) ResolvePendingJudges(ctx context.Context) (int, error) {
	cases, err := in.manifest.judgesPending()
	if err != nil || len(cases) == 0 {
		return 0, err
	}
	var n int
	if len(cases) > MaxTargetedJudgeCases {
		n, err = ResolveJudgeInitials(ctx, in.w)
	} else {
		n, err = ResolveJudgeInitials(ctx, in.w, cases...)
	}
	if err != nil {
		return n, err
	}
	return n, in.manifest.clearJudgesPending(cases)
}

// exportFilings runs visit on every filing of cases (case numbers in any
// spelling), MaxFilterValues cases per export, or on every filing when
// cases is empty.
func exportFilings(ctx context.Context, w index.Writer, cases []string, visit func(index.Hit) error) error {
	var err error
	for start := 0; err == nil && (start == 0 || start < len(cases)); start += index.MaxFilterValues {
		var chunk []string
		if len(cases) > 0 {
			chunk = cases[start:min(start+index.MaxFilterValues, len(cases))]
		}
		_, err = w.Export(ctx, index.SearchRequest{Filters: index.Filters{Kind: []string{"filing"}, Case: chunk}, Sort: index.SortDateAsc}, visit)
	}
	return err
}

// inferCourts gives the filings of cases that have no court the court of
// their case (see infer.Courts) and stores them; it returns how many
// it changed.
func inferCourts(ctx context.Context, w index.Writer, cases []string) (int, error) {
	var docs []*corpus.Document
	err := exportFilings(ctx, w, cases, func(h index.Hit) error {
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
	if infer.Courts(docs) == 0 {
		return 0, nil
	}
	n := 0
	for _, d := range docs {
		if !d.CourtInferred || d.Court == nil {
			continue
		}
		doc, err := w.Document(ctx, d.ID)
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
		if err := w.Apply(ctx, []corpus.Document{*doc}, nil); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
