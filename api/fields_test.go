package api

import (
	"reflect"
	"strings"
	"testing"

	"dossier/index"
)

// TestBodyHasEveryFilter checks that the JSON body takes every list
// filter of index.FilterFields, so that a filter added to the table and
// forgotten here fails a test instead of answering 400 to POST searches.
func TestBodyHasEveryFilter(t *testing.T) {
	tags := map[string]bool{}
	rt := reflect.TypeFor[SearchBody]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		tags[name] = true
	}
	for _, ff := range index.FilterFields {
		if ff.HasFilter() && !tags[ff.Name] {
			t.Errorf("SearchBody has no field %q for the filter of that name", ff.Name)
		}
		if ff.HasFilter() && !strings.Contains(string(openAPIDocument), `"name": "`+ff.Name+`"`) {
			t.Errorf("openapi.json does not document the parameter %q", ff.Name)
		}
	}
}
