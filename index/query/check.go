package query

import "fmt"

// Field says what a query field (name:value) takes. Fields is the one
// table of them: the parser accepts these names, Check enforces the rest,
// and a backend compiles a checked tree without checking again.
type Field struct {
	// Exact fields hold keyword values (normalised, not analysed): no
	// prefix or fuzzy terms, no proximity.
	Exact bool
	// CaseNumber fields take a case number in any spelling.
	CaseNumber bool
	// Phrase says the field takes a quoted phrase (an exact field takes it
	// as one value).
	Phrase bool
	// Range says the field takes [FROM TO TO]; values are date bounds.
	Range bool
}

// Fields are the field names a query may address as name:value.
var Fields = map[string]Field{
	"title":    {Phrase: true},
	"text":     {Phrase: true},
	"judge":    {Phrase: true},
	"author":   {Phrase: true},
	"court":    {Exact: true, Phrase: true},
	"kind":     {Exact: true, Phrase: true},
	"site":     {Exact: true, Phrase: true},
	"doc_type": {Exact: true, Phrase: true},
	"case":     {Exact: true, Phrase: true, CaseNumber: true},
	"cites":    {Exact: true, Phrase: true, CaseNumber: true},
	"related":  {Exact: true, Phrase: true, CaseNumber: true},
	"date":     {Exact: true, Range: true},
}

// Check reports the first value error in a parsed query: a prefix or
// fuzzy term on an exact field, a phrase or proximity where the field
// takes none, a case-number field whose value is not one, a range on a
// field other than date, a bad date or a range that ends before it starts.
// A nil tree is valid.
func Check(n Node) error {
	switch n := n.(type) {
	case nil:
		return nil
	case Bool:
		for _, c := range n.Children {
			if err := Check(c); err != nil {
				return err
			}
		}
		return nil
	case Not:
		return Check(n.Child)
	case Term:
		if n.Field == "" {
			return nil
		}
		f := Fields[n.Field]
		if f.Exact && (n.Fuzziness > 0 || n.Prefix) {
			return &Error{Pos: n.Pos, Msg: "field " + n.Field + " takes exact values only"}
		}
		if f.Range {
			return checkRange(Range{Field: n.Field, From: n.Text, To: n.Text, Pos: n.Pos})
		}
		return checkValue(f, n.Text, n.Pos)
	case Phrase:
		if n.Field == "" {
			return nil
		}
		f := Fields[n.Field]
		switch {
		case n.Slop > 0 && (f.Exact || !f.Phrase):
			return &Error{Pos: n.Pos, Msg: "field " + n.Field + " does not take a proximity search"}
		case !f.Phrase:
			return &Error{Pos: n.Pos, Msg: "field " + n.Field + " does not take a phrase"}
		}
		return checkValue(f, n.Text, n.Pos)
	case Range:
		return checkRange(n)
	}
	return fmt.Errorf("query: unknown node %T", n)
}

// checkValue checks a value of an exact field.
func checkValue(f Field, value string, pos int) error {
	if f.CaseNumber {
		if _, ok := ParseCaseFilter(value); !ok {
			return &Error{Pos: pos, Msg: "not a case number: " + value}
		}
	}
	return nil
}

// checkRange checks a range's field, bounds and order.
func checkRange(n Range) error {
	if !Fields[n.Field].Range {
		return &Error{Pos: n.Pos, Msg: "ranges are supported on date only"}
	}
	from, to, err := RangeBounds(n)
	if err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return &Error{Pos: n.Pos, Msg: fmt.Sprintf("the range ends (%s) before it starts (%s)", n.To, n.From)}
	}
	return nil
}

// ParseChecked parses q and checks it: the one call for a query string
// from outside (a search, an API key's mandatory filter). An empty query
// gives (nil, nil).
func ParseChecked(q string) (Node, error) {
	n, err := Parse(q)
	if err != nil {
		return nil, err
	}
	return n, Check(n)
}
