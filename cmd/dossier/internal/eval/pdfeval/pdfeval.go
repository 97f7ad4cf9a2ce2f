package pdfeval

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/files"
	"dossier/corpus/textnorm"
)

// Record is one line of the --report JSONL file: how the full PDF path
// (corpus/extract) did on one file against pdftotext.
type Record struct {
	Path string `json:"path"`
	// Outcome is "ok", "skipped" (the file has a skip reason), "no_text"
	// (neither side has words), or "ref_error" (pdftotext failed).
	Outcome    string `json:"outcome"`
	SkipReason string `json:"skip_reason,omitempty"`
	Pages      int    `json:"pages"`
	// RefWords and OwnWords are the token counts (see Words).
	RefWords int `json:"ref_words"`
	OwnWords int `json:"own_words"`
	// Recall is the share of pdftotext's tokens that we find (multiset);
	// Precision the share of ours that pdftotext finds. -1 when undefined.
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// Millis is our extraction time, RefMillis pdftotext's (milliseconds).
	Millis    float64 `json:"ms"`
	RefMillis float64 `json:"ref_ms"`
	// ExtractedBy counts pages per extractor.
	ExtractedBy map[string]int `json:"extracted_by"`
	OCRPages    int            `json:"ocr_pages"`
	// ECF is true when an ECF stamp was found.
	ECF bool `json:"ecf"`
	// Court is true when page 1 contains the word "court" (a sign that a
	// caption was read).
	Court bool `json:"court_p1"`
	// Class is the file's class in a MANIFEST.pdf.tsv beside it ("text",
	// "image_or_little_text", ...), or "".
	Class    string   `json:"class,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	RefError string   `json:"ref_error,omitempty"`
}

// MinTextWords is the number of pdftotext tokens per page below which a
// file counts as image-only (no usable text layer) in the summary.
const MinTextWords = 10

// FindPDFs lists the files under dirs (or the files given) whose content
// is a PDF, sorted, at most limit of them (0: all), and the class each
// has in a MANIFEST.pdf.tsv found on the way (path and class columns).
// Files are found by files.Walk (hidden names skipped, links not
// followed) and sniffed by files.SniffFile; a gzip-compressed PDF is
// left out (pdftotext, the reference, cannot read it), and so is a path
// containing one of skips. The first file or folder that cannot be read
// stops the search with its error.
func FindPDFs(dirs, skips []string, limit int) ([]string, map[string]string, error) {
	var out []string
	classes := map[string]string{}
	err := files.Walk(context.Background(), dirs, func(p string, _ fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if filepath.Base(p) == "MANIFEST.pdf.tsv" {
			readManifest(p, classes)
			return nil
		}
		for _, s := range skips {
			if strings.Contains(p, s) {
				return nil
			}
		}
		if isPDFFile(p) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("eval pdf: %w", err)
	}
	slices.Sort(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, classes, nil
}

// readManifest adds the classes of a MANIFEST.pdf.tsv (columns "path" and
// "class", paths relative to its folder) to classes; a file it cannot read
// adds nothing.
func readManifest(path string, classes map[string]string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) == 0 {
		return
	}
	pathCol, classCol := -1, -1
	for i, h := range strings.Split(lines[0], "\t") {
		switch h {
		case "path":
			pathCol = i
		case "class":
			classCol = i
		}
	}
	if pathCol < 0 || classCol < 0 {
		return
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) > max(pathCol, classCol) {
			classes[filepath.Join(filepath.Dir(path), f[pathCol])] = f[classCol]
		}
	}
}

// isPDFFile reports whether path is an uncompressed PDF (see FindPDFs).
func isPDFFile(path string) bool {
	ct, gzipped, err := files.SniffFile(path)
	return err == nil && ct == corpus.ContentTypePDF && !gzipped
}

// refLimit bounds the pdftotext output read (bytes).
const refLimit = 256 << 20

// EvalFile extracts path with ex and with pdftotext and compares them.
func EvalFile(ctx context.Context, ex *extract.Extractor, pdftotext, path string) Record {
	rec := Record{Path: path, Recall: -1, Precision: -1, ExtractedBy: map[string]int{}}
	start := time.Now()
	doc := ex.ExtractFile(ctx, path)
	rec.Millis = ms(time.Since(start))
	rec.Pages = doc.PageCount
	rec.Warnings = doc.Warnings
	rec.ECF = doc.ECF != nil
	rec.Court = len(doc.Pages) > 0 && strings.Contains(strings.ToLower(doc.Pages[0].Text), "court")
	for _, p := range doc.Pages {
		if p.ExtractedBy != "" {
			rec.ExtractedBy[p.ExtractedBy]++
		}
		if p.OCR {
			rec.OCRPages++
		}
	}

	rctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(rctx, pdftotext, "-enc", "UTF-8", path, "-")
	cmd.Stdout = &limitedBuffer{buf: &out, left: refLimit}
	start = time.Now()
	err := cmd.Run()
	rec.RefMillis = ms(time.Since(start))
	if doc.Skipped() {
		rec.Outcome, rec.SkipReason = "skipped", doc.SkipReason
		if err == nil {
			rec.RefWords = total(Words(out.String()))
		}
		return rec
	}
	if err != nil {
		rec.Outcome, rec.RefError = "ref_error", err.Error()
		rec.OwnWords = total(Words(doc.Text))
		return rec
	}
	ref, own := Words(out.String()), Words(doc.Text)
	rec.RefWords, rec.OwnWords = total(ref), total(own)
	if rec.RefWords == 0 && rec.OwnWords == 0 {
		rec.Outcome = "no_text"
		return rec
	}
	rec.Outcome = "ok"
	hit := 0
	for w, n := range ref {
		hit += min(n, own[w])
	}
	if rec.RefWords > 0 {
		rec.Recall = float64(hit) / float64(rec.RefWords)
	}
	if rec.OwnWords > 0 {
		rec.Precision = float64(hit) / float64(rec.OwnWords)
	}
	return rec
}

// Words tokenises text for the comparison, the same way on both sides:
// textnorm.Normalize (NFKC, ligatures expanded, line-end hyphens joined,
// whitespace collapsed), lower case, then every maximal run of Unicode
// letters and digits is one token; everything else (punctuation, symbols,
// spaces) separates tokens. Tokens are counted as a multiset, so a word
// found twice by pdftotext must be found twice by us.
func Words(s string) map[string]int {
	s = strings.ToLower(textnorm.Normalize(s))
	counts := make(map[string]int)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		counts[w]++
	}
	return counts
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// limitedBuffer keeps the first left bytes written and drops the rest.
type limitedBuffer struct {
	mu   sync.Mutex
	buf  *bytes.Buffer
	left int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := min(len(p), l.left)
	l.buf.Write(p[:n])
	l.left -= n
	return len(p), nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// WriteSummary prints the medians over text-layer files, the worst
// files by recall, the image-only files' OCR outcome, and throughput.
func WriteSummary(w io.Writer, recs []Record, worst int) {
	var t tally
	for _, r := range recs {
		t.add(r)
	}
	fmt.Fprintf(w, "files: %d  outcomes: %v\n", len(recs), t.outcomes)
	fmt.Fprintf(w, "pages by extractor: %v  (OCR pages: %d)\n", t.extractors, t.ocrPages)
	fmt.Fprintf(w, "files with text: dossier %d, pdftotext %d, both %d\n", t.ownText, t.refText, t.bothText)
	fmt.Fprintf(w, "text-layer files (MANIFEST class text, else pdftotext >= %d words/page): %d\n", MinTextWords, len(t.textRecs))
	fmt.Fprintf(w, "  median recall %.4f  median precision %.4f  files below 0.90 recall: %d\n",
		median(t.recalls), median(t.precisions), t.below90)
	fmt.Fprintf(w, "little or no text layer: %d files, %d with OCR text, %d with an ECF stamp found, %d with \"court\" on page 1\n",
		t.imageOnly, t.imageWithText, t.imageECF, t.imageCourt)
	if t.pages > 0 && t.ourMS > 0 && t.refMS > 0 {
		fmt.Fprintf(w, "throughput (files without OCR pages, one at a time; with OCR on, rejected OCR attempts still count, so use --no-ocr): dossier %.1f pages/s (%.1f s), pdftotext %.1f pages/s (%.1f s), %d pages\n",
			float64(t.pages)/(t.ourMS/1000), t.ourMS/1000, float64(t.pages)/(t.refMS/1000), t.refMS/1000, t.pages)
	}
	textRecs := t.textRecs
	slices.SortStableFunc(textRecs, func(a, b Record) int {
		switch {
		case a.Recall < b.Recall:
			return -1
		case a.Recall > b.Recall:
			return 1
		}
		return 0
	})
	if worst > 0 && len(textRecs) > 0 {
		fmt.Fprintf(w, "worst %d by recall:\n", min(worst, len(textRecs)))
		for _, r := range textRecs[:min(worst, len(textRecs))] {
			fmt.Fprintf(w, "  R=%.3f P=%.3f pages=%d by=%v %s\n", r.Recall, r.Precision, r.Pages, r.ExtractedBy, r.Path)
		}
	}
	var skipped []Record
	for _, r := range recs {
		if r.Outcome == "skipped" {
			skipped = append(skipped, r)
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(w, "skipped (%d):\n", len(skipped))
		for _, r := range skipped[:min(len(skipped), 20)] {
			fmt.Fprintf(w, "  %s: %s (pdftotext words: %d)\n", r.Path, r.SkipReason, r.RefWords)
		}
	}
}

// tally accumulates the Records WriteSummary summarises.
type tally struct {
	recalls, precisions                            []float64
	textRecs                                       []Record
	outcomes, extractors                           map[string]int
	imageOnly, imageWithText, imageECF, imageCourt int
	below90                                        int
	ourMS, refMS                                   float64
	ownText, refText, bothText                     int
	pages, ocrPages                                int
}

// add counts r.
func (t *tally) add(r Record) {
	if t.outcomes == nil {
		t.outcomes, t.extractors = map[string]int{}, map[string]int{}
	}
	t.outcomes[r.Outcome]++
	for k, v := range r.ExtractedBy {
		t.extractors[k] += v
	}
	t.ocrPages += r.OCRPages
	if r.OwnWords > 0 {
		t.ownText++
	}
	if r.RefWords > 0 {
		t.refText++
		if r.OwnWords > 0 {
			t.bothText++
		}
	}
	if r.Outcome == "ok" && r.OCRPages == 0 {
		// Throughput counts files both sides read, without OCR.
		t.ourMS += r.Millis
		t.refMS += r.RefMillis
		t.pages += r.Pages
	}
	textLayer := r.Class == "text" || r.Class == "" && r.RefWords >= MinTextWords*max(r.Pages, 1)
	switch {
	case r.Class == "image_or_little_text" || r.Class == "" && (r.Outcome == "ok" || r.Outcome == "no_text") && !textLayer:
		t.imageOnly++
		if r.OCRPages > 0 {
			t.imageWithText++
		}
		if r.ECF {
			t.imageECF++
		}
		if r.Court {
			t.imageCourt++
		}
	case r.Outcome == "ok" && textLayer:
		t.textRecs = append(t.textRecs, r)
		t.recalls = append(t.recalls, r.Recall)
		t.precisions = append(t.precisions, max(r.Precision, 0))
		if r.Recall < 0.90 {
			t.below90++
		}
	}
}
