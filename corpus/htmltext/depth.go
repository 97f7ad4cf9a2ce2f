package htmltext

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"golang.org/x/net/html"
)

// voidElements never have content, so their start tags do not nest.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "keygen": true, "link": true,
	"meta": true, "param": true, "source": true, "track": true, "wbr": true,
	"basefont": true, "bgsound": true, "frame": true, "image": true,
}

// closesP lists start tags that implicitly close an open <p>.
var closesP = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"center": true, "details": true, "dialog": true, "dir": true, "div": true,
	"dl": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hgroup": true,
	"hr": true, "li": true, "main": true, "menu": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "ul": true, "dd": true, "dt": true, "listing": true,
	"plaintext": true, "xmp": true,
}

// scopeBoundary stops the search for an element to close implicitly.
var scopeBoundary = map[string]bool{
	"applet": true, "caption": true, "html": true, "table": true, "td": true,
	"th": true, "marquee": true, "object": true, "template": true,
	"button": true, "svg": true, "math": true,
}

// singletons are never nested by the parser.
var singletons = map[string]bool{"html": true, "head": true, "body": true, "form": true}

// implied describes the open elements a start tag closes implicitly: the
// nearest element named in close, searching down the stack past any element
// in pass but stopping at scope boundaries and list containers.
type implied struct {
	close []string
	pass  []string
}

// impliedEnds maps start tags to the elements they close implicitly.
var impliedEnds = map[string]implied{
	"li":       {close: []string{"li"}},
	"dt":       {close: []string{"dt", "dd"}},
	"dd":       {close: []string{"dt", "dd"}},
	"option":   {close: []string{"option"}},
	"optgroup": {close: []string{"option", "optgroup"}},
	"tr":       {close: []string{"tr"}, pass: []string{"td", "th"}},
	"td":       {close: []string{"td", "th"}},
	"th":       {close: []string{"td", "th"}},
	"tbody":    {close: []string{"tbody", "thead", "tfoot"}, pass: []string{"tr", "td", "th"}},
	"thead":    {close: []string{"tbody", "thead", "tfoot"}, pass: []string{"tr", "td", "th"}},
	"tfoot":    {close: []string{"tbody", "thead", "tfoot"}, pass: []string{"tr", "td", "th"}},
	"a":        {close: []string{"a"}, pass: []string{"ul", "ol", "dl"}},
	"nobr":     {close: []string{"nobr"}},
	"rt":       {close: []string{"rt", "rp"}},
	"rp":       {close: []string{"rt", "rp"}},
}

// checkDepth tokenizes data and fails with ErrTooDeep when the open-element
// stack, approximated the way an HTML parser would build it (void elements,
// implied end tags, end tags closing everything above their match), grows
// beyond maxDepth. It is a cheap guard run before the real parse; the tree
// is measured again exactly afterwards.
func checkDepth(ctx context.Context, data []byte, maxDepth int) error {
	z := html.NewTokenizer(bytes.NewReader(data))
	stack := make([]string, 0, 64)
	foreign := 0 // number of open svg/math elements
	for n := 0; ; n++ {
		if n&4095 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return nil // io.EOF or a read error on an in-memory reader
		case html.StartTagToken, html.SelfClosingTagToken:
			nameb, _ := z.TagName()
			name := string(nameb)
			if voidElements[name] {
				continue
			}
			if tt == html.SelfClosingTagToken && foreign > 0 {
				continue
			}
			if singletons[name] && slices.Contains(stack, name) {
				continue // a second <body> or nested <form> is merged or ignored
			}
			if closesP[name] {
				stack = closeImplied(stack, implied{close: []string{"p"}})
			}
			if im, ok := impliedEnds[name]; ok {
				stack = closeImplied(stack, im)
			}
			stack = append(stack, name)
			if name == "svg" || name == "math" {
				foreign++
			}
			if len(stack) > maxDepth {
				return fmt.Errorf("%w: more than %d open elements", ErrTooDeep, maxDepth)
			}
		case html.EndTagToken:
			nameb, _ := z.TagName()
			name := string(nameb)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == name {
					for _, s := range stack[i:] {
						if s == "svg" || s == "math" {
							foreign--
						}
					}
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// closeImplied pops the stack down to (and including) the nearest element
// named in im.close, unless a scope boundary or list container not listed
// in im.pass comes first.
func closeImplied(stack []string, im implied) []string {
	for i := len(stack) - 1; i >= 0; i-- {
		s := stack[i]
		if slices.Contains(im.close, s) {
			return stack[:i]
		}
		if slices.Contains(im.pass, s) {
			continue
		}
		if scopeBoundary[s] || s == "ul" || s == "ol" || s == "dl" || s == "select" {
			return stack
		}
	}
	return stack
}

// treeDepth returns the maximum element depth below n, walking iteratively
// so that a pathological tree cannot exhaust the goroutine stack.
func treeDepth(n *html.Node) int {
	maxd := 0
	type item struct {
		n *html.Node
		d int
	}
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.d > maxd {
			maxd = it.d
		}
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, item{c, it.d + 1})
			}
		}
	}
	return maxd
}
