package files

import "bytes"

// sniffTags are the openings that identify HTML once leading BOM,
// whitespace, comments and an XML declaration have been skipped: the
// document-level tags, plus the fragment tags of the WHATWG MIME sniffing
// rules (saved e-mail notices and scraped fragments start with <div> or
// <p>). Each must be followed by white space, '>' or '/' (or the end of
// the sample).
var sniffTags = [][]byte{
	[]byte("<!doctype html"),
	[]byte("<html"),
	[]byte("<head"),
	[]byte("<body"),
	[]byte("<meta"),
	[]byte("<title"),
	[]byte("<link"),
	[]byte("<script"),
	[]byte("<style"),
	[]byte("<iframe"),
	[]byte("<div"),
	[]byte("<table"),
	[]byte("<font"),
	[]byte("<h1"), []byte("<h2"), []byte("<h3"), []byte("<h4"), []byte("<h5"), []byte("<h6"),
	[]byte("<br"),
	[]byte("<p"),
	[]byte("<b"),
	[]byte("<a"),
}

// anywhereTags identify HTML wherever they appear in the sample; they catch
// pages that start with stray output (PHP warnings, a heading printed
// before the doctype).
var anywhereTags = [][]byte{
	[]byte("<!doctype html"),
	[]byte("<html"),
}

// IsHTML reports whether head, the first bytes of a file (512 to 4096 bytes
// is plenty), looks like an HTML document. It does not look at file names.
// It skips a byte order mark (UTF-8, or UTF-16 whose ASCII is then
// narrowed), ASCII white space, HTML comments and an XML declaration, then
// expects a tag that opens HTML: <!doctype html, <html, <head, <body,
// <meta, <title, <link, <script, <style, or one of the fragment openers
// <div, <p, <table, <h1>-<h6>, <br, <b, <a, <font, <iframe (matched without
// regard to case). Failing that, <!doctype html or <html followed by a
// delimiter anywhere in head also counts.
func IsHTML(head []byte) bool {
	b := head
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		b = narrowUTF16(b[2:], 0)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		b = narrowUTF16(b[2:], 1)
	}
	for {
		b = bytes.TrimLeft(b, " \t\r\n\f")
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			end := bytes.Index(b[4:], []byte("-->"))
			if end < 0 {
				return false
			}
			b = b[4+end+3:]
			continue
		case hasPrefixFold(b, []byte("<?xml")):
			end := bytes.Index(b, []byte("?>"))
			if end < 0 {
				return false
			}
			b = b[end+2:]
			continue
		}
		break
	}
	for _, tag := range sniffTags {
		if tagAt(b, tag) {
			return true
		}
	}
	for i := bytes.IndexByte(b, '<'); i >= 0; {
		for _, tag := range anywhereTags {
			if tagAt(b[i:], tag) {
				return true
			}
		}
		j := bytes.IndexByte(b[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// tagAt reports whether b starts with tag (lower case, matched without
// regard to ASCII case) followed by a delimiter or the end of b.
func tagAt(b, tag []byte) bool {
	if !hasPrefixFold(b, tag) {
		return false
	}
	if len(b) == len(tag) {
		return true
	}
	switch b[len(tag)] {
	case ' ', '\t', '\r', '\n', '\f', '>', '/':
		return true
	}
	return false
}

// narrowUTF16 keeps the ASCII code units of UTF-16 text (lo is the index of
// the low byte in each unit: 0 for little endian, 1 for big endian) and
// stops at the first non-ASCII unit.
func narrowUTF16(b []byte, lo int) []byte {
	out := make([]byte, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if b[i+1-lo] != 0 || b[i+lo] >= 0x80 {
			break
		}
		out = append(out, b[i+lo])
	}
	return out
}

// hasPrefixFold is bytes.HasPrefix with ASCII case folding; prefix must be
// lower case.
func hasPrefixFold(b, prefix []byte) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i, c := range prefix {
		x := b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if x != c {
			return false
		}
	}
	return true
}
