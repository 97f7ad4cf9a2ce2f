package pdftext

import (
	"cmp"
	"fmt"
	"math"
	"runtime/debug"
	"slices"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// textMode selects how a page's text is built.
type textMode int

const (
	// modeLayout builds lines from positioned glyphs (layout) and falls
	// back to the library's plain text when it cannot. Extract uses it.
	modeLayout textMode = iota
	// modePlain always uses pdf.Page.GetPlainText; kept for measurements.
	modePlain
	// modeLibrary is modeLayout with the library's Page.Content (and
	// fixWidths) instead of pageGlyphs; kept for measurements.
	modeLibrary
)

// Limits and tuning of the layout builder. Sizes are in points unless
// said otherwise; fractions are of the font size.
const (
	// maxGlyphs is the number of glyphs per page above which the layout
	// builder gives up and the library's plain text is used.
	maxGlyphs = 200_000
	// maxContentBytes is the encoded size (bytes) of a page's content
	// streams above which Content() is not tried: it keeps every glyph in
	// memory (about 100 bytes each).
	maxContentBytes = 8 << 20
	// spaceGap is the horizontal gap between two glyphs, as a fraction of
	// the font size, above which a space is inserted.
	spaceGap = 0.15
	// wideGap replaces spaceGap on lines that contain blank glyphs of
	// their own.
	wideGap = 0.24
	// estimatedWidth is the advance, as a fraction of the font size,
	// assumed for a glyph whose width is unknown.
	estimatedWidth = 0.5
	// lineTolerance is the vertical distance, as a fraction of the font
	// size, within which glyphs belong to the same line.
	lineTolerance = 0.5
	// rotatedBreak is the pen step, as a multiple of the median step,
	// that ends a line of rotated text.
	rotatedBreak = 3.0
	// minFontSize is the rendered size below which a glyph is taken to be
	// rotated or degenerate (ledongthuc reports 0 for text turned by 90°).
	minFontSize = 0.5
)

// pageText is the outcome of reading one page.
type pageText struct {
	text     string
	info     PageInfo
	warnings []string
	// panicked is set (wrapping ErrPanic) when the library panicked on the
	// page and no text could be recovered.
	panicked error
}

// readPage returns the text of page num (1-based). It never panics.
func readPage(r *pdf.Reader, num int, mode textMode) (pt pageText) {
	defer func() {
		if p := recover(); p != nil {
			err := panicError(fmt.Sprintf("page %d", num), p)
			pt = pageText{panicked: err, warnings: []string{err.Error()}}
		}
	}()
	p := r.Page(num)
	if p.V.IsNull() {
		return pageText{warnings: []string{fmt.Sprintf("page %d: not found in the page tree", num)}}
	}
	pt.info = pageInfo(p)
	if mode != modePlain {
		text, why := layoutPage(p, mode)
		if why == "" {
			pt.text = text
			return pt
		}
		pt.warnings = append(pt.warnings, fmt.Sprintf("page %d: %s; used plain text", num, why))
	}
	// GetPlainText recovers from the library's own panics and returns
	// them as errors.
	text, err := p.GetPlainText(nil)
	if err != nil {
		err = fmt.Errorf("%w: page %d: %s", ErrPanic, num, clip(err.Error()))
		pt.warnings = append(pt.warnings, err.Error())
		pt.panicked = err
		return pt
	}
	pt.text = text
	return pt
}

// PageInfo describes what a page's resources hold.
type PageInfo struct {
	// Images is the number of image XObjects in the page's resources and
	// in those of its form XObjects (inline images are not counted).
	Images int
	// Forms is the number of form XObjects in the page's resources; the
	// library does not read their text.
	Forms int
	// Known is false when the resources could not be read.
	Known bool
}

// maxXObjects bounds the XObject entries pageInfo looks at.
const maxXObjects = 1000

// pageInfo counts the image and form XObjects of a page, and the images
// inside its forms (scans stamped by ECF software sit in a form), up to
// three forms deep. It never panics.
func pageInfo(p pdf.Page) (info PageInfo) {
	defer func() {
		if recover() != nil {
			info = PageInfo{}
		}
	}()
	seen := 0
	var walk func(res pdf.Value, depth int)
	walk = func(res pdf.Value, depth int) {
		xo := res.Key("XObject")
		if xo.Kind() != pdf.Dict {
			return
		}
		for _, k := range xo.Keys() {
			if seen++; seen > maxXObjects {
				return
			}
			x := xo.Key(k)
			switch x.Key("Subtype").Name() {
			case "Image":
				info.Images++
			case "Form":
				if depth == 0 {
					info.Forms++
				}
				if depth < 3 {
					walk(x.Key("Resources"), depth+1)
				}
			}
		}
	}
	walk(p.Resources(), 0)
	info.Known = true
	return info
}

// layoutPage builds the page text from positioned glyphs. When it cannot,
// it returns why (for a warning) and the caller falls back to the plain
// text.
func layoutPage(p pdf.Page, mode textMode) (text, why string) {
	if n := contentSize(p.V.Key("Contents")); n > maxContentBytes {
		return "", fmt.Sprintf("content streams of %d bytes", n)
	}
	var content pdf.Content
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%s%s", clip(fmt.Sprint(p)), libraryFrame(debug.Stack()))
			}
		}()
		if mode == modeLibrary {
			content = p.Content()
			return nil
		}
		content.Text, err = pageGlyphs(p)
		return err
	}()
	if err != nil {
		return "", fmt.Sprintf("positioned text failed (%v)", err)
	}
	if len(content.Text) > maxGlyphs {
		return "", fmt.Sprintf("%d glyphs", len(content.Text))
	}
	if mode == modeLibrary {
		fixWidths(content.Text, compositeWidths(p))
	}
	return layout(content.Text), ""
}

// contentSize returns the encoded length (bytes) of a page's content
// stream or array of streams.
func contentSize(v pdf.Value) int64 {
	switch v.Kind() {
	case pdf.Stream:
		return max(v.Key("Length").Int64(), 0)
	case pdf.Array:
		var n int64
		for i := 0; i < v.Len(); i++ {
			n += max(v.Index(i).Key("Length").Int64(), 0)
		}
		return n
	}
	return 0
}

// glyph is one positioned character (or short string) to lay out.
type glyph struct {
	x, y, w, size float64
	s             string
	space         bool // the glyph is blank: it separates words
	seq           int  // position in the content stream
}

// layout turns positioned glyphs into lines of text. Glyphs are grouped
// into lines by baseline, top to bottom. Within a line, glyphs are cut into
// chunks that the content stream draws left to right, and the chunks are
// put in x order; this keeps a stamp added later (or a page number drawn
// out of order) from being shuffled into the middle of a word. A space goes
// between two glyphs that the content stream separates with a blank, or
// whose gap exceeds spaceGap of the font size (wideGap when the line has
// blanks of its own, since it then spaces its words explicitly).
//
// Glyphs without a width (see fixWidths) are placed by an estimated pen
// position and only wide gaps count as spaces after them. Rotated glyphs,
// for which ledongthuc reports neither size nor width, follow the
// horizontal text in content stream order (see writeRotated).
func layout(texts []pdf.Text) string {
	gs := make([]glyph, 0, len(texts))
	var rotated []glyph
	for i, t := range texts {
		s := strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, t.S)
		if s == "" || s == "\ufffd" {
			// ledongthuc emits "\n" after every TJ, decoded as U+FFFD in
			// fonts with a CMap; a real unmapped glyph carries no text.
			continue
		}
		g := glyph{x: t.X, y: t.Y, w: t.W, size: t.FontSize, s: s, seq: i}
		g.space = strings.TrimSpace(s) == ""
		if g.size < minFontSize {
			rotated = append(rotated, g)
			continue
		}
		gs = append(gs, g)
	}
	// Top to bottom; the content stream order breaks ties.
	slices.SortStableFunc(gs, func(a, b glyph) int { return cmp.Compare(b.y, a.y) })

	var out strings.Builder
	var chunks [][]glyph
	for start := 0; start < len(gs); {
		top := gs[start]
		end := start + 1
		for end < len(gs) && top.y-gs[end].y <= lineTolerance*max(top.size, gs[end].size, minFontSize) {
			end++
		}
		line := gs[start:end]
		start = end
		chunks = splitChunks(line, chunks[:0])
		if out.Len() > 0 {
			out.WriteByte('\n')
		}
		writeLine(&out, chunks)
	}
	writeRotated(&out, rotated)
	return out.String()
}

// writeRotated writes rotated glyphs in content stream order. Without
// sizes or widths, it relies on the pen steps: a step longer than
// rotatedBreak times the median step between consecutive glyphs starts a
// new line, and blank glyphs become spaces.
func writeRotated(out *strings.Builder, gs []glyph) {
	if len(gs) == 0 {
		return
	}
	steps := make([]float64, 0, len(gs)-1)
	for i := 1; i < len(gs); i++ {
		steps = append(steps, math.Hypot(gs[i].x-gs[i-1].x, gs[i].y-gs[i-1].y))
	}
	limit := math.Inf(1)
	if len(steps) > 0 {
		slices.Sort(steps)
		limit = rotatedBreak * max(steps[len(steps)/2], minFontSize)
	}
	if out.Len() > 0 {
		out.WriteByte('\n')
	}
	pending := false
	for i, g := range gs {
		if i > 0 && math.Hypot(g.x-gs[i-1].x, g.y-gs[i-1].y) > limit {
			out.WriteByte('\n')
			pending = false
		}
		if g.space {
			pending = true
			continue
		}
		if pending {
			out.WriteByte(' ')
			pending = false
		}
		out.WriteString(g.s)
	}
}

// splitChunks puts line back in content stream order and cuts it where the
// pen moves left by more than half a font size; it returns the pieces in
// x order (ties kept in stream order), appended to chunks.
func splitChunks(line []glyph, chunks [][]glyph) [][]glyph {
	slices.SortFunc(line, func(a, b glyph) int { return cmp.Compare(a.seq, b.seq) })
	from := 0
	for i := 1; i <= len(line); i++ {
		if i == len(line) || line[i].x < line[i-1].x-0.5*max(line[i-1].size, minFontSize) {
			chunks = append(chunks, line[from:i])
			from = i
		}
	}
	slices.SortStableFunc(chunks, func(a, b []glyph) int { return cmp.Compare(a[0].x, b[0].x) })
	return chunks
}

// writeLine writes the chunks of one line with spaces between words.
func writeLine(out *strings.Builder, chunks [][]glyph) {
	explicit := false
	for _, c := range chunks {
		for _, g := range c {
			if g.space {
				explicit = true
			}
		}
	}
	gapFactor := spaceGap
	if explicit {
		gapFactor = wideGap
	}
	var prev *glyph
	pending := false
	pen := 0.0 // where the previous glyph ended, estimated when it has no width
	for _, c := range chunks {
		for i := range c {
			g := &c[i]
			if g.space {
				pending = prev != nil
				continue
			}
			size := max(g.size, minFontSize)
			if prev != nil {
				size = max(prev.size, size)
				space := pending
				if prev.w > 0 {
					gap := g.x - pen
					if g.s == prev.s && math.Abs(g.x-prev.x) < 0.2*size {
						continue // the same glyph drawn twice (fake bold)
					}
					space = space || gap > gapFactor*size || gap < -0.5*size
				} else {
					// No width: ledongthuc did not advance the pen, so
					// glyphs of one string share an x. Compare with an
					// estimated pen position instead, and only trust
					// wide gaps.
					space = space || g.x-pen > max(gapFactor, wideGap)*size
				}
				if space {
					out.WriteByte(' ')
				}
			}
			out.WriteString(g.s)
			if g.w > 0 {
				pen = g.x + g.w
			} else {
				if prev == nil || g.x > pen {
					pen = g.x
				}
				pen += estimatedWidth * max(g.size, minFontSize)
			}
			pending = false
			prev = g
		}
	}
}
