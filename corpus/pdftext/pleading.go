package pdftext

import (
	"fmt"
	"slices"
	"strings"
)

// Pleading paper (the form most California federal filings use) prints a
// column of line numbers, 1 to 28, in the left margin of every page, and
// most filings repeat header and footer lines on every page: the CM/ECF
// stamp, the short title of the document, a page number, a document
// management number. Extracted as text, both land between the words of the
// body, so that a phrase crossing a line or page break is not found. The
// functions below take them out of normalised page text (lines separated
// by '\n'), whatever extractor produced it.

// Limits of line-number detection.
const (
	// MaxLineNumber is the largest margin line number recognised
	// (pleading paper has 28 lines, transcripts 25; some papers go on
	// numbering into the footer, up to 33).
	MaxLineNumber = 36
	// MinLineNumbers is the number of margin line numbers, counted in a
	// run 1, 2, 3, ..., that a page needs for its numbers to be removed.
	// One number of the run may be missing (OCR drops some).
	MinLineNumbers = 10
	// MinLastLineNumber is the number a run must reach: pleading paper
	// numbers every line of the page, 25 to 28 of them, whatever the text
	// fills; a numbered list rarely runs that long.
	MinLastLineNumber = 20
)

// lineNumber returns the number that line starts with as a separate word
// of one or two ASCII digits (no leading zero, no punctuation, so that
// "1." and "2)" never count).
func lineNumber(line string) (n int, ok bool) {
	word, _, _ := strings.Cut(line, " ")
	if len(word) == 0 || len(word) > 2 || word[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(word); i++ {
		if word[i] < '0' || word[i] > '9' {
			return 0, false
		}
		n = n*10 + int(word[i]-'0')
	}
	return n, n <= MaxLineNumber
}

// runState is the best run of line numbers ending at one candidate line,
// with (gap 1) or without (gap 0) a missing number.
type runState struct {
	length        int // numbers in the run, 0 for none
	prev, prevGap int // candidate and gap state before, prev -1 at the start
}

// lineNumberRun returns the indexes of the lines of a page that carry its
// margin line numbers: the longest run of lines whose first word is n,
// n+1, n+2, ... in order (other lines may come between; one number of the
// run may be missing). Of two lines that could carry the same number, the
// one nearer the next number does (a page number "1" at the top of a
// transcript stands apart from the margin's "1"). It returns nil when the
// run has fewer than MinLineNumbers numbers or ends below
// MinLastLineNumber. It may start anywhere: some extractions lose the
// one-digit numbers.
func lineNumberRun(lines []string) []int {
	type cand struct {
		line, n int
		st      [2]runState // by gap
	}
	var cands []cand
	for i, l := range lines {
		if n, ok := lineNumber(l); ok {
			cands = append(cands, cand{line: i, n: n})
		}
	}
	// latest[g][v] is the candidate of value v whose run (with gap state
	// g) is longest so far, the latest of equals: the nearest predecessor.
	var latest [2][MaxLineNumber + 1]int
	for g := range latest {
		for v := range latest[g] {
			latest[g][v] = -1
		}
	}
	bestI, bestG := -1, 0
	for i := range cands {
		c := &cands[i]
		c.st[0], c.st[1] = runState{length: 1, prev: -1}, runState{prev: -1}
		extend := func(v, g, ng int) {
			if v < 1 || latest[g][v] < 0 {
				return
			}
			j := latest[g][v]
			if l, cur := cands[j].st[g].length+1, c.st[ng]; l > cur.length || (l == cur.length && j > cur.prev) {
				c.st[ng] = runState{length: l, prev: j, prevGap: g}
			}
		}
		extend(c.n-1, 0, 0)
		extend(c.n-1, 1, 1)
		extend(c.n-2, 0, 1) // one number missing
		for g := range 2 {
			if c.st[g].length == 0 {
				continue
			}
			if k := latest[g][c.n]; k < 0 || c.st[g].length >= cands[k].st[g].length {
				latest[g][c.n] = i
			}
			if bestI < 0 || c.st[g].length > cands[bestI].st[bestG].length {
				bestI, bestG = i, g
			}
		}
	}
	if bestI < 0 || cands[bestI].st[bestG].length < MinLineNumbers || cands[bestI].n < MinLastLineNumber {
		return nil
	}
	run := make([]int, cands[bestI].st[bestG].length)
	for i, g, k := bestI, bestG, len(run)-1; i >= 0; k-- {
		run[k] = cands[i].line
		st := cands[i].st[g]
		i, g = st.prev, st.prevGap
	}
	return run
}

// leadingNumber returns the value of the first line of lines that starts
// with a word of ASCII digits (up to 6), or -1.
func leadingNumber(lines []string) int {
	for _, l := range lines {
		word, _, _ := strings.Cut(l, " ")
		if word == "" || len(word) > 6 || strings.Trim(word, "0123456789") != "" {
			continue
		}
		n := 0
		for i := 0; i < len(word); i++ {
			n = n*10 + int(word[i]-'0')
		}
		return n
	}
	return -1
}

// Frame tells where a page's margin line numbers began, so that
// MoveRunningLines looks for running lines only above the first and below
// the last of them (a header sits above line 1, a footer below line 28).
type Frame struct {
	// Head and Foot are the numbers of non-blank lines above the first
	// and below the last margin line number, each counting the line of
	// that number when text is left on it; both are -1 on a page without
	// margin line numbers.
	Head, Foot int
}

// noFrame is the Frame of a page without margin line numbers.
var noFrame = Frame{Head: -1, Foot: -1}

// StripLineNumbers removes the margin line numbers of pleading paper from
// the pages of one document. A document counts as pleading paper when a
// run of line numbers (see lineNumberRun) is found on its first page with
// text, on two pages or more, or on at least half of its pages with text
// (a brief is often followed by exhibits without margin numbers, and a
// lone numbered list on a later page is not a margin). A run whose
// numbering goes on after it (past MaxLineNumber on its page, or first on
// the next page) numbers a table's rows and does not count. Each page
// with a run then loses the numbers of its run: a line that is only the
// number is left blank, else the number and its space go (with a copy of
// the number right after it: "10 10", drawn twice). Numbers outside a
// run, and every number of a document that is not pleading paper, are
// kept, so numbered paragraphs ("1."), list items and table cells stay.
// It returns the new pages (the input is not modified), the Frame of each
// page, and the number of pages changed.
func StripLineNumbers(pages []string) ([]string, []Frame, int) {
	runs := make([][]int, len(pages))
	frames := make([]Frame, len(pages))
	withText, numbered, firstNumbered := 0, 0, false
	for i, p := range pages {
		frames[i] = noFrame
		if strings.TrimSpace(p) == "" {
			continue
		}
		withText++
		runs[i] = lineNumberRun(strings.Split(p, "\n"))
	}
	// A run whose numbering goes on after it, past MaxLineNumber on its
	// page or at the start of the next page with text, numbers the rows of
	// a table.
	next := ""
	for i := len(pages) - 1; i >= 0; i-- {
		if strings.TrimSpace(pages[i]) == "" {
			continue
		}
		lines := strings.Split(pages[i], "\n")
		if run := runs[i]; run != nil {
			last, _ := lineNumber(lines[run[len(run)-1]])
			if (last == MaxLineNumber && leadingNumber(lines[run[len(run)-1]+1:]) == last+1) || leadingNumber(strings.Split(next, "\n")) == last+1 {
				runs[i] = nil
			}
		}
		next = pages[i]
	}
	seen := 0
	for i, p := range pages {
		if strings.TrimSpace(p) == "" {
			continue
		}
		seen++
		if runs[i] != nil {
			numbered++
			firstNumbered = firstNumbered || seen == 1
		}
	}
	out := make([]string, len(pages))
	copy(out, pages)
	if numbered == 0 || (numbered < 2 && !firstNumbered && 2*numbered < withText) {
		return out, frames, 0
	}
	for i, run := range runs {
		if run == nil {
			continue
		}
		lines := strings.Split(pages[i], "\n")
		for _, k := range run {
			num, rest, more := strings.Cut(lines[k], " ")
			// A number drawn twice (fake bold, or two layers) reads "10 10".
			for more && (rest == num || strings.HasPrefix(rest, num+" ")) {
				_, rest, more = strings.Cut(rest, " ")
			}
			if more {
				lines[k] = rest
			} else {
				// An empty numbered line: left blank, it still parts
				// the blocks around it, as the number did.
				lines[k] = ""
			}
		}
		// The frame counts the lines of the first and the last number
		// too, when text is left on them: a header or footer may share
		// its baseline.
		first, last := run[0], run[len(run)-1]
		var f Frame
		for k, l := range lines {
			if strings.TrimSpace(l) != "" {
				if k <= first {
					f.Head++
				}
				if k >= last {
					f.Foot++
				}
			}
		}
		frames[i] = f
		out[i] = strings.Join(lines, "\n")
	}
	return out, frames, numbered
}

// RunningEdgeLines is the number of non-blank lines at the top and at the
// bottom of a page that MoveRunningLines looks at for running header and
// footer lines.
const RunningEdgeLines = 4

// runningKey is the form in which running lines compare across pages:
// lower case, single spaces, every run of digits as "#" (a stamp's or a
// footer's page number changes from page to page). It also returns the
// values of the digit runs, -1 for runs of more than 9 digits.
func runningKey(line string) (string, []int) {
	var (
		b    strings.Builder
		nums []int
	)
	digits := 0
	for _, r := range strings.ToLower(strings.Join(strings.Fields(line), " ")) {
		if r >= '0' && r <= '9' {
			if digits == 0 {
				b.WriteByte('#')
				nums = append(nums, 0)
			}
			if digits++; digits > 9 {
				nums[len(nums)-1] = -1
			} else {
				nums[len(nums)-1] = nums[len(nums)-1]*10 + int(r-'0')
			}
			continue
		}
		digits = 0
		b.WriteRune(r)
	}
	return b.String(), nums
}

// pageNumber returns the value of a line that is only a page number (1 to
// 4 ASCII digits).
func pageNumber(line string) (int, bool) {
	line = strings.TrimSpace(line)
	if len(line) == 0 || len(line) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] < '0' || line[i] > '9' {
			return 0, false
		}
		n = n*10 + int(line[i]-'0')
	}
	return n, true
}

// edgeLine is a line where a running header or footer may be.
type edgeLine struct {
	index  int  // line index in the page
	bottom bool // below the body (else above it)
}

// edgeLines returns the first and last RunningEdgeLines non-blank lines,
// or, on a page with margin line numbers, at most as many of those above
// the first and below the last number.
func edgeLines(lines []string, f Frame) []edgeLine {
	var idx []int
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			idx = append(idx, i)
		}
	}
	head, foot := RunningEdgeLines, RunningEdgeLines
	if f.Head >= 0 {
		head, foot = min(head, f.Head), min(foot, f.Foot)
	}
	var out []edgeLine
	for k, i := range idx {
		top, bottom := k < head, k >= len(idx)-foot
		if f.Head < 0 && top && bottom {
			// A short page: its lower half is the bottom.
			top = 2*k < len(idx)
		}
		if top || bottom {
			out = append(out, edgeLine{index: i, bottom: !top})
		}
	}
	return out
}

// runningSignatures returns the forms under which an edge line on page
// (0-based) recurs: its text (lower case, single spaces) on its side of
// the page, and for each run of digits, its masked text with that run's
// offset from the page index. Lines that differ only in digits thus match
// only when one of their numbers rises with the page, as page numbers do,
// and not when, say, consecutive pages start with numbered paragraphs of
// the same wording.
func runningSignatures(line string, page int, bottom bool) (key string, sigs []string) {
	side := "t|"
	if bottom {
		side = "b|"
	}
	key, nums := runningKey(line)
	sigs = append(sigs, side+"="+strings.ToLower(strings.Join(strings.Fields(line), " ")))
	for k, n := range nums {
		if n >= 0 {
			sigs = append(sigs, fmt.Sprintf("#%s%d|%d|%s", side, k, n-page, key))
		}
	}
	return key, sigs
}

// runs reports whether a signature seen on count pages makes its line a
// running line: need pages for the same text, and at least 3 for a
// number rising with the page (two pages may well begin with paragraphs
// 5 and 6 of the same wording).
func runs(sig string, count, need int) bool {
	if strings.HasPrefix(sig, "#") {
		return count >= max(need, 3)
	}
	return count >= need
}

// isStamp reports whether line is a CM/ECF stamp and nothing else.
func isStamp(line string) bool {
	line = strings.TrimSpace(line)
	loc := reStamp.FindStringIndex(line)
	return loc != nil && loc[0] == 0 && loc[1] == len(line)
}

// nonBlank counts the lines that are not blank.
func nonBlank(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// sparseLines is the number of non-blank lines up to which a page is
// taken for a slip sheet or nearly empty, and only its stamp can run.
const sparseLines = 3

// runningNeed is the number of pages a line must recur on, at a page's
// top or bottom, to count as running: 2 in a document of up to 3 pages
// with text, else a quarter of them and at least 3.
func runningNeed(withText int) int {
	if withText <= 3 {
		return 2
	}
	return max(3, (withText+3)/4)
}

// MoveRunningLines takes the running header and footer lines out of the
// flow of a document's pages, so that a phrase crossing a page break is
// not interrupted by them. frames, from StripLineNumbers (nil, or shorter
// than pages, for none), confine the search on pleading paper to the lines
// above and below the margin numbers. A running line is one of the first
// or last RunningEdgeLines non-blank lines of a page that recurs on the
// same side (top or bottom) of runningNeed pages or more, with the same
// text or with a number that rises with the page (see runningSignatures
// and runs), or a CM/ECF stamp: short titles, firm document numbers,
// "Page 3 of 9". One page keeps each running line, so that it stays
// searchable once: the first page with text when it shows the line, moved
// to the top of the page (a line already first, such as the stamp, stays
// first), else the last page that shows it, moved to the bottom; other
// pages drop it. At the start and at the end of the document no phrase
// crosses, so none is broken there. Page numbers (lines that are only a
// number rising with the page on runningNeed pages) are dropped on every
// page. On a page of at most sparseLines lines (an exhibit slip sheet)
// only a stamp can run. Documents with fewer than two pages with text are
// returned as they are. It returns the new pages (the input is not
// modified) and the number of lines dropped or moved.
func MoveRunningLines(pages []string, frames []Frame) ([]string, int) {
	out := make([]string, len(pages))
	copy(out, pages)
	split := make([][]string, len(pages))
	edges := make([][]edgeLine, len(pages))
	withText := 0
	count := map[string]int{} // signature -> pages
	offsets := map[int]int{}  // page number minus page index -> pages
	for i, p := range pages {
		if strings.TrimSpace(p) == "" {
			continue
		}
		withText++
		split[i] = strings.Split(p, "\n")
		f := noFrame
		if i < len(frames) {
			f = frames[i]
		}
		edges[i] = edgeLines(split[i], f)
		if nonBlank(split[i]) <= sparseLines {
			// A slip sheet ("EXHIBIT 112") or a nearly empty page: its
			// few lines are its content, whatever the pages around say.
			edges[i] = slices.DeleteFunc(edges[i], func(e edgeLine) bool { return !isStamp(split[i][e.index]) })
		}
		seen := map[string]bool{}
		seenOff := map[int]bool{}
		for _, e := range edges[i] {
			l := split[i][e.index]
			if n, ok := pageNumber(l); ok {
				if off := n - i; !seenOff[off] {
					seenOff[off] = true
					offsets[off]++
				}
				continue
			}
			_, sigs := runningSignatures(l, i, e.bottom)
			for _, sig := range sigs {
				if !seen[sig] {
					seen[sig] = true
					count[sig]++
				}
			}
		}
	}
	if withText < 2 {
		return out, 0
	}
	need := runningNeed(withText)
	// First pass: which edge lines run, and the page that keeps each
	// running line: the first page with text when it shows the line, else
	// the last page that does.
	firstPage := -1
	drop := make([][]bool, len(pages))
	keys := make([][]string, len(pages)) // key of each running line, "" for page numbers
	keeper := map[string]int{}
	for i, lines := range split {
		if lines == nil {
			continue
		}
		if firstPage < 0 {
			firstPage = i
		}
		drop[i] = make([]bool, len(lines))
		keys[i] = make([]string, len(lines))
		for _, e := range edges[i] {
			l := lines[e.index]
			if n, ok := pageNumber(l); ok {
				drop[i][e.index] = offsets[n-i] >= need
				continue
			}
			key, sigs := runningSignatures(l, i, e.bottom)
			running := isStamp(l) // a stamp is a header wherever it stands
			for _, sig := range sigs {
				running = running || runs(sig, count[sig], need)
			}
			if running {
				drop[i][e.index], keys[i][e.index] = true, key
				if k, ok := keeper[key]; !ok || k != firstPage {
					keeper[key] = i
				}
			}
		}
	}
	changed := 0
	for i, lines := range split {
		if lines == nil {
			continue
		}
		var top, body, bottom []string
		kept := map[string]bool{}
		for k, l := range lines {
			switch key := keys[i][k]; {
			case !drop[i][k]:
				body = append(body, l)
				continue
			case key == "" || keeper[key] != i || kept[key]:
			case i == firstPage:
				kept[key] = true
				top = append(top, l)
			default:
				kept[key] = true
				bottom = append(bottom, l)
			}
			changed++
		}
		out[i] = strings.Join(slices.Concat(top, body, bottom), "\n")
	}
	return out, changed
}
