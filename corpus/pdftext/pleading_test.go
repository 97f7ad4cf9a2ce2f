package pdftext

import (
	"fmt"
	"strings"
	"testing"
)

// pleading returns a page of pleading paper as the layout builder reads
// it: the stamp, the margin numbers 1..28 leading the body lines (or
// alone, on lines without text), then the footer. body[i] is the text on
// line i+1.
func pleading(page int, body []string, footer ...string) string {
	lines := []string{fmt.Sprintf("Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page %d of 3", page)}
	for i := range 28 {
		if i < len(body) && body[i] != "" {
			lines = append(lines, fmt.Sprintf("%d %s", i+1, body[i]))
		} else {
			lines = append(lines, fmt.Sprint(i+1))
		}
	}
	return strings.Join(append(lines, footer...), "\n")
}

func TestStripLineNumbers(t *testing.T) {
	body := []string{"1. Plaintiff WhatsApp brings this action", "against NSO for 3 reasons", "", "2 plus 2 is four"}
	tests := []struct {
		name  string
		pages []string
		// want holds each page's text after stripping; nil: unchanged.
		want []string
	}{
		{
			name:  "layout builder: numbers lead the lines or stand alone",
			pages: []string{pleading(1, body, "COMPLAINT"), pleading(2, body, "COMPLAINT")},
			want: []string{
				"Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 1 of 3\n1. Plaintiff WhatsApp brings this action\nagainst NSO for 3 reasons\n2 plus 2 is four\nCOMPLAINT",
				"Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 2 of 3\n1. Plaintiff WhatsApp brings this action\nagainst NSO for 3 reasons\n2 plus 2 is four\nCOMPLAINT",
			},
		},
		{
			name:  "pdftotext raw order: numbers on their own lines, out of step with the text",
			pages: []string{"Case 5:24-cv-06184-EKL\nPlaintiff Nibi submits this statement\n" + numbers(1, 2) + "\norder for All Judges\n" + numbers(3, 28) + "\n2"},
			want:  []string{"Case 5:24-cv-06184-EKL\nPlaintiff Nibi submits this statement\norder for All Judges\n2"},
		},
		{
			name:  "OCR: one number lost, one drawn twice",
			pages: []string{"Header\n1 the first line\n2 the second\n4 the fourth\n" + strings.Replace(numbers(5, 28), "10", "10 10", 1)},
			want:  []string{"Header\nthe first line\nthe second\nthe fourth"},
		},
		{
			name:  "one-digit numbers lost by the extractor: a run from 10 to 28 still counts",
			pages: []string{"Header\nbody one\n" + strings.ReplaceAll(numbers(10, 28), "\n", " text\n")},
			want:  []string{"Header\nbody one\n" + strings.TrimSuffix(strings.Repeat("text\n", 18), "\n")},
		},
		{
			name:  "transcript: the page number 1 above the margin's 1 stays",
			pages: []string{"Case 2:19-cv-01848-GW-SS Document 66 Filed 03/10/21 Page 1 of 8\n1\n1 UNITED STATES DISTRICT COURT\n2 CENTRAL DISTRICT\n" + numbers(3, 25) + "\nUNITED STATES DISTRICT COURT"},
			want:  []string{"Case 2:19-cv-01848-GW-SS Document 66 Filed 03/10/21 Page 1 of 8\n1\nUNITED STATES DISTRICT COURT\nCENTRAL DISTRICT\nUNITED STATES DISTRICT COURT"},
		},
		{
			name:  "a numbered list of 12 items is no margin",
			pages: []string{"Exhibit list\n" + strings.ReplaceAll(numbers(1, 12), "\n", " Exhibit\n") + " Exhibit", "second page", "third page"},
		},
		{
			name: "numbered table rows that run on across pages are no margin",
			pages: []string{
				strings.ReplaceAll(numbers(1, 30), "\n", " $100\n"),
				strings.ReplaceAll(numbers(31, 60), "\n", " $100\n"),
				strings.ReplaceAll(numbers(61, 90), "\n", " $100\n"),
			},
		},
		{
			name:  "a run that starts high and ends low is no margin",
			pages: []string{strings.ReplaceAll(numbers(5, 16), "\n", " item\n") + " item"},
		},
		{
			name:  "margin numbers that go on into the footer, to 33",
			pages: []string{"Header\n" + strings.ReplaceAll(numbers(1, 28), "\n", " text\n") + "\n1\n30 SHORT TITLE\n31 Case No. 8:15-cv-01228\n32\n33"},
			want:  []string{"Header\n" + strings.Repeat("text\n", 27) + "1\nSHORT TITLE\nCase No. 8:15-cv-01228"},
		},
		{
			name:  "a table of 40 numbered rows on one page is no margin",
			pages: []string{"Privilege log\n" + strings.ReplaceAll(numbers(1, 40), "\n", " email\n") + " email"},
		},
		{
			name:  "a table whose numbering goes on to the next page is no margin",
			pages: []string{"Privilege log\n" + strings.ReplaceAll(numbers(1, 25), "\n", " email\n") + " email", "26 email\n27 email"},
		},
		{
			name:  "numbers with punctuation never count",
			pages: []string{strings.ReplaceAll(numbers(1, 28), "\n", ". para\n") + ". para"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]string(nil), tt.pages...)
			got, frames, n := StripLineNumbers(tt.pages)
			for i := range tt.pages {
				if tt.pages[i] != in[i] {
					t.Fatalf("input page %d modified", i+1)
				}
			}
			if tt.want == nil {
				if n != 0 {
					t.Errorf("changed %d pages, want none:\n%s", n, strings.Join(got, "\n\f\n"))
				}
				for i := range got {
					if got[i] != tt.pages[i] || frames[i] != noFrame {
						t.Errorf("page %d changed: %q (frame %+v)", i+1, got[i], frames[i])
					}
				}
				return
			}
			for i := range tt.want {
				if g := dropBlankLines(got[i]); g != tt.want[i] {
					t.Errorf("page %d:\n got %q\nwant %q", i+1, g, tt.want[i])
				}
			}
		})
	}
}

// numbers returns the lines "from" to "to", one number a line.
func numbers(from, to int) string {
	var b []string
	for i := from; i <= to; i++ {
		b = append(b, fmt.Sprint(i))
	}
	return strings.Join(b, "\n")
}

func dropBlankLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestStripLineNumbersFrames(t *testing.T) {
	page := "Case 1:20-cv-00001 Document 5 Filed 01/02/20 Page 2 of 9\n" + numbers(1, 27) + "\n28 SHORT TITLE\n2\nACTIVE 123v1"
	_, frames, _ := StripLineNumbers([]string{page})
	// Above line 1: the stamp. From line 28 on: its text, the page
	// number and the firm's document number.
	if want := (Frame{Head: 1, Foot: 3}); frames[0] != want {
		t.Errorf("frame %+v, want %+v", frames[0], want)
	}
}

func TestMoveRunningLines(t *testing.T) {
	stamp := func(p int) string {
		return fmt.Sprintf("Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page %d of 4", p)
	}
	tests := []struct {
		name  string
		pages []string
		want  []string // nil: unchanged
	}{
		{
			name: "stamp, short title and page number",
			pages: []string{
				stamp(1) + "\nIN THE UNITED STATES DISTRICT COURT\ncaption\nthe motion is\n1\nMOTION TO DISMISS",
				stamp(2) + "\ngranted because the\nreasons given\n2\nMOTION TO DISMISS",
				stamp(3) + "\ncomplaint fails\nto state a claim\n3\nMOTION TO DISMISS",
				stamp(4) + "\nDated: today\n4\nMOTION TO DISMISS",
			},
			want: []string{
				stamp(1) + "\nMOTION TO DISMISS\nIN THE UNITED STATES DISTRICT COURT\ncaption\nthe motion is",
				"granted because the\nreasons given",
				"complaint fails\nto state a claim",
				"Dated: today",
			},
		},
		{
			name: "a footer missing from page 1 stays once, at the end of the last page that has it",
			pages: []string{
				stamp(1) + "\ncaption\nfirst body line",
				stamp(2) + "\nsecond\nbody two\nSHORT TITLE",
				stamp(3) + "\nthird\nbody three\nSHORT TITLE",
				stamp(4) + "\nfourth\nbody four\nSHORT TITLE",
			},
			want: []string{
				stamp(1) + "\ncaption\nfirst body line",
				"second\nbody two",
				"third\nbody three",
				"fourth\nbody four\nSHORT TITLE",
			},
		},
		{
			name: "numbered paragraphs with the same wording at page tops stay",
			pages: []string{
				"heading\n5. Attached hereto as Exhibit 4 is a copy\nbody a\nbody b\nbody c\nbody d\nbody e",
				"6. Attached hereto as Exhibit 5 is a copy\nbody f\nbody g\nbody h\nbody i\nbody j",
				"8. Attached hereto as Exhibit 7 is a copy\nbody k\nbody l\nbody m\nbody n\nbody o",
			},
		},
		{
			name: "a line at the top of one page and the bottom of another does not run",
			pages: []string{
				"Nancy G. Ross\nbody a\nbody b\nbody c\nbody d\nbody e\nbody f\nbody g\nbody h",
				"body i\nbody j\nbody k\nbody l\nbody m\nbody n\nbody o\nbody p\nNancy G. Ross",
			},
		},
		{
			name: "exhibit slip sheets numbered with the page stay",
			pages: []string{
				stamp(1) + "\nEXHIBIT 111",
				stamp(2) + "\nEXHIBIT 112",
				stamp(3) + "\nEXHIBIT 113",
				stamp(4) + "\nEXHIBIT 114",
			},
			want: []string{stamp(1) + "\nEXHIBIT 111", "EXHIBIT 112", "EXHIBIT 113", "EXHIBIT 114"},
		},
		{
			name:  "one page: nothing to compare",
			pages: []string{stamp(1) + "\nbody\n1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := MoveRunningLines(tt.pages, nil)
			want := tt.want
			if want == nil {
				want = tt.pages
				if n != 0 {
					t.Errorf("changed %d lines, want none", n)
				}
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("page %d:\n got %q\nwant %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

func TestMoveRunningLinesFramedFooter(t *testing.T) {
	// On pleading paper the frame leaves only the stamp and the footer
	// as edge lines: few, but the page is not a slip sheet.
	var pages []string
	var frames []Frame
	for p := 1; p <= 4; p++ {
		pages = append(pages, fmt.Sprintf("Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page %d of 4\nbody %c one\nbody %c two\nbody %c three\nMOTION %d\nCASE NO. 4:19-cv-07123", p, 'a'+p, 'a'+p, 'a'+p, p))
		frames = append(frames, Frame{Head: 1, Foot: 2})
	}
	got, _ := MoveRunningLines(pages, frames)
	if want := "body c one\nbody c two\nbody c three"; got[1] != want {
		t.Errorf("page 2 %q, want %q", got[1], want)
	}
}

func TestMoveRunningLinesFrames(t *testing.T) {
	// In a short document a name in the counsel block (page 1, line 1 of
	// the margin) and in the signature block (page 2, below line 1)
	// matches at the top of both pages; the frames keep it in the body.
	pages := []string{
		"Case 2:16-cv-06794-AB-JC Document 196 Filed 05/10/19 Page 1 of 2\nNancy G. Ross\nBrian D. Netter\ncaption",
		"Case 2:16-cv-06794-AB-JC Document 196 Filed 05/10/19 Page 2 of 2\nDated: May 10, 2019\nNancy G. Ross\nBrian D. Netter",
	}
	frames := []Frame{{Head: 2, Foot: 0}, {Head: 1, Foot: 0}}
	got, _ := MoveRunningLines(pages, frames)
	if want := "Dated: May 10, 2019\nNancy G. Ross\nBrian D. Netter"; got[1] != want {
		t.Errorf("page 2 %q, want %q", got[1], want)
	}
	if got[0] != pages[0] {
		t.Errorf("page 1 %q", got[0])
	}
}

func BenchmarkStripLineNumbers(b *testing.B) {
	var pages []string
	for p := range 20 {
		pages = append(pages, pleading(p+1, strings.Fields(strings.Repeat("word ", 28))))
	}
	// A page of a long numbered table: many candidates for one run.
	pages = append(pages, strings.Repeat(numbers(1, 36)+"\n", 500))
	b.ReportAllocs()
	for b.Loop() {
		StripLineNumbers(pages)
	}
}
