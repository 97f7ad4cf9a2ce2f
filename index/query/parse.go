package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query language limits.
const (
	MaxQueryBytes = 4096 // bytes in one query string
	MaxQueryDepth = 32   // nested parentheses and negations
	MaxQueryTerms = 256  // terms, phrases and ranges in one query
	MaxFuzziness  = 2    // edits allowed by term~N
	MaxProximity  = 100  // extra positions allowed by "phrase"~N
)

// isField reports whether name is a query field.
func isField(name string) bool {
	_, ok := Fields[name]
	return ok
}

// NearField returns the query field that name, all letters, is a typo or
// plural of (one edit, or two in a name of six letters or more), or "".
// "jdge:" and "judges:" are mistakes to report; "Note:" or "Re:" are words.
func NearField(name string) string {
	if len(name) < 3 || strings.IndexFunc(name, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return ""
	}
	best, bestD := "", 3
	for f := range Fields {
		d := EditDistance(name, f)
		if d > 1 && (d > 2 || len(f) < 6) {
			continue // "note:" is not "date:"
		}
		if d < bestD || d == bestD && f < best {
			best, bestD = f, d
		}
	}
	return best
}

// Node is a parsed query expression: Term, Phrase, Range, Bool or Not. A
// backend may add node types of its own for its rewrites (QueryNode
// marks them).
type Node interface{ QueryNode() }

type (
	// Term is a bare word, optionally a prefix ("word*") or fuzzy
	// ("word~1").
	Term struct {
		Field     string // "" for the default fields
		Text      string
		Prefix    bool
		Fuzziness int  // edits allowed, 0 for an exact term
		Plus      bool // written "+word": required, never relaxed
		Pos       int
	}
	// Phrase is a quoted phrase; with slop > 0 ("a b"~10) its words
	// may appear in any order within slop extra positions.
	Phrase struct {
		Field string
		Text  string
		Slop  int
		Pos   int
	}
	// Range is field:[from TO to]; "*" leaves an end open.
	Range struct {
		Field    string
		From, To string
		Pos      int
	}
	// Bool joins children with AND (all must match) or OR (any).
	// explicit is set when the AND operator was written: such a query is
	// never relaxed.
	Bool struct {
		And      bool
		Explicit bool
		Children []Node
	}
	// Not excludes what its child matches.
	Not struct{ Child Node }
)

func (Term) QueryNode()   {}
func (Phrase) QueryNode() {}
func (Range) QueryNode()  {}
func (Bool) QueryNode()   {}
func (Not) QueryNode()    {}

// Parse parses the dossier query language:
//
//	query   = or
//	or      = and { "OR" and }
//	and     = unary { ["AND"] unary }     (adjacent terms are ANDed)
//	unary   = ("NOT" | "-") unary | ["+"] primary
//	primary = "(" or ")" | [field ":"] ( word | word"*" | word"~"[N] | phrase ["~"N] | range )
//	range   = "[" value "TO" value "]"
//
// A phrase may be quoted with typographic quotes too (“…”, „…“, «…»).
// AND, OR and NOT are operators only in upper case. A word containing ':'
// whose prefix is not a known field (such as "4:19-cv-07123") is a word.
// An empty or all-whitespace query returns (nil, nil).
func Parse(q string) (Node, error) {
	if len(q) > MaxQueryBytes {
		return nil, &Error{Pos: MaxQueryBytes, Msg: "query is longer than 4096 bytes"}
	}
	if !utf8.ValidString(q) {
		return nil, &Error{Pos: 0, Msg: "query is not valid UTF-8"}
	}
	p := &parser{src: q}
	p.skipSpace()
	if p.pos == len(p.src) {
		return nil, nil
	}
	n, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, &Error{Pos: p.pos, Msg: "unexpected ')'"}
	}
	return n, nil
}

type parser struct {
	src   string
	pos   int
	terms int
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		r, w := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += w
	}
}

// peekWord returns the bare word at the cursor without consuming it. A
// word runs to a space, a parenthesis or a quote, except that a
// subdivision written against a number or another subdivision, as in
// "12(b)(6)" or "1030(a)(2)", stays part of the word.
func (p *parser) peekWord() string {
	end := p.pos
	for end < len(p.src) {
		r, w := utf8.DecodeRuneInString(p.src[end:])
		if r == '(' && end > p.pos {
			if n := subdivision(p.src[p.pos:end], p.src[end:]); n > 0 {
				end += n
				continue
			}
		}
		if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
			break
		}
		end += w
	}
	return p.src[p.pos:end]
}

// subdivision returns the length of a "(x)" group of 1 to 4 letters or
// digits at the start of rest when the word before ends in a digit or ")";
// 0 otherwise.
func subdivision(before, rest string) int {
	last := before[len(before)-1]
	if !(last >= '0' && last <= '9') && last != ')' {
		return 0
	}
	for i := 1; i < len(rest) && i <= 5; i++ {
		c := rest[i]
		switch {
		case c == ')':
			if i == 1 {
				return 0
			}
			return i + 1
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

func (p *parser) parseOr(depth int) (Node, error) {
	left, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	children := []Node{left}
	for {
		p.skipSpace()
		if p.peekWord() != "OR" {
			break
		}
		p.pos += 2
		right, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		children = append(children, right)
	}
	if len(children) == 1 {
		return left, nil
	}
	return Bool{And: false, Children: children}, nil
}

func (p *parser) parseAnd(depth int) (Node, error) {
	var children []Node
	explicit := false
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] == ')' {
			break
		}
		w := p.peekWord()
		if w == "OR" {
			break
		}
		if w == "AND" {
			if len(children) == 0 {
				return nil, &Error{Pos: p.pos, Msg: "AND needs a term on its left"}
			}
			p.pos += 3
			explicit = true
			p.skipSpace()
			if p.pos >= len(p.src) || p.src[p.pos] == ')' || p.peekWord() == "OR" || p.peekWord() == "AND" {
				return nil, &Error{Pos: p.pos, Msg: "AND needs a term on its right"}
			}
			continue
		}
		n, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	switch len(children) {
	case 0:
		return nil, &Error{Pos: p.pos, Msg: "expected a term"}
	case 1:
		return children[0], nil
	}
	return Bool{And: true, Explicit: explicit, Children: children}, nil
}

func (p *parser) parseUnary(depth int) (Node, error) {
	if depth > MaxQueryDepth {
		return nil, &Error{Pos: p.pos, Msg: "query nests too deeply"}
	}
	p.skipSpace()
	if p.peekWord() == "NOT" {
		p.pos += 3
		child, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		return Not{Child: child}, nil
	}
	if p.pos < len(p.src) && (p.src[p.pos] == '-' || p.src[p.pos] == '+') {
		neg := p.src[p.pos] == '-'
		p.pos++
		if p.pos >= len(p.src) || unicode.IsSpace(rune(p.src[p.pos])) {
			return nil, &Error{Pos: p.pos - 1, Msg: "'-' or '+' must be followed by a term"}
		}
		child, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		if neg {
			return Not{Child: child}, nil
		}
		if t, ok := child.(Term); ok {
			t.Plus = true
			return t, nil
		}
		return child, nil
	}
	return p.parsePrimary(depth)
}

func (p *parser) parsePrimary(depth int) (Node, error) {
	if p.pos >= len(p.src) {
		return nil, &Error{Pos: p.pos, Msg: "expected a term"}
	}
	p.terms++
	if p.terms > MaxQueryTerms {
		return nil, &Error{Pos: p.pos, Msg: "query has more than 256 terms"}
	}
	start := p.pos
	switch p.src[p.pos] {
	case '(':
		p.pos++
		n, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ')' {
			return nil, &Error{Pos: start, Msg: "unclosed '('"}
		}
		p.pos++
		return n, nil
	}
	if p.quoteAt() > 0 {
		return p.parsePhrase("")
	}
	word := p.peekWord()
	if i := strings.IndexByte(word, ':'); i > 0 && !isField(strings.ToLower(word[:i])) {
		if f := NearField(strings.ToLower(word[:i])); f != "" {
			return nil, &Error{Pos: p.pos, Msg: fmt.Sprintf("unknown field %s: (did you mean %s:?)", word[:i], f)}
		}
	}
	if i := strings.IndexByte(word, ':'); i > 0 && isField(strings.ToLower(word[:i])) {
		field := strings.ToLower(word[:i])
		p.pos += i + 1
		if p.pos >= len(p.src) || unicode.IsSpace(rune(p.src[p.pos])) || p.src[p.pos] == ')' {
			return nil, &Error{Pos: p.pos, Msg: "field " + field + ": needs a value"}
		}
		if p.quoteAt() > 0 {
			return p.parsePhrase(field)
		}
		switch p.src[p.pos] {
		case '[':
			return p.parseRange(field)
		case '(':
			return nil, &Error{Pos: p.pos, Msg: "grouping after a field is not supported; repeat the field for each value"}
		}
		word = p.peekWord()
		start = p.pos
		return p.wordNode(field, word, start)
	}
	return p.wordNode("", word, start)
}

func (p *parser) wordNode(field, word string, start int) (Node, error) {
	p.pos += len(word)
	fuzziness := 0
	if i := strings.LastIndexByte(word, '~'); i >= 0 {
		n := 1
		if digits := word[i+1:]; digits != "" {
			v, err := strconv.Atoi(digits)
			if err != nil || v < 1 || v > MaxFuzziness {
				return nil, &Error{Pos: start + i, Msg: fmt.Sprintf("fuzziness after '~' must be 1 to %d", MaxFuzziness)}
			}
			n = v
		}
		word, fuzziness = word[:i], n
		if utf8.RuneCountInString(word) < 3 {
			return nil, &Error{Pos: start, Msg: "a fuzzy term needs at least 3 characters before '~'"}
		}
		if strings.ContainsAny(word, "*~") {
			return nil, &Error{Pos: start, Msg: "a term cannot be both fuzzy and a prefix"}
		}
		return Term{Field: field, Text: word, Fuzziness: fuzziness, Pos: start}, nil
	}
	prefix := false
	if strings.HasSuffix(word, "*") {
		word = strings.TrimRight(word, "*")
		prefix = true
		if utf8.RuneCountInString(word) < 2 {
			return nil, &Error{Pos: start, Msg: "a prefix needs at least 2 characters before '*'"}
		}
	}
	if strings.ContainsAny(word, "*[]") {
		return nil, &Error{Pos: start, Msg: "unexpected character in " + word}
	}
	if word == "" {
		return nil, &Error{Pos: start, Msg: "expected a term"}
	}
	return Term{Field: field, Text: word, Prefix: prefix, Pos: start}, nil
}

// isQuote reports whether r delimits a phrase: the ASCII double quote or
// a typographic one, as pasted from a word processor ("“motion to
// dismiss”", „…“, «…»).
func isQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// quoteAt returns the byte length of the quote at the cursor, or 0.
func (p *parser) quoteAt() int {
	if p.pos >= len(p.src) {
		return 0
	}
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	if isQuote(r) {
		return w
	}
	return 0
}

func (p *parser) parsePhrase(field string) (Node, error) {
	start := p.pos
	open := p.quoteAt()
	end := strings.IndexFunc(p.src[p.pos+open:], isQuote)
	if end < 0 {
		return nil, &Error{Pos: start, Msg: "unterminated phrase: missing closing '\"'"}
	}
	text := p.src[p.pos+open : p.pos+open+end]
	_, closeW := utf8.DecodeRuneInString(p.src[p.pos+open+end:])
	p.pos += open + end + closeW
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Pos: start, Msg: "empty phrase"}
	}
	slop := 0
	if p.pos < len(p.src) && p.src[p.pos] == '~' {
		at := p.pos
		p.pos++
		digits := p.pos
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		v, err := strconv.Atoi(p.src[digits:p.pos])
		if err != nil || v < 1 || v > MaxProximity {
			return nil, &Error{Pos: at, Msg: fmt.Sprintf("proximity after '~' must be a number from 1 to %d", MaxProximity)}
		}
		slop = v
	}
	return Phrase{Field: field, Text: text, Slop: slop, Pos: start}, nil
}

func (p *parser) parseRange(field string) (Node, error) {
	start := p.pos
	end := strings.IndexByte(p.src[p.pos:], ']')
	if end < 0 {
		return nil, &Error{Pos: start, Msg: "unterminated range: missing ']'"}
	}
	body := p.src[p.pos+1 : p.pos+end]
	p.pos += end + 1
	parts := strings.Fields(body)
	if len(parts) != 3 || parts[1] != "TO" {
		return nil, &Error{Pos: start, Msg: "a range is written [FROM TO TO], e.g. [2024-01-01 TO 2024-12-31]"}
	}
	return Range{Field: field, From: parts[0], To: parts[2], Pos: start}, nil
}
