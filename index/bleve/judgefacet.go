package bleve

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"dossier/corpus/legal"
	"dossier/index"
)

// judgeFacetOverfetch is how many more judge values than facet_size are
// read from the index, so that spellings merged together are counted whole.
const judgeFacetOverfetch = 3

// mergeJudgeFacet folds spellings of one judge's name ("Phyllis Hamilton",
// "Phyllis J. Hamilton") into one value under the fullest spelling, by
// legal.JudgeKey. Bare surnames are left alone: two judges may share one.
// It keeps size values and counts the rest as Other.
func mergeJudgeFacet(f index.Facet, size int) index.Facet {
	type group struct {
		name  string
		count int
	}
	groups := map[string]*group{}
	var order []string
	for _, v := range f.Values {
		k := legal.JudgeKey(v.Value)
		if !strings.Contains(k, " ") {
			k = "\x00" + v.Value // a bare surname or nothing: its own value
		}
		g, ok := groups[k]
		if !ok {
			g = &group{name: v.Value}
			groups[k] = g
			order = append(order, k)
		}
		g.count += v.Count
		if len(v.Value) > len(g.name) {
			g.name = v.Value
		}
	}
	out := index.Facet{Values: make([]index.FacetValue, 0, len(order)), Other: f.Other, Missing: f.Missing}
	for _, k := range order {
		out.Values = append(out.Values, index.FacetValue{Value: groups[k].name, Count: groups[k].count})
	}
	slices.SortStableFunc(out.Values, func(a, b index.FacetValue) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Value, b.Value))
	})
	if len(out.Values) > size {
		for _, v := range out.Values[size:] {
			out.Other += v.Count
		}
		out.Values = out.Values[:size]
	}
	return out
}

// judgeVariants returns every indexed spelling of the judges named, by
// legal.JudgeKey, so that a judge filter finds all of them. Names whose key
// is a bare surname match only themselves.
func (ix *Index) judgeVariants(names []string) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	keys := map[string]bool{}
	out := make([]string, 0, len(names))
	for _, n := range names {
		c := legal.CanonicalJudgeName(n)
		out = append(out, c)
		if k := legal.JudgeKey(c); strings.Contains(k, " ") {
			keys[k] = true
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	dict, err := ix.bleve.FieldDict(fieldJudge)
	if err != nil {
		return nil, fmt.Errorf("index: judge names: %w", err)
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("index: judge names: %w", err)
		}
		if e == nil {
			break
		}
		if keys[legal.JudgeKey(e.Term)] && !slices.Contains(out, e.Term) {
			out = append(out, e.Term)
		}
	}
	return out, nil
}
