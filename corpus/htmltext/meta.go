package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is the metadata read from the parsed page before any cleaning.
type pageMeta struct {
	title        string              // text of the first <title>
	htmlLang     string              // lang or xml:lang of <html>
	meta         map[string][]string // lower-cased name/property/itemprop/http-equiv -> contents, in page order
	canonical    string              // href of <link rel=canonical>
	pairs        [][2]string         // every (key, content) of meta, in page order
	times        []timeTag           // <time datetime> elements in page order
	dateTexts    []string            // short texts of elements whose class or id mentions a date, in page order
	jsonld       []string            // bodies of application/ld+json scripts
	bylines      []string            // texts of itemprop=author elements and rel=author links, in page order
	dateAttrs    []string            // datetime, content or title attributes of those elements
	textDates    []string            // short texts in <body> that contain a date, in page order
	labelled     []string            // "label date" texts whose publication label is the previous text node, in page order
	commentDates []string            // short date texts inside readers' comments, in page order (last resort)
	shortDates   []string            // text nodes that are only a day with a two-digit year ("31.10.23"), in page order
	headDate     string              // day of the first date written within maxAfterH1 text nodes from the first <h1>, or ""
	afterH1      int                 // 1 + text nodes seen since the first <h1>; 0 before it
	printed      map[string]bool     // days (YYYY-MM-DD) written in <time> or date elements (dateish), up to maxPrinted

	dateProbes int // elements examined for dateTexts
	textProbes int // text nodes examined for textDates
}

// timeTag is one <time datetime=...> element.
type timeTag struct {
	datetime string
	pub      bool // marked as the publication time (pubdate, itemprop, class)
	inArt    bool // inside <article> or <main>
}

// collectMeta walks the whole tree once. The tree depth has already been
// bounded, so recursion is safe.
func collectMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string][]string{}, printed: map[string]bool{}}
	prev := "" // the previous non-empty short text node in <body>
	// inDate: n is inside a <time> or an element whose class or id names
	// a date; inComment: inside readers' comments, whose dates are not
	// the page's.
	var walk func(n *html.Node, inArt, inDate, inComment bool)
	walk = func(n *html.Node, inArt, inDate, inComment bool) {
		if n.Type == html.TextNode && inComment && len(m.commentDates) < maxCommentDates {
			if t := strings.TrimSpace(n.Data); len(t) >= 6 && len(t) <= maxDateText && strings.ContainsAny(t, "0123456789") {
				if _, ok := dateInText(t); ok {
					m.commentDates = append(m.commentDates, t)
				}
			}
		}
		if n.Type == html.TextNode && n.Parent != nil && !skipTags[n.Parent.DataAtom] && !inComment {
			t := strings.TrimSpace(n.Data)
			if m.textProbes < maxTextProbes && len(t) >= 6 && strings.ContainsAny(t, "0123456789") {
				m.textProbes++
				if len(t) > maxDateText {
					// A paragraph may open with its date line: "27.1.2022 - Bei der ...".
					t = strings.ToValidUTF8(t[:maxDateLead], "")
				}
				if len(t) <= 8 && len(m.shortDates) < maxShortDates {
					if _, ok := shortDotDate(t); ok {
						m.shortDates = append(m.shortDates, t)
					}
				}
				if d, ok := dateInText(t); ok && !memberLabelled(prev, t) {
					// "Updated <time>...</time>" under the headline is not
					// its publication date.
					if m.headDate == "" && m.afterH1 > 0 && m.afterH1 <= maxAfterH1 && !changeLabelled(prev+" "+t) {
						m.headDate = dayOf(d)
					}
					if inDate && len(m.printed) < maxPrinted {
						m.printed[dayOf(d)] = true
					}
					if len(m.textDates) < maxTextDates {
						m.textDates = append(m.textDates, t)
					}
					// "<dt>Published:</dt><dd>13.10.2021</dd>": the label
					// is a text node of its own.
					if len(m.labelled) < maxLabelled && prev != "" && endsWithLabel(prev) {
						m.labelled = append(m.labelled, prev+" "+t)
					}
				}
			}
			if t != "" && m.afterH1 > 0 {
				m.afterH1++
			}
			if t != "" {
				prev = ""
				if len(t) <= maxLabelText {
					prev = t
				}
			}
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				m.htmlLang = strOr(attr(n, "lang"), attr(n, "xml:lang"))
			case atom.Title:
				if m.title == "" && !inSVG(n) {
					m.title = textOf(n)
				}
			case atom.Meta:
				m.addMeta(n)
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if inComment {
					break
				}
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					cls := strings.ToLower(attr(n, "class"))
					pub := hasAttr(n, "pubdate") ||
						strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
						strings.Contains(cls, "publish")
					m.times = append(m.times, timeTag{datetime: dt, pub: pub, inArt: inArt})
				}
			case atom.Script:
				t := strings.ToLower(strings.TrimSpace(attr(n, "type")))
				if strings.HasPrefix(t, "application/ld+json") {
					m.jsonld = append(m.jsonld, textOf(n))
				}
				return
			case atom.Article, atom.Main:
				inArt = true
			case atom.H1:
				if m.afterH1 == 0 {
					m.afterH1 = 1
				}
			}
			if n.DataAtom == atom.Time || dateish(attr(n, "class")) || dateish(attr(n, "id")) {
				inDate = true
			}
			if !inComment && (commentish(attr(n, "class")) || commentish(attr(n, "id"))) {
				inComment = true
			}
			if !inComment && len(m.dateTexts) < maxDateTexts && m.dateProbes < maxDateProbes &&
				n.DataAtom != atom.Time && n.DataAtom != atom.Script &&
				(dateish(attr(n, "class")) || dateish(attr(n, "id"))) {
				m.dateProbes++
				if t, ok := shortText(n, maxDateText); ok && t != "" {
					m.dateTexts = append(m.dateTexts, t)
				}
				// <abbr class=published title="2018-06-05T08:00:00-07:00">
				if v := strOr(attr(n, "datetime"), attr(n, "content"), attr(n, "title")); v != "" && len(v) <= maxDateText {
					m.dateAttrs = append(m.dateAttrs, v)
				}
			}
			if len(m.bylines) < maxBylines && n.DataAtom != atom.Meta && n.DataAtom != atom.Link &&
				(hasToken(attr(n, "itemprop"), "author") || n.DataAtom == atom.A && hasToken(attr(n, "rel"), "author")) {
				if t, ok := bylineText(n); ok {
					m.bylines = append(m.bylines, t)
				}
			}
			if ip := attr(n, "itemprop"); ip != "" && n.DataAtom != atom.Meta && !inComment {
				// Microdata on ordinary elements: <span itemprop=datePublished content=...>.
				if c := strOr(attr(n, "content"), attr(n, "datetime")); c != "" {
					m.add(ip, c)
				}
			}
			if prop := attr(n, "property"); prop != "" && n.DataAtom != atom.Meta && !inComment {
				// RDFa on ordinary elements: <span property="schema:dateCreated" content=...>.
				if c := attr(n, "content"); c != "" {
					for _, p := range strings.Fields(prop) {
						m.add(p, c)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArt, inDate, inComment)
		}
	}
	walk(doc, false, false, false)
	return m
}

// addMeta records a <meta> element under each of its keys.
func (m *pageMeta) addMeta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		return
	}
	for _, k := range []string{"name", "itemprop", "http-equiv"} {
		if v := attr(n, k); v != "" {
			m.add(v, content)
		}
	}
	// property may hold several space-separated keys ("og:title twitter:title").
	for _, p := range strings.Fields(attr(n, "property")) {
		m.add(p, content)
	}
}

func (m *pageMeta) add(key, content string) {
	content = cleanValue(content)
	if content == "" {
		return
	}
	key = strings.ToLower(strings.TrimSpace(key))
	m.meta[key] = append(m.meta[key], content)
	m.pairs = append(m.pairs, [2]string{key, content})
}

// maxBylines bounds the byline texts collectMeta keeps.
const maxBylines = 8

// bylineText is the name in an author element: the text of a nested
// itemprop=name when there is one, else the element's own short text.
func bylineText(n *html.Node) (string, bool) {
	var name *html.Node
	var find func(*html.Node)
	find = func(c *html.Node) {
		for c := c.FirstChild; c != nil && name == nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if hasToken(attr(c, "itemprop"), "name") {
					name = c
					return
				}
				find(c)
			}
		}
	}
	find(n)
	if name != nil {
		if v := attr(name, "content"); v != "" {
			return cleanValue(v), true
		}
		n = name
	}
	t, ok := shortText(n, maxAuthorLen)
	return t, ok && t != ""
}

// Limits on the date-bearing texts collectMeta keeps.
const (
	maxDateTexts    = 20   // elements kept
	maxDateProbes   = 100  // elements examined
	maxDateText     = 120  // bytes of text per element
	maxTextDates    = 10   // date-bearing text nodes kept
	maxDateLead     = 24   // bytes of a long text searched for an opening date
	maxTextProbes   = 2000 // text nodes with digits examined for textDates
	maxLabelled     = 8    // label-and-date texts kept
	maxPrinted      = 200  // distinct printed days kept
	maxShortDates   = 3    // two-digit-year date texts kept
	maxAfterH1      = 12   // text nodes after the headline searched for its date line
	maxCommentDates = 3    // date texts kept from readers' comments
	maxLabelText    = 40   // bytes of a text node that may be a label of its own
)

// dateish reports a class or id naming a date or publication time, such
// as "meta-date", "published", "entry-date" or "datum".
func dateish(s string) bool {
	if s == "" {
		return false
	}
	s = strings.ToLower(s)
	// A header widget showing today's date ("current-date", "today") tells
	// when the page was served.
	if strings.Contains(s, "current") || strings.Contains(s, "today") {
		return false
	}
	// Each class is judged alone: "post-date updated" (hAtom marks the
	// publication date "updated" too) is one, "update-time" is not.
	for _, tok := range strings.Fields(s) {
		if strings.Contains(tok, "update") {
			continue
		}
		for _, w := range []string{"date", "datum", "publish", "posted", "timestamp", "zeit", "created"} {
			if strings.Contains(tok, w) {
				return true
			}
		}
	}
	return false
}

// commentish reports a class or id naming readers' comments ("comment",
// "comments-area", "commentlist").
func commentish(s string) bool {
	if s == "" {
		return false
	}
	for _, tok := range strings.Fields(strings.ToLower(s)) {
		if !strings.Contains(tok, "comment") {
			continue
		}
		// State and counter classes ("comments-open", "comment-count",
		// "no-comments") sit on the page or the article itself.
		if !strings.Contains(tok, "open") && !strings.Contains(tok, "closed") &&
			!strings.Contains(tok, "count") && !strings.Contains(tok, "link") &&
			!strings.Contains(tok, "status") && !strings.HasPrefix(tok, "no-") {
			return true
		}
	}
	return false
}

// metaLike returns, in page order, the values of meta keys containing
// sub and none of the excluded substrings.
func (m *pageMeta) metaLike(sub string, exclude ...string) []string {
	var out []string
next:
	for _, p := range m.pairs {
		if !strings.Contains(p[0], sub) {
			continue
		}
		for _, x := range exclude {
			if strings.Contains(p[0], x) {
				continue next
			}
		}
		out = append(out, p[1])
	}
	return out
}

// first returns the first value of the first key present.
func (m *pageMeta) first(keys ...string) string {
	for _, k := range keys {
		if v := m.meta[k]; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// firstAll returns every value of the first key present.
func (m *pageMeta) firstAll(keys ...string) []string {
	for _, k := range keys {
		if v := m.meta[k]; len(v) > 0 {
			return v
		}
	}
	return nil
}

// all returns every value of every key, in key order.
func (m *pageMeta) all(keys ...string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, m.meta[k]...)
	}
	return out
}

// cleanValue unescapes entities left over from double escaping (common in
// meta content and JSON-LD) and collapses whitespace.
func cleanValue(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// attr returns the value of the attribute key of n, or "".
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

// hasToken reports whether the space-separated list s contains tok,
// ignoring ASCII case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// inSVG reports whether n is inside an <svg> (whose <title> is not the
// page title).
func inSVG(n *html.Node) bool {
	return n.Namespace == "svg"
}

// textOf returns the concatenated text below n with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// shortText is textOf for small elements: it gives up (ok false) as soon
// as the collected text exceeds limit bytes, so probing many large
// elements stays linear.
func shortText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return b.Len() <= 4*limit // raw text still has its white space
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	return t, len(t) <= limit
}
