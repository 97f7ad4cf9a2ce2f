package pdftext

import (
	"bytes"
	"fmt"
)

// headerSearch is how far into the input (in bytes) Extract looks for the
// "%PDF-" header. Viewers conventionally accept junk in the first 1 KiB;
// dossier is a little more lenient.
const headerSearch = 4096

// prepare makes data acceptable to ledongthuc/pdf, which insists on an
// exact "%PDF-1.[0-7]" header line at offset 0 and on "%%EOF" within the
// last bytes. It never modifies data; it returns a copy when it has to
// change anything, along with a warning per change.
func prepare(data []byte) ([]byte, []string, error) {
	if len(data) == 0 {
		return nil, nil, fmt.Errorf("%w: empty input", ErrNotPDF)
	}
	head := data[:min(len(data), headerSearch)]
	at := bytes.Index(head, []byte("%PDF-"))
	if at < 0 {
		return nil, nil, fmt.Errorf("%w: no %%PDF- header in the first %d bytes", ErrNotPDF, len(head))
	}
	var warnings []string
	if at > 0 {
		// Byte offsets in a PDF with a junk prefix count from the header,
		// so cutting the prefix keeps the cross-reference table valid.
		warnings = append(warnings, fmt.Sprintf("stripped %d junk bytes before the %%PDF header", at))
		data = data[at:]
	}
	if len(data) < 9 {
		return nil, nil, fmt.Errorf("%w: file ends inside the header (%d bytes)", ErrMalformed, len(data))
	}
	copied := false
	edit := func() {
		if !copied {
			data = bytes.Clone(data)
			copied = true
		}
	}
	// ledongthuc/pdf accepts exactly "%PDF-1.0" to "%PDF-1.7" followed by
	// an end of line. Rewrites keep the length, so object offsets stay put.
	if v := data[5:8]; !(v[0] == '1' && v[1] == '.' && v[2] >= '0' && v[2] <= '7') {
		edit()
		copy(data[5:8], "1.7")
		warnings = append(warnings, fmt.Sprintf("header version %q rewritten to 1.7", sanitize(v)))
	}
	if c := data[8]; c != '\n' && c != '\r' {
		edit()
		data[8] = '\n'
		warnings = append(warnings, fmt.Sprintf("header line ended by %q, rewritten to a newline", string(rune(c))))
	}
	// The library wants "%%EOF" within its last 100 bytes, followed by
	// nothing but line-end whitespace. Cut everything after the last one.
	end := bytes.LastIndex(data, []byte("%%EOF"))
	if end < 0 {
		return nil, nil, fmt.Errorf("%w: no %%%%EOF marker (truncated file?)", ErrMalformed)
	}
	if after := data[end+len("%%EOF"):]; len(after) > 0 {
		if len(bytes.TrimLeft(after, "\r\n\t ")) > 0 {
			warnings = append(warnings, fmt.Sprintf("dropped %d bytes after the last %%%%EOF", len(after)))
		}
		data = data[:end+len("%%EOF")]
	}
	if err := checkXref(data); err != nil {
		return nil, nil, err
	}
	return data, warnings, nil
}

// sanitize returns b as printable ASCII for use in a warning.
func sanitize(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}
