package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
)

// Guards against inputs that make ledongthuc/pdf allocate without bound.
// The library sizes its cross-reference table from numbers in the file
// (xref subsection starts and counts; an xref stream's /Size, /Index and
// /W byte widths) before checking them, and an absurd number there makes the
// Go runtime abort the whole process with "out of memory", which no
// recover can stop. checkXref rejects such files up front.

// maxXrefEntries returns the largest object number (plus one) accepted for
// a file of n bytes: 2^20 plus one per 4 bytes, at most 2^23. That is far
// above what real files use (an InDesign file of 107 KB declares 156,336)
// but small enough to allocate: the library spends about 40 bytes per
// entry, so at most about 320 MB.
func maxXrefEntries(n int) int64 { return min(1<<20+int64(n)/4, 1<<23) }

// maxXrefFieldWidth is the largest byte width accepted in an xref stream's
// /W array.
const maxXrefFieldWidth = 8

// guardWindow is how many bytes around a "/Type /XRef" entry checkXref
// inspects for the xref stream dictionary's other entries.
const guardWindow = 1024

// The scans below find "xref" tables and "/Type /XRef" dictionaries with
// bytes.Index rather than a regular expression over the whole file, which
// cost a quarter of the extraction time.
var (
	reSize  = regexp.MustCompile(`/Size\s+(-?\d+)`)
	reIndex = regexp.MustCompile(`/Index\s*\[([-\d\s]*)\]`)
	reW     = regexp.MustCompile(`/W\s*\[\s*(-?\d+)\s+(-?\d+)\s+(-?\d+)\s*\]`)
)

// checkXref returns an error wrapping ErrMalformed if a cross-reference
// table or xref stream in data declares more objects than
// maxXrefEntries allows, or an xref stream field wider than
// maxXrefFieldWidth bytes.
func checkXref(data []byte) error {
	limit := maxXrefEntries(len(data))
	tooMany := func(what string, v string) error {
		return fmt.Errorf("%w: %s %s exceeds the %d objects plausible for a %d-byte file", ErrMalformed, what, v, limit, len(data))
	}
	atMost := func(s string, max int64) bool {
		v, err := strconv.ParseInt(s, 10, 64)
		return err == nil && v <= max
	}
	// Classic tables: "xref" then subsections "start count" each followed
	// by count 20-byte entries.
	for _, end := range xrefKeywords(data) {
		b := data[end:]
		for {
			start, rest, ok := nextInt(b)
			if !ok {
				break
			}
			count, rest, ok := nextInt(rest)
			if !ok {
				break
			}
			if start < 0 || count < 0 || start > limit || count > limit-start {
				return tooMany("xref subsection", fmt.Sprintf("%d %d", start, count))
			}
			// Skip the entries: three tokens each.
			b = rest
			for i := int64(0); i < 3*count && len(b) > 0; i++ {
				_, b = nextToken(b)
			}
		}
	}
	for _, loc := range xrefTypes(data) {
		w := data[max(0, loc[0]-guardWindow):min(len(data), loc[1]+guardWindow)]
		for _, m := range reSize.FindAllSubmatch(w, -1) {
			if !atMost(string(m[1]), limit) {
				return tooMany("xref stream /Size", string(m[1]))
			}
		}
		for _, m := range reIndex.FindAllSubmatch(w, -1) {
			f := bytes.Fields(m[1])
			for j := 0; j+1 < len(f); j += 2 {
				s, err1 := strconv.ParseInt(string(f[j]), 10, 64)
				n, err2 := strconv.ParseInt(string(f[j+1]), 10, 64)
				if err1 != nil || err2 != nil || s < 0 || n < 0 || s > limit || n > limit || s+n > limit {
					return tooMany("xref stream /Index", string(f[j])+" "+string(f[j+1]))
				}
			}
		}
		for _, m := range reW.FindAllSubmatch(w, -1) {
			for _, v := range m[1:] {
				if !atMost(string(v), maxXrefFieldWidth) || v[0] == '-' {
					return fmt.Errorf("%w: xref stream /W field width %s", ErrMalformed, v)
				}
			}
		}
	}
	return nil
}

// nextToken returns the next whitespace-separated token in b and the rest.
func nextToken(b []byte) ([]byte, []byte) {
	i := 0
	for i < len(b) && isPDFSpace(b[i]) {
		i++
	}
	j := i
	for j < len(b) && !isPDFSpace(b[j]) {
		j++
	}
	return b[i:j], b[j:]
}

// nextInt reads the next token as a decimal integer; one too large for
// int64 reads as math.MaxInt64.
func nextInt(b []byte) (int64, []byte, bool) {
	tok, rest := nextToken(b)
	v, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return math.MaxInt64, rest, true
		}
		return 0, b, false
	}
	return v, rest, true
}

func isPDFSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', 0:
		return true
	}
	return false
}

// isRESpace reports whether c is whitespace as regexp's \s means it.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// xrefKeywords returns, for every "xref" not preceded by a lower-case
// letter and followed by whitespace, the offset just after that
// whitespace character.
func xrefKeywords(data []byte) []int {
	var out []int
	for off := 0; off < len(data); {
		i := bytes.Index(data[off:], []byte("xref"))
		if i < 0 {
			break
		}
		at := off + i
		end := at + len("xref")
		off = end
		if at > 0 && data[at-1] >= 'a' && data[at-1] <= 'z' {
			continue
		}
		if end < len(data) && isRESpace(data[end]) {
			out = append(out, end+1)
		}
	}
	return out
}

// xrefTypes returns the [start, end) of every "/Type /XRef" entry
// (whitespace allowed between the names, "/XRef" not followed by a word
// character).
func xrefTypes(data []byte) [][2]int {
	var out [][2]int
	for off := 0; off < len(data); {
		i := bytes.Index(data[off:], []byte("/XRef"))
		if i < 0 {
			break
		}
		at := off + i
		end := at + len("/XRef")
		off = end
		if end < len(data) && isWordByte(data[end]) {
			continue
		}
		j := at
		for j > 0 && isRESpace(data[j-1]) {
			j--
		}
		if j >= len("/Type") && string(data[j-len("/Type"):j]) == "/Type" {
			out = append(out, [2]int{j - len("/Type"), end})
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
