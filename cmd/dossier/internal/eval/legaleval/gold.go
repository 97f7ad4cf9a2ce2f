package legaleval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"dossier/corpus/legal"
)

// Set names, as printed in reports.
const (
	SetDockets = "dockets"
	SetNibi    = "nibi-v-doe"
	SetRecap   = "recap-xray"
	SetLabels  = "labels"
)

// ErrNoShared means the shared corpus directory was not found.
var ErrNoShared = errors.New("legaleval: shared corpus not found")

// Item is one document with its truth.
type Item struct {
	// Set is the ground-truth set the item belongs to.
	Set string
	// Rel is the path relative to the shared directory.
	Rel string
	// Truth is what the document is known to carry.
	Truth Truth
	// Docket marks a PACER docket page (HTML): scored on its header, and
	// on its first case number only.
	Docket bool
	// Split is SplitDev or SplitTest for labelled items (see SplitOf), ""
	// for the other sets.
	Split string
}

// Splits of the labelled set.
const (
	SplitDev  = "DEV"
	SplitTest = "TEST"
)

// SplitOf assigns a labelled path to a split by the parity of its 32-bit
// FNV-1a hash: odd is TEST, even DEV. The rule was fixed before any label
// was scored; tune on DEV and report both.
func SplitOf(path string) string {
	h := fnv.New32a()
	h.Write([]byte(path))
	if h.Sum32()%2 == 1 {
		return SplitTest
	}
	return SplitDev
}

// canonicalAll rewrites case numbers to their canonical form (labels may
// be written as printed); numbers that do not parse are kept.
func canonicalAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s
		if cn, ok := legal.ParseCaseNumber(s); ok {
			out[i] = cn.Canonical
		}
	}
	return out
}

// Label is one line of the labelled set (labels.jsonl): a filing's path
// relative to the shared directory and its truth, read by a person from
// the text (pdftotext). Case numbers are those printed on the first page;
// judges are those named as judges anywhere in the document. Labels with
// Roles set also carry the numbers and judges by role over the whole
// document (see the package documentation).
type Label struct {
	Path string `json:"path"`
	Truth
	// Note says anything unusual about the document.
	Note string `json:"note,omitempty"`
}

// docketDir is where juriscraper's saved PACER dockets are.
const docketDir = "corpus/court-html/juriscraper/tests/examples/pacer/dockets"

// docketJSON is the part of juriscraper's expected parse that is scored.
type docketJSON struct {
	DocketNumber *string `json:"docket_number"`
	CourtID      *string `json:"court_id"`
	AssignedTo   *string `json:"assigned_to_str"`
	ReferredTo   *string `json:"referred_to_str"`
	DateFiled    *string `json:"date_filed"`
	CaseName     *string `json:"case_name"`
}

// notJudges are assigned_to_str values that name no judge.
var notJudges = map[string]bool{"not assigned": true, "part one": true, "unassigned": true}

// DocketItems loads the docket pages of the district, bankruptcy and
// appellate folders that have an expected parse with a docket number.
func DocketItems(shared string) ([]Item, error) {
	var items []Item
	for _, sub := range []string{"district", "bankruptcy", "appellate"} {
		dir := filepath.Join(shared, docketDir, sub)
		pages, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
		if err != nil {
			return nil, fmt.Errorf("legaleval: %w", err)
		}
		if len(pages) == 0 {
			return nil, fmt.Errorf("%w: no docket pages in %s", ErrNoShared, dir)
		}
		sort.Strings(pages)
		for _, p := range pages {
			var d docketJSON
			if err := readGzipJSON(strings.TrimSuffix(p, ".html.gz")+".json.gz", &d); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					continue
				}
				return nil, err
			}
			if d.DocketNumber == nil {
				continue
			}
			rel, _ := filepath.Rel(shared, p)
			it := Item{Set: SetDockets, Rel: rel, Docket: true}
			if cn, ok := legal.ParseCaseNumber(*d.DocketNumber); ok {
				it.Truth.CaseNumbers = []string{cn.Canonical}
			}
			it.Truth.Court = d.CourtID
			it.Truth.Filed = d.DateFiled
			if sub != "bankruptcy" { // a bankruptcy case name is the debtor's, not a caption
				it.Truth.Caption = d.CaseName
			}
			if d.AssignedTo != nil {
				it.Truth.Judges = []string{}
				for _, j := range []*string{d.AssignedTo, d.ReferredTo} {
					if j != nil && len(strings.Fields(*j)) >= 2 && !notJudges[strings.ToLower(*j)] {
						it.Truth.Judges = append(it.Truth.Judges, *j)
					}
				}
			}
			items = append(items, it)
		}
	}
	return items, nil
}

// readGzipJSON decodes a gzip-compressed JSON file into v.
func readGzipJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("legaleval: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("legaleval: %s: %w", path, err)
	}
	if err := json.NewDecoder(zr).Decode(v); err != nil {
		return fmt.Errorf("legaleval: %s: %w", path, err)
	}
	return nil
}

// nibiDir holds the Nibi v. Doe filings, named "Doc.No.N-YYYY-MM-DD-Title.pdf".
const nibiDir = "corpus/filings/nibi-v-doe/docs/public/legal"

var reNibiName = regexp.MustCompile(`^Doc\.No\.(\d{1,5})-(\d{4}-\d{2}-\d{2})-`)

// NibiItems loads the Nibi v. Doe filings with the document number and
// filing date their file names carry.
func NibiItems(shared string) ([]Item, error) {
	files, err := filepath.Glob(filepath.Join(shared, nibiDir, "*.pdf"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("%w: no filings in %s", ErrNoShared, filepath.Join(shared, nibiDir))
	}
	sort.Strings(files)
	var items []Item
	for _, f := range files {
		m := reNibiName.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			continue
		}
		rel, _ := filepath.Rel(shared, f)
		doc, date := m[1], m[2]
		items = append(items, Item{Set: SetNibi, Rel: rel, Truth: Truth{ECFDoc: &doc, Filed: &date}})
	}
	return items, nil
}

// recapDir holds the recap-xray filings.
const recapDir = "corpus/filings/recap-xray"

var reRecapName = regexp.MustCompile(`^gov\.uscourts\.([a-z0-9]+)\.\d+\.`)

// RecapItems loads the recap-xray filings named gov.uscourts.<court>....pdf
// with the court their names carry.
func RecapItems(shared string) ([]Item, error) {
	root := filepath.Join(shared, recapDir)
	var items []Item
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".pdf") {
			return nil
		}
		m := reRecapName.FindStringSubmatch(d.Name())
		if m == nil {
			return nil
		}
		rel, _ := filepath.Rel(shared, p)
		court := m[1]
		items = append(items, Item{Set: SetRecap, Rel: rel, Truth: Truth{Court: &court}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoShared, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%w: no gov.uscourts files in %s", ErrNoShared, root)
	}
	return items, nil
}

// ReadLabels reads a labels.jsonl file.
func ReadLabels(r io.Reader) ([]Label, error) {
	var out []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		var l Label
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("legaleval: labels line %d: %w", n, err)
		}
		if l.Path == "" || filepath.IsAbs(l.Path) || strings.Contains(l.Path, "..") {
			return nil, fmt.Errorf("legaleval: labels line %d: path %q must be relative to the shared directory", n, l.Path)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("legaleval: labels: %w", err)
	}
	return out, nil
}

// LabelItems loads the labelled set from file.
func LabelItems(file string) ([]Item, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("legaleval: %w", err)
	}
	defer f.Close()
	labels, err := ReadLabels(f)
	if err != nil {
		return nil, err
	}
	items := make([]Item, len(labels))
	for i, l := range labels {
		t := l.Truth
		t.CaseNumbers = canonicalAll(t.CaseNumbers)
		t.DocketCases = canonicalAll(t.DocketCases)
		t.RelatedCases = canonicalAll(t.RelatedCases)
		t.CitedCases = canonicalAll(t.CitedCases)
		items[i] = Item{Set: SetLabels, Rel: l.Path, Truth: t, Split: SplitOf(l.Path)}
	}
	return items, nil
}
