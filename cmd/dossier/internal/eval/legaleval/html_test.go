package legaleval

import (
	"reflect"
	"strings"
	"testing"
)

// docketPage is a small PACER-style docket page written for this test.
const docketPage = `<html><head><script>var x = "Judge Fake Person";</script><style>p{}</style></head><body>
<div>U.S. District Court<br>
California Northern District (Oakland)<br>
CIVIL DOCKET FOR CASE #: 4:19-cv-07123-PJH</div>
<table><tr><td>WhatsApp Inc. et al v. NSO Group Technologies Limited et al</td></tr>
<tr><td>Assigned to: Hon. Phyllis J. Hamilton<br>Referred to: Magistrate Judge Joseph C. Spero</td>
<td>Date Filed: 10/29/2019<br>Jury Demand: Both</td></tr></table>
<table><tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr>
<tr><td>10/29/2019</td><td>1</td><td>COMPLAINT. Related case 3:20-cv-01234-JD. ORDER by Judge Other Person.</td></tr></table>
</body></html>`

func TestHTMLText(t *testing.T) {
	text, err := HTMLText(strings.NewReader(docketPage))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "Fake Person") || strings.Contains(text, "p{}") {
		t.Errorf("script or style kept:\n%s", text)
	}
	if !strings.Contains(text, "California Northern District (Oakland)\n") || !strings.Contains(text, "Date Filed\t#\tDocket Text") {
		t.Errorf("lines or cells lost:\n%s", text)
	}
}

func TestPredictDocket(t *testing.T) {
	text, err := HTMLText(strings.NewReader(docketPage))
	if err != nil {
		t.Fatal(err)
	}
	got := PredictDocket(text)
	want := Prediction{
		CaseNumbers: []string{"19-cv-07123"},
		Filed:       "2019-10-29",
		Court:       "cand",
		Judges:      []string{"Phyllis J. Hamilton", "Joseph C. Spero"},
		Caption:     "WhatsApp Inc. v. NSO Group Technologies Limited",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PredictDocket =\n%+v\nwant\n%+v", got, want)
	}
}
