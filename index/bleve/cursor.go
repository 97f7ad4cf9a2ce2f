package bleve

import (
	"encoding/base64"
	"encoding/json"

	"dossier/index"
	ql "dossier/index/query"
)

// cursor is the decoded form of SearchRequest.Cursor: the sort order it
// belongs to and the sort values of the last hit returned. Sort values are
// bleve's raw (possibly binary) terms, so each is base64-encoded.
type cursor struct {
	Sort  string   `json:"s"`
	After [][]byte `json:"a"`
	// MinWords is the relaxation of the search the cursor continues (see
	// Relaxation), so that later pages match the same documents; 0 for all
	// words.
	MinWords int `json:"m,omitempty"`
}

// encodeCursor makes the opaque cursor that continues after a hit with
// sort values after, in a search relaxed to minWords (0: not relaxed).
func encodeCursor(sort string, after []string, minWords int) string {
	c := cursor{Sort: sort, After: make([][]byte, len(after)), MinWords: minWords}
	for i, v := range after {
		c.After[i] = []byte(v)
	}
	b, _ := json.Marshal(c) // cannot fail: strings and byte slices
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor checks a cursor against the request's sort order and
// returns bleve's search-after values.
func decodeCursor(s, sort string) ([]string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, index.Invalidf("cursor is not valid; pass next_cursor from a previous response unchanged")
	}
	var c cursor
	if err := json.Unmarshal(raw, &c); err != nil || len(c.After) != len(sortFields(sort, fieldKey)) {
		return nil, index.Invalidf("cursor is not valid; pass next_cursor from a previous response unchanged")
	}
	if c.MinWords < 0 || c.MinWords > ql.MaxQueryTerms {
		return nil, index.Invalidf("cursor is not valid; pass next_cursor from a previous response unchanged")
	}
	if c.Sort != sort {
		return nil, index.Invalidf("cursor was made for sort %q, not %q", c.Sort, sort)
	}
	after := make([]string, len(c.After))
	for i, v := range c.After {
		after[i] = string(v)
	}
	return after, nil
}

// cursorMinWords returns the relaxation a valid cursor was made in.
func cursorMinWords(s string) int {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0
	}
	var c cursor
	if json.Unmarshal(raw, &c) != nil {
		return 0
	}
	return c.MinWords
}
