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
	"bio": true, "authorbox": true,
}

// boxMarks are substrings of a class or id that mark the other boxes set
// inside an article: copyright and footer notes, paywall and subscription
// prompts, author boxes, share and comment widgets, post metadata and
// navigation to the next post, text meant for screen readers only, and
// affiliate and sponsor notes. The list follows trafilatura's discard
// rules; matching is on each lower-cased class name and the id, skipping
// the taxonomy classes WordPress puts on a whole post ("category-social",
// "tag-newsletter") and opinion "commentary" wrappers. "Teaser" is
// deliberately absent: inside an article it names the lead paragraph.
var boxMarks = []string{
	"copyright", "footer", "paywall", "subscri", "newsletter",
	"author-box", "authorbox", "author-bio", "authorbio", "author-info", "about-author", "entry-author", "post-author",
	"share", "social", "comment", "rating", "related",
	"entry-meta", "entry-utility", "postmeta", "post-meta", "entry-footer", "post-footer",
	"next-post", "nextstory", "next-story", "prev-next", "post-nav", "pagination",
	"screen-reader", "sr-only", "visually-hidden", "visuallyhidden", "noprint",
	"affiliate", "advert", "sponsor",
}

// boxWords are whole words (split at non-letters) of a class or id that
// mark such boxes where a substring would also hit harmless names:
// "respond" (not "responsive"), "promo" (not "node-promoted").
var boxWords = map[string]bool{"respond": true, "promo": true, "promos": true}

// maxBoxShare is the largest share of the article's text one element
// named by boxMarks may hold and still be dropped; a larger one is the
// article's own wrapper with an unlucky name.
const maxBoxShare = 0.25

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
	var captions, lists, boxes []*html.Node
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
			if isBox(c) && float64(stats[c][0]) <= maxBoxShare*float64(stats[root][0]) {
				boxes = append(boxes, c)
				continue
			}
			if isLinkList(c, stats) || isLinkLine(c, stats) {
				lists = append(lists, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	doomed := append(lists, boxes...)
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

// isBox reports an element whose class names or id contain one of
// boxMarks.
func isBox(n *html.Node) bool {
	names := strings.Fields(strings.ToLower(attr(n, "class")))
	if id := strings.ToLower(attr(n, "id")); id != "" {
		names = append(names, id)
	}
	for _, name := range names {
		if strings.HasPrefix(name, "category-") || strings.HasPrefix(name, "tag-") || strings.Contains(name, "commentary") {
			continue
		}
		for _, m := range boxMarks {
			if strings.Contains(name, m) {
				return true
			}
		}
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r < 'a' || r > 'z' }) {
			if boxWords[w] {
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

// isLinkLine reports a paragraph (or dt, dd) that is nothing but a link: a
// pointer to another page ("Hier geht es zur Übersicht", a related
// headline), not a sentence of the article. Headings are left alone: a
// section heading often links to its anchor.
func isLinkLine(n *html.Node, stats map[*html.Node][2]int) bool {
	switch n.DataAtom {
	case atom.P, atom.Dt, atom.Dd:
	default:
		return false
	}
	st := stats[n]
	return st[0] > 0 && st[0] <= linkLineMax && float64(st[1]) >= linkLineShare*float64(st[0])
}

// Link lines: see isLinkLine.
const (
	// linkLineShare is the share of a block's text inside links that
	// makes it a link line.
	linkLineShare = 0.9
	// linkLineMax is the most non-space bytes a link line holds.
	linkLineMax = 160
)

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
	// dateLabel starts a line that names a date without being one on its
	// own ("Veröffentlichung: 2. Februar 2022", "Publikacja: 04.05.2021");
	// the line must also hold a date.
	dateLabel = regexp.MustCompile(`(?i)^(veröffentlichung|erstellt|erschienen|stand|datum|date|release date|publikacja|aktualizacja|opublikowano|fecha|date de publication|julkaistu|publicerad|publisert)\s*[:\-–]?\s*(?:am|vom|on|le|el|den)?\s*\d`)
	clockTime = regexp.MustCompile(`(?i)\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?\b`)
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
	return hasDate && (clockTime.MatchString(block) || dateLabel.MatchString(block))
}

// teaserLine starts a pointer to another story ("Read more: ...", "Lea
// también: ...", "Mehr zum Thema", "Czytaj też: ...") or a recommendation
// heading.
var teaserLine = regexp.MustCompile(`(?i)^(read (more|also)|see also|related( stories| articles)?:|more on this|lea (más|también)|lee (más|también)|mira:|vea también|puedes ver|le puede interesar|te puede interesar|lire aussi|à lire aussi|leggi anche|lesen sie (auch|mehr)|mehr zum thema|auch interessant|das könnte (sie|dich) auch interessieren|weitere (beiträge|artikel|infos|informationen)( zum thema)?:?$|empfohlene (beiträge|artikel)|auch lesen\s*:|dowiedz się więcej|meistdiskutierte|meistgelesene|meist-diskutiert|meist-gelesen|artikel teilen|möchten sie (den|diesen) artikel teilen|(lea|lee|mire|mira|vea|ver|leia|veja|read|watch|see|lies|lesen sie|lisez|lire|leggi|czytaj|zobacz|sehen sie|hören sie)( (también|tambien|más|mas|also|more|auch|hier|weiter|aussi|anche|też|także|również|mais|também))?\s*:)`)

// relatedHeading is a block that only announces links to other pages
// ("You might also like:", "Siehe auch", "Weiterführende Links",
// "Czytaj też", "Noticias relacionadas").
var relatedHeading = regexp.MustCompile(`(?i)^(you (might|may|will) (also )?(like|enjoy|be interested in)|more (stories|articles|news|posts|from .{1,40}|on this( topic)?)|related (posts|articles|stories|content|topics|links|reading)|popular (posts|articles|stories)|most (read|popular|viewed|shared)|recommended( for you| reading)?|further reading|other (stories|articles)|siehe auch|auch lesen|(das thema |dieser artikel |das )?(könnte|dürfte) (sie|dich|euch) auch interessieren|mehr themen|mehr zu .{1,40}|weitere (beiträge|artikel|tipps|[\pL-]*tipps|infos|informationen|themen|news|nachrichten|links|rezepte|videos|bilder|meldungen)\b.{0,40}|ebenfalls interessant|heute empfehlen wir|unsere empfehlungen?|empfehlungen( aus .{1,40})?|audios? et vidéos sur le sujet|sur le sujet|weiterführender link|mehr (zum thema|dazu|artikel|beiträge|news|nachrichten|aus .{1,40})|weiterführende (links|informationen|artikel|beiträge|literatur|inhalte)|zum weiterlesen|weiterlesen|schon gelesen|neueste (artikel|beiträge|nachrichten)|ähnliche (artikel|beiträge|themen|rezepte)|passend (zum thema|dazu)|noch mehr .{1,40}|entdecke weitere .{1,40}|entdecken sie (jetzt|weitere|mehr) .{0,40}|czytaj (też|także|również)|zobacz (też|także|również)|polecamy|veja também|leia (também|mais)|noticias relacionadas|artículos relacionados|te puede interesar|sur le même sujet|articles similaires|à lire aussi|dans la même rubrique|potrebbe interessarti|articoli correlati)\s*[:.!?…]*$`)

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
		if first, rest, ok := strings.Cut(b, "\n"); ok && len(first) < 80 && relatedHeading.MatchString(first) && allShortLines(rest) {
			continue // "Siehe auch" with its links in one block
		}
		if len(b) < 80 && relatedHeading.MatchString(b) {
			if i >= len(blocks)/2 && i > 0 && allShort(blocks[i+1:]) {
				break // a list of other stories closes the page
			}
			continue
		}
		if tk != "" && nameKey(b) == tk || isDateLine(b) || isBoilerLine(b) ||
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

// allShort reports whether every block has at most maxTeaserWords words,
// as the headlines and blurbs of a list of other stories do.
func allShort(blocks []string) bool {
	for _, b := range blocks {
		if len(b) > 16*maxTeaserWords || len(strings.Fields(b)) > maxTeaserWords {
			return false
		}
	}
	return true
}

// allShortLines reports whether every line of s has at most
// maxLinkLineWords words, as a list of headlines does.
func allShortLines(s string) bool {
	for _, l := range strings.Split(s, "\n") {
		if len(strings.Fields(l)) > maxLinkLineWords {
			return false
		}
	}
	return true
}

// maxLinkLineWords is the longest line, in words, of a list of headlines.
const maxLinkLineWords = 15
