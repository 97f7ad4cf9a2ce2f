package legaleval

import (
	"io"
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a line in HTMLText.
var blockTags = map[string]bool{
	"br": true, "p": true, "div": true, "tr": true, "table": true, "li": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"center": true, "hr": true, "ul": true, "ol": true, "dt": true, "dd": true,
}

// HTMLText renders an HTML page as plain text: block elements end lines,
// table cells are separated by a tab, script and style are dropped.
func HTMLText(r io.Reader) (string, error) {
	z := html.NewTokenizer(r)
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return b.String(), nil
			}
			return b.String(), z.Err()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case blockTags[tag]:
				b.WriteByte('\n')
			case tag == "td" || tag == "th":
				if tt != html.StartTagToken {
					b.WriteByte('\t')
				}
			}
		}
	}
}
