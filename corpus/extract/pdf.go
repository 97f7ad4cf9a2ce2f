package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"dossier/corpus"
	"dossier/corpus/ocr"
	"dossier/corpus/pdftext"
	"dossier/corpus/textnorm"
)

// ocrMinLetters is the number of letters (outside the ECF stamp) below
// which a page that shows an image, or has no text at all, is OCR'd.
const ocrMinLetters = 100

// The PDF path, per file:
//
//  1. pdftext.Extract (ledongthuc/pdf, repaired input, layout builder).
//     If it refuses the file, times out or finds no pages, and pdftotext
//     is installed, pdftotext reads the whole file instead, with a
//     warning.
//  2. Each page goes through the quality gate (pdftext.CheckPage). Pages
//     that fail it are read again by pdftotext (one run per stretch of
//     failing pages); the pdftotext text replaces a failing page when it
//     passes the gate, or when the page was empty and pdftotext found
//     text.
//  3. The ECF stamp is moved to the first line of each page, and the text
//     normalised (textnorm), whichever extractor produced it.
//  4. Pages with (almost) no text that show an image, and pages whose text
//     still fails the gate (fonts without a usable encoding, which
//     pdftotext cannot read either), are OCR'd with tesseract when it is
//     installed (see package ocr), up to Options.OCR.MaxPages per file;
//     otherwise a warning says what to install. OCR text replaces a
//     garbage page when it passes the gate, and fills a thin page when it
//     has more letters; a text-layer ECF stamp is kept first.
//  5. On pleading paper, the margin line numbers are removed from every
//     page, whichever extractor read it (pdftext.StripLineNumbers).
//  6. The legal metadata, title, document type and caption are read, and
//     classify decides the kind: a PDF without any mark of a court
//     document that reads like a news article becomes an article, with
//     an article's metadata.
//  7. Running headers and footers (the ECF stamp, short titles, page
//     numbers) are taken out of the flow of the text: each is kept once,
//     at the top of page 1 or the bottom of the last page showing it
//     (pdftext.MoveRunningLines). Step 6 comes first so that it sees them.
func (e *Extractor) extractPDF(ctx context.Context, doc *corpus.Document, data []byte) {
	res, err := pdftext.Extract(ctx, data, e.opts.PDF)
	doc.Warnings = append(doc.Warnings, res.Warnings...)
	bin := e.pdftotextBin()
	raw := res.Pages
	info := res.Info
	by := make([]string, len(raw))
	for i := range by {
		by[i] = corpus.ExtractedByLedongthuc
	}
	// A page tree the library reads as empty is as good as a refusal.
	noPages := err == nil && len(raw) == 0
	if (err != nil || noPages) && bin != "" && ctx.Err() == nil {
		pr, perr := pdftext.Pdftotext(ctx, bin, data, 1, e.opts.PDF.MaxPages, e.opts.PDF.FileTimeout, 0)
		switch {
		case perr != nil && err != nil:
			doc.Warnings = append(doc.Warnings, "pdftotext fallback: "+skipReason(perr))
		case perr != nil || len(pr.Pages) == 0:
			// noPages and pdftotext found none either: an empty document.
		default:
			why := "found no pages"
			if err != nil {
				why = "could not read the file (" + skipReason(err) + ")"
			}
			doc.Warnings = append(doc.Warnings, "PDF library "+why+"; text read by pdftotext")
			err = nil
			raw, info = pr.Pages, make([]pdftext.PageInfo, len(pr.Pages))
			by = make([]string, len(raw))
			for i := range by {
				by[i] = corpus.ExtractedByPdftotext
			}
			res.PageCount = max(res.PageCount, len(raw))
			if pr.Truncated {
				doc.Warnings = append(doc.Warnings, "pdftotext output exceeded its limit; later pages left out")
			}
		}
	}
	if err != nil {
		doc.SkipReason = skipReason(err)
		return
	}
	if bin != "" && len(by) > 0 && by[0] == corpus.ExtractedByLedongthuc {
		e.fallbackPages(ctx, doc, data, bin, raw, info, by)
	}
	doc.PageCount = res.PageCount

	pages := make([]corpus.Page, len(raw))
	garbage := make([]bool, len(raw))
	for i, r := range raw {
		pages[i] = corpus.Page{Number: i + 1, Text: pageText(r), ExtractedBy: by[i]}
		reason := pdftext.CheckPage(r)
		garbage[i] = reason != "" && reason != pdftext.ReasonEmpty
	}
	e.ocrPages(ctx, doc, data, pages, info, garbage)
	stripped, frames, _ := pdftext.StripLineNumbers(pageTexts(pages))
	setPageTexts(pages, stripped)

	counts := map[string]int{}
	for _, p := range pages {
		counts[p.ExtractedBy]++
	}
	doc.Pages = pages
	doc.Text = joinPageTexts(pages)
	doc.ExtractedBy = corpus.ExtractedByLedongthuc
	best := 0
	for _, name := range []string{corpus.ExtractedByLedongthuc, corpus.ExtractedByPdftotext, corpus.ExtractedByTesseract} {
		if counts[name] > best {
			doc.ExtractedBy, best = name, counts[name]
		}
	}
	if strings.TrimSpace(doc.Text) == "" {
		doc.Warnings = append(doc.Warnings, "no text found: the PDF may be scanned")
	}
	applyPDFFilingMetadata(doc, res.Title)
	if doc.Kind = classify(doc); doc.Kind == corpus.KindArticle {
		applyPDFArticleMetadata(doc, res.Title)
	}
	// Running headers and footers go only after the legal metadata, which
	// reads the stamp and the short title on every page, has seen them.
	if moved, n := pdftext.MoveRunningLines(pageTexts(doc.Pages), frames); n > 0 {
		setPageTexts(doc.Pages, moved)
		doc.Text = joinPageTexts(doc.Pages)
	}
	doc.Language = detectEnglish(doc.Text)
}

// pageTexts returns the texts of pages.
func pageTexts(pages []corpus.Page) []string {
	texts := make([]string, len(pages))
	for i, p := range pages {
		texts[i] = p.Text
	}
	return texts
}

// setPageTexts replaces the texts of pages that differ from texts, and
// normalises them (removing lines may leave runs of blank lines).
func setPageTexts(pages []corpus.Page, texts []string) {
	for i, t := range texts {
		if t != pages[i].Text {
			pages[i].Text = textnorm.Normalize(t)
		}
	}
}

// joinPageTexts joins the texts of the pages that have any with blank lines.
func joinPageTexts(pages []corpus.Page) string {
	texts := make([]string, 0, len(pages))
	for _, p := range pages {
		if p.Text != "" {
			texts = append(texts, p.Text)
		}
	}
	return strings.Join(texts, "\n\n")
}

// pageText normalises raw page text and puts its ECF stamp first.
func pageText(raw string) string {
	t := textnorm.Normalize(raw)
	if moved := pdftext.MoveStampFirst(t); moved != t {
		t = textnorm.Normalize(moved)
	}
	return t
}

// pdftotextBin returns the pdftotext program for the fallback, or "" when
// the fallback is off or pdftotext is not installed.
func (e *Extractor) pdftotextBin() string {
	if e.opts.NoPDFFallback {
		return ""
	}
	if e.opts.Pdftotext != "" {
		return e.opts.Pdftotext
	}
	return pdftext.PdftotextPath()
}

// fallbackGap is the number of good pages between two failing ones up to
// which one pdftotext run covers both (each run costs a process start and
// a parse of the file).
const fallbackGap = 3

// fallbackPages re-reads with pdftotext the pages that fail the quality
// gate, and keeps the better text (see extractPDF). Failing pages are read
// in runs: one pdftotext process per stretch of pages with gaps of at most
// fallbackGap.
func (e *Extractor) fallbackPages(ctx context.Context, doc *corpus.Document, data []byte, bin string, raw []string, info []pdftext.PageInfo, by []string) {
	reasons := make([]string, len(raw))
	var failing []int // 1-based
	for i, r := range raw {
		reasons[i] = pdftext.CheckPage(r)
		if reasons[i] != "" {
			failing = append(failing, i+1)
		}
	}
	replaced := map[string]int{}
	for k := 0; k < len(failing); {
		first, last := failing[k], failing[k]
		for k++; k < len(failing) && failing[k]-last <= fallbackGap+1; k++ {
			last = failing[k]
		}
		pr, err := pdftext.Pdftotext(ctx, bin, data, first, last, e.opts.PDF.FileTimeout, 0)
		if err != nil {
			doc.Warnings = append(doc.Warnings, "pdftotext fallback: "+skipReason(err))
			return
		}
		for i := first - 1; i < last && i-(first-1) < len(pr.Pages); i++ {
			if reasons[i] == "" {
				continue
			}
			alt := pr.Pages[i-(first-1)]
			altReason := pdftext.CheckPage(alt)
			use := altReason == ""
			if reasons[i] == pdftext.ReasonEmpty {
				use = altReason != pdftext.ReasonEmpty
			}
			if use {
				raw[i], by[i] = alt, corpus.ExtractedByPdftotext
				replaced[reasons[i]]++
			}
		}
	}
	for reason, n := range replaced {
		if reason == pdftext.ReasonEmpty {
			continue // not a defect worth a warning: the fallback is routine
		}
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("%d page(s) with %s re-read by pdftotext", n, reason))
	}
}

// letters counts the Unicode letters in s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// ocrEngine returns the Extractor's OCR engine, made on first use.
func (e *Extractor) ocrEngine() (*ocr.Engine, error) {
	e.ocrOnce.Do(func() { e.ocr, e.ocrErr = ocr.New(e.opts.OCR) })
	return e.ocr, e.ocrErr
}

// needsOCR reports whether a page's text is too thin to index: fewer than
// ocrMinLetters letters outside its ECF stamp line, and either an image on
// the page (or unknown resources) or no letters at all.
func needsOCR(text string, info pdftext.PageInfo) bool {
	n := letters(pageBody(text))
	return n < ocrMinLetters && (n == 0 || !info.Known || info.Images > 0)
}

// ocrPages OCRs the pages that need it (see needsOCR) and the garbage
// pages, in place.
func (e *Extractor) ocrPages(ctx context.Context, doc *corpus.Document, data []byte, pages []corpus.Page, info []pdftext.PageInfo, garbage []bool) {
	var todo []int
	for i, p := range pages {
		var pi pdftext.PageInfo
		if i < len(info) {
			pi = info[i]
		}
		if garbage[i] || needsOCR(p.Text, pi) {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return
	}
	eng, err := e.ocrEngine()
	if err != nil {
		doc.Warnings = append(doc.Warnings, "OCR: "+err.Error())
		return
	}
	if ok, why := eng.Available(); !ok {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("%d page(s) without a text layer were not OCR'd: %s", len(todo), why))
		return
	}
	if n := eng.MaxPages(); len(todo) > n {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("%d page(s) without a text layer; OCR'd only the first %d", len(todo), n))
		todo = todo[:n]
	}
	type result struct {
		text string
		err  error
	}
	results := make([]result, len(todo))
	var wg sync.WaitGroup
	for j, i := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t, _, err := eng.Page(ctx, data, doc.SHA256, i+1)
			results[j] = result{t, err}
		}()
	}
	wg.Wait()
	failed, stopped := 0, 0
	var firstErr error
	for j, i := range todo {
		r := results[j]
		if r.err != nil && ctx.Err() != nil && errors.Is(r.err, ctx.Err()) {
			stopped++ // the document's time limit ran out before this page
			continue
		}
		if r.err != nil {
			failed++
			if firstErr == nil {
				firstErr = r.err
			}
			continue
		}
		text := textnorm.Normalize(r.text)
		switch {
		case garbage[i]:
			if pdftext.CheckPage(text) != "" {
				continue
			}
			stamp, _, _ := pdftext.LeadingStamp(pages[i].Text)
			pages[i].Text = mergeOCR(stamp, text)
		case letters(text) <= letters(pageBody(pages[i].Text)):
			continue
		default:
			pages[i].Text = mergeOCR(pages[i].Text, text)
		}
		pages[i].OCR = true
		pages[i].ExtractedBy = corpus.ExtractedByTesseract
	}
	if failed > 0 {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("OCR failed on %d page(s): %v", failed, firstErr))
	}
	if stopped > 0 {
		doc.Partial = fmt.Sprintf("extraction reached its time limit during OCR: %d of %d page(s) without a text layer were read, %d have no text; extract it again to finish (OCR'd pages are cached)",
			len(todo)-stopped, len(todo), stopped)
	}
}

// pageBody returns page text without its leading ECF stamp.
func pageBody(text string) string {
	_, rest, _ := pdftext.LeadingStamp(text)
	return rest
}

// mergeOCR combines a page's text layer with its OCR text. When the text
// layer carries the ECF stamp, the exact stamp is kept first and the OCR'd
// lines that repeat it (the stamp is rendered too) are dropped; any other
// text-layer text is kept after the OCR text, so no word is lost.
func mergeOCR(layer, ocrText string) string {
	stamp, rest, _ := pdftext.LeadingStamp(layer)
	if stamp != "" {
		lines := strings.Split(ocrText, "\n")
		for k := 0; k < min(len(lines), 3); k++ {
			l := lines[k]
			if strings.Contains(l, "Case") && (strings.Contains(l, "Filed") || strings.Contains(l, "DktEntry") || strings.Contains(l, "Document")) {
				lines = append(lines[:k:k], lines[k+1:]...)
				break
			}
		}
		ocrText = strings.Join(lines, "\n")
	}
	var parts []string
	for _, s := range []string{stamp, ocrText, strings.TrimSpace(rest)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return textnorm.Normalize(strings.Join(parts, "\n"))
}
