package htmltext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// prescanLimit is how many leading bytes are searched for a charset
// declaration. Browsers look at 1024; real pages often put the declaration
// after long inline scripts, so this is more generous.
const prescanLimit = 64 << 10

// toUTF8 converts a page to valid UTF-8. The order is: byte order mark,
// then a <meta charset> or http-equiv declaration, then content checks that
// override a declaration contradicted by the bytes (valid multi-byte UTF-8
// under a legacy label is read as UTF-8; invalid UTF-8 under a UTF-8 label
// or none is read as windows-1252 unless it is mostly valid UTF-8). Any
// bytes still invalid are replaced by U+FFFD. Warnings describe overrides.
func toUTF8(data []byte) ([]byte, []string, error) {
	var warns []string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return validUTF8(data[3:], &warns), warns, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, &warns)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, &warns)
	}

	enc, name := declaredCharset(data)
	if enc == nil || name == "utf-8" {
		if utf8.Valid(data) {
			return data, nil, nil
		}
		mb, bad := utf8Stats(data)
		if mb >= 4*bad {
			warns = append(warns, fmt.Sprintf("charset: replaced %d invalid UTF-8 sequences", bad))
			return validUTF8(data, nil), warns, nil
		}
		if enc == nil {
			warns = append(warns, "charset: no declaration and not UTF-8; decoded as windows-1252")
		} else {
			warns = append(warns, "charset: declared utf-8 but bytes are not UTF-8; decoded as windows-1252")
		}
		return decodeWith(charmap.Windows1252, data, &warns)
	}
	if utf8.Valid(data) {
		if mb, _ := utf8Stats(data); mb > 0 {
			warns = append(warns, fmt.Sprintf("charset: declared %s but bytes are valid UTF-8; decoded as UTF-8", name))
			return data, warns, nil
		}
	}
	return decodeWith(enc, data, &warns)
}

// decodeWith decodes data with enc and guarantees valid UTF-8 output.
func decodeWith(enc encoding.Encoding, data []byte, warns *[]string) ([]byte, []string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, *warns, fmt.Errorf("htmltext: decode charset: %w", err)
	}
	out = validUTF8(out, warns)
	return out, *warns, nil
}

// validUTF8 returns b with invalid sequences replaced by U+FFFD, noting the
// repair in warns when warns is not nil.
func validUTF8(b []byte, warns *[]string) []byte {
	if utf8.Valid(b) {
		return b
	}
	if warns != nil {
		*warns = append(*warns, "charset: replaced invalid UTF-8 sequences")
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

// utf8Stats counts valid multi-byte runes and invalid bytes in b.
func utf8Stats(b []byte) (multibyte, invalid int) {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			invalid++
			b = b[1:]
			continue
		}
		multibyte++
		b = b[size:]
	}
	return multibyte, invalid
}

// declaredCharset finds the first <meta charset> or <meta http-equiv=
// content-type content="...charset=..."> in the leading prescanLimit bytes,
// stopping at <body>. It returns the encoding and its canonical WHATWG
// name, or nil when nothing usable is declared. A utf-16 label without a
// byte order mark is read as utf-8, as browsers do.
func declaredCharset(data []byte) (encoding.Encoding, string) {
	if len(data) > prescanLimit {
		data = data[:prescanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return nil, ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tag, hasAttr := z.TagName()
		if string(tag) == "body" {
			return nil, ""
		}
		if string(tag) != "meta" {
			continue
		}
		var label, content string
		pragma := false
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch strings.ToLower(string(k)) {
			case "charset":
				label = string(v)
			case "http-equiv":
				pragma = strings.EqualFold(strings.TrimSpace(string(v)), "content-type")
			case "content":
				content = string(v)
			}
		}
		if label == "" && pragma {
			label = charsetFromContentType(content)
		}
		if label == "" {
			continue
		}
		enc, name := charset.Lookup(strings.TrimSpace(label))
		if enc == nil {
			continue
		}
		if strings.HasPrefix(name, "utf-16") {
			return encoding.Nop, "utf-8"
		}
		return enc, name
	}
}

// charsetFromContentType extracts the charset parameter of a content-type
// value such as "text/html; charset=ISO-8859-1".
func charsetFromContentType(s string) string {
	i := strings.Index(strings.ToLower(s), "charset")
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len("charset"):], " \t")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.Trim(strings.TrimLeft(s[1:], " \t"), `"'`)
	if j := strings.IndexAny(s, " \t;\"'"); j >= 0 {
		s = s[:j]
	}
	return s
}
