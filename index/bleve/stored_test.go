package bleve

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"dossier/index"
)

// TestStoredFieldsAsBleve checks that hits read by document number
// (searchStored) carry the same stored metadata and highlights, in the
// same order, as bleve's loader gives, for pages, cursors, highlights and
// exports over segments with deleted documents.
func TestStoredFieldsAsBleve(t *testing.T) {
	ix := segmentedTestIndex(t)
	ctx := context.Background()
	reqs := []index.SearchRequest{
		{},
		{Size: 100},
		{Query: "turbine OR Nightjar", Highlight: true},
		{Query: "motion OR article", Sort: index.SortDateDesc, Size: 7},
		{Query: "motion OR turbine OR Nightjar", Page: 3, Size: 5},
		{Filters: index.Filters{Kind: []string{"filing"}}, Sort: index.SortDateAsc, Size: 4, Highlight: true},
	}
	run := func(req index.SearchRequest, bleveStored bool) []index.Hit {
		ix.bleveStored = bleveStored
		defer func() { ix.bleveStored = false }()
		var hits []index.Hit
		for range 4 { // the first pages, by cursor where there is one
			res, err := ix.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			hits = append(hits, res.Hits...)
			if res.NextCursor == "" {
				break
			}
			req.Cursor, req.Page = res.NextCursor, 1
		}
		return hits
	}
	for i, req := range reqs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			want, got := run(req, true), run(req, false)
			if len(want) == 0 {
				t.Fatal("bleve's loader found no hits")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("hits differ from bleve's loader:\n got  %+v\n want %+v", got, want)
			}
		})
	}
	// With release, the export reads exportReleaseChunk hits at a time and
	// drops its snapshot's mappings after each, as in dossier index.
	export := func(bleveStored, release bool) []index.Hit {
		ix.bleveStored = bleveStored
		if release {
			ix.opts.ReleaseMappedEvery = time.Hour // the loop is not running: only the export releases
		}
		defer func() { ix.bleveStored, ix.opts.ReleaseMappedEvery = false, 0 }()
		var hits []index.Hit
		if _, err := ix.export(ctx, index.SearchRequest{Sort: index.SortDateAsc}, func(h index.Hit) error {
			hits = append(hits, h)
			return nil
		}, exportSteps{3, 8, 10}); err != nil {
			t.Fatal(err)
		}
		return hits
	}
	want := export(true, false)
	if len(want) <= exportReleaseChunk {
		t.Fatalf("export: %d hits; the test needs more than %d", len(want), exportReleaseChunk)
	}
	for _, release := range []bool{false, true} {
		if got := export(false, release); !reflect.DeepEqual(got, want) {
			t.Errorf("export (release %t): %d hits, bleve's loader %d; equal %v", release, len(got), len(want), reflect.DeepEqual(got, want))
		}
	}
}

// BenchmarkSearchStored measures searches whose hits' stored fields are
// read by bleve's loader and by document number, on 2,000 five-page
// benchDocs filings in several segments:
//
//	go test ./index/bleve -run '^$' -bench SearchStored -count 6
func BenchmarkSearchStored(b *testing.B) {
	ix := newTestIndex(b)
	docs := benchDocs(2000)
	for start := 0; start < len(docs); start += 250 { // a segment per Put
		if err := ix.Put(docs[start : start+250]...); err != nil {
			b.Fatal(err)
		}
	}
	cases := []struct {
		name string
		req  index.SearchRequest
	}{
		{"term", index.SearchRequest{Query: "turbine"}},
		{"term+highlight", index.SearchRequest{Query: "turbine", Highlight: true}},
		{"date-100", index.SearchRequest{Query: "turbine", Sort: index.SortDateDesc, Size: 100}},
	}
	for _, c := range cases {
		for _, loader := range []string{"bleve", "number"} {
			b.Run(c.name+"/loader="+loader, func(b *testing.B) {
				ix.bleveStored = loader == "bleve"
				defer func() { ix.bleveStored = false }()
				for b.Loop() {
					if _, err := ix.Search(context.Background(), c.req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
