package extract

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"dossier/corpus"
	"dossier/corpus/files"
	"dossier/corpus/legal"
	"dossier/corpus/ocr"
	"dossier/corpus/synth"
)

func TestClassify(t *testing.T) {
	opinion := "IN THE UNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\n\nWHATSAPP INC., Plaintiff-Appellee,\nv.\nNSO GROUP TECHNOLOGIES LIMITED, Defendant-Appellant.\n\nNo. 20-16408\n\nOPINION\n\nThe court holds that ..."
	order := "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\n\nHARBOR LIGHT v. DOE\n\nCase No. 4:24-cv-01234-PJH\n\nORDER GRANTING MOTION TO DISMISS"
	docket := "CLOSED\n\nU.S. District Court\nSouthern District of Florida (Miami)\nCIVIL DOCKET FOR CASE #: 1:17-cv-24214-XXXX\n\nAssigned to: Judge X"
	news := "Supreme Court rules on wombats\n\nThe Supreme Court of the United States ruled on Monday in No. 22-451 that wombats ..."
	newsCaseFirst := "Wombat ruling\n\nNo. 22-451 was argued in the Supreme Court on Monday."
	masthead := "Wombats win in court\nBy Jane Q. Doe, Reuters\nhttps://www.example.com/news/wombats\n\nA federal judge in Oakland ruled for the wombats."
	own := []legal.CaseNumber{{Canonical: "19-cv-07123", Role: legal.RoleDocket}}
	cited := []legal.CaseNumber{{Canonical: "19-cv-07123", Role: legal.RoleCited}}
	cases := []struct {
		name string
		doc  corpus.Document
		want corpus.Kind
	}{
		{"html opinion", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: opinion}, corpus.KindFiling},
		{"html order", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: order}, corpus.KindFiling},
		{"html docket", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: docket}, corpus.KindFiling},
		{"html opinion with a byline stays an article", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: opinion, Author: "Jane Doe"}, corpus.KindArticle},
		{"html news naming a court", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: news}, corpus.KindArticle},
		{"html news opening with a number", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: newsCaseFirst}, corpus.KindArticle},
		{"html court line alone", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: "UNITED STATES DISTRICT COURT\n\nThe court is closed on Monday."}, corpus.KindArticle},
		{"html case number alone", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: "Case No. 4:24-cv-01234\n\nThe parties settled."}, corpus.KindArticle},
		{"html court and number past the head", corpus.Document{ContentType: corpus.ContentTypeHTML, Text: strings.Repeat("line\n", headLines) + order}, corpus.KindArticle},
		{"pdf news", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead}, corpus.KindArticle},
		{"pdf news with a court", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead, Court: &legal.Court{ID: "cand"}}, corpus.KindFiling},
		{"pdf news with an ECF stamp", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead, ECF: &legal.ECFStamp{}}, corpus.KindFiling},
		{"pdf news with its own case number", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead, CaseNumbers: own}, corpus.KindFiling},
		{"pdf news citing a case", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead, CaseNumbers: cited}, corpus.KindArticle},
		{"pdf news with a caption", corpus.Document{ContentType: corpus.ContentTypePDF, Text: masthead, Caption: "A v. B"}, corpus.KindFiling},
		{"pdf byline without a site", corpus.Document{ContentType: corpus.ContentTypePDF, Text: "Wombats win\nBy Jane Doe\n\nA judge ruled."}, corpus.KindFiling},
		{"pdf site without a byline", corpus.Document{ContentType: corpus.ContentTypePDF, Text: "Wombats win\nhttps://www.example.com/w\n\nA judge ruled."}, corpus.KindFiling},
		{"pdf signed by the court", corpus.Document{ContentType: corpus.ContentTypePDF, Text: "IT IS SO ORDERED.\nBY THE COURT\n© 2024 Clerk"}, corpus.KindFiling},
		{"pdf empty", corpus.Document{ContentType: corpus.ContentTypePDF}, corpus.KindFiling},
		{"html empty", corpus.Document{ContentType: corpus.ContentTypeHTML}, corpus.KindArticle},
		{"unknown", corpus.Document{}, ""},
	}
	for _, c := range cases {
		if got := classify(&c.doc); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCourtAndCaseLines(t *testing.T) {
	courts := map[string]bool{
		"UNITED STATES DISTRICT COURT":                    true,
		"U.S. Bankruptcy Court":                           true,
		"U. S. District Court [LIVE]":                     true,
		"IN THE SUPREME COURT OF THE STATE OF CALIFORNIA": true,
		"Court of Appeals for the Ninth Circuit":          true,
		"Supreme Court of Texas":                          true,
		"In the United States Court of Federal Claims":    true,
		"SUPREME COURT OF THE UNITED STATES":              true,
		"Supreme Court":                                   false,
		"Supreme Court rules on wombats":                  false,
		"Supreme Court of the United States hears a long argument about wombats and many other things today": false,
		"COURT":                                 false,
		"Lower Ct: Court of Appeals of Georgia": false,
		"NORTHERN DISTRICT OF CALIFORNIA":       false,
	}
	for line, want := range courts {
		if got := courtLine(line); got != want {
			t.Errorf("courtLine(%q) = %v, want %v", line, got, want)
		}
	}
	numbers := map[string]bool{
		"Case No. 4:24-cv-01234-PJH":                                   true,
		"No. 20-16408":                                                 true,
		"Case Number: 4:20-cv-00065-ERE":                               true,
		"Adversary Proceeding #: 2:09-ap-00844-SSC":                    true,
		"CIVIL DOCKET FOR CASE #: 1:17-cv-24214-XXXX":                  true,
		"Civil Action No. 1:21-cv-06000":                               true,
		"No. 22-451 was argued on Monday.":                             true,
		"Notice of 4:24-cv-01234":                                      false,
		"Case 4:19-cv-07123-PJH Document 1 Filed 10/29/19 Page 1 of 3": false,
		"No wombats were harmed.":                                      false,
		"4:24-cv-01234":                                                false,
	}
	for line, want := range numbers {
		if got := caseLine(line); got != want {
			t.Errorf("caseLine(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestClassifyExtracted(t *testing.T) {
	ex := newTestExtractor(t)
	ctx := context.Background()

	opinion := []byte(`<!DOCTYPE html><html><head><title>Harbor Light v. Doe - Order</title></head><body><main>
<p>UNITED STATES DISTRICT COURT</p><p>NORTHERN DISTRICT OF CALIFORNIA</p>
<p>HARBOR LIGHT SYSTEMS, INC., Plaintiff, v. JOHN DOE, Defendant.</p>
<p>Case No. 4:24-cv-01234-PJH</p>
<p>ORDER GRANTING IN PART AND DENYING IN PART MOTION TO DISMISS</p>
<p>Before the court is defendant's motion to dismiss the complaint. Having read the papers and heard the argument of counsel, the court rules as follows. The motion is granted in part and denied in part, for the reasons given below, which the court sets out at some length so that the parties understand them.</p>
<p>IT IS SO ORDERED.</p><p>Dated: September 12, 2024</p><p>PHYLLIS J. HAMILTON, United States District Judge</p>
</main></body></html>`)
	d := ex.Extract(ctx, "order.html", opinion, "")
	if d.Skipped() || d.Kind != corpus.KindFiling || d.ContentType != corpus.ContentTypeHTML {
		t.Fatalf("html order: kind %q type %q skip %q", d.Kind, d.ContentType, d.SkipReason)
	}
	if d.Court == nil || d.Court.ID != "cand" || !hasOwnCase(d.CaseNumbers) || d.DocType != legal.DocOrder || d.Caption == "" {
		t.Errorf("html order metadata: court %+v cases %+v type %q caption %q", d.Court, d.CaseNumbers, d.DocType, d.Caption)
	}
	if !strings.HasPrefix(d.Title, "ORDER GRANTING") {
		t.Errorf("html order title %q", d.Title)
	}

	// The sample's news pages stay articles.
	for _, name := range []string{"harbor-light-ruling.html", "nightjar-appeal.html", "delgado-whitfield-sentencing.html", "spionage-klage.html"} {
		d := ex.ExtractFile(ctx, filepath.Join("..", "testdata", "sample", "news", name))
		if d.Kind != corpus.KindArticle || d.DocType != legal.DocArticle {
			t.Errorf("%s: kind %q doc type %q", name, d.Kind, d.DocType)
		}
	}

	d = ex.Extract(ctx, "news.pdf", newsPDF(t, "over burrows, in a ruling that lawyers called a"), "")
	if d.Skipped() || d.Kind != corpus.KindArticle || d.DocType != legal.DocArticle {
		t.Fatalf("pdf news: kind %q doc type %q skip %q\n%s", d.Kind, d.DocType, d.SkipReason, d.Text)
	}
	if d.Author != "Jane Q. Doe" || d.Title != "Wombats win their day in court" || d.ECF != nil || d.Caption != "" {
		t.Errorf("pdf news: author %q title %q ecf %+v caption %q", d.Author, d.Title, d.ECF, d.Caption)
	}
	// Conservative: a case number in the first lines reads as the
	// document's own, and a PDF with one stays a filing.
	d = ex.Extract(ctx, "news.pdf", newsPDF(t, "over burrows, in a ruling in case No. 4:24-cv-01234 that lawyers called a"), "")
	if d.Kind != corpus.KindFiling {
		t.Errorf("pdf news with a case number: kind %q", d.Kind)
	}
}

// newsPDF returns a one-page news article printed from a web page: a
// headline, a byline, the page's URL and a body whose second line is
// second.
func newsPDF(t *testing.T, second string) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "Letter", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 8)
	p.Text(40, 30, "https://www.example-news.com/2024/09/13/wombats")
	p.SetFont("Helvetica", "B", 18)
	p.Text(72, 80, "Wombats win their day in court")
	p.SetFont("Helvetica", "", 11)
	p.Text(72, 110, "By Jane Q. Doe")
	for i, line := range []string{
		"A federal judge in Oakland on Thursday sided with the wombats in a dispute",
		second,
		"landmark for marsupials and their neighbours across the state of California.",
	} {
		p.Text(72, 140+float64(i)*16, line)
	}
	var out bytes.Buffer
	if err := p.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestClassifyShared checks the classification against the shared
// corpus: no filing PDF becomes an article, no news page a filing. OCR is
// off (scanned filings then have no text, and stay filings by default).
func TestClassifyShared(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts about 1,800 files")
	}
	shared := synth.SharedDir()
	if shared == "" {
		t.Skip("shared corpus not found: set DOSSIER_SHARED or put it at ../shared")
	}
	ex, err := New(Options{OCR: ocr.Options{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []struct {
		dir  string
		want corpus.Kind
	}{
		{filepath.Join("corpus", "filings"), corpus.KindFiling},
		{filepath.Join("corpus", "articles"), corpus.KindArticle},
	} {
		n := 0
		err := files.Walk(context.Background(), []string{filepath.Join(shared, set.dir)}, func(path string, _ fs.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if ct, _, err := files.SniffFile(path); err != nil || ct == "" {
				return err
			}
			n++
			if d := ex.ExtractFile(context.Background(), path); !d.Skipped() && d.Kind != set.want {
				t.Errorf("%s: kind %q, want %q", path, d.Kind, set.want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%s: no PDF or HTML files", set.dir)
		}
		t.Logf("%s: %d files", set.dir, n)
	}
}
