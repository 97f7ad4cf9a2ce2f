package legal

import (
	"strings"
	"testing"
)

// benchText builds about 50 KB of filing-like text: an order with caption,
// stamp, citations and signature, followed by pleading-style prose with
// line numbers and an article paragraph, repeated.
func benchText() string {
	var b strings.Builder
	b.WriteString(sampleOrder)
	para := "The Court has considered the parties' briefs and the record. Plaintiff relies on WhatsApp Inc. v. NSO Group " +
		"Techs. Ltd., No. 4:19-cv-07123-PJH (N.D. Cal. 2020), and on No. 20-16408 (9th Cir. 2021). Defendant responds that " +
		"the motion, filed 03/14/2024, is untimely; counsel may be reached at (212) 450-4000 or 415-555-1234, 94115-1141. " +
		"U.S. District Judge Phyllis Hamilton and Magistrate Judge Sallie Kim have both addressed the point.\n"
	for i := 1; b.Len() < 50<<10; i++ {
		b.WriteString(itoaSmall(i%28 + 1))
		b.WriteString("\n")
		b.WriteString(para)
		if i%20 == 0 {
			b.WriteString("Case 3:24-cv-01234-RMS Document 45 Filed 09/12/24 Page 2 of 4\n")
		}
	}
	return b.String()
}

func itoaSmall(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Analyze(text)
	}
}

func TestBenchTextSize(t *testing.T) {
	if n := len(benchText()); n < 50<<10 || n > 52<<10 {
		t.Errorf("bench text is %d bytes, want about 50 KB", n)
	}
}

func BenchmarkFindCaption(b *testing.B) {
	page := strings.Repeat("7 NIBI, INC., Case No. 24-cv-06184-EKL\nPlaintiff,\nORDER TO SUPPLEMENT\nv.\n10 JOHN DOE,\nDefendant.\n", 20)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		FindCaption(page)
	}
}

func BenchmarkClassifyDocType(b *testing.B) {
	page := strings.Repeat("Case 4:19-cv-07123-PJH Document 741-49 Filed 05/16/25 Page 1 of 2\nEXHIBIT A\n", 40)
	for b.Loop() {
		ClassifyDocType("DEFENDANTS’ NOTICE OF MOTION AND MOTION TO DISMISS PLAINTIFFS’ COMPLAINT", page)
	}
}
