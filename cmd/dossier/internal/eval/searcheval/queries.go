package searcheval

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strings"

	"dossier/index"
)

// Splits, as stored in the query set and accepted by Options.Split.
const (
	SplitDev  = "dev"
	SplitTest = "test"
	SplitAll  = "all"
)

// defaultQueries is testdata/queries.json, so that the command runs from
// any directory.
//
//go:embed testdata/queries.json
var defaultQueries []byte

// QuerySet is the content of a query file.
type QuerySet struct {
	// About says how the set was built.
	About []string `json:"about"`
	// KnownItem are the queries with answers.
	KnownItem []KnownItem `json:"known_item"`
	// Topical are queries without answers, used only for the zero-result
	// rate.
	Topical []Topical `json:"topical"`
}

// KnownItem is a query and the documents that answer it.
type KnownItem struct {
	// ID is stable; the split is derived from it.
	ID string `json:"id"`
	// Query is what the researcher types, in the dossier query language.
	Query string `json:"query"`
	// Filters are set as the API's filter parameters would set them.
	Filters *Filters `json:"filters,omitempty"`
	// Answers are paths relative to the shared directory; any of them
	// answers the query.
	Answers []string `json:"answers"`
	// Tags name what makes the query hard: word-form, misspelling,
	// shorthand, case-number, apostrophe, hyphen, filter, ...
	Tags []string `json:"tags"`
	// Note says how the query differs from the document's words.
	Note string `json:"note,omitempty"`
	// Split is SplitDev or SplitTest, always SplitOf(ID).
	Split string `json:"split"`
}

// Topical is a query without answers.
type Topical struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	// Split is SplitDev or SplitTest, always SplitOf(ID).
	Split string `json:"split"`
}

// Filters are the search filters of a query, as the API takes them.
type Filters struct {
	Kind    []string `json:"kind,omitempty"`
	Court   []string `json:"court,omitempty"`
	Judge   []string `json:"judge,omitempty"`
	Case    []string `json:"case,omitempty"`
	Site    []string `json:"site,omitempty"`
	DocType []string `json:"doc_type,omitempty"`
	// From and To are dates as the API takes them (YYYY-MM-DD, YYYY-MM,
	// YYYY); To is inclusive.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// IndexFilters converts f to index.Filters; nil gives no filter.
func (f *Filters) IndexFilters() (index.Filters, error) {
	if f == nil {
		return index.Filters{}, nil
	}
	out := index.Filters{Kind: f.Kind, Court: f.Court, Judge: f.Judge, Case: f.Case, Site: f.Site, DocType: f.DocType}
	var err error
	if f.From != "" {
		if out.From, err = index.ParseDateBound(f.From, false); err != nil {
			return out, fmt.Errorf("searcheval: from %q: %w", f.From, err)
		}
	}
	if f.To != "" {
		if out.To, err = index.ParseDateBound(f.To, true); err != nil {
			return out, fmt.Errorf("searcheval: to %q: %w", f.To, err)
		}
	}
	return out, nil
}

// SplitOf assigns a query id to SplitDev or SplitTest by the parity of
// its FNV-1a 32-bit hash (even: dev).
func SplitOf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return SplitDev
	}
	return SplitTest
}

// LoadQueries reads a query file; "" reads the embedded default
// (testdata/queries.json). The set is checked with Validate.
func LoadQueries(path string) (*QuerySet, error) {
	b := defaultQueries
	if path != "" {
		var err error
		if b, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("searcheval: %w", err)
		}
	}
	var qs QuerySet
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&qs); err != nil {
		return nil, fmt.Errorf("searcheval: queries %s: %w", path, err)
	}
	if err := qs.Validate(); err != nil {
		return nil, err
	}
	return &qs, nil
}

// Validate reports duplicate or empty ids, queries without answers, bad
// filters and splits that are not SplitOf(id).
func (qs *QuerySet) Validate() error {
	var errs []error
	seen := map[string]bool{}
	check := func(id, query, split string) {
		switch {
		case id == "":
			errs = append(errs, fmt.Errorf("searcheval: query %q has no id", query))
		case seen[id]:
			errs = append(errs, fmt.Errorf("searcheval: duplicate id %q", id))
		case split != SplitOf(id):
			errs = append(errs, fmt.Errorf("searcheval: %s: split %q, but the hash gives %q", id, split, SplitOf(id)))
		}
		seen[id] = true
	}
	for _, k := range qs.KnownItem {
		check(k.ID, k.Query, k.Split)
		if len(k.Answers) == 0 {
			errs = append(errs, fmt.Errorf("searcheval: %s: no answers", k.ID))
		}
		if _, err := k.Filters.IndexFilters(); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k.ID, err))
		}
	}
	for _, t := range qs.Topical {
		check(t.ID, t.Query, t.Split)
	}
	return errors.Join(errs...)
}

// inSplit reports whether a query of split s is selected by want.
func inSplit(s, want string) bool { return want == SplitAll || s == want }
