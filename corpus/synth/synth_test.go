package synth

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// fixtureDir holds a tiny copy of the shared layout with texts written for
// this test: an AILA-style tar.xz of six judgments and an extraction
// benchmark ground truth of five articles.
const fixtureDir = "testdata/src"

func fixtureOpts(n int, seed uint64) Options {
	return Options{N: n, Seed: seed, SourceDir: fixtureDir, MaxPDFs: -1}
}

func collect(t testing.TB, o Options) []corpus.Document {
	t.Helper()
	var docs []corpus.Document
	if err := Generate(o, func(d corpus.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestPoolFromFixture(t *testing.T) {
	p, err := LoadPool(PoolOptions{Dir: fixtureDir})
	if err != nil {
		t.Fatal(err)
	}
	if p.Files["aila"] != 6 || p.Files["articles"] != 5 {
		t.Errorf("files = %v, want 6 aila and 5 articles (Query_doc.txt is not a case document)", p.Files)
	}
	if len(p.Judgments) != 6*40 || len(p.News) != 5*4*6 || len(p.Filings) != 0 {
		t.Errorf("sentences: judgments %d (want 240), news %d (want 120), filings %d (want 0)", len(p.Judgments), len(p.News), len(p.Filings))
	}
	for _, s := range append(p.Judgments[:5:5], p.News[:5]...) {
		if !strings.HasSuffix(s, ".") || strings.Contains(s, "\n") {
			t.Errorf("sentence %q: want one line ending in a period", s)
		}
	}
}

func TestSentenceSplit(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"two sentences", "The court held that the statute applies here. The appeal was dismissed with costs today.",
			[]string{"The court held that the statute applies here.", "The appeal was dismissed with costs today."}},
		{"abbreviation kept", "See Smith v. Jones for the rule on standing in such cases. Nothing more was said by anyone.",
			[]string{"See Smith v. Jones for the rule on standing in such cases.", "Nothing more was said by anyone."}},
		{"line breaks joined", "The motion to dismiss\nis granted in part and\ndenied in part by the court.",
			[]string{"The motion to dismiss is granted in part and denied in part by the court."}},
		{"numbers dropped", "Page 12 of 40 Filed 03/04/21 Document 77-3 Case 4:19-cv-07123 1 2 3 4 5 6 7 8.", nil},
		{"too short", "Yes it is.", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := appendSentences(nil, c.in)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := collect(t, fixtureOpts(300, 42))
	b := collect(t, fixtureOpts(300, 42))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different documents")
	}
	// A smaller N is a prefix, and Document(i) is random access.
	small := collect(t, fixtureOpts(50, 42))
	if !reflect.DeepEqual(small, a[:50]) {
		t.Error("N=50 is not a prefix of N=300")
	}
	g, err := New(fixtureOpts(0, 42))
	if err != nil {
		t.Fatal(err)
	}
	if d := g.Document(123); !reflect.DeepEqual(d, a[123]) {
		t.Error("Document(123) differs from the 124th generated document")
	}
	other := collect(t, fixtureOpts(50, 43))
	same := 0
	for i := range other {
		if other[i].Text == a[i].Text {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seed 43 repeated %d texts of seed 42", same)
	}
	// Golden digest of the JSONL for seed 42: a change in the generator
	// shows here; update the constant when the change is intended.
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, fixtureOpts(20, 42)); err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(buf.Bytes(), []byte("\n")); lines != 20 {
		t.Errorf("JSONL has %d lines, want 20", lines)
	}
	sum := sha256.Sum256(buf.Bytes())
	t.Logf("JSONL sha256 %x", sum)
}

func TestShapeAndSizes(t *testing.T) {
	const n = 2000
	docs := collect(t, fixtureOpts(n, 7))
	ids := map[string]bool{}
	var filings, articles, withCase, total int
	courts := map[string]int{}
	years := map[string]int{}
	for _, d := range docs {
		if ids[d.ID] || len(d.ID) != 32 || len(d.SHA256) != 64 || !strings.HasPrefix(d.SHA256, d.ID) {
			t.Fatalf("bad or repeated id %q / %q", d.ID, d.SHA256)
		}
		ids[d.ID] = true
		if l := len(d.Text); l < 5000 || l > 10000+2000 {
			t.Errorf("%s: text %d bytes, want 5,000..12,000", d.ID, l)
		}
		total += len(d.Text)
		if d.Date < "2019-01-01" || d.Date > "2025-12-31" {
			t.Errorf("%s: date %q out of range", d.ID, d.Date)
		}
		years[d.Date[:4]]++
		if len(d.CaseNumbers) > 0 {
			withCase++
			for _, cn := range d.CaseNumbers {
				if p, ok := legal.ParseCaseNumber(cn.Raw); !ok || p.Canonical != cn.Canonical {
					t.Errorf("%s: case number %+v does not parse back", d.ID, cn)
				}
			}
		}
		switch d.Kind {
		case corpus.KindFiling:
			filings++
			if d.Court == nil || len(d.CaseNumbers) == 0 || len(d.Judges) == 0 || d.ECF == nil || d.DocType == "" || d.Title == "" {
				t.Fatalf("%s: filing without court, case, judge, ECF stamp, type or title: %+v", d.ID, d)
			}
			if _, ok := legal.CourtByID(d.Court.ID); !ok {
				t.Errorf("%s: unknown court %q", d.ID, d.Court.ID)
			}
			courts[d.Court.ID]++
			if d.PageCount != len(d.Pages) || d.PageCount < 1 {
				t.Errorf("%s: page count %d, %d pages", d.ID, d.PageCount, len(d.Pages))
			}
			var parts []string
			for i, p := range d.Pages {
				if p.Number != i+1 || !strings.HasPrefix(p.Text, "Case "+d.CaseNumbers[0].Raw) {
					t.Errorf("%s: page %d does not start with its ECF stamp: %.60q", d.ID, i+1, p.Text)
				}
				parts = append(parts, p.Text)
			}
			if strings.Join(parts, "\n\n") != d.Text {
				t.Errorf("%s: pages joined by blank lines differ from Text", d.ID)
			}
			if !strings.Contains(d.Pages[0].Text, d.Caption) {
				t.Errorf("%s: caption %q not on page 1", d.ID, d.Caption)
			}
		case corpus.KindArticle:
			articles++
			if d.SiteName == "" || d.Author == "" || d.URL == "" || d.Title == "" || d.Pages != nil || d.Court != nil {
				t.Fatalf("%s: article shape wrong: %+v", d.ID, d)
			}
			for _, cn := range d.CaseNumbers {
				if !strings.Contains(d.Text, cn.Raw) {
					t.Errorf("%s: mentioned case %s not in text", d.ID, cn.Raw)
				}
			}
		default:
			t.Fatalf("%s: kind %q", d.ID, d.Kind)
		}
	}
	if share := filings * 100 / n; share < 65 || share > 75 {
		t.Errorf("filings %d%%, want about 70%%", share)
	}
	if mean := total / n; mean < 7000 || mean > 8500 {
		t.Errorf("mean text %d bytes, want about 7,500", mean)
	}
	if len(years) != 7 {
		t.Errorf("years %v, want 2019..2025", years)
	}
	// Skew: the most frequent court holds far more filings than an even
	// spread would give, and many courts appear.
	top := 0
	for _, c := range courts {
		top = max(top, c)
	}
	if top < filings/10 || len(courts) < 20 {
		t.Errorf("court spread: top %d of %d filings over %d courts", top, filings, len(courts))
	}
	t.Logf("%d filings, %d articles, %d with case numbers, %d courts, mean %d bytes", filings, articles, withCase, len(courts), total/n)
}

func TestOptions(t *testing.T) {
	cases := []struct {
		name string
		o    Options
		ok   bool
	}{
		{"defaults", Options{SourceDir: "x"}, true},
		{"negative n", Options{N: -1, SourceDir: "x"}, false},
		{"min over max", Options{SourceDir: "x", MinBytes: 9000, MaxBytes: 100}, false},
		{"percent", Options{SourceDir: "x", FilingPercent: 101}, false},
		{"no filings", Options{SourceDir: "x", FilingPercent: -1}, true},
		{"cases", Options{SourceDir: "x", Cases: MaxCases + 1}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.o.SetDefaults()
			if err := c.o.Validate(); (err == nil) != c.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, c.ok)
			}
		})
	}
}

func TestNoSources(t *testing.T) {
	_, err := New(Options{N: 1, SourceDir: t.TempDir(), MaxPDFs: -1})
	if !errors.Is(err, ErrNoSources) {
		t.Errorf("empty dir: err = %v, want ErrNoSources", err)
	}
}

func TestArticlesOnly(t *testing.T) {
	o := fixtureOpts(200, 1)
	o.FilingPercent = -1
	for _, d := range collect(t, o) {
		if d.Kind != corpus.KindArticle {
			t.Fatalf("FilingPercent -1 gave a %s", d.Kind)
		}
	}
}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	o := PoolOptions{Dir: fixtureDir, CacheDir: dir}
	p1, err := loadCached(o)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "pool-*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	p2, err := loadCached(o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p1, p2) {
		t.Error("pool read from cache differs")
	}
	// A corrupt cache file is ignored and rewritten.
	if err := os.WriteFile(files[0], []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	p3, err := loadCached(o)
	if err != nil || !reflect.DeepEqual(p1, p3) {
		t.Errorf("corrupt cache: err %v, equal %v", err, reflect.DeepEqual(p1, p3))
	}
}

// TestShared generates from the real shared texts when present.
func TestShared(t *testing.T) {
	dir := SharedDir()
	if dir == "" {
		t.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	if testing.Short() {
		t.Skip("reads the AILA archive (about 5 s); skipped with -short")
	}
	g, err := New(Options{SourceDir: dir, MaxPDFs: 10, MaxAILADocs: 300})
	if err != nil {
		t.Fatal(err)
	}
	p := g.Pool()
	// Filing sentences come from pdftotext (poppler-utils, which .ci/run
	// installs); without it the pool has none, by design.
	minFilings := 100
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not on PATH (apt-get install poppler-utils): the pool has no filing sentences, and they are not checked")
		minFilings = 0
	}
	if len(p.Judgments) < 10000 || len(p.News) < 2000 || len(p.Filings) < minFilings {
		t.Errorf("pool: %d judgment, %d news, %d filing sentences", len(p.Judgments), len(p.News), len(p.Filings))
	}
	d := g.Document(0)
	if _, err := json.Marshal(d); err != nil || len(d.Text) < 5000 {
		t.Errorf("document 0: %v, %d bytes", err, len(d.Text))
	}
}

// BenchmarkDocument measures generating one document from a loaded pool.
func BenchmarkDocument(b *testing.B) {
	g, err := New(fixtureOpts(0, 1))
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	var bytes int64
	for b.Loop() {
		bytes += int64(len(g.Document(i).Text))
		i++
	}
	b.SetBytes(bytes / int64(max(i, 1)))
}
