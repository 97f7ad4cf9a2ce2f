package legaleval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/corpus/legal"
)

func TestReadLabels(t *testing.T) {
	good := `{"path":"corpus/filings/x.pdf","case_numbers":["19-cv-07123"],"ecf_doc":"1","filed":"2024-01-02","court":"cand","judges":[],"doc_type":"order","caption":null}
// a comment

{"path":"corpus/filings/y.pdf","case_numbers":null}`
	ls, err := ReadLabels(strings.NewReader(good))
	if err != nil || len(ls) != 2 {
		t.Fatalf("ReadLabels = %v, %v", ls, err)
	}
	if ls[0].Judges == nil || len(ls[0].Judges) != 0 || ls[0].Caption != nil || *ls[0].ECFDoc != "1" {
		t.Errorf("label 0 = %+v", ls[0])
	}
	if ls[1].CaseNumbers != nil || ls[1].Court != nil {
		t.Errorf("label 1 = %+v: absent fields must stay unknown", ls[1])
	}
	for _, bad := range []string{
		`{"path":"/abs/x.pdf"}`,
		`{"path":"../x.pdf"}`,
		`{"path":""}`,
		`{"path":"x.pdf","unknown":1}`,
		`{"path":`,
	} {
		if _, err := ReadLabels(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadLabels(%q) accepted", bad)
		}
	}
}

// TestLabelsFile checks the committed labelled set: at least 40 filings
// over the five filing sets, canonical case numbers, known courts, valid
// dates and document types. It needs no shared corpus.
func TestLabelsFile(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := ReadLabels(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) < 40 {
		t.Errorf("%d labels, want at least 40", len(labels))
	}
	sets := map[string]int{}
	seen := map[string]bool{}
	types := map[string]bool{"": true}
	for _, ty := range []string{legal.DocComplaint, legal.DocMotion, legal.DocOrder, legal.DocOpinion, legal.DocExhibit, legal.DocTranscript, legal.DocDocket, legal.DocDeclaration, legal.DocBrief, legal.DocNotice, legal.DocStipulation} {
		types[ty] = true
	}
	for _, l := range labels {
		if seen[l.Path] {
			t.Errorf("%s labelled twice", l.Path)
		}
		seen[l.Path] = true
		parts := strings.Split(l.Path, "/")
		if len(parts) < 4 || parts[0] != "corpus" || parts[1] != "filings" || !strings.HasSuffix(l.Path, ".pdf") {
			t.Errorf("%s: not a PDF under corpus/filings", l.Path)
			continue
		}
		sets[parts[2]]++
		for _, c := range l.CaseNumbers {
			if cn, ok := legal.ParseCaseNumber(c); !ok || cn.Canonical != c {
				t.Errorf("%s: case number %q is not canonical", l.Path, c)
			}
		}
		if l.Court != nil && *l.Court != "" {
			if _, ok := legal.CourtByID(*l.Court); !ok {
				t.Errorf("%s: unknown court %q", l.Path, *l.Court)
			}
		}
		if l.Filed != nil && *l.Filed != "" && len(*l.Filed) != len("2006-01-02") {
			t.Errorf("%s: filed %q", l.Path, *l.Filed)
		}
		if l.DocType != nil && !types[*l.DocType] {
			t.Errorf("%s: doc type %q", l.Path, *l.DocType)
		}
	}
	for _, s := range []string{"whatsapp-v-nso", "nibi-v-doe", "recap-xray", "flp-doctor", "courtlistener"} {
		if sets[s] < 5 {
			t.Errorf("set %s has %d labels, want at least 5", s, sets[s])
		}
	}
}

func TestNameParsers(t *testing.T) {
	if m := reNibiName.FindStringSubmatch("Doc.No.12-2024-11-29-ExParteApplication.pdf"); m == nil || m[1] != "12" || m[2] != "2024-11-29" {
		t.Errorf("nibi name: %q", m)
	}
	if m := reRecapName.FindStringSubmatch("gov.uscourts.cand.321533.147.0.pdf"); m == nil || m[1] != "cand" {
		t.Errorf("recap name: %q", m)
	}
	if reRecapName.MatchString("D.Md._1_20-cv-03068-RDB_37_1.pdf") {
		t.Error("recap name matched a non-RECAP file")
	}
}
