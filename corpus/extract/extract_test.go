package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/corpus"
)

func newTestExtractor(t *testing.T) *Extractor {
	t.Helper()
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func TestExtractSample(t *testing.T) {
	ex := newTestExtractor(t)
	cases := []struct {
		file, kind, title, date, court, caseNo, ecfDoc string
		pages                                          int
	}{
		{"filings/harbor-light-order-mtd.pdf", "filing", "ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS", "2024-09-12", "cand", "24-cv-01234", "45", 4},
		{"filings/harbor-light-decl-exhibit.pdf", "filing", "", "2024-09-12", "cand", "24-cv-01234", "45-2", 2},
		{"filings/delgado-whitfield-sentencing-memo.pdf", "filing", "GOVERNMENT'S SENTENCING MEMORANDUM", "2025-11-03", "nysd", "23-cr-00456", "88", 3},
		{"filings/harbor-light-ninth-circuit-order.pdf", "filing", "ORDER", "2025-03-03", "ca9", "25-01432", "14.1", 3},
		{"news/harbor-light-ruling.html", "article", "", "2024-09-13", "cand", "24-cv-01234", "", 0},
		{"news/spionage-klage.html", "article", "", "2024-09-14", "", "24-cv-01234", "", 0},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d := ex.ExtractFile(context.Background(), filepath.Join("..", "testdata", "sample", c.file))
			if d.Skipped() {
				t.Fatalf("skipped: %s", d.SkipReason)
			}
			if string(d.Kind) != c.kind || d.Date != c.date || len(d.Pages) != c.pages {
				t.Errorf("kind %q date %q pages %d", d.Kind, d.Date, len(d.Pages))
			}
			if c.title != "" && d.Title != c.title {
				t.Errorf("title %q, want %q", d.Title, c.title)
			}
			if court := ""; d.Court != nil {
				court = d.Court.ID
				if court != c.court {
					t.Errorf("court %q, want %q", court, c.court)
				}
			} else if c.court != "" {
				t.Errorf("no court, want %q", c.court)
			}
			found := false
			for _, cn := range d.CaseNumbers {
				found = found || cn.Canonical == c.caseNo
			}
			if !found {
				t.Errorf("case numbers %+v lack %s", d.CaseNumbers, c.caseNo)
			}
			if c.ecfDoc != "" && (d.ECF == nil || d.ECF.DocumentNumber != c.ecfDoc) {
				t.Errorf("ECF %+v, want document %s", d.ECF, c.ecfDoc)
			}
			if d.ID != corpus.DocumentID(d.SHA256) || len(d.ID) != 32 {
				t.Errorf("id %q from sha %q", d.ID, d.SHA256)
			}
			if strings.ContainsAny(d.Text, "\x00\x07") {
				t.Errorf("control characters in text")
			}
		})
	}
}

func TestExtractBadFilesAreRecorded(t *testing.T) {
	ex := newTestExtractor(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*"))
	if err != nil || len(files) < 4 {
		t.Fatalf("bad fixtures: %v %v", files, err)
	}
	for _, f := range files {
		d := ex.ExtractFile(context.Background(), f)
		if filepath.Base(f) == "junk-header.pdf" {
			// Junk before %PDF is repaired, with a warning.
			if d.Skipped() || len(d.Warnings) == 0 {
				t.Errorf("%s: skip %q warnings %v", f, d.SkipReason, d.Warnings)
			}
			continue
		}
		if !d.Skipped() || d.Text != "" || d.Source != f {
			t.Errorf("%s: want a skip reason and no text, got skip %q, %d bytes of text", f, d.SkipReason, len(d.Text))
		}
	}
	missing := ex.ExtractFile(context.Background(), "../testdata/does-not-exist.pdf")
	if !missing.Skipped() {
		t.Error("missing file was not recorded as skipped")
	}
}

func TestExtractSizeLimitAndGzip(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(filepath.Join("..", "testdata", "sample", "news", "harbor-light-ruling.html"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	gzPath := filepath.Join(dir, "page.bin")
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ex := newTestExtractor(t)
	d := ex.ExtractFile(context.Background(), gzPath)
	if d.Skipped() || d.Kind != corpus.KindArticle || d.ContentType != corpus.ContentTypeHTML {
		t.Errorf("gzip page: kind %q type %q skip %q", d.Kind, d.ContentType, d.SkipReason)
	}

	small, err := New(Options{MaxFileBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	d = small.ExtractFile(context.Background(), filepath.Join("..", "testdata", "sample", "news", "harbor-light-ruling.html"))
	if !d.Skipped() || !strings.Contains(d.SkipReason, "limit") {
		t.Errorf("oversized file: skip %q", d.SkipReason)
	}
}

func TestFirstLineTitle(t *testing.T) {
	long := strings.Repeat("wombat ", 30)
	cases := []struct{ text, want string }{
		{"\n\n  Court rules on wombats \nThe court ruled.", "Court rules on wombats"},
		{"", ""},
		{"   \n  ", ""},
		{long, strings.TrimSpace(strings.Repeat("wombat ", 17)) + "…"},
	}
	for _, c := range cases {
		if got := firstLineTitle(c.text); got != c.want {
			t.Errorf("firstLineTitle(%.30q) = %q, want %q", c.text, got, c.want)
		}
	}
}
