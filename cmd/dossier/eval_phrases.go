package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dossier/cmd/dossier/internal/eval/pdfeval"
	"dossier/corpus/extract"
	"dossier/index"
	"dossier/index/bleve"
)

// Phrase evaluation: does a phrase that a researcher copies out of a
// pleading-paper brief find that brief? The reference text is poppler's
// pdftotext -layout, never dossier's own extraction, cleaned of the margin
// line numbers and of the running header and footer lines by the rules
// below; phrases of 3 to 6 ordinary words are sampled from it, half of
// them crossing a line break, and searched as quoted phrases within their
// own document in an index that dossier's pipeline builds.

// Reference cleaning and sampling limits.
const (
	// phraseMinWords and phraseMaxWords bound a sampled phrase, in words.
	phraseMinWords = 3
	phraseMaxWords = 6
	// refMarginRun is the number of consecutive margin line numbers
	// (1, 2, 3, ...) that makes a reference page pleading paper.
	refMarginRun = 15
	// refEdgeLines is how many non-blank lines at the top and at the
	// bottom of a reference page may be running header or footer lines.
	refEdgeLines = 3
	// refTimeout is the time allowed for one pdftotext run.
	refTimeout = 60 * time.Second
	// sampleTries bounds the random draws per sampled phrase.
	sampleTries = 200
)

// reMarginNumber matches a reference line that starts with a margin line
// number: at most 8 columns in, followed by a space or the end of the
// line. Only a run of them counts (see stripMarginNumbers).
var reMarginNumber = regexp.MustCompile(`^ {0,8}(\d{1,2})(?: +|\s*$)`)

// reOrdinaryWord matches the words phrases are made of: ASCII letters and
// digits, with at most one trailing comma, period, colon or semicolon.
var reOrdinaryWord = regexp.MustCompile(`^[A-Za-z0-9]+[,.;:]?$`)

// reDigits matches the numbers that running lines mask.
var reDigits = regexp.MustCompile(`[0-9]+`)

// reWideGap separates the columns pdftotext -layout lays out on one line.
var reWideGap = regexp.MustCompile(` {3,}`)

// refLine is one cleaned reference line.
type refLine struct {
	page   int      // 1-based
	words  []string // words of the line when it has a single column
	single bool     // the line is one column of text (no wide gap)
	cols   [][]string
}

// refDoc is the cleaned reference of one pleading-paper filing.
type refDoc struct {
	path  string
	lines []refLine
}

// phrase is one sampled phrase.
type phrase struct {
	doc      int // index into the reference documents
	page     int // page of its first word
	crossing bool
	text     string
}

func runEvalPhrases(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval phrases", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		exOpts  extract.Options
		shared  string
		n       int
		seed    uint64
		files   int
		nMisses int
	)
	exOpts.RegisterFlags(fs)
	fs.StringVar(&shared, "shared", "", "shared corpus directory (default $DOSSIER_SHARED or ../shared)")
	fs.IntVar(&n, "n", 200, "phrases to sample (half crossing a line break)")
	fs.Uint64Var(&seed, "seed", 1, "random seed of the sample")
	fs.IntVar(&files, "files", 0, "use at most this many pleading-paper filings, chosen by the seed (0: all)")
	fs.IntVar(&nMisses, "misses", 20, "list at most this many phrases not found")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier eval phrases [--shared DIR] [--n 200] [--seed N] [DIR...]\n\n"+
			"Samples phrases of 3-6 words from the pleading-paper filings under DIR (default\n"+
			"SHARED/corpus/filings), half of them crossing a line break, from poppler's\n"+
			"pdftotext -layout with the margin line numbers and running header and footer\n"+
			"lines removed; indexes those filings with dossier and searches each phrase\n"+
			"in its own document.")
		fs.PrintDefaults()
	}
	dirs, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if n < 2 || n > 100_000 {
		return fmt.Errorf("%w: --n %d out of range 2..100000", errUsage, n)
	}
	if len(dirs) == 0 {
		if shared == "" {
			shared = os.Getenv("DOSSIER_SHARED")
		}
		if shared == "" {
			shared = filepath.Join("..", "shared")
		}
		dirs = []string{filepath.Join(shared, "corpus", "filings")}
	}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			return fmt.Errorf("%w: %v (set --shared or DOSSIER_SHARED)", errUsage, err)
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return fmt.Errorf("eval phrases: pdftotext (poppler-utils) is needed as the reference: %w", err)
	}
	ex, err := extract.New(exOpts)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	paths, _, err := pdfeval.FindPDFs(dirs, nil, 0)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	var docs []refDoc
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if files > 0 && len(docs) >= files {
			break
		}
		d, ok, err := readReference(ctx, pdftotext, p)
		if err != nil {
			fmt.Fprintf(stderr, "eval phrases: %s: %v\n", p, err)
			continue
		}
		if ok {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return fmt.Errorf("eval phrases: no pleading-paper filings under %s", strings.Join(dirs, ", "))
	}
	phrases := samplePhrases(rng, docs, n)

	tmp, err := os.MkdirTemp("", "dossier-eval-phrases-")
	if err != nil {
		return fmt.Errorf("eval phrases: %w", err)
	}
	defer os.RemoveAll(tmp)
	ix, err := bleve.Open(bleve.Options{Dir: filepath.Join(tmp, "index")}, nil)
	if err != nil {
		return fmt.Errorf("eval phrases: %w", err)
	}
	defer ix.Close()
	used := map[int]bool{}
	for _, ph := range phrases {
		used[ph.doc] = true
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		if !used[i] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		doc := ex.ExtractFile(ctx, d.path)
		if doc.Skipped() {
			fmt.Fprintf(stderr, "eval phrases: %s: skipped by dossier: %s\n", d.path, doc.SkipReason)
		}
		if err := ix.Put(doc); err != nil {
			return fmt.Errorf("eval phrases: %w", err)
		}
		ids[i] = doc.ID
	}

	var tried, found [2]int // by crossing (1) or not (0)
	var missed []phrase
	for _, ph := range phrases {
		res, err := ix.Search(ctx, index.SearchRequest{
			Query:   `"` + ph.text + `"`,
			Filters: index.Filters{IDs: []string{ids[ph.doc]}},
			Size:    1,
		})
		if err != nil {
			return fmt.Errorf("eval phrases: search %q: %w", ph.text, err)
		}
		k := 0
		if ph.crossing {
			k = 1
		}
		tried[k]++
		if res.Total > 0 {
			found[k]++
		} else {
			missed = append(missed, ph)
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	total, totalFound := tried[0]+tried[1], found[0]+found[1]
	fmt.Fprintf(stdout, "phrases of %d-%d words from %d pleading-paper filings (%d searched), seed %d\n",
		phraseMinWords, phraseMaxWords, len(docs), len(used), seed)
	fmt.Fprintf(stdout, "found in their own document: %d of %d (%.1f%%)\n", totalFound, total, pct(totalFound, total))
	fmt.Fprintf(stdout, "  crossing a line break: %d of %d (%.1f%%)\n", found[1], tried[1], pct(found[1], tried[1]))
	fmt.Fprintf(stdout, "  within one line:       %d of %d (%.1f%%)\n", found[0], tried[0], pct(found[0], tried[0]))
	if len(missed) > 0 && nMisses > 0 {
		fmt.Fprintf(stdout, "misses (first %d of %d):\n", min(nMisses, len(missed)), len(missed))
		for _, m := range missed[:min(nMisses, len(missed))] {
			kind := "within"
			if m.crossing {
				kind = "crossing"
			}
			fmt.Fprintf(stdout, "  %-8s %q  %s p.%d\n", kind, m.text, docs[m.doc].path, m.page)
		}
	}
	return nil
}

// readReference runs pdftotext -layout on path and returns its cleaned
// lines; ok is false when the file is not pleading paper (margin line
// numbers on fewer than half of its pages with text).
func readReference(ctx context.Context, bin, path string) (refDoc, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, refTimeout)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-q", "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return refDoc{}, false, fmt.Errorf("pdftotext: %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	pages := strings.Split(out.String(), "\f")
	var kept [][]string // per page, lines with the margin numbers removed
	textPages, pleading := 0, 0
	for _, pg := range pages {
		lines := strings.Split(pg, "\n")
		if strings.TrimSpace(pg) == "" {
			kept = append(kept, nil)
			continue
		}
		textPages++
		if stripMarginNumbers(lines) {
			pleading++
		}
		kept = append(kept, lines)
	}
	if textPages == 0 || 2*pleading < textPages {
		return refDoc{}, false, nil
	}
	d := refDoc{path: path}
	for i, lines := range dropRunningLines(kept) {
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			rl := refLine{page: i + 1}
			for _, c := range reWideGap.Split(l, -1) {
				rl.cols = append(rl.cols, strings.Fields(c))
			}
			rl.single = len(rl.cols) == 1
			if rl.single {
				rl.words = rl.cols[0]
			}
			d.lines = append(d.lines, rl)
		}
	}
	return d, true, nil
}

// stripMarginNumbers blanks the margin line numbers of one reference page
// in place when they run 1, 2, 3, ... for at least refMarginRun lines
// (lines without a number may come between), and reports whether it did.
func stripMarginNumbers(lines []string) bool {
	var run, best []int // line indexes of the numbers 1, 2, 3, ...
	for i, l := range lines {
		m := reMarginNumber.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		switch v, _ := strconv.Atoi(l[m[2]:m[3]]); v {
		case len(run) + 1:
			run = append(run, i)
		case 1:
			run = []int{i}
		}
		if len(run) > len(best) {
			best = run
		}
	}
	run = best
	if len(run) < refMarginRun {
		return false
	}
	for _, i := range run {
		m := reMarginNumber.FindStringSubmatchIndex(lines[i])
		lines[i] = strings.Repeat(" ", m[3]) + lines[i][m[3]:]
	}
	return true
}

// dropRunningLines removes, from the first and last refEdgeLines non-blank
// lines of each page, the lines that recur there on at least half of the
// pages with text (at least two): CM/ECF stamps, short titles, page
// numbers. Lines compare with each run of digits masked.
func dropRunningLines(pages [][]string) [][]string {
	key := func(l string) string {
		return reDigits.ReplaceAllString(strings.Join(strings.Fields(l), " "), "#")
	}
	edges := func(lines []string) []int {
		var idx []int
		for i := range lines {
			if strings.TrimSpace(lines[i]) != "" {
				idx = append(idx, i)
			}
		}
		if len(idx) <= 2*refEdgeLines {
			return idx
		}
		return append(idx[:refEdgeLines:refEdgeLines], idx[len(idx)-refEdgeLines:]...)
	}
	count := map[string]int{}
	textPages := 0
	for _, lines := range pages {
		if len(lines) == 0 {
			continue
		}
		textPages++
		seen := map[string]bool{}
		for _, i := range edges(lines) {
			if k := key(lines[i]); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (textPages+1)/2)
	for _, lines := range pages {
		for _, i := range edges(lines) {
			if count[key(lines[i])] >= need {
				lines[i] = ""
			}
		}
	}
	return pages
}

// samplePhrases draws n distinct phrases, n/2 crossing a line break and
// the rest within one line: each draw picks a document, a line and a
// length at random and is kept when all its words are ordinary.
func samplePhrases(rng *rand.Rand, docs []refDoc, n int) []phrase {
	seen := map[string]bool{}
	var out []phrase
	for k := range n {
		crossing := k%2 == 0
		for range sampleTries {
			ph, ok := drawPhrase(rng, docs, crossing)
			key := strconv.Itoa(ph.doc) + "\x00" + ph.text
			if ok && !seen[key] {
				seen[key] = true
				out = append(out, ph)
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b phrase) int {
		if a.crossing != b.crossing {
			if a.crossing {
				return -1
			}
			return 1
		}
		return 0
	})
	return out
}

// drawPhrase makes one random attempt at a phrase.
func drawPhrase(rng *rand.Rand, docs []refDoc, crossing bool) (phrase, bool) {
	di := rng.IntN(len(docs))
	d := docs[di]
	if len(d.lines) < 2 {
		return phrase{}, false
	}
	size := phraseMinWords + rng.IntN(phraseMaxWords-phraseMinWords+1)
	li := rng.IntN(len(d.lines) - 1)
	var words []string
	if crossing {
		a, b := d.lines[li], d.lines[li+1]
		if !a.single || !b.single {
			return phrase{}, false
		}
		head := 1 + rng.IntN(size-1) // words from the first line
		if len(a.words) < head || len(b.words) < size-head {
			return phrase{}, false
		}
		words = append(slices.Clone(a.words[len(a.words)-head:]), b.words[:size-head]...)
	} else {
		cols := d.lines[li].cols
		col := cols[rng.IntN(len(cols))]
		if len(col) < size {
			return phrase{}, false
		}
		start := rng.IntN(len(col) - size + 1)
		words = col[start : start+size]
	}
	for _, w := range words {
		if !reOrdinaryWord.MatchString(w) {
			return phrase{}, false
		}
	}
	// A phrase must hold a word with a letter: "12 13 14" is no phrase.
	if !slices.ContainsFunc(words, func(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }) {
		return phrase{}, false
	}
	return phrase{doc: di, page: d.lines[li].page, crossing: crossing, text: strings.Join(words, " ")}, true
}
