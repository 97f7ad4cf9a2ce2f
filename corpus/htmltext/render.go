package htmltext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags start and end a text block.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true,
	atom.Blockquote: true, atom.Body: true, atom.Caption: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true,
	atom.Ul: true, atom.Listing: true, atom.Plaintext: true, atom.Xmp: true,
}

// skipTags never contribute reader-visible text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Head: true, atom.Title: true, atom.Meta: true,
	atom.Link: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Button: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Img: true, atom.Picture: true,
	atom.Map: true,
}

// textBuilder accumulates blocks of text with HTML whitespace collapsing.
type textBuilder struct {
	blocks []string
	cur    strings.Builder
	space  bool // a collapsed space is pending before the next word
}

// softHyphen marks an optional hyphenation point; it is invisible unless a
// line breaks there, so it is dropped rather than left inside words.
const softHyphen = '\u00AD'

// word appends inline text, collapsing runs of white space to one space.
func (t *textBuilder) word(s string) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if r == softHyphen {
			s = s[size:]
			continue
		}
		if unicode.IsSpace(r) {
			t.space = true
		} else {
			if t.space && t.cur.Len() > 0 && !endsWithNewline(&t.cur) {
				t.cur.WriteByte(' ')
			}
			t.space = false
			t.cur.WriteString(s[:size])
		}
		s = s[size:]
	}
}

// raw appends preformatted text unchanged.
func (t *textBuilder) raw(s string) {
	t.cur.WriteString(s)
	t.space = false
}

// lineBreak ends a line inside the current block (for <br>).
func (t *textBuilder) lineBreak() {
	if t.cur.Len() > 0 && !endsWithNewline(&t.cur) {
		t.cur.WriteByte('\n')
	}
	t.space = false
}

// cell separates table cells on one row.
func (t *textBuilder) cell() {
	if t.cur.Len() > 0 {
		t.space = true
	}
}

// flush closes the current block.
func (t *textBuilder) flush() {
	s := strings.TrimSpace(t.cur.String())
	if s != "" {
		t.blocks = append(t.blocks, trimLines(s))
	}
	t.cur.Reset()
	t.space = false
}

func (t *textBuilder) String() string {
	t.flush()
	return strings.Join(t.blocks, "\n\n")
}

func endsWithNewline(b *strings.Builder) bool {
	s := b.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

// trimLines trims spaces at line ends and drops empty lines inside a block,
// so that a block never contains the "\n\n" block separator.
func trimLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimRightFunc(l, unicode.IsSpace); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// renderText turns a subtree into plain text: blocks (paragraphs, headings,
// list items, table rows, preformatted sections) are separated by one blank
// line, <br> becomes a line break, other white space collapses to single
// spaces, and interactive elements are skipped, as are elements hidden by a
// hidden attribute or inline style unless keepHidden is set.
func renderText(n *html.Node, keepHidden bool) string {
	var t textBuilder
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				t.raw(n.Data)
			} else {
				t.word(n.Data)
			}
			return
		case html.ElementNode:
		case html.DocumentNode:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, pre)
			}
			return
		default:
			return
		}
		if skipTags[n.DataAtom] || n.Namespace != "" ||
			!keepHidden && (hasAttr(n, "hidden") || hiddenStyle(attr(n, "style"))) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			t.lineBreak()
			return
		case atom.Td, atom.Th:
			t.cell()
		}
		block := blockTags[n.DataAtom]
		isPre := n.DataAtom == atom.Pre || n.DataAtom == atom.Listing || n.DataAtom == atom.Xmp
		if block {
			t.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre || isPre)
		}
		if block {
			t.flush()
		} else if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			t.cell()
		}
	}
	walk(n, false)
	return t.String()
}

// hiddenStyle reports an inline style that hides the element.
func hiddenStyle(style string) bool {
	if style == "" {
		return false
	}
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}
