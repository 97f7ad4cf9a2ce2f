package bleve

import (
	"fmt"
	"slices"
	"strings"

	"dossier/corpus/legal"
	"dossier/index"
)

// Enumerated fields. A kind, court or document type that no document can
// have is an error with the nearest valid value, not an empty result: a
// typo ("court=cnad", "kind=filings") must never look like "nothing found".

// kinds are the values of the kind field.
var kinds = []string{"filing", "article"}

// docTypes are the document types the extractor assigns.
var docTypes = []string{legal.DocComplaint, legal.DocMotion, legal.DocOrder, legal.DocOpinion, legal.DocExhibit,
	legal.DocTranscript, legal.DocDocket, legal.DocDeclaration, legal.DocBrief, legal.DocNotice, legal.DocStipulation, legal.DocArticle}

// checkValues checks the kind, court and doc_type values of the filters and
// of the query (used, with their positions).
func (ix *Index) checkValues(f index.Filters, used []fieldValue) error {
	check := func(field, value string) (string, bool, error) {
		switch field {
		case "kind":
			v := strings.ToLower(value)
			return nearest(v, kinds), slices.Contains(kinds, v), nil
		case "court":
			id := index.NormalizeCourt(value)
			if _, ok := legal.CourtByID(id); ok {
				return "", true, nil
			}
			known, err := ix.fieldTerms(fieldCourt)
			if err != nil || slices.Contains(known, id) {
				return "", true, err
			}
			ids := known
			for _, c := range legal.Courts() {
				ids = append(ids, c.ID)
			}
			return nearest(strings.ToLower(value), ids), false, nil
		case "doc_type":
			v := strings.ToLower(value)
			if slices.Contains(docTypes, v) {
				return "", true, nil
			}
			known, err := ix.fieldTerms(fieldDocType)
			if err != nil || slices.Contains(known, v) {
				return "", true, err
			}
			return nearest(v, append(known, docTypes...)), false, nil
		}
		return "", true, nil
	}
	message := func(field, value, near string) string {
		if near != "" {
			return fmt.Sprintf("no document has %s %q (did you mean %q?)", field, value, near)
		}
		return fmt.Sprintf("no document has %s %q", field, value)
	}
	for _, field := range []string{"kind", "court", "doc_type"} {
		for _, v := range f.List(field) {
			near, ok, err := check(field, v)
			if err != nil {
				return err
			}
			if !ok {
				return index.Invalidf("%s", message(field, v, near))
			}
		}
	}
	for _, u := range used {
		near, ok, err := check(u.field, u.value)
		if err != nil {
			return err
		}
		if !ok {
			return &index.QueryError{Pos: u.pos, Msg: message(u.field, u.value, near)}
		}
	}
	return nil
}

// fieldTerms lists the values of a keyword field in the index.
func (ix *Index) fieldTerms(field string) ([]string, error) {
	d, err := ix.bleve.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("index: values of %s: %w", field, err)
	}
	defer d.Close()
	var out []string
	for len(out) < 4096 {
		e, err := d.Next()
		if err != nil {
			return nil, fmt.Errorf("index: values of %s: %w", field, err)
		}
		if e == nil {
			break
		}
		out = append(out, e.Term)
	}
	return out, nil
}

// nearest returns the candidate within two edits of v (a swap of two
// neighbouring letters counting as one), fewest first, or "".
func nearest(v string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := swapDistance(v, c); d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// swapDistance is the optimal string alignment distance between a and b,
// in runes: Levenshtein's edits plus the swap of two neighbours.
func swapDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
