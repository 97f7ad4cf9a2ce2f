package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"dossier/corpus/textnorm"
)

// pleadingPDF returns a three-page brief on pleading paper: an ECF stamp
// at the top of each page, margin line numbers 1 to 28, a footer with the
// short title and the page number, and the words of body set nine to a
// line from line 14 of page 1 on. On page 2 the numbers sit half a line
// below the text, so that they are read as lines of their own; elsewhere
// they share the text's baseline.
func pleadingPDF(t *testing.T, body []string) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "Letter", "")
	next := 0
	for page := 1; page <= 3; page++ {
		p.AddPage()
		p.SetFont("Helvetica", "", 8)
		p.Text(150, 20, fmt.Sprintf("Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page %d of 3", page))
		p.SetFont("Times", "", 12)
		shift := 0.0
		if page == 2 {
			shift = 12
		}
		for line := 1; line <= 28; line++ {
			y := 72 + float64(line-1)*24
			p.Text(40, y+shift, fmt.Sprint(line))
			text := ""
			switch {
			case page == 1 && line == 2:
				text = "UNITED STATES DISTRICT COURT"
			case page == 1 && line == 3:
				text = "NORTHERN DISTRICT OF CALIFORNIA"
			case page == 1 && line == 5:
				text = "WHATSAPP INC., Plaintiff, v. NSO GROUP TECHNOLOGIES LIMITED, Defendant."
			case page == 1 && line == 7:
				text = "Case No. 4:19-cv-07123-PJH"
			case page == 1 && line < 14:
			case next < len(body):
				end := min(next+9, len(body))
				text = strings.Join(body[next:end], " ")
				next = end
			}
			if text != "" {
				p.Text(72, y, text)
			}
		}
		p.Text(300, 750, fmt.Sprint(page))
		p.Text(200, 765, "COMPLAINT FOR DAMAGES AND INJUNCTIVE RELIEF")
	}
	var out bytes.Buffer
	if err := p.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestPDFPleadingPaper(t *testing.T) {
	var words []string
	for i := range 50 {
		words = append(words, strings.Fields(fmt.Sprintf("Sentence %c of the brief runs on across lines and pages.", 'a'+i%26))...)
	}
	// Numbers that belong to the body stay: a numbered paragraph at the
	// start of a line and a statute.
	words = append(words[:18], append(strings.Fields("12. The defendant relies on 28 U.S.C. 1331 and"), words[18:]...)...)
	doc := extractBytes(t, Options{NoPDFFallback: true}, pleadingPDF(t, words))
	if doc.Skipped() || len(doc.Pages) != 3 {
		t.Fatalf("skipped %q, %d pages", doc.SkipReason, len(doc.Pages))
	}

	// The body reads as one stream: no margin number, header or footer
	// between its words, across lines and pages.
	flat := textnorm.CollapseWhitespace(doc.Text)
	if want := strings.Join(words, " "); !strings.Contains(flat, want) {
		t.Errorf("body not contiguous in the text:\n%s", doc.Text)
	}
	if n := strings.Count(doc.Text, "COMPLAINT FOR DAMAGES"); n != 1 {
		t.Errorf("footer appears %d times, want once (on page 1)", n)
	}
	if !strings.HasPrefix(doc.Pages[0].Text, "Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 1 of 3\n") {
		t.Errorf("page 1 does not start with its stamp: %q", doc.Pages[0].Text[:min(100, len(doc.Pages[0].Text))])
	}
	for _, p := range doc.Pages[1:] {
		if strings.Contains(p.Text, "Case 4:19-cv-07123") {
			t.Errorf("page %d keeps its stamp: %q", p.Number, p.Text)
		}
	}
	var numbered []string
	for _, line := range strings.Split(doc.Text, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] != "28" && strings.Trim(f[0], "0123456789") == "" {
			numbered = append(numbered, line)
		}
	}
	if len(numbered) > 0 {
		t.Errorf("%d lines start with a number, such as %q", len(numbered), numbered[0])
	}

	// The metadata the stamp and the caption give are still read.
	if doc.ECF == nil || doc.ECF.DocumentNumber != "1" || doc.ECF.Page != 1 {
		t.Errorf("ECF %+v", doc.ECF)
	}
	if len(doc.CaseNumbers) == 0 || doc.CaseNumbers[0].Canonical != "19-cv-07123" {
		t.Errorf("case numbers %+v", doc.CaseNumbers)
	}
	if doc.Court == nil || doc.Court.ID != "cand" {
		t.Errorf("court %+v", doc.Court)
	}
}
