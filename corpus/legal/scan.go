package legal

import (
	"regexp"
	"sort"
	"strings"
)

// Most patterns here are long alternations, which RE2 runs as a slow NFA.
// To stay fast on long documents each pattern is paired with literal
// needles that every match must contain; the regexp only runs on a window
// around each needle occurrence. Windows start at a word boundary (or a
// line start) so anchors and \b behave as on the whole text (a match that
// would only hold at a window edge cut mid-word is dropped), and a match
// that touches the window's end is re-run on a larger window.

// finder is a regexp with its needles and window sizes.
type finder struct {
	re      *regexp.Regexp
	needles []string // searched in the ASCII-lower-cased text when fold is set
	fold    bool
	hits    func(s string) []int // candidate offsets, used instead of needles
	back    int                  // bytes before a needle where a match may start (line mode: from the line start)
	fwd     int                  // bytes after a needle where a match may end
	line    bool                 // windows start at the start of the needle's line
	maxLine int                  // when > 0, needles on longer lines are skipped
}

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// needleHits returns the sorted, distinct offsets of every needle in hay.
func needleHits(hay string, needles []string) []int {
	var hits []int
	for _, n := range needles {
		for off := 0; ; {
			i := strings.Index(hay[off:], n)
			if i < 0 {
				break
			}
			hits = append(hits, off+i)
			off += i + 1
		}
	}
	sort.Ints(hits)
	out := hits[:0]
	for i, h := range hits {
		if i == 0 || h != hits[i-1] {
			out = append(out, h)
		}
	}
	return out
}

// windowStart returns where a window for a needle at p begins: at the
// line start for line patterns, else at the first word boundary found by
// stepping back f.back bytes (and up to 40 more to finish a word).
func (f *finder) windowStart(s string, p int) int {
	if f.line {
		ls, _ := lineAt(s, p)
		return ls
	}
	ws := max(p-f.back, 0)
	j := ws
	for j > 0 && j > ws-40 && !isSpace(s[j-1]) {
		j--
	}
	if j == 0 || isSpace(s[j-1]) {
		return j
	}
	for k := ws; k < p; k++ {
		if isSpace(s[k]) {
			return k + 1
		}
	}
	return p
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' }

// maxWindow caps how far a window grows when a match reaches its end.
const maxWindow = 4096

// findAll returns the submatch indexes (in s) of the matches that contain a
// needle occurrence, in order and without overlaps. lower is asciiLower(s)
// when f.fold is set (it may be "" otherwise).
func (f *finder) findAll(s, lower string) [][]int {
	hay := s
	if f.fold {
		hay = lower
	}
	var cands []int
	if f.hits != nil {
		cands = f.hits(s)
	} else {
		cands = needleHits(hay, f.needles)
	}
	var out [][]int
	last := 0
	for _, p := range cands {
		if p < last {
			continue
		}
		if f.line || f.maxLine > 0 {
			ls, le := lineAt(s, p)
			if f.line && p-ls > f.back || f.maxLine > 0 && le-ls > f.maxLine {
				continue
			}
		}
		if m := f.matchAt(s, f.windowStart(s, p), p, last); m != nil {
			out = append(out, m)
			last = m[1]
		}
	}
	return out
}

// matchAt runs the regexp on the window for a needle at p and returns the
// first match (offsets in s) that starts at or after last and covers p, or
// nil. When that match reaches the window's end the window grows, up to
// maxWindow bytes past p.
func (f *finder) matchAt(s string, ws, p, last int) []int {
	for fwd := max(f.fwd, 1); ; fwd *= 4 {
		we := min(p+fwd, len(s))
		var hit []int
		for _, m := range f.re.FindAllStringSubmatchIndex(s[ws:we], -1) {
			if m[0]+ws < last || m[0]+ws > p || m[1]+ws <= p {
				continue
			}
			hit = m
			break
		}
		if hit == nil || hit[0] == 0 && ws > 0 && isWordChar(s[ws-1]) {
			return nil // none, or one that relies on the window's edge as a boundary
		}
		if hit[1] < we-ws || we == len(s) || fwd >= maxWindow {
			for i := range hit {
				if hit[i] >= 0 {
					hit[i] += ws
				}
			}
			return hit
		}
	}
}
