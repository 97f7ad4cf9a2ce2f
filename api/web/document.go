package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"dossier/api"
	"dossier/corpus"
	"dossier/index"
)

// maxDocumentHitPages bounds the pages of in-document fragments (of
// index.MaxFragments each) read to mark a document: 20 × 50 = 1,000.
const maxDocumentHitPages = 20

// similarSize is how many similar documents a document page lists.
const similarSize = 5

type pageView struct {
	Number int
	Anchor string // "page-N", or "text" for an unpaged document
	HTML   template.HTML
	Hits   int
}

type documentView struct {
	page
	Doc      *corpus.Document
	Court    string
	Cases    []caseRef
	Judges   []string
	FileURL  string // the original file, "" when the server serves none
	Pages    []pageView
	HitPages []pageView // pages with hits, in order
	Hits     int        // marks on the page
	Err      string     // the query's error, if any
	Similar  []hitView  // documents like it
}

type caseRef struct {
	Number string
	Role   string
}

// document renders GET /documents/{id}?q=: the metadata panel and the text
// page by page, the query's matches marked. The document comes from
// api.Server.VisibleDocument and the matches from api.Server.SearchDocument,
// both restricted as the caller's key is.
func (p *Pages) document(c echo.Context) error {
	id := c.Param("id")
	for name := range c.QueryParams() {
		if name != "q" {
			return p.render(c, http.StatusBadRequest, "error", errorView{page: p.page(c, "Bad request"), Status: http.StatusBadRequest,
				Message: "unknown parameter " + name + " (known: q)"})
		}
	}
	doc, err := p.srv.VisibleDocument(c, id)
	if err != nil {
		return err
	}
	v := documentView{page: p.page(c, doc.Title), Doc: doc}
	if v.Title == "" {
		v.Title = "Document " + doc.ID
	}
	v.Query = c.QueryParam("q")
	words := map[string]bool{}
	if strings.TrimSpace(v.Query) != "" {
		var frags []string
		for n := 1; n <= maxDocumentHitPages; n++ {
			res, err := p.srv.SearchDocument(c, id, url.Values{"q": {v.Query}, "fragments": {strconv.Itoa(index.MaxFragments)}, "page": {strconv.Itoa(n)}})
			if err != nil {
				status, body := api.ErrorResponse(err)
				if status != http.StatusBadRequest {
					return err
				}
				v.Err = body.Error.Message
				break
			}
			for _, pf := range res.Pages {
				frags = append(frags, pf.Fragments...)
			}
			if !res.More {
				break
			}
		}
		words = markedWords(frags)
	}
	if doc.Court != nil {
		v.Court = doc.Court.Name
		if v.Court == "" {
			v.Court = doc.Court.ID
		}
	}
	for _, cn := range doc.CaseNumbers {
		if cn.Canonical != "" {
			v.Cases = append(v.Cases, caseRef{Number: cn.Canonical, Role: cn.Role})
		}
	}
	for _, j := range doc.Judges {
		v.Judges = append(v.Judges, j.Name)
	}
	if p.srv.ServesFiles() {
		v.FileURL = "/documents/" + url.PathEscape(doc.ID) + "/file"
	}
	n := 0
	if len(doc.Pages) == 0 {
		pv := pageView{Anchor: "text"}
		pv.HTML, pv.Hits = markWords(doc.Text, words, &n)
		v.Pages = append(v.Pages, pv)
	}
	for _, pg := range doc.Pages {
		pv := pageView{Number: pg.Number, Anchor: "page-" + strconv.Itoa(pg.Number)}
		pv.HTML, pv.Hits = markWords(pg.Text, words, &n)
		v.Pages = append(v.Pages, pv)
	}
	for _, pv := range v.Pages {
		if pv.Hits > 0 {
			v.HitPages = append(v.HitPages, pv)
		}
	}
	v.Hits = n
	if sim, err := p.srv.Similar(c, doc.ID, url.Values{"size": {strconv.Itoa(similarSize)}, "highlight": {"false"}}); err == nil {
		for _, h := range sim.Hits {
			v.Similar = append(v.Similar, toHitView(h, ""))
		}
	} else {
		p.logger.Debug("no similar documents", "id", doc.ID, "err", err)
	}
	return p.render(c, http.StatusOK, "document", v)
}

// markWords escapes text and marks every word of words (lower-case) in
// it, numbering the marks on from *n as ids hit-1, hit-2, …
func markWords(text string, words map[string]bool, n *int) (template.HTML, int) {
	if len(words) == 0 {
		return template.HTML(html.EscapeString(text)), 0 // #nosec G203 -- escaped
	}
	var b strings.Builder
	hits := 0
	start := -1
	flush := func(end int) {
		w := text[start:end]
		if words[strings.ToLower(w)] {
			*n++
			hits++
			b.WriteString(`<mark id="hit-` + strconv.Itoa(*n) + `">` + html.EscapeString(w) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(w))
		}
		start = -1
	}
	last := 0
	for i, r := range text {
		if notWordRune(r) {
			if start >= 0 {
				flush(i)
				last = i
			}
			continue
		}
		if start < 0 {
			b.WriteString(html.EscapeString(text[last:i]))
			start = i
		}
	}
	if start >= 0 {
		flush(len(text))
	} else {
		b.WriteString(html.EscapeString(text[last:]))
	}
	return template.HTML(b.String()), hits // #nosec G203 -- escaped text and <mark> tags built here
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
