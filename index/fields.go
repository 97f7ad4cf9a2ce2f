package index

import (
	"strings"

	"dossier/corpus/legal"
)

// How the values of a filter field are read (FilterField.Value).
const (
	ValueKeyword    = iota // a keyword, normalised by the field's Norm
	ValueCaseNumber        // a case number in any spelling, or text holding one
	ValueJudge             // a judge's full name (any spelling) or a bare surname
)

// FilterField is one entry of the table of metadata fields a search
// filters on and counts as facets. A filter's parameter, its JSON body
// field, its validation, the query that applies it, its facet and the
// facet's disjunctive counting all come from this table: a new facet is
// one entry here and its value in the stored record (record.go).
type FilterField struct {
	Name  string // parameter, body, filter and facet name, e.g. "court"
	Field string // the stored field it restricts and counts (a backend maps it to its own)
	Value int    // ValueKeyword, ValueCaseNumber or ValueJudge
	// Facet says it may be asked for as a facet; a facet whose filter is
	// set is counted without that filter (disjunctive).
	Facet bool
	// Comma says a URL parameter value may list values separated by
	// commas (names with commas, like judges' and sites', cannot).
	Comma bool
	// Norm gives a keyword value as indexed; nil keeps it as given.
	Norm func(string) string
	// values reaches the filter's values in Filters; nil for a facet with
	// no list filter (year and month: use from and to).
	values func(*Filters) *[]string
}

// FilterFields is the table, in the order facets are listed.
var FilterFields = []FilterField{
	{Name: "kind", Field: "kind", Facet: true, Comma: true, Norm: strings.ToLower, values: func(f *Filters) *[]string { return &f.Kind }},
	{Name: "court", Field: "court", Facet: true, Comma: true, Norm: NormalizeCourt, values: func(f *Filters) *[]string { return &f.Court }},
	{Name: "judge", Field: "judge", Value: ValueJudge, Facet: true, Norm: legal.CanonicalJudgeName, values: func(f *Filters) *[]string { return &f.Judge }},
	{Name: "case", Field: "case", Value: ValueCaseNumber, Facet: true, Comma: true, values: func(f *Filters) *[]string { return &f.Case }},
	{Name: "cites", Field: "cites", Value: ValueCaseNumber, Comma: true, values: func(f *Filters) *[]string { return &f.Cites }},
	{Name: "doc_type", Field: "doc_type", Facet: true, Comma: true, Norm: strings.ToLower, values: func(f *Filters) *[]string { return &f.DocType }},
	{Name: "site", Field: "site", Facet: true, values: func(f *Filters) *[]string { return &f.Site }},
	{Name: "author", Field: "author_key", Facet: true, values: func(f *Filters) *[]string { return &f.Author }},
	{Name: "year", Field: "year", Facet: true},
	{Name: "month", Field: "month", Facet: true},
}

// FacetNames lists the facets a request may ask for.
var FacetNames = func() []string {
	var out []string
	for _, ff := range FilterFields {
		if ff.Facet {
			out = append(out, ff.Name)
		}
	}
	return out
}()

// LookupFilterField returns the table entry called name.
func LookupFilterField(name string) (FilterField, bool) {
	for _, ff := range FilterFields {
		if ff.Name == name {
			return ff, true
		}
	}
	return FilterField{}, false
}

// HasFilter reports whether the field is a list filter (not a facet only).
func (ff FilterField) HasFilter() bool { return ff.values != nil }

// Values returns f's values of this filter, or nil for a facet only.
func (ff FilterField) Values(f *Filters) []string {
	if ff.values == nil {
		return nil
	}
	return *ff.values(f)
}

// List returns the values of the filter called name, or nil.
func (f *Filters) List(name string) []string {
	ff, _ := LookupFilterField(name)
	return ff.Values(f)
}

// SetList sets the values of the filter called name; it reports false for
// a name that is no list filter.
func (f *Filters) SetList(name string, vals []string) bool {
	ff, ok := LookupFilterField(name)
	if !ok || ff.values == nil {
		return false
	}
	*ff.values(f) = vals
	return true
}

// Without returns f with the filter behind facet removed, so that the
// facet is counted without it.
func (f Filters) Without(facet string) Filters {
	f.SetList(facet, nil)
	return f
}

// Normalize gives a keyword value as stored.
func (ff FilterField) Normalize(v string) string {
	if ff.Norm == nil {
		return v
	}
	return ff.Norm(v)
}

// NormalizeCourt gives a court filter value as stored: the court id of
// an id, a citation form or a name ("N.D. Cal." is "cand"), else the value
// lower-cased.
func NormalizeCourt(s string) string {
	if c, ok := legal.CourtByID(strings.ToLower(s)); ok {
		return c.ID
	}
	if c, ok := legal.FindCourt(s); ok {
		return c.ID
	}
	return strings.ToLower(s)
}
