package htmltext

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// articleTypes are the schema.org types whose objects describe the page's
// article.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true,
	"backgroundnewsarticle": true, "reviewnewsarticle": true,
	"askpublicnewsarticle": true, "satiricalarticle": true,
	"blogposting": true, "liveblogposting": true, "techarticle": true,
	"scholarlyarticle": true, "medicalscholarlyarticle": true,
	"report": true, "socialmediaposting": true,
	"discussionforumposting": true, "advertisercontentarticle": true,
	"apireference": true,
}

// ldArticle is what Extract takes from a JSON-LD article object.
type ldArticle struct {
	headline      string
	name          string
	authors       []string
	datePublished string
	dateModified  string
	publisher     string
	language      string
	description   string
	url           string
}

// maxLDDepth bounds recursion into JSON-LD values.
const maxLDDepth = 32

// parseJSONLD decodes the JSON-LD blocks of a page and returns the first
// article object found, searching top-level values, arrays and @graph
// lists before nested properties such as mainEntity. Objects referenced
// by {"@id": ...} (authors, publishers) are resolved within the page.
// Blocks that are not valid JSON are reported in warnings and skipped.
func parseJSONLD(blocks []string) (art *ldArticle, warns []string) {
	var roots []any
	for i, b := range blocks {
		v, err := decodeLD(b)
		if err != nil {
			warns = append(warns, fmt.Sprintf("jsonld: block %d: %v", i+1, err))
			continue
		}
		roots = append(roots, v)
	}
	if len(roots) == 0 {
		return nil, warns
	}
	anyDate := ""
	for _, r := range roots {
		if anyDate = findKey(r, "datePublished", 0); anyDate != "" {
			break
		}
	}
	defer func() {
		if art != nil && art.datePublished == "" {
			art.datePublished = anyDate
		} else if art == nil && anyDate != "" {
			art = &ldArticle{datePublished: anyDate}
		}
	}()
	ids := map[string]map[string]any{}
	for _, r := range roots {
		indexIDs(r, ids, 0)
	}
	// Breadth-first so that a top-level article wins over one mentioned in
	// a nested property (hasPart, isPartOf, ...).
	queue := roots
	for depth := 0; len(queue) > 0 && depth < maxLDDepth; depth++ {
		var next []any
		for _, v := range queue {
			switch x := v.(type) {
			case []any:
				next = append(next, x...)
			case map[string]any:
				if isArticleType(x["@type"]) {
					art = ldFromObject(x, ids)
					return art, warns
				}
				if g, ok := x["@graph"]; ok {
					next = append(next, g)
				}
				if m, ok := x["mainEntity"]; ok {
					next = append(next, m)
				}
				keys := make([]string, 0, len(x))
				for k := range x {
					if k != "@graph" && k != "mainEntity" {
						keys = append(keys, k)
					}
				}
				sort.Strings(keys)
				for _, k := range keys {
					switch val := x[k]; val.(type) {
					case map[string]any, []any:
						next = append(next, val)
					}
				}
			}
		}
		queue = next
	}
	return nil, warns
}

// findKey returns the first non-empty string value of key anywhere in v,
// searching depth first in key order.
func findKey(v any, key string, depth int) string {
	if depth > maxLDDepth {
		return ""
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if s := findKey(e, key, depth+1); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := firstString(x[key]); s != "" {
			return s
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s := findKey(x[k], key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// decodeLD unmarshals one script body, tolerating CDATA and comment
// wrappers, a trailing semicolon and raw control characters inside strings,
// all common on real pages and all rejected by encoding/json.
func decodeLD(s string) (any, error) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"//<![CDATA[", "<![CDATA[", "<!--"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	for _, p := range []string{"//]]>", "]]>", "-->"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, p))
	}
	s = strings.TrimSuffix(s, ";")
	var v any
	err := json.Unmarshal([]byte(s), &v)
	if err == nil {
		return v, nil
	}
	if err2 := json.Unmarshal(escapeControls(s), &v); err2 == nil {
		return v, nil
	}
	return nil, err
}

// escapeControls replaces raw control characters inside JSON strings with
// spaces.
func escapeControls(s string) []byte {
	b := []byte(s)
	in, esc := false, false
	for i, c := range b {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			b[i] = ' '
		}
	}
	return b
}

// indexIDs records every object that has an @id and other properties.
func indexIDs(v any, ids map[string]map[string]any, depth int) {
	if depth > maxLDDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			indexIDs(e, ids, depth+1)
		}
	case map[string]any:
		if id, ok := x["@id"].(string); ok && len(x) > 1 {
			if old, seen := ids[id]; !seen || (firstString(old["name"]) == "" && firstString(x["name"]) != "") {
				ids[id] = x
			}
		}
		for _, e := range x {
			indexIDs(e, ids, depth+1)
		}
	}
}

// isArticleType reports whether an @type value (string or list) names an
// article type, ignoring a schema.org prefix.
func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		x = strings.TrimPrefix(x, "schema:")
		if i := strings.LastIndexByte(x, '/'); i >= 0 {
			x = x[i+1:]
		}
		return articleTypes[strings.ToLower(strings.TrimSpace(x))]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldFromObject reads the fields Extract uses from an article object.
func ldFromObject(o map[string]any, ids map[string]map[string]any) *ldArticle {
	a := &ldArticle{
		headline:      firstString(o["headline"]),
		datePublished: firstString(o["datePublished"]),
		dateModified:  firstString(o["dateModified"]),
		description:   firstString(o["description"]),
	}
	a.name = firstString(o["name"])
	authors := o["author"]
	if authors == nil {
		authors = o["creator"]
	}
	a.authors = ldNames(authors, ids, 0)
	if p := ldNames(o["publisher"], ids, 0); len(p) > 0 {
		a.publisher = p[0]
	}
	switch l := o["inLanguage"].(type) {
	case string:
		a.language = l
	case map[string]any:
		a.language = strOr(firstString(l["alternateName"]), firstString(l["name"]))
	case []any:
		a.language = firstString(l)
	}
	a.url = firstString(o["url"])
	if a.url == "" {
		switch m := o["mainEntityOfPage"].(type) {
		case string:
			a.url = m
		case map[string]any:
			a.url = strOr(firstString(m["@id"]), firstString(m["url"]))
		}
	}
	return a
}

// ldNames returns the names in a person/organisation value: a string, an
// object with a name (possibly via an @id reference), or a list of those.
func ldNames(v any, ids map[string]map[string]any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case string:
		if x = strings.TrimSpace(x); x != "" {
			return []string{x}
		}
	case map[string]any:
		if n := firstString(x["name"]); n != "" {
			return []string{n}
		}
		if id, ok := x["@id"].(string); ok {
			if ref, ok := ids[id]; ok && firstString(ref["name"]) != "" {
				return []string{firstString(ref["name"])}
			}
		}
		if gn, fn := firstString(x["givenName"]), firstString(x["familyName"]); gn != "" || fn != "" {
			return []string{strings.TrimSpace(gn + " " + fn)}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e, ids, depth+1)...)
		}
		return out
	}
	return nil
}

// firstString returns v if it is a non-empty string, or the first non-empty
// string of a list, trimmed.
func firstString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// strOr returns the first non-empty argument.
func strOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// title picks between headline and name. They usually agree; when they
// differ, some sites put their own name or a summary in one of them, so the
// one that covers more of the words of the document <title> wins, headline
// on a tie.
func (a *ldArticle) title(docTitle string) string {
	h, n := cleanValue(a.headline), cleanValue(a.name)
	switch {
	case h == "":
		return n
	case n == "" || n == h:
		return h
	}
	if wordOverlap(docTitle, n) > wordOverlap(docTitle, h) {
		return n
	}
	return h
}

// nonWord splits text into words.
var nonWord = regexp.MustCompile(`[^\pL\pN]+`)

// wordOverlap is the fraction of the words of s that also occur in ref.
func wordOverlap(s, ref string) float64 {
	words := nonWord.Split(strings.ToLower(s), -1)
	have := map[string]bool{}
	for _, w := range nonWord.Split(strings.ToLower(ref), -1) {
		have[w] = true
	}
	n, hit := 0, 0
	for _, w := range words {
		if w == "" {
			continue
		}
		n++
		if have[w] {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}
