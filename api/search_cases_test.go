package api

import (
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// searchRequestCase is one case of testdata/search_requests.json: a query
// string for GET /v1/search and what must come back.
type searchRequestCase struct {
	Name   string `json:"name"`
	Query  string `json:"query"`
	Repeat *struct {
		Param, Text string
		Times       int
	} `json:"repeat"`
	Status     int                    `json:"status"`
	Code       string                 `json:"code"`
	Position   *int                   `json:"position"`
	Message    string                 `json:"message"` // a fragment the error message holds
	Total      uint64                 `json:"total"`
	IDs        []string               `json:"ids"`
	Facets     map[string]FacetOutput `json:"facets"`
	Relaxed    *RelaxedOutput         `json:"relaxed"`
	Suggestion *SuggestionOutput      `json:"suggestion"`
	Ignored    []string               `json:"ignored"`
}

func TestSearchRequestCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/search_requests.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []searchRequestCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	ts := newTestServerWith(t, Options{RatePerIP: -1}) // more cases than one burst
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			q := c.Query
			if c.Repeat != nil {
				q = c.Repeat.Param + "=" + url.QueryEscape(strings.Repeat(c.Repeat.Text, c.Repeat.Times))
			}
			var body struct {
				SearchResponse
				Error *ErrorDetail `json:"error"`
			}
			status := get(t, ts, "/v1/search?"+q, &body)
			if status != c.Status {
				t.Fatalf("status %d, want %d (%+v)", status, c.Status, body.Error)
			}
			if c.Code != "" {
				if body.Error == nil || body.Error.Code != c.Code {
					t.Fatalf("error %+v, want code %s", body.Error, c.Code)
				}
				if c.Message != "" && !strings.Contains(body.Error.Message, c.Message) {
					t.Errorf("message %q lacks %q", body.Error.Message, c.Message)
				}
				if c.Position != nil && (body.Error.Position == nil || *body.Error.Position != *c.Position) {
					t.Errorf("position %v, want %d (%s)", body.Error.Position, *c.Position, body.Error.Message)
				}
				return
			}
			if c.Total != 0 && body.Total != c.Total {
				t.Errorf("total %d, want %d", body.Total, c.Total)
			}
			if c.IDs != nil {
				var ids []string
				for _, h := range body.Hits {
					ids = append(ids, h.ID)
				}
				if !slices.Equal(ids, c.IDs) {
					t.Errorf("ids %v, want %v", ids, c.IDs)
				}
			}
			if !reflect.DeepEqual(body.Relaxed, c.Relaxed) {
				t.Errorf("relaxed %+v, want %+v", body.Relaxed, c.Relaxed)
			}
			if !reflect.DeepEqual(body.Suggestion, c.Suggestion) {
				t.Errorf("suggestion %+v, want %+v", body.Suggestion, c.Suggestion)
			}
			if !slices.Equal(body.Ignored, c.Ignored) {
				t.Errorf("ignored %q, want %q", body.Ignored, c.Ignored)
			}
			if c.Facets != nil && !reflect.DeepEqual(body.Facets, c.Facets) {
				t.Errorf("facets %+v, want %+v", body.Facets, c.Facets)
			}
		})
	}
}
