package bleve

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"dossier/index"
)

// span is a matched term's byte range in a field's text.
type span struct{ start, end int }

// window is a candidate fragment: a byte range and the spans inside it.
type window struct {
	start, end int
	spans      []span
	score      int
}

// makeFragments cuts up to max fragments of about size characters from text
// around spans. pageStarts are the byte offsets where pages begin and
// pageNumbers their numbers; both may be nil.
func makeFragments(field, text string, spans []span, pageStarts, pageNumbers []int, size, max int) []index.Highlight {
	if len(spans) == 0 || text == "" {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	spans = dedupeSpans(spans, len(text))
	const maxSpansPerField = 2000 // term locations considered per field and hit
	if len(spans) > maxSpansPerField {
		spans = spans[:maxSpansPerField]
	}
	byteSize := size * 2 // generous byte budget; trimmed to characters below
	var cands []window
	for i, s := range spans {
		start := s.start - byteSize/3
		if start < 0 {
			start = 0
		}
		end := start + byteSize
		if end < s.end {
			end = s.end
		}
		if end > len(text) {
			end = len(text)
		}
		w := window{start: start, end: end}
		distinct := map[string]bool{}
		for _, t := range spans[i:] {
			if t.start >= end {
				break
			}
			if t.end <= end {
				w.spans = append(w.spans, t)
				distinct[strings.ToLower(text[t.start:t.end])] = true
			}
		}
		if len(w.spans) == 0 {
			continue
		}
		w.score = len(distinct)*100 + len(w.spans)
		cands = append(cands, w)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var picked []window
	for _, c := range cands {
		if len(picked) == max {
			break
		}
		overlaps := false
		for _, p := range picked {
			if c.start < p.end && p.start < c.end {
				overlaps = true
				break
			}
		}
		if !overlaps {
			picked = append(picked, c)
		}
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].start < picked[j].start })
	out := make([]index.Highlight, 0, len(picked))
	for _, w := range picked {
		out = append(out, index.Highlight{
			Field:    field,
			Page:     pageAt(w.spans[0].start, pageStarts, pageNumbers),
			Fragment: renderWindow(text, w, size),
		})
	}
	return out
}

// dedupeSpans drops spans that overlap an earlier one or fall outside text.
func dedupeSpans(spans []span, n int) []span {
	out := spans[:0]
	for _, s := range spans {
		if s.start < 0 || s.end > n || s.start >= s.end {
			continue
		}
		if k := len(out) - 1; k >= 0 && s.start < out[k].end {
			// Overlapping spans (word pairs of a phrase) become one mark.
			out[k].end = max(out[k].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// renderWindow trims the window to about size characters on word
// boundaries, escapes it and marks its spans.
func renderWindow(text string, w window, size int) string {
	first, last := w.spans[0], w.spans[len(w.spans)-1]
	// Keep every span; spread the remaining budget around them.
	budget := size - utf8.RuneCountInString(text[first.start:last.end])
	if budget < 0 {
		budget = 0
	}
	start := backRunes(text, first.start, budget/3, w.start)
	end := forwardRunes(text, last.end, budget-budget/3, w.end)
	start = snapStart(text, start, first.start)
	end = snapEnd(text, end, last.end)

	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, s := range w.spans {
		b.WriteString(html.EscapeString(squeeze(text[pos:s.start])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(squeeze(text[pos:end])))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// defaultSnippet is the start of text, escaped, used when no term matched.
func defaultSnippet(text string, size int) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	end := forwardRunes(text, 0, size, len(text))
	end = snapEnd(text, end, 0)
	s := html.EscapeString(squeeze(text[:end]))
	if end < len(text) {
		s += "…"
	}
	return s
}

// squeeze turns runs of whitespace (including newlines) into one space,
// keeping one space at either end where s had whitespace there.
func squeeze(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return s
	}
	inner := strings.Join(strings.Fields(s), " ")
	if inner == "" {
		return " "
	}
	if isSpace(s[0]) {
		inner = " " + inner
	}
	if isSpace(s[len(s)-1]) {
		inner += " "
	}
	return inner
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// backRunes moves n runes back from i, not before floor.
func backRunes(s string, i, n, floor int) int {
	for n > 0 && i > floor {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
		n--
	}
	return i
}

// forwardRunes moves n runes forward from i, not past ceil.
func forwardRunes(s string, i, n, ceil int) int {
	for n > 0 && i < ceil {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		n--
	}
	return i
}

// snapStart moves start forward past any partial word and whitespace,
// not past limit.
func snapStart(s string, start, limit int) int {
	if start > 0 && !isSpace(s[start-1]) {
		if i := strings.IndexAny(s[start:limit], " \n\t\r"); i >= 0 {
			start += i
		} else {
			start = limit
		}
	}
	for start < limit && isSpace(s[start]) {
		start++
	}
	return start
}

// snapEnd moves end back before any partial word and whitespace, not
// before limit.
func snapEnd(s string, end, limit int) int {
	if end >= len(s) {
		end = len(s)
	} else if !isSpace(s[end]) {
		if i := strings.LastIndexAny(s[limit:end], " \n\t\r"); i >= 0 {
			end = limit + i
		} else {
			end = limit
		}
	}
	for end > limit && isSpace(s[end-1]) {
		end--
	}
	return end
}

// pageAt returns the number of the page containing byte offset off.
func pageAt(off int, starts, numbers []int) int {
	if len(starts) == 0 {
		return 0
	}
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	if i < len(numbers) && numbers[i] > 0 {
		return numbers[i]
	}
	return i + 1
}

// allFragments cuts every match of text into fragments of about size
// characters, in document order, none overlapping and none crossing a page:
// each starts at the first match the previous one did not hold. It serves reading a whole
// document's matches page by page (see SearchRequest.AllFragments).
func allFragments(field, text string, spans []span, pageStarts, pageNumbers []int, size int) []index.Highlight {
	if len(spans) == 0 || text == "" {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	spans = dedupeSpans(spans, len(text))
	byteSize := size * 2
	var out []index.Highlight
	for i := 0; i < len(spans); {
		start := max(spans[i].start-byteSize/3, 0)
		if len(out) > 0 && start < spans[i-1].end {
			start = spans[i-1].end
		}
		end := min(max(start+byteSize, spans[i].end), len(text))
		// A fragment stays on its page, so that every page's matches are
		// shown on that page.
		for _, ps := range pageStarts {
			switch {
			case ps <= spans[i].start:
				start = max(start, ps)
			case ps < end:
				end = max(ps, spans[i].end)
			}
			if ps > spans[i].start {
				break
			}
		}
		w := window{start: start, end: end}
		for i < len(spans) && spans[i].end <= end {
			w.spans = append(w.spans, spans[i])
			i++
		}
		if len(w.spans) == 0 { // a match longer than the window
			w.spans = append(w.spans, spans[i])
			w.end = spans[i].end
			i++
		}
		out = append(out, index.Highlight{Field: field, Page: pageAt(w.spans[0].start, pageStarts, pageNumbers), Fragment: renderWindow(text, w, size)})
	}
	return out
}
