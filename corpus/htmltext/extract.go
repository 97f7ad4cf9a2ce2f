package htmltext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// Article is the main text and metadata of one news page. All strings are
// valid UTF-8 with white space collapsed, except Text which keeps block
// structure.
type Article struct {
	// Title is the headline.
	Title string
	// Authors are the byline names, in page order, without duplicates.
	Authors []string
	// Published is the publication day as YYYY-MM-DD in the page's own
	// offset, or "". It is PublishedTime's day, except that a UTC
	// timestamp one day off a /YYYY/MM/DD/ date in the URL gives the URL's
	// day, and a page whose date element shows its last-modified day gets
	// that day.
	Published string
	// PublishedTime is the publication instant with the offset written in
	// the page; the zero time when unknown. A date without a time of day is
	// midnight UTC.
	PublishedTime time.Time
	// Modified is the last-modified day as YYYY-MM-DD, or "".
	Modified string
	// SiteName is the publication's name, e.g. "The Guardian", or "".
	SiteName string
	// Language is the lower-case primary BCP 47 subtag, e.g. "en", or "".
	Language string
	// CanonicalURL is the page's canonical absolute URL when known, or "".
	CanonicalURL string
	// Description is the page's summary (meta description), or "".
	Description string
	// Text is the main text: blocks (paragraphs, headings, list items)
	// separated by "\n\n", lines inside a block by "\n"; no navigation,
	// scripts or other page furniture.
	Text string
	// Warnings lists non-fatal problems met, such as a charset override.
	Warnings []string
}

// errPanic wraps a panic recovered from the extraction goroutine.
var errPanic = errors.New("htmltext: panic during extraction")

// testHook, when set by a test, runs at the start of the extraction
// goroutine. It is atomic because abandoned goroutines may still read it.
var testHook atomic.Pointer[func()]

// result carries Extract's answer out of the worker goroutine.
type result struct {
	a   Article
	err error
}

// Extract returns the main text and metadata of the HTML page data.
// pageURL, which may be empty, is the absolute URL the page was fetched
// from; it resolves a relative canonical link, may carry a /YYYY/MM/DD/
// date, and is the CanonicalURL of last resort. Anything that is not an
// absolute URL (a file path, say) is ignored with a warning, so pass "" for
// local files.
//
// Errors wrap ErrTooLarge, ErrTooDeep, ErrTimeout or ErrNoContent, or the
// context's error when ctx is cancelled. On ErrNoContent the Article still
// holds the metadata found. The work runs in its own goroutine; when the
// timeout or ctx ends first, Extract returns at once and the goroutine is
// abandoned: it stops at its next checkpoint but a readability pass that
// has already started runs to completion in the background.
func Extract(ctx context.Context, data []byte, pageURL string, opts Options) (Article, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return Article{}, err
	}
	if int64(len(data)) > opts.MaxBytes {
		return Article{}, fmt.Errorf("%w: %d bytes exceeds limit of %d", ErrTooLarge, len(data), opts.MaxBytes)
	}
	if err := ctx.Err(); err != nil {
		return Article{}, ctxError(err, opts.Timeout)
	}
	wctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("%w: %v", errPanic, r)}
			}
		}()
		if h := testHook.Load(); h != nil {
			(*h)()
		}
		a, err := extract(wctx, data, pageURL, opts)
		ch <- result{a, err}
	}()
	select {
	case r := <-ch:
		if errors.Is(r.err, context.DeadlineExceeded) || errors.Is(r.err, context.Canceled) {
			// The worker noticed the deadline at a checkpoint first.
			return Article{}, ctxError(r.err, opts.Timeout)
		}
		return r.a, r.err
	case <-wctx.Done():
		return Article{}, ctxError(wctx.Err(), opts.Timeout)
	}
}

// ctxError maps a context error to the package's errors.
func ctxError(err error, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w (limit %v): %w", ErrTimeout, timeout, err)
	}
	return fmt.Errorf("htmltext: %w", err)
}

// extract is the whole pipeline; ctx is checked between stages.
func extract(ctx context.Context, data []byte, pageURL string, opts Options) (Article, error) {
	var a Article
	text, warns, err := toUTF8(data)
	if err != nil {
		return a, err
	}
	a.Warnings = append(a.Warnings, warns...)
	if err := checkDepth(ctx, text, opts.MaxDepth); err != nil {
		return Article{}, err
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements") {
			// golang.org/x/net/html itself refuses more than 512 open
			// elements, whatever MaxDepth allows.
			return Article{}, fmt.Errorf("%w: %v", ErrTooDeep, err)
		}
		return Article{}, fmt.Errorf("htmltext: parse: %w", err)
	}
	if d := treeDepth(doc); d > opts.MaxDepth {
		return Article{}, fmt.Errorf("%w: parsed tree is %d elements deep, limit %d", ErrTooDeep, d, opts.MaxDepth)
	}
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}

	var base *url.URL
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			base = u
		} else {
			a.Warnings = append(a.Warnings, fmt.Sprintf("url: ignoring page URL %q: not absolute", pageURL))
		}
	}

	pm := collectMeta(doc)
	ld, ldWarns := parseJSONLD(pm.jsonld)
	a.Warnings = append(a.Warnings, ldWarns...)
	if ld == nil {
		ld = &ldArticle{}
	}

	removeBoilerplate(doc)
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}
	parser := readability.NewParser()
	parser.KeepClasses = true // pruneArticle reads them
	ra, rerr := parser.ParseDocument(doc, base)
	if rerr != nil {
		a.Warnings = append(a.Warnings, fmt.Sprintf("readability: %v", rerr))
	}
	if err := ctx.Err(); err != nil {
		return Article{}, err
	}
	if ra.Node != nil {
		pruneArticle(ra.Node)
		a.Text = renderText(ra.Node, false)
	}
	if a.Text == "" && unhide(doc) > 0 && ctx.Err() == nil {
		// Some pages keep everything under display:none until a script
		// reveals it; readability skips invisible nodes, so try again.
		if ra2, err := parser.ParseDocument(doc, base); err == nil && ra2.Node != nil {
			if a.Text = renderText(ra2.Node, true); a.Text != "" {
				a.Warnings = append(a.Warnings, "text: content was hidden by inline style; extracted it anyway")
			}
		}
	}
	if a.Text == "" {
		if body := findBody(doc); body != nil {
			if a.Text = renderText(body, true); a.Text != "" {
				a.Warnings = append(a.Warnings, "text: readability found no article; used the whole cleaned body")
			}
		}
	}

	fillMeta(&a, pm, ld, &ra, base)
	a.Text = pruneBlocks(a.Text, a.Title)
	sanitize(&a)
	if a.Text == "" {
		return a, fmt.Errorf("%w", ErrNoContent)
	}
	return a, nil
}

// findBody returns the <body> element of doc, or nil.
func findBody(doc *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// fillMeta chooses each field from the sources in priority order: JSON-LD,
// OpenGraph and article:*, other <meta> conventions, page markup, and
// finally readability's own metadata.
func fillMeta(a *Article, pm *pageMeta, ld *ldArticle, ra *readability.Article, base *url.URL) {
	a.SiteName = strOr(cleanValue(ld.publisher), pm.first("og:site_name"), cleanValue(ra.SiteName()),
		pm.first("application-name"))

	// A title the page states as metadata is kept as written, site name
	// and all; one taken from <title> loses a site name set off by a
	// separator.
	a.Title = strOr(
		ld.title(pm.title),
		pm.first("og:title", "twitter:title", "dc.title", "dcterms.title", "title", "headline", "parsely-title"),
	)
	if a.Title == "" {
		a.Title = stripSiteName(strOr(cleanValue(ra.Title()), pm.title), a.SiteName, pm.canonical, pm.first("og:url"), pageURLString(base))
	}

	var names []string
	names = append(names, ld.authors...)
	if len(names) == 0 {
		for _, v := range pm.all("article:author") {
			if !looksLikeURL(v) {
				names = append(names, v)
			}
		}
	}
	if len(names) == 0 {
		names = pm.firstAll("dc:creator", "dc.creator", "dcterm:creator", "dcterms:creator", "dcterms.creator",
			"author", "article:author_name", "parsely-author", "sailthru.author", "byl")
	}
	if len(names) == 0 && len(pm.bylines) > 0 {
		names = pm.bylines[:1] // later ones are usually other articles' bylines
	}
	if len(names) == 0 && ra.Byline() != "" {
		names = []string{ra.Byline()}
	}
	a.Authors = normalizeAuthors(names)

	var pubCands []string
	pubCands = append(pubCands, ld.datePublished)
	pubCands = append(pubCands, pm.all("article:published_time", "og:published_time", "og:article:published_time",
		"datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
		"publication_date", "dc.date.issued", "dcterms.issued",
		"dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
		"original-publish-date", "citation_publication_date")...)
	var pubTimes, artTimes, anyTimes []string
	for _, t := range pm.times {
		switch {
		case t.pub:
			pubTimes = append(pubTimes, t.datetime)
		case t.inArt:
			artTimes = append(artTimes, t.datetime)
		default:
			anyTimes = append(anyTimes, t.datetime)
		}
	}
	pubCands = append(pubCands, pm.metaLike("publish", "publisher")...)
	pubCands = append(pubCands, pm.all("citation_date", "bepress_citation_date", "dc.date.created", "created",
		"schema:datecreated", "datecreated")...)
	// Times not marked as the publication time, the generic date keys
	// (often the day the page was generated or indexed) and readability's
	// guess come after a date the text labels as the publication date; a
	// <time> inside the article comes before the generic keys.
	laterCands := slices.Concat(artTimes, pm.all("date", "dc.date", "dcterms.date"))
	laterCands = append(laterCands, anyTimes...)
	if t, err := ra.PublishedTime(); err == nil {
		laterCands = append(laterCands, t.Format(time.RFC3339))
	}
	utc := false // the date was stated as a UTC timestamp
	fromURL := false
	if t, s, ok := firstDateString(pubCands); ok {
		a.PublishedTime = t
		utc = explicitUTC.MatchString(strings.TrimSpace(s))
	} else if t, ok := firstURLDate(pm.canonical, pm.first("og:url"), ld.url, pageURLString(base)); ok {
		a.PublishedTime = t
		fromURL = true
	} else if t, s, ok := firstDateString(pubTimes); ok {
		a.PublishedTime = t
		utc = explicitUTC.MatchString(strings.TrimSpace(s))
	} else if t, ok := firstLabelled(slices.Concat(pm.dateTexts, pm.textDates, pm.labelled)); ok {
		a.PublishedTime = t
	} else if t, s, ok := firstDateString(laterCands); ok {
		a.PublishedTime = t
		utc = explicitUTC.MatchString(strings.TrimSpace(s))
	} else if t, ok := firstDate(pm.dateAttrs); ok {
		a.PublishedTime = t
	} else {
		a.PublishedTime = textDate(pm)
	}
	if utc {
		// The same instant stated elsewhere in local time gives the
		// site's offset ("2022-05-03T23:37:37-04:00" beside
		// "2022-05-04T03:37:37Z").
		if loc := localOffset(a.PublishedTime, slices.Concat(pubCands, pubTimes, laterCands, pm.all("article:modified_time"))); loc != nil {
			a.PublishedTime = a.PublishedTime.In(loc)
			utc = false
		}
	}

	modCands := []string{ld.dateModified}
	modCands = append(modCands, pm.all("article:modified_time", "og:updated_time", "datemodified",
		"last-modified", "dcterms.modified", "dc.date.modified")...)
	if t, err := ra.ModifiedTime(); err == nil {
		modCands = append(modCands, t.Format(time.RFC3339))
	}
	if t, ok := firstDate(modCands); ok {
		a.Modified = dayOf(t)
	}

	for _, l := range []string{ld.language, pm.htmlLang, pm.first("content-language", "language",
		"dc.language", "dcterms.language", "og:locale"), ra.Language()} {
		if a.Language = primaryLanguage(l); a.Language != "" {
			break
		}
	}

	for _, c := range []string{pm.canonical, pm.first("og:url"), ld.url} {
		if u := absURL(c, base); u != "" {
			a.CanonicalURL = u
			break
		}
	}
	if a.CanonicalURL == "" && base != nil && (base.Scheme == "http" || base.Scheme == "https") {
		a.CanonicalURL = base.String()
	}

	// A UTC timestamp is moved to the site's own zone when it can be told,
	// so the day is the one printed on the page (23:00Z is the next day in
	// Berlin).
	if utc {
		if loc := siteZone(a.Language, a.CanonicalURL, pageURLString(base)); loc != nil {
			a.PublishedTime = a.PublishedTime.In(loc)
		}
	}
	a.Published = dayOf(a.PublishedTime)
	if utc && !fromURL {
		// A UTC timestamp a day off the date in the URL's path is the
		// same evening in the site's zone; the path has the local day.
		if u, ok := firstURLDate(pm.canonical, pm.first("og:url"), ld.url, pageURLString(base)); ok {
			if d := u.Sub(time.Date(a.PublishedTime.Year(), a.PublishedTime.Month(), a.PublishedTime.Day(), 0, 0, 0, 0, time.UTC)); d == -24*time.Hour || d == 24*time.Hour {
				a.Published = dayOf(u)
			}
		}
	}

	// A day the page prints in none of its date elements, next to a day
	// it does print that another stated date (or the same one in another
	// zone) has, is a time-zone conversion the site does not make: the
	// printed day wins.
	if a.Published != "" && len(pm.printed) > 0 && !pm.printed[a.Published] {
		a.PublishedTime, a.Published = printedNeighbour(a.PublishedTime, a.Published, pm.printed,
			slices.Concat(pubCands, pubTimes, laterCands))
	}

	// The date line under the headline, when a stated publication date
	// agrees with it, wins over a stated date it contradicts (not over a
	// URL date: a republished page keeps its original path).
	if pm.headDate != "" && pm.headDate != a.Published && !fromURL {
		if t, ok := candidateOnDay(pm.headDate, slices.Concat(pubCands, pubTimes)); ok {
			a.PublishedTime, a.Published = t, pm.headDate
		}
	}

	// A page whose own date element shows its last-modified day presents
	// itself as of that day ("Updated Mar 12, 2020" above the text).
	if a.Modified != "" && a.Modified != a.Published {
		if vis, ok := firstTextDate(pm.dateTexts); ok && dayOf(vis) == a.Modified {
			if t, ok := firstDate(modCands); ok {
				a.PublishedTime = t
				a.Published = a.Modified
			}
		}
	}

	a.Description = strOr(cleanValue(ld.description),
		pm.first("og:description", "description", "twitter:description", "dc.description"))
}

// printedNeighbour returns the first candidate whose day, in its own
// offset or in UTC, is printed and one day off day; else t and day.
func printedNeighbour(t time.Time, day string, printed map[string]bool, cands []string) (time.Time, string) {
	d0, err := time.Parse("2006-01-02", day)
	if err != nil {
		return t, day
	}
	for _, c := range cands {
		u, ok := parseDate(c)
		if !ok {
			continue
		}
		for _, v := range []time.Time{u, u.UTC()} {
			d := dayOf(v)
			if !printed[d] {
				continue
			}
			if dv, err := time.Parse("2006-01-02", d); err == nil {
				if diff := dv.Sub(d0); diff == 24*time.Hour || diff == -24*time.Hour {
					return v, d
				}
			}
		}
	}
	return t, day
}

// candidateOnDay returns the first candidate whose day, in its own offset
// or in UTC, is day.
func candidateOnDay(day string, cands []string) (time.Time, bool) {
	for _, c := range cands {
		u, ok := parseDate(c)
		if !ok {
			continue
		}
		for _, v := range []time.Time{u, u.UTC()} {
			if dayOf(v) == day {
				return v, true
			}
		}
	}
	return time.Time{}, false
}

// firstLabelled returns the first date that a publication label
// introduces in one of the texts.
func firstLabelled(texts []string) (time.Time, bool) {
	for _, s := range texts {
		if t, ok := labelledDate(s); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// firstTextDate returns the first date written in one of the texts.
func firstTextDate(texts []string) (time.Time, bool) {
	for _, s := range texts {
		if t, ok := dateInText(s); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// textDate is the last resort: the first date written in a date element or
// a short text, preferring texts not labelled as a change date, then a
// two-digit-year date in a date element or a text of its own, then the
// first date in readers' comments; the zero time when none.
func textDate(pm *pageMeta) time.Time {
	texts := slices.Concat(pm.dateTexts, pm.textDates)
	for _, s := range texts {
		if changeLabelled(s) {
			continue
		}
		if t, ok := dateInText(s); ok {
			return t
		}
	}
	for _, s := range texts {
		if t, ok := dateInText(s); ok {
			return t
		}
	}
	for _, s := range slices.Concat(pm.dateTexts, pm.shortDates) {
		if t, ok := shortDotDate(s); ok {
			return t
		}
	}
	// The page is at least as old as its first reader's comment.
	if t, ok := firstTextDate(pm.commentDates); ok {
		return t
	}
	return time.Time{}
}

// maxZoneOffset bounds the offsets localOffset accepts.
const maxZoneOffset = 14 * time.Hour

// localOffset looks among cands for the instant t written in local time:
// with an explicit non-zero offset, or as a wall-clock time without one
// that differs from t by whole hours. It returns that zone, or nil.
func localOffset(t time.Time, cands []string) *time.Location {
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" || !strings.Contains(c, ":") || explicitUTC.MatchString(c) {
			continue
		}
		u, ok := parseDate(c)
		if !ok {
			continue
		}
		if _, off := u.Zone(); off != 0 && u.Equal(t) {
			return u.Location()
		}
		if hasOffset(c) {
			continue
		}
		// A wall-clock time read as UTC: its distance to t is the offset.
		d := u.Sub(t)
		if d != 0 && d%time.Hour == 0 && d >= -maxZoneOffset && d <= maxZoneOffset {
			return time.FixedZone("", int(d/time.Second))
		}
	}
	return nil
}

// tzSuffix ends a timestamp that states its offset or zone.
var tzSuffix = regexp.MustCompile(`(Z|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT|[A-Z]{1,3}T))$`)

// hasOffset reports whether a timestamp states its offset or zone.
func hasOffset(s string) bool {
	return tzSuffix.MatchString(strings.TrimSpace(s))
}

// firstDate parses the candidates in order and returns the first that
// parses.
func firstDate(cands []string) (time.Time, bool) {
	t, _, ok := firstDateString(cands)
	return t, ok
}

// firstDateString is firstDate that also returns the string parsed.
func firstDateString(cands []string) (time.Time, string, bool) {
	for _, c := range cands {
		if c == "" {
			continue
		}
		if t, ok := parseDate(c); ok {
			return t, c, true
		}
	}
	return time.Time{}, "", false
}

// firstURLDate returns the date in the first URL that has one in its path.
func firstURLDate(urls ...string) (time.Time, bool) {
	for _, u := range urls {
		if t, ok := dateInURL(u); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// pageURLString returns base as a string, or "" when nil.
func pageURLString(base *url.URL) string {
	if base == nil {
		return ""
	}
	return base.String()
}

// primaryLanguage reduces a language tag ("en-US", "pt_BR", "de") to its
// lower-case primary subtag, or "" when it is not a known language.
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	b, err := language.ParseBase(strings.ToLower(tag))
	if err != nil {
		return ""
	}
	return b.String()
}

// absURL resolves ref against base and returns it when it is an absolute
// http or https URL.
func absURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// looksLikeURL reports whether s is a link rather than a name.
func looksLikeURL(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") ||
		strings.HasPrefix(s, "//") || strings.HasPrefix(s, "www.")
}

// bylinePrefix is a leading "By" in several languages.
var bylinePrefix = regexp.MustCompile(`(?i)^(by|von|par|por)\s+`)

// authorSplit separates several names in one string.
var authorSplit = regexp.MustCompile(`(?i)\s*(?:;|\||\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s*&\s*)\s*`)

// maxAuthorLen drops values that are sentences rather than names (bytes).
const maxAuthorLen = 100

// normalizeAuthors cleans byline values: strips "By", splits lists of
// names, drops links and over-long values, and removes duplicates.
func normalizeAuthors(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range in {
		v = bylinePrefix.ReplaceAllString(cleanValue(v), "")
		for _, p := range authorSplit.Split(v, -1) {
			for _, name := range splitCommaNames(p) {
				name = strings.Trim(name, " ,.·-–—")
				key := strings.ToLower(name)
				if name == "" || len(name) > maxAuthorLen || looksLikeURL(name) || seen[key] || isDateLine(name) {
					continue
				}
				seen[key] = true
				out = append(out, name)
			}
		}
	}
	return out
}

// splitCommaNames splits "A B, C D" into names when every part has at
// least two words; "Doe, Jane" stays one value.
func splitCommaNames(s string) []string {
	parts := strings.Split(s, ",")
	if len(parts) == 1 {
		return parts
	}
	for _, p := range parts {
		if len(strings.Fields(p)) < 2 {
			return []string{s}
		}
	}
	return parts
}

// sanitize guarantees valid UTF-8 in every output string.
func sanitize(a *Article) {
	fix := func(s *string) { *s = strings.ToValidUTF8(*s, "\uFFFD") }
	fix(&a.Title)
	fix(&a.Modified)
	fix(&a.SiteName)
	fix(&a.Language)
	fix(&a.CanonicalURL)
	fix(&a.Description)
	fix(&a.Text)
	for i := range a.Authors {
		fix(&a.Authors[i])
	}
	for i := range a.Warnings {
		fix(&a.Warnings[i])
	}
}
