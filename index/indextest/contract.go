package indextest

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"

	"dossier/index"
)

// searchCasesJSON holds the data-driven cases: request → expected hits
// and facets over Fixtures.
//
//go:embed testdata/search_cases.json
var searchCasesJSON []byte

// SearchCase is one case of testdata/search_cases.json. Its list filters
// are read by name through index.FilterFields, so a filter added to the
// table can be used in a case at once.
type SearchCase struct {
	Name       string                 `json:"name"`
	Q          string                 `json:"q"`
	From       string                 `json:"from"`
	To         string                 `json:"to"`
	Sort       string                 `json:"sort"`
	Size       int                    `json:"size"`
	Page       int                    `json:"page"`
	Facets     []string               `json:"facets"`
	FacetSize  int                    `json:"facet_size"`
	Restrict   string                 `json:"restrict"`
	Strict     bool                   `json:"strict"`
	IDs        []string               `json:"ids"`     // expected hit IDs
	Ordered    bool                   `json:"ordered"` // IDs are in the expected order
	Total      uint64                 `json:"total"`   // expected total, when not 0
	WantFacets map[string]index.Facet `json:"want_facets"`
	Filters    index.Filters          `json:"-"`
}

// SearchCases decodes the cases.
func SearchCases() ([]SearchCase, error) {
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(searchCasesJSON, &raw); err != nil {
		return nil, err
	}
	cases := make([]SearchCase, len(raw))
	for i, m := range raw {
		b, _ := json.Marshal(m)
		if err := json.Unmarshal(b, &cases[i]); err != nil {
			return nil, err
		}
		for _, ff := range index.FilterFields {
			v, ok := m[ff.Name]
			if !ok || !ff.HasFilter() {
				continue
			}
			var vals []string
			if err := json.Unmarshal(v, &vals); err != nil {
				return nil, err
			}
			cases[i].Filters.SetList(ff.Name, vals)
		}
	}
	return cases, nil
}

// Request builds the case's search request.
func (c SearchCase) Request() (index.SearchRequest, error) {
	req := index.SearchRequest{
		Query: c.Q, Restrict: c.Restrict, Strict: c.Strict, Sort: c.Sort, Size: c.Size, Page: c.Page,
		Facets: c.Facets, FacetSize: c.FacetSize, Filters: c.Filters,
	}
	var err error
	if c.From != "" {
		if req.Filters.From, err = index.ParseDateBound(c.From, false); err != nil {
			return req, err
		}
	}
	if c.To != "" {
		req.Filters.To, err = index.ParseDateBound(c.To, true)
	}
	return req, err
}

// Run checks a backend holding Fixtures (and nothing else) against the
// contract: every search case, Export agreeing with Search, Document
// returning the stored documents and ErrNotFound, and Stats counting them.
func Run(t *testing.T, b index.Backend) {
	t.Helper()
	t.Run("search cases", func(t *testing.T) { RunSearchCases(t, b) })
	t.Run("export agrees with search", func(t *testing.T) {
		ctx := context.Background()
		res, err := b.Search(ctx, index.SearchRequest{Query: "Nightjar", Sort: index.SortDateAsc, Size: index.MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		n, err := b.Export(ctx, index.SearchRequest{Query: "Nightjar", Sort: index.SortDateAsc}, func(h index.Hit) error {
			got = append(got, h.ID)
			return nil
		})
		if err != nil || n != len(got) || uint64(n) != res.Total || !slices.Equal(got, ids(res.Hits)) {
			t.Errorf("export %v (%d, %v), search %v (total %d)", got, n, err, ids(res.Hits), res.Total)
		}
	})
	t.Run("documents", func(t *testing.T) {
		ctx := context.Background()
		for _, want := range Fixtures() {
			d, err := b.Document(ctx, want.ID)
			if err != nil || d.ID != want.ID || d.Title != want.Title || d.SkipReason != want.SkipReason || len(d.Pages) != len(want.Pages) {
				t.Errorf("Document(%s) = %+v, %v", want.ID, d, err)
			}
		}
		if _, err := b.Document(ctx, "no-such-id"); !errors.Is(err, index.ErrNotFound) {
			t.Errorf("Document(no-such-id): %v, want ErrNotFound", err)
		}
	})
	t.Run("stats", func(t *testing.T) {
		st, err := b.Stats(context.Background())
		if err != nil || st.Documents != uint64(len(Fixtures())-1) || st.Skipped != 1 {
			t.Errorf("stats %+v, %v; want %d searchable documents, 1 skipped", st, err, len(Fixtures())-1)
		}
	})
}

// RunSearchCases runs every search case against b, which holds Fixtures.
func RunSearchCases(t *testing.T, b index.Backend) {
	t.Helper()
	cases, err := SearchCases()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			req, err := c.Request()
			if err != nil {
				t.Fatal(err)
			}
			res, err := b.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("Search(%+v): %v", req, err)
			}
			got, want := ids(res.Hits), slices.Clone(c.IDs)
			if !c.Ordered {
				slices.Sort(got)
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("ids: got %v, want %v", got, want)
			}
			if c.Total != 0 && res.Total != c.Total {
				t.Errorf("total: got %d, want %d", res.Total, c.Total)
			}
			if c.WantFacets != nil && !reflect.DeepEqual(res.Facets, c.WantFacets) {
				t.Errorf("facets:\n got %+v\nwant %+v", res.Facets, c.WantFacets)
			}
		})
	}
}

// ids lists the hits' IDs.
func ids(hits []index.Hit) []string {
	out := make([]string, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}
