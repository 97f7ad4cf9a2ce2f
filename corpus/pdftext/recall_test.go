package pdftext

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"dossier/corpus/textnorm"
)

// recallFiles are the real filings the page text strategies were tuned on:
// text-layer documents from several PDF producers.
var recallFiles = []string{
	"whatsapp-v-nso/documents/apparently a partial list of victims.pdf",
	"whatsapp-v-nso/documents/declaration with more redactions than a bad SCP.pdf",
	"whatsapp-v-nso/documents/request for admissions responses, and nso alledges plaintiffs leaked to press.pdf",
	"whatsapp-v-nso/documents/internal communications and docs/facebook/cut off document about whatsapp changes.pdf",
	"whatsapp-v-nso/documents/internal communications and docs/nso/plaintiff expert opinion on pegasus functionality.pdf",
	"whatsapp-v-nso/documents/mostly uninteresting business operations/nso/expert opinion on defendant financial liability.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.126177.15.0_1.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.469848.5715.0.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.554588.349.0.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.579818.150.2.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.584763.76.0.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.604416.1112.0.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.624449.132.0.pdf",
	"recap-xray/program/data/gov.uscourts.cacd.657892.208.0_2.pdf",
	"recap-xray/program/data/gov.uscourts.cand.313162.93.0.pdf",
	"recap-xray/program/data/gov.uscourts.cand.321533.146.3.pdf",
	"recap-xray/program/data1/gov.uscourts.cacd.45170.1134.2.pdf",
	"recap-xray/program/data1/gov.uscourts.cacd.716281.85.0_1.pdf",
	"recap-xray/program/data1/gov.uscourts.cacd.758553.52.0.pdf",
	"recap-xray/program/data1/gov.uscourts.cand.345947.79.2.pdf",
}

// manifestFiles lists the text-layer PDFs (per the folders'
// MANIFEST.pdf.tsv) under the given folders whose paths start with the
// given prefixes, relative to base, leaving out the tuning files.
func manifestFiles(t *testing.T, base string, folders []struct{ dir, prefix string }) []string {
	tuning := make(map[string]bool)
	for _, f := range recallFiles {
		tuning[f] = true
	}
	var out []string
	for _, m := range folders {
		data, err := os.ReadFile(filepath.Join(base, m.dir, "MANIFEST.pdf.tsv"))
		if err != nil {
			t.Logf("skip %s: %v", m.dir, err)
			continue
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			f := strings.Split(line, "\t")
			rel := filepath.Join(m.dir, f[0])
			if len(f) > 8 && f[8] == "text" && strings.HasPrefix(f[0], m.prefix) && !tuning[rel] {
				out = append(out, rel)
			}
		}
	}
	return out
}

// TestWordRecall measures, for each page text strategy, the share of the
// words pdftotext (poppler) finds that the strategy finds too (recall), and
// the share of its own words that pdftotext also finds (precision; glued or
// split words lower both). It is a measurement, not a check: it runs only
// with DOSSIER_RECALL set and pdftotext on the PATH. DOSSIER_RECALL picks
// the files: "tuning" for those the strategies were tuned on, "heldout"
// for three other collections, "recap" for every other text-layer file of
// recap-xray.
func TestWordRecall(t *testing.T) {
	set := os.Getenv("DOSSIER_RECALL")
	if set == "" {
		t.Skip("set DOSSIER_RECALL=tuning or heldout to measure word recall against pdftotext")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	base := filepath.Join(sharedDir(t), "corpus", "filings")
	type folder = struct{ dir, prefix string }
	var files []string
	switch set {
	case "tuning":
		files = recallFiles
	case "heldout":
		files = manifestFiles(t, base, []folder{
			{"nibi-v-doe", ""}, {"courtlistener", ""}, {"flp-doctor", "test_assets/recap_documents/"}})
	case "recap":
		files = manifestFiles(t, base, []folder{{"recap-xray", ""}})
	default:
		t.Fatalf("DOSSIER_RECALL=%q: want tuning, heldout or recap", set)
	}
	modes := []struct {
		name string
		mode textMode
	}{{"plain", modePlain}, {"library", modeLibrary}, {"layout", modeLayout}}
	type tally struct {
		hit, ref, own, ownHit int
		files                 int
		recallSum             float64 // of per-file recall, for the macro average
	}
	totals := make([]tally, len(modes))
	for _, rel := range files {
		path := filepath.Join(base, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Logf("skip %s: %v", rel, err)
			continue
		}
		ref, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Logf("skip %s: pdftotext: %v", rel, err)
			continue
		}
		refWords := wordCounts(string(ref))
		line := fmt.Sprintf("%-40.40s", filepath.Base(rel))
		for i, m := range modes {
			res, err := extract(context.Background(), data, Options{}, m.mode)
			if err != nil {
				line += fmt.Sprintf("  %s: %v", m.name, err)
				continue
			}
			own := wordCounts(strings.Join(res.Pages, "\n\n"))
			var tl tally
			for w, n := range refWords {
				tl.ref += n
				tl.hit += min(n, own[w])
			}
			for w, n := range own {
				tl.own += n
				tl.ownHit += min(n, refWords[w])
			}
			totals[i].hit += tl.hit
			totals[i].ref += tl.ref
			totals[i].own += tl.own
			totals[i].ownHit += tl.ownHit
			totals[i].files++
			totals[i].recallSum += ratio(tl.hit, tl.ref)
			line += fmt.Sprintf("  %s R=%.3f P=%.3f", m.name, ratio(tl.hit, tl.ref), ratio(tl.ownHit, tl.own))
		}
		t.Log(line)
	}
	for i, m := range modes {
		tl := totals[i]
		t.Logf("TOTAL %-6s recall %.4f (%d/%d words)  precision %.4f (%d/%d)  mean per-file recall %.4f (%d files)",
			m.name, ratio(tl.hit, tl.ref), tl.hit, tl.ref, ratio(tl.ownHit, tl.own), tl.ownHit, tl.own,
			tl.recallSum/float64(max(tl.files, 1)), tl.files)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// wordCounts splits normalised, lower-cased text into runs of letters and
// digits and counts them.
func wordCounts(s string) map[string]int {
	s = strings.ToLower(textnorm.Normalize(s))
	counts := make(map[string]int)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		counts[w]++
	}
	return counts
}
