package main

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// pleadingPage lays out a reference page as pdftotext -layout does: the
// margin numbers 1..28 at column 1-2, the text three spaces further.
func pleadingPage(body []string) []string {
	lines := []string{"     Case 4:19-cv-07123-PJH   Document 1   Filed 10/29/19   Page 2 of 47", ""}
	for i := range 28 {
		text := ""
		if i < len(body) {
			text = body[i]
		}
		lines = append(lines, fmt.Sprintf("%2d   %s", i+1, text), "")
	}
	return append(lines, "                        COMPLAINT", "")
}

func TestStripMarginNumbers(t *testing.T) {
	page := pleadingPage([]string{"1. Plaintiff WhatsApp sues", "12 defendants in 3 counts"})
	if !stripMarginNumbers(page) {
		t.Fatal("pleading page not recognised")
	}
	joined := strings.Join(page, "\n")
	for _, want := range []string{"     1. Plaintiff WhatsApp sues", "     12 defendants in 3 counts"} {
		if !strings.Contains(joined, want) {
			t.Errorf("lost body text %q:\n%s", want, joined)
		}
	}
	for i := 3; i <= 28; i++ {
		if strings.Contains(joined, fmt.Sprintf("\n%2d ", i)) {
			t.Errorf("margin number %d left in:\n%s", i, joined)
		}
	}

	// A numbered list is not a margin: it stops well short of the run.
	var list []string
	for i := range 10 {
		list = append(list, fmt.Sprintf("%d   item", i+1))
	}
	if stripMarginNumbers(list) {
		t.Errorf("a 10-item list was taken for margin numbers")
	}
	if list[0] != "1   item" {
		t.Errorf("list changed: %q", list[0])
	}
}

func TestDropRunningLines(t *testing.T) {
	var pages [][]string
	for p := 1; p <= 3; p++ {
		lines := []string{fmt.Sprintf("Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page %d of 3", p), ""}
		for i := range 8 {
			lines = append(lines, fmt.Sprintf("body %c of page %c", 'a'+i, 'a'+p))
		}
		// In the middle, a line that repeats on every page stays.
		lines = slices.Insert(lines, 5, "the same body line on every page")
		pages = append(pages, append(lines, fmt.Sprintf("%d", p), "COMPLAINT", ""))
	}
	pages = dropRunningLines(pages)
	for p, lines := range pages {
		got := strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
		c := string(rune('a' + p + 1))
		want := "body a of page " + c + " body b of page " + c + " body c of page " + c + " the same body line on every page"
		if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "body h of page "+c) {
			t.Errorf("page %d: %q", p+1, got)
		}
	}
}

func TestSamplePhrases(t *testing.T) {
	docs := []refDoc{{path: "a.pdf"}}
	for i := range 40 {
		w := strings.Fields(fmt.Sprintf("line %d holds words alpha beta gamma delta", i))
		docs[0].lines = append(docs[0].lines, refLine{page: 1 + i/20, words: w, single: true, cols: [][]string{w}})
	}
	draw := func(seed uint64) []phrase {
		return samplePhrases(rand.New(rand.NewPCG(seed, 1)), docs, 20)
	}
	a, b := draw(7), draw(7)
	if len(a) != 20 {
		t.Fatalf("%d phrases, want 20", len(a))
	}
	crossing := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different samples: %v / %v", a[i], b[i])
		}
		n := len(strings.Fields(a[i].text))
		if n < phraseMinWords || n > phraseMaxWords {
			t.Errorf("%q has %d words", a[i].text, n)
		}
		if a[i].crossing {
			crossing++
			if !strings.Contains(a[i].text, "delta line") {
				t.Errorf("crossing phrase %q does not span a line end", a[i].text)
			}
		}
	}
	if crossing != 10 {
		t.Errorf("%d crossing phrases, want 10", crossing)
	}
}

// TestEvalPhrasesShared runs a small phrase evaluation over the WhatsApp
// and Nibi filings of the shared corpus. Before margin line numbers and
// running lines were taken out of the text (extractor version 1), 45 of
// these 80 phrases were found (5 of the 40 crossing a line break); with
// version 2, all 80.
func TestEvalPhrasesShared(t *testing.T) {
	shared := sharedDir(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; it is the reference of the phrase evaluation")
	}
	filings := filepath.Join(shared, "corpus", "filings")
	code, out, errOut := runCmd(t, "eval", "phrases", "--n", "80", "--seed", "1", "--no-ocr",
		filepath.Join(filings, "nibi-v-doe"), filepath.Join(filings, "whatsapp-v-nso"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	t.Log("\n" + out)
	for _, c := range []struct {
		label string
		floor float64 // percent
	}{
		{"found in their own document", 97},
		{"crossing a line break", 95},
		{"within one line", 95},
	} {
		m := regexp.MustCompile(regexp.QuoteMeta(c.label) + `: +(\d+) of (\d+) \(([\d.]+)%\)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no %q line in the output", c.label)
		}
		if n, _ := strconv.Atoi(m[2]); n < 40 {
			t.Errorf("%s: only %d phrases tried", c.label, n)
		}
		if pct, _ := strconv.ParseFloat(m[3], 64); pct < c.floor {
			t.Errorf("%s: %.1f%%, want at least %.0f%%", c.label, pct, c.floor)
		}
	}
}
