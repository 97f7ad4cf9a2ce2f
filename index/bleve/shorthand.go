package bleve

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"dossier/index"
	ql "dossier/index/query"
)

// shorthand is a piece of legal shorthand and what it stands for.
type shorthand struct {
	key     []string // the shorthand's analysed words, e.g. ["fed", "r", "civ", "p"]
	phrases []string // searched as well, each as an exact phrase
}

// legalShorthand is the table of shorthand researchers rely on. A query
// word (or run of bare words) that analyses to a key matches as typed or
// as any of the phrases; the response lists each expansion. The table is
// deliberately small: every entry is unambiguous in court filings.
var legalShorthand = []shorthand{
	{key: []string{"msj"}, phrases: []string{"motion for summary judgment"}},
	{key: []string{"sj"}, phrases: []string{"summary judgment"}},
	{key: []string{"mtd"}, phrases: []string{"motion to dismiss"}},
	{key: []string{"tro"}, phrases: []string{"temporary restraining order"}},
	{key: []string{"pi"}, phrases: []string{"preliminary injunction"}},
	{key: []string{"r", "r"}, phrases: []string{"report and recommendation"}},
	{key: []string{"12", "b", "6"}, phrases: []string{"failure to state a claim"}},
	{key: []string{"12", "b", "1"}, phrases: []string{"lack of subject matter jurisdiction"}},
	{key: []string{"jmol"}, phrases: []string{"judgment as a matter of law"}},
	{key: []string{"ifp"}, phrases: []string{"in forma pauperis"}},
	{key: []string{"frcp"}, phrases: []string{"fed r civ p", "federal rules of civil procedure", "federal rule of civil procedure"}},
	{key: []string{"fed", "r", "civ", "p"}, phrases: []string{"federal rules of civil procedure", "federal rule of civil procedure", "frcp"}},
	{key: []string{"fed", "r", "crim", "p"}, phrases: []string{"federal rules of criminal procedure", "federal rule of criminal procedure"}},
	{key: []string{"fed", "r", "evid"}, phrases: []string{"federal rules of evidence", "federal rule of evidence"}},
	{key: []string{"fre"}, phrases: []string{"fed r evid", "federal rules of evidence"}},
	{key: []string{"cfaa"}, phrases: []string{"computer fraud and abuse act"}},
	{key: []string{"ecpa"}, phrases: []string{"electronic communications privacy act"}},
	{key: []string{"foia"}, phrases: []string{"freedom of information act"}},
	{key: []string{"dmca"}, phrases: []string{"digital millennium copyright act"}},
	{key: []string{"rico"}, phrases: []string{"racketeer influenced and corrupt organizations"}},
	{key: []string{"usc"}, phrases: []string{"u.s.c", "united states code"}},
	{key: []string{"u.s.c"}, phrases: []string{"united states code"}},
}

// shorthandNode is a run of bare query words that spells an entry of
// legalShorthand. It exists only between groupShorthand and compile.
type shorthandNode struct {
	from    string   // the words as typed, joined by spaces
	words   []string // their analysed terms
	phrases []string
}

func (shorthandNode) QueryNode() {}

// groupShorthand replaces runs of bare words in the children of an AND
// that spell a shorthand key with a shorthandNode, longest key first.
func groupShorthand(children []ql.Node) []ql.Node {
	var out []ql.Node
	for i := 0; i < len(children); {
		if sn, n := matchShorthand(children[i:]); n > 0 {
			out = append(out, sn)
			i += n
			continue
		}
		out = append(out, children[i])
		i++
	}
	return out
}

// matchShorthand returns the longest shorthand spelled by bare words at
// the start of nodes, and how many nodes it takes.
func matchShorthand(nodes []ql.Node) (shorthandNode, int) {
	var best shorthandNode
	bestNodes := 0
	var terms, typed []string
	for i, n := range nodes {
		t, ok := n.(ql.Term)
		if !ok || t.Field != "" || t.Prefix || t.Fuzziness > 0 {
			break
		}
		terms = append(terms, analyzeWords(t.Text)...)
		typed = append(typed, t.Text)
		if len(terms) > 4 {
			break
		}
		for _, sh := range legalShorthand {
			if len(sh.key) > len(best.words) && slices.Equal(sh.key, terms) {
				best = shorthandNode{from: strings.Join(typed, " "), words: sh.key, phrases: sh.phrases}
				bestNodes = i + 1
			}
		}
	}
	return best, bestNodes
}

// shorthandSlop is how many other words may come between the words of an
// expansion, in any order: "motion for partial summary judgment" is an MSJ.
const shorthandSlop = 2

// compileShorthand matches the shorthand as typed (a word, or its words as
// a phrase) or any phrase it stands for, within shorthandSlop extra words,
// and records the expansion.
func (c *compiler) compileShorthand(n shorthandNode) query.Query {
	c.expanded = append(c.expanded, index.Expansion{From: n.from, To: n.phrases})
	children := []query.Query{c.wordAcross(strings.Join(n.words, " "))}
	if len(n.words) == 1 {
		children[0] = c.wordAcross(n.words[0])
	}
	for _, p := range n.phrases {
		children = append(children,
			newProximityQuery(fieldText, p, shorthandSlop, 1),
			weighted(newProximityQuery(fieldTitle, p, shorthandSlop, titleWeight), titleWeight))
	}
	return sumQuery{children: children, min: 1}
}
