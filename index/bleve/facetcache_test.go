package bleve

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"dossier/corpus/legal"
	"dossier/index"
)

// TestFacetCacheCountsAsBleve checks that the per-segment facet counts
// (facetcache.go) equal bleve's facet builder's, value for value, with
// total, missing and other, over an index of several segments with
// deleted and replaced documents, for page facets, facets counted without
// their own filter, count-only requests and cursors.
func TestFacetCacheCountsAsBleve(t *testing.T) {
	base := fixtureDocs()
	ix := segmentedTestIndex(t)

	someCourt, someJudge := "", ""
	for _, d := range base {
		if d.Court != nil && someCourt == "" {
			someCourt = d.Court.ID
		}
		if len(d.Judges) > 0 && someJudge == "" {
			someJudge = d.Judges[0].Name
		}
	}
	if someCourt == "" || someJudge == "" {
		t.Fatal("fixtures have no court or no judge to filter on")
	}
	// A filing with two judges, so that a segment's judge values are
	// counted in their multi-valued form.
	for _, d := range base {
		if len(d.Judges) > 0 {
			d.ID = "two-judges"
			d.Judges = append(slices.Clone(d.Judges), legal.Judge{Name: "Second J. Bench", Raw: "SECOND J. BENCH"})
			if err := ix.Put(d); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	all := index.FacetNames
	reqs := []index.SearchRequest{
		{Facets: all},
		{Query: "court", Facets: all},
		{Query: "court", Facets: all, FacetSize: 1},
		{Query: "motion OR article", Facets: all, Sort: index.SortDateDesc},
		{Facets: all, Filters: index.Filters{Court: []string{someCourt}}},
		{Facets: all, Filters: index.Filters{Judge: []string{someJudge}, Kind: []string{"filing"}}},
		{Facets: all, CountOnly: true},
		{Query: "zzzznothing", Facets: all},
	}
	ctx := context.Background()
	for i, req := range reqs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			ix.bleveFacets = true
			want, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			ix.bleveFacets = false
			got, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != want.Total {
				t.Fatalf("total %d, bleve's %d", got.Total, want.Total)
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("facets differ from bleve's:\n got  %+v\n want %+v", got.Facets, want.Facets)
			}
			if req.Query == "" && !req.CountOnly && len(req.Filters.Court) == 0 && len(req.Filters.Judge) == 0 {
				n := 0
				for _, v := range got.Facets["kind"].Values {
					n += v.Count
				}
				if uint64(n+got.Facets["kind"].Missing) != got.Total {
					t.Errorf("kind counts %d + missing %d, want the %d matches", n, got.Facets["kind"].Missing, got.Total)
				}
			}
			if got.NextCursor != "" {
				req.Cursor = got.NextCursor
				ix.bleveFacets = true
				want, _ := ix.Search(ctx, req)
				ix.bleveFacets = false
				got, _ := ix.Search(ctx, req)
				if !reflect.DeepEqual(got.Facets, want.Facets) {
					t.Errorf("facets after the cursor differ from bleve's")
				}
			}
		})
	}
	ix.facets.mu.Lock()
	n := len(ix.facets.segs)
	single, multi := 0, 0
	for _, sf := range ix.facets.segs {
		for _, fo := range sf.fields {
			if fo.single != nil {
				single++
			} else {
				multi++
			}
		}
	}
	ix.facets.mu.Unlock()
	if n == 0 {
		t.Error("no segment's facets were cached")
	}
	// Both forms of a field's values were counted: one value a document
	// (kind, court) and several (judges).
	if single == 0 || multi == 0 {
		t.Errorf("%d single-valued and %d multi-valued fields cached; the test needs both", single, multi)
	}
}

// TestCountOnlyEqualsSearch: a count-only search gives the total of the
// same search with hits, for filters of every kind (a count-only search
// once failed on a case filter when bleve was asked not to score).
func TestCountOnlyEqualsSearch(t *testing.T) {
	ix := newTestIndex(t, fixtureDocs()...)
	ctx := context.Background()
	var filters []index.Filters
	for _, d := range fixtureDocs() {
		if d.Skipped() {
			continue
		}
		f := index.Filters{Kind: []string{string(d.Kind)}}
		if d.Court != nil {
			f.Court = []string{d.Court.ID}
		}
		if len(d.CaseNumbers) > 0 {
			f.Case = []string{d.CaseNumbers[0].Canonical}
		}
		filters = append(filters, f)
	}
	for _, f := range filters {
		for _, q := range []string{"", "motion", `"motion to dismiss"`} {
			req := index.SearchRequest{Query: q, Filters: f, Strict: true, Facets: []string{"court"}}
			full, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatalf("%q %+v: %v", q, f, err)
			}
			req.CountOnly = true
			count, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatalf("count only %q %+v: %v", q, f, err)
			}
			if count.Total != full.Total || !reflect.DeepEqual(count.Facets, full.Facets) {
				t.Errorf("%q %+v: count only gives %d %v, the search %d %v", q, f, count.Total, count.Facets, full.Total, full.Facets)
			}
		}
	}
}
