package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// alwaysDrop elements never carry article text and are removed outright.
var alwaysDrop = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Dialog: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
}

// furnitureTags are page furniture by tag name; removed unless they look
// like they hold the article (see guarded).
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Menu: true,
}

// dropRoles are ARIA roles of page furniture.
var dropRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true,
	"complementary": true, "dialog": true, "alertdialog": true,
	"search": true, "menu": true, "menubar": true,
}

// boilerTokens are words in a class, id or aria-label (split at
// non-letters) that mark cookie banners, newsletter boxes, related-story
// lists and share bars. Broader words such as "sidebar" or "ad" are left to
// readability, whose own rules weigh them against the content.
var boilerTokens = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"onetrust": true, "didomi": true, "newsletter": true,
	"newsletters": true, "subscribe": true, "signup": true,
	"related": true, "recommended": true, "recommendations": true,
	"share": true, "sharing": true, "social": true, "breadcrumb": true,
	"breadcrumbs": true, "outbrain": true, "taboola": true,
}

// Guards that keep an element matched by the furniture rules when it looks
// like the article itself (a wrapper with an unlucky class name).
const (
	// keepShare is the largest share of the page's text a removed element
	// may hold.
	keepShare = 0.3
	// keepParas is the number of long paragraphs that marks an element as
	// content.
	keepParas = 3
	// longPara is the length in bytes of text that makes a <p> long.
	longPara = 100
)

// nodeStats is the text measure of one element.
type nodeStats struct {
	text  int // non-space text bytes below the element
	paras int // <p> descendants (or self) with at least longPara bytes
}

// removeBoilerplate deletes scripts, navigation, cookie banners,
// newsletter boxes, related lists and similar furniture from doc in place.
// JSON-LD has already been read by collectMeta.
func removeBoilerplate(doc *html.Node) {
	stats := map[*html.Node]nodeStats{}
	total := measure(doc, stats).text
	var doomed []*html.Node
	var walk func(n *html.Node, inArt bool)
	walk = func(n *html.Node, inArt bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.CommentNode:
				doomed = append(doomed, c)
				continue
			case html.ElementNode:
			default:
				continue
			}
			if alwaysDrop[c.DataAtom] || c.Namespace == "" && isFurniture(c, inArt) && !looksLikeContent(stats[c], total) {
				doomed = append(doomed, c)
				continue
			}
			walk(c, inArt || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
		}
	}
	walk(doc, false)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// looksLikeContent reports an element that holds much of the page's text
// or several long paragraphs.
func looksLikeContent(st nodeStats, total int) bool {
	return float64(st.text) > keepShare*float64(total) || st.paras >= keepParas
}

// isFurniture decides on one element by its tag, role and names.
func isFurniture(n *html.Node, inArt bool) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Main, atom.Article, atom.Title, atom.Meta, atom.Link:
		return false
	case atom.Header:
		if !inArt {
			return true
		}
	}
	if furnitureTags[n.DataAtom] {
		return true
	}
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	if dropRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))] {
		return true
	}
	return hasBoilerToken(attr(n, "class")) || hasBoilerToken(attr(n, "id")) ||
		hasBoilerToken(attr(n, "aria-label"))
}

// hasBoilerToken splits s at every non-letter and looks the lower-cased
// parts up in boilerTokens.
func hasBoilerToken(s string) bool {
	if s == "" {
		return false
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r < 'a' || r > 'z'
	}) {
		if boilerTokens[f] {
			return true
		}
	}
	return false
}

// measure fills stats for every element below n (scripts and styles
// count as empty) and returns the measure of n.
func measure(n *html.Node, stats map[*html.Node]nodeStats) nodeStats {
	if n.Type == html.TextNode {
		c := 0
		for i := 0; i < len(n.Data); i++ {
			if b := n.Data[i]; b != ' ' && b != '\n' && b != '\t' && b != '\r' {
				c++
			}
		}
		return nodeStats{text: c}
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
		return nodeStats{}
	}
	var sum nodeStats
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		st := measure(c, stats)
		sum.text += st.text
		sum.paras += st.paras
	}
	if n.Type == html.ElementNode {
		if n.DataAtom == atom.P && sum.text >= longPara {
			sum.paras++
		}
		stats[n] = sum
	}
	return sum
}

// unhide removes inline styles that hide elements (display:none,
// visibility:hidden) and returns how many it removed.
func unhide(n *html.Node) int {
	count := 0
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			if a.Namespace == "" && a.Key == "style" && hiddenStyle(a.Val) {
				n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
				count++
				break
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		count += unhide(c)
	}
	return count
}
