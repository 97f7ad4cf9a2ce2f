package bleve

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
)

// findabilityDocs is a small corpus, written for these tests, of what
// researchers type and do not find word for word: other word forms, curly
// apostrophes, signs, hyphenated words, case numbers in other spellings
// and legal shorthand.
func findabilityDocs(t testing.TB) []corpus.Document {
	t.Helper()
	cases := func(raw ...string) []legal.CaseNumber {
		var out []legal.CaseNumber
		for _, r := range raw {
			cn, ok := legal.ParseCaseNumber(r)
			if !ok {
				t.Fatalf("fixture case number %q does not parse", r)
			}
			out = append(out, cn)
		}
		return out
	}
	filing := func(id, title, text string, cn []legal.CaseNumber) corpus.Document {
		return corpus.Document{ID: id, Source: id + ".pdf", Kind: corpus.KindFiling, ContentType: corpus.ContentTypePDF,
			Title: title, CaseNumbers: cn, PageCount: 1, Pages: []corpus.Page{{Number: 1, Text: text}}}
	}
	return []corpus.Document{
		filing("brief2", "OPPOSITION TO MOTION", "Plaintiffs allege that NSO’s exploit chain reached WhatsApp servers by hacking "+
			"an end-to-end encrypted service and/or its relay, in breach of Cal. Penal Code § 502 and 18 U.S.C. § 1030. "+
			"Defendants move under Fed. R. Civ. P. 12(b)(6) and for a motion for summary judgment on the spyware claims.",
			cases("4:19-cv-07123-PJH")),
		{ID: "article2", Source: "article2.html", Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML,
			Title: "How spyware hacked the phones of journalists", Language: "en",
			Text: "NSO's exploit chains hacked phones through WhatsApp, a researcher said by email, and journalists were targeted."},
		filing("tro1", "ORDER ON TEMPORARY RESTRAINING ORDER", "The application for a temporary restraining order is denied; "+
			"the claims are dismissed for failure to state a claim under the Federal Rules of Civil Procedure.", nil),
		filing("warrant1", "SEARCH WARRANT", "In the matter of the search of a cellular telephone.", cases("2:21-mj-00123", "2:19-SW-1234")),
		{ID: "de1", Source: "de1.html", Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML, Language: "de-DE",
			Title: "Angriff auf Journalisten", Text: "Der Angriff nutzte mehrere Exploits gegen Telefone."},
		filing("tap1", "NOTICE", "Agents wiretapped the office line.", nil),
		filing("tap2", "NOTICE", "Agents began wiretapping the office.", nil),
		{ID: "bakery1", Source: "bakery1.html", Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML,
			Title: "A day out", Text: "At the end of the day we went to the bakery, which sold bread."},
	}
}

// findabilityCase is one case of testdata/findability_cases.json.
type findabilityCase struct {
	Name       string              `json:"name"`
	Q          string              `json:"q"`
	Case       []string            `json:"case"`
	Strict     bool                `json:"strict"`
	IDs        []string            `json:"ids"`
	Ordered    bool                `json:"ordered"`
	First      string              `json:"first"`       // the first hit, when set
	Ignored    []string            `json:"ignored"`     // SearchResult.Ignored
	Expanded   []string            `json:"expanded"`    // the From of each SearchResult.Expanded
	Suggestion string              `json:"suggestion"`  // SearchResult.Suggestion.Query; "" for none
	RelaxedMin int                 `json:"relaxed_min"` // SearchResult.Relaxed.MinWords; 0 for not relaxed
	Missing    map[string][]string `json:"missing"`     // Hit.Missing by ID
	Dropped    []string            `json:"dropped"`     // SearchResult.Relaxed.Dropped
}

func TestFindabilityCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/findability_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []findabilityCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	ix := newTestIndex(t, findabilityDocs(t)...)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			ids, res := searchIDs(t, ix, index.SearchRequest{Query: c.Q, Strict: c.Strict, Filters: index.Filters{Case: c.Case}})
			want := slices.Clone(c.IDs)
			if !c.Ordered {
				slices.Sort(want)
				got := slices.Clone(ids)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("ids: got %v, want %v", ids, c.IDs)
				}
			} else if !slices.Equal(ids, want) {
				t.Errorf("ids: got %v, want %v in order", ids, want)
			}
			if c.First != "" && (len(ids) == 0 || ids[0] != c.First) {
				t.Errorf("first hit: got %v, want %s", ids, c.First)
			}
			if !slices.Equal(res.Ignored, c.Ignored) {
				t.Errorf("ignored: got %q, want %q", res.Ignored, c.Ignored)
			}
			var expanded []string
			for _, e := range res.Expanded {
				expanded = append(expanded, e.From)
			}
			if !slices.Equal(expanded, c.Expanded) {
				t.Errorf("expanded: got %q, want %q", expanded, c.Expanded)
			}
			var suggestion string
			if res.Suggestion != nil {
				suggestion = res.Suggestion.Query
				if res.Suggestion.Total <= res.Total {
					t.Errorf("suggestion %q finds %d, not more than %d", suggestion, res.Suggestion.Total, res.Total)
				}
			}
			if suggestion != c.Suggestion {
				t.Errorf("suggestion: got %q, want %q", suggestion, c.Suggestion)
			}
			relaxedMin := 0
			var dropped []string
			if res.Relaxed != nil {
				relaxedMin, dropped = res.Relaxed.MinWords, res.Relaxed.Dropped
			}
			if relaxedMin != c.RelaxedMin {
				t.Errorf("relaxed to %d words, want %d", relaxedMin, c.RelaxedMin)
			}
			if len(dropped) > 0 || len(c.Dropped) > 0 {
				if !slices.Equal(dropped, c.Dropped) {
					t.Errorf("dropped: got %q, want %q", dropped, c.Dropped)
				}
			}
			for _, h := range res.Hits {
				if w, ok := c.Missing[h.ID]; ok || c.RelaxedMin > 0 {
					if !slices.Equal(h.Missing, w) {
						t.Errorf("%s misses %q, want %q", h.ID, h.Missing, w)
					}
				} else if len(h.Missing) > 0 {
					t.Errorf("%s misses %q in a search that was not relaxed", h.ID, h.Missing)
				}
			}
		})
	}
}

func TestHighlightsMarkWordForms(t *testing.T) {
	ix := newTestIndex(t, findabilityDocs(t)...)
	cases := []struct {
		q, id, want string
	}{
		{"chains", "brief2", "<mark>chain</mark>"},
		{"hacked", "brief2", "<mark>hacking</mark>"},
		{"NSO's", "brief2", "<mark>NSO’s</mark>"},
		{"end-to-end", "brief2", "<mark>end</mark>-<mark>to</mark>-<mark>end</mark>"},
	}
	for _, c := range cases {
		_, res := searchIDs(t, ix, index.SearchRequest{Query: c.q, Highlight: true, Strict: true})
		found := false
		for _, h := range res.Hits {
			if h.ID != c.id {
				continue
			}
			for _, hl := range h.Highlights {
				if strings.Contains(hl.Fragment, c.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: %s highlights %+v, want %s", c.q, c.id, h.Highlights, c.want)
			}
		}
		if !found {
			t.Errorf("%q: %s not among the hits or not highlighted", c.q, c.id)
		}
	}
}
