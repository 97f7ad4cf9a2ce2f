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
	// One export reads the filings for both steps (each export of every
	// filing costs seconds at 100,000 documents).
	filings, err := readFilings(ctx, w, cases)
	if err != nil {
		return 0, fmt.Errorf("index: resolve judge initials: %w", err)
	}
	courts, err := inferCourts(ctx, w, filings)
	if err != nil {
		return courts, err
	}
	judges := map[caseKey][]string{}
	waiting := map[caseKey][]pending{}
	for _, f := range filings {
		for _, cn := range f.cases {
			k := caseKey{f.court, cn.Canonical}
			for _, j := range f.judges {
				if !slices.Contains(judges[k], j) {
					judges[k] = append(judges[k], j)
				}
			}
			if len(f.judges) == 0 && cn.JudgeInitials != "" {
				waiting[k] = append(waiting[k], pending{f.id, index.SplitInitials(cn.JudgeInitials)})
			}
		}
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

// filing is what the judge pass reads of one filing: its ID, court, own
// judges (canonical names) and the case numbers it prints, parsed.
type filing struct {
	id            string
	court         string
	courtInferred bool
	judges        []string
	cases         []legal.CaseNumber
}

// readFilings reads every filing of cases (case numbers in any spelling),
// MaxFilterValues cases per export, or every filing when cases is empty,
// in date order.
func readFilings(ctx context.Context, w index.Writer, cases []string) ([]*filing, error) {
	var out []*filing
	visit := func(h index.Hit) error {
		f := &filing{id: h.ID, court: h.Court, courtInferred: h.CourtInferred, judges: h.Judges}
		for _, raw := range h.RawCaseNumbers {
			if cn, ok := legal.ParseCaseNumber(raw); ok {
				f.cases = append(f.cases, cn)
			}
		}
		out = append(out, f)
		return nil
	}
	var err error
	for start := 0; err == nil && (start == 0 || start < len(cases)); start += index.MaxFilterValues {
		var chunk []string
		if len(cases) > 0 {
			chunk = cases[start:min(start+index.MaxFilterValues, len(cases))]
		}
		_, err = w.Export(ctx, index.SearchRequest{Filters: index.Filters{Kind: []string{"filing"}, Case: chunk}, Sort: index.SortDateAsc}, visit)
	}
	return out, err
}

// inferCourts gives the filings without a court the court of their case
// (see infer.Courts), stores them and sets their court in filings; it
// returns how many it changed.
func inferCourts(ctx context.Context, w index.Writer, filings []*filing) (int, error) {
	docs := make([]*corpus.Document, len(filings))
	for i, f := range filings {
		d := &corpus.Document{ID: f.id, Kind: corpus.KindFiling, CourtInferred: f.courtInferred}
		if f.court != "" {
			d.Court = &legal.Court{ID: f.court}
		}
		for _, cn := range f.cases {
			cn.Role = legal.RoleDocket
			d.CaseNumbers = append(d.CaseNumbers, cn)
		}
		docs[i] = d
	}
	if infer.Courts(docs) == 0 {
		return 0, nil
	}
	n := 0
	for i, d := range docs {
		if !d.CourtInferred || d.Court == nil || filings[i].court != "" {
			continue
		}
		doc, err := w.Document(ctx, d.ID)
		if err != nil {
			return n, fmt.Errorf("index: infer courts: %w", err)
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
			return n, fmt.Errorf("index: infer courts: %w", err)
		}
		filings[i].court, filings[i].courtInferred = c.ID, true
		n++
	}
	return n, nil
}
