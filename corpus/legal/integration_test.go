package legal

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sharedDir locates the shared corpus: $DOSSIER_SHARED, else ../../../shared
// from this package's directory. It skips the test when neither exists or
// when poppler's pdftotext is not installed.
func sharedDir(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not on PATH; install it to run the corpus checks")
	}
	dir := os.Getenv("DOSSIER_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if st, err := os.Stat(filepath.Join(dir, "corpus", "filings")); err != nil || !st.IsDir() {
		t.Skipf("shared corpus not found at %s (set DOSSIER_SHARED)", dir)
	}
	return dir
}

// manifestRow is one line of a MANIFEST.pdf.tsv.
type manifestRow struct {
	path, ecfHeaderP1 string
}

// readManifest reads the path and ecf_header_p1 columns of a manifest.
func readManifest(t *testing.T, file string) []manifestRow {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatalf("open manifest: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pathCol, ecfCol := -1, -1
	var rows []manifestRow
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if pathCol < 0 {
			for i, c := range cols {
				switch c {
				case "path":
					pathCol = i
				case "ecf_header_p1":
					ecfCol = i
				}
			}
			if pathCol < 0 || ecfCol < 0 {
				t.Fatalf("manifest %s lacks path or ecf_header_p1 columns", file)
			}
			continue
		}
		if len(cols) <= max(pathCol, ecfCol) {
			continue
		}
		rows = append(rows, manifestRow{path: cols[pathCol], ecfHeaderP1: cols[ecfCol]})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	return rows
}

// pdfText runs pdftotext on pages first..last (last 0 = to the end).
func pdfText(t *testing.T, path string, first, last int) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args := []string{"-q", "-f", strconv.Itoa(max(first, 1))}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	args = append(args, path, "-")
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "pdftotext", args...)
	cmd.Stdout = &out
	err := cmd.Run()
	return out.String(), err
}

// TestECFStampWhatsAppCorpus checks FindECFStamp on page 1 of every
// whatsapp-v-nso PDF whose manifest marks the ECF header as strict.
func TestECFStampWhatsAppCorpus(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "filings", "whatsapp-v-nso")
	rows := readManifest(t, filepath.Join(dir, "MANIFEST.pdf.tsv"))
	total, hits := 0, 0
	for _, r := range rows {
		if r.ecfHeaderP1 != "strict" {
			continue
		}
		total++
		text, err := pdfText(t, filepath.Join(dir, r.path), 1, 1)
		if err != nil {
			t.Logf("pdftotext %s: %v", r.path, err)
			continue
		}
		st, ok := FindECFStamp(text)
		if !ok {
			t.Logf("no stamp: %s", r.path)
			continue
		}
		cn, ok := ParseCaseNumber(st.CaseNumber)
		if !ok || cn.Canonical != "19-cv-07123" {
			t.Logf("wrong case number %q in %s", st.CaseNumber, r.path)
			continue
		}
		hits++
	}
	if total == 0 {
		t.Fatal("no strict rows in the whatsapp-v-nso manifest")
	}
	rate := float64(hits) / float64(total)
	t.Logf("whatsapp-v-nso strict ECF stamps: %d/%d = %.1f%%", hits, total, 100*rate)
	if rate < 0.90 {
		t.Errorf("stamp rate %.1f%% < 90%%", 100*rate)
	}
}

// TestCorpusSurvey measures the extractors over every filing corpus. It only
// logs (set DOSSIER_LEGAL_SURVEY=1 to run it; it takes a while).
func TestCorpusSurvey(t *testing.T) {
	if os.Getenv("DOSSIER_LEGAL_SURVEY") == "" {
		t.Skip("set DOSSIER_LEGAL_SURVEY=1 to survey the whole filing corpus")
	}
	root := filepath.Join(sharedDir(t), "corpus", "filings")
	manifests, _ := filepath.Glob(filepath.Join(root, "*", "MANIFEST.pdf.tsv"))
	for _, mf := range manifests {
		dir := filepath.Dir(mf)
		counts := map[string][2]int{}
		for _, r := range readManifest(t, mf) {
			text, err := pdfText(t, filepath.Join(dir, r.path), 1, 3)
			if err != nil || strings.TrimSpace(text) == "" {
				continue
			}
			page1, _ := pdfText(t, filepath.Join(dir, r.path), 1, 1)
			_, ok := FindECFStamp(page1)
			c := counts[r.ecfHeaderP1]
			c[0]++
			if ok {
				c[1]++
			}
			counts[r.ecfHeaderP1] = c
			md := Analyze(text)
			court := "-"
			if md.Court != nil {
				court = md.Court.ID
			}
			var cns, js []string
			for _, cn := range md.CaseNumbers {
				cns = append(cns, cn.Canonical+"@"+cn.Court)
			}
			for _, j := range md.Judges {
				js = append(js, j.Name+"("+j.Role+")")
			}
			t.Logf("SURVEY %s/%s | court=%s date=%s ecf=%v | cases=%v | judges=%v", filepath.Base(dir), r.path, court, md.Date, md.ECF != nil, cns, js)
		}
		for k, c := range counts {
			t.Logf("RATE %s ecf_header_p1=%q: %d/%d page-1 stamps", filepath.Base(dir), k, c[1], c[0])
		}
	}
}
