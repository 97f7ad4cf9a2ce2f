package htmltext

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pruning of the article container chosen by readability: what a reader
// skips inside it (captions and photo credits, lists of links, the
// headline repeated, date lines). Measured on the extraction benchmark,
// these rules raise precision without costing recall.

// captionTokens mark, by class or id, captions and photo credits and the
// small boxes set inside articles: disclaimers, rating widgets, teasers
// and author bios.
var captionTokens = map[string]bool{
	"caption": true, "captions": true, "figcaption": true, "credit": true,
	"credits": true, "disclaimer": true, "ratings": true, "rating": true,
	"teaser": true, "teasers": true, "bio": true, "authorbox": true,
}

// maxCaptionShare is the largest share of the article's text that
// captions may hold and still be dropped: above it the page is a gallery
// or listicle whose captions are the content.
const maxCaptionShare = 0.5

// Link lists: a list whose text is mostly link text is navigation or a
// list of related stories.
const (
	// linkListShare is the share of a list's text inside links that makes
	// it a link list.
	linkListShare = 0.8
	// linkListItems is the fewest items a link list has.
	linkListItems = 3
)

// pruneArticle removes captions (and the other boxes of captionTokens)
// and link lists from the article subtree in place. Captions are kept when
// together they hold more than maxCaptionShare of the text.
func pruneArticle(root *html.Node) {
	stats := map[*html.Node][2]int{}
	linkStats(root, false, stats)
	var captions, lists []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isCaption(c) {
				captions = append(captions, c)
				continue
			}
			if isLinkList(c, stats) {
				lists = append(lists, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	doomed := lists
	if len(captions) > 0 {
		total := stats[root][0]
		capText := 0
		for _, c := range captions {
			capText += stats[c][0]
		}
		if float64(capText) <= maxCaptionShare*float64(total) {
			doomed = append(doomed, captions...)
		}
	}
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isCaption reports a figure caption or an element named by one of
// captionTokens.
func isCaption(n *html.Node) bool {
	if n.DataAtom == atom.Figcaption {
		return true
	}
	for _, s := range []string{attr(n, "class"), attr(n, "id")} {
		if s == "" {
			continue
		}
		for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
			if captionTokens[f] {
				return true
			}
		}
	}
	return false
}

// isLinkList reports a <ul> or <ol> with at least linkListItems items whose
// text is mostly link text; stats holds linkStats of the tree.
func isLinkList(n *html.Node, stats map[*html.Node][2]int) bool {
	if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol {
		return false
	}
	items := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			items++
		}
	}
	if items < linkListItems {
		return false
	}
	st := stats[n]
	return st[0] > 0 && float64(st[1]) >= linkListShare*float64(st[0])
}

// linkStats records for n and every element below it the number of
// non-space bytes of text and of those inside <a> elements, in one pass,
// and returns n's pair.
func linkStats(n *html.Node, inLink bool, stats map[*html.Node][2]int) [2]int {
	if n.Type == html.TextNode {
		c := 0
		for i := 0; i < len(n.Data); i++ {
			if b := n.Data[i]; b != ' ' && b != '\n' && b != '\t' && b != '\r' {
				c++
			}
		}
		if inLink {
			return [2]int{c, c}
		}
		return [2]int{c, 0}
	}
	inLink = inLink || n.Type == html.ElementNode && n.DataAtom == atom.A
	var sum [2]int
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		st := linkStats(c, inLink, stats)
		sum[0] += st[0]
		sum[1] += st[1]
	}
	if n.Type == html.ElementNode || n.Type == html.DocumentNode {
		stats[n] = sum
	}
	return sum
}

// Date lines: short blocks that only state when the article was published
// or updated, or who wrote it ("Updated 5:27 am CST, Wednesday, November
// 20, 2019", "By Justine Coleman - 11/18/19 11:04 PM EST").
var (
	dateLineStart = regexp.MustCompile(`(?i)^(updated|published|posted|last updated|last modified|aktualisiert|veröffentlicht|publié|mis à jour|actualizado|publicado)\b`)
	clockTime     = regexp.MustCompile(`(?i)\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?\b`)
)

// maxDateLineWords is the longest block, in words, taken for a date line.
const maxDateLineWords = 12

// isDateLine reports a short block that is a publication or update line.
func isDateLine(block string) bool {
	if len(block) > 16*maxDateLineWords || len(strings.Fields(block)) > maxDateLineWords || strings.Contains(block, "\n") {
		return false
	}
	if dateLineStart.MatchString(block) {
		return true
	}
	_, hasDate := dateInText(block)
	return hasDate && clockTime.MatchString(block)
}

// teaserLine starts a pointer to another story ("Read more: ...", "Lea
// también: ...", "Mehr zum Thema") or a recommendation heading.
var teaserLine = regexp.MustCompile(`(?i)^(read (more|also)|see also|related( stories| articles)?:|more on this|lea (más|también)|lee (más|también)|mira:|vea también|puedes ver|le puede interesar|te puede interesar|lire aussi|à lire aussi|leggi anche|lesen sie (auch|mehr)|mehr zum thema|auch interessant|das könnte (sie|dich) auch interessieren|weitere (beiträge|artikel|infos|informationen)( zum thema)?:?$|empfohlene (beiträge|artikel)|meistdiskutierte|meistgelesene|artikel teilen|möchten sie (den|diesen) artikel teilen)`)

// maxTeaserWords is the longest block, in words, taken for a teaser line.
const maxTeaserWords = 30

// commentHeading is the heading of a comment section; the text after it
// is readers' comments, not the article.
var commentHeading = regexp.MustCompile(`(?i)^(\d+\s+)?(comments?|leave a (reply|comment)|kommentare?( schreiben)?|schreibe einen kommentar|kommentieren|commentaires?|laisser un commentaire|comentarios?|deja un comentario|commenti)(\s*\(\d+\))?:?$`)

// pruneBlocks drops blocks of rendered text that repeat the headline, are
// date lines or teasers for other stories, and cuts the text at a comment
// section heading in its second half; it returns the remaining text.
func pruneBlocks(text, title string) string {
	if text == "" {
		return text
	}
	blocks := strings.Split(text, "\n\n")
	tk := nameKey(title)
	out := blocks[:0]
	for i, b := range blocks {
		if i >= len(blocks)/2 && i > 0 && len(b) < 64 && commentHeading.MatchString(b) {
			break
		}
		if tk != "" && nameKey(b) == tk || isDateLine(b) ||
			len(b) <= 16*maxTeaserWords && len(strings.Fields(b)) <= maxTeaserWords && teaserLine.MatchString(b) {
			continue
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return text
	}
	return strings.Join(out, "\n\n")
}
