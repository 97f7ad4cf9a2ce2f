// Judges in prose: "U.S. District Judge Phyllis Hamilton".

package legal

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// headlineVerbs are words that follow "Judge" in headlines ("Judge Blocks
// ..."); a name may not start with one.
var headlineVerbs = setOf(`BLOCKS BLOCKED RULES RULED ORDERS ORDERED HALTS HALTED TOSSES TOSSED DENIES DENIED GRANTS GRANTED
DISMISSES DISMISSED SAYS SAID SIDES APPROVES APPROVED REJECTS REJECTED ALLOWS ALLOWED BARS BARRED STRIKES FINDS
SENTENCES SENTENCED DELAYS PAUSES DECLINES REFUSES UPHOLDS THROWS TELLS SLAMS QUESTIONS SETS EXTENDS WEIGHS HEARS
WONT WILL COULD SHOULD MAY MIGHT APPEARS SIGNALS ENDS LETS KEEPS GIVES PUTS CALLS ASKS WARNS OKS CLEARS TEMPORARILY
PARTIALLY ISSUES NIXES AXES SCOLDS SLAPS SHOOTS CRITICIZES QUESTIONED ACCUSES FINES JAILS SENDS TAKES`)

// judgeNameHits returns the offsets of "Judge" followed by blanks and a
// capital letter (or a non-ASCII letter), where a titled mention may be.
func judgeNameHits(s string) []int {
	var hits []int
	for off := 0; ; {
		i := strings.Index(s[off:], "Judge")
		if i < 0 {
			return hits
		}
		p := off + i
		off = p + 5
		j := off
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j > off && j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 0x80) {
			hits = append(hits, p)
		}
	}
}

// titledJudges reads prose mentions such as "U.S. District Judge Phyllis
// Hamilton", "Judge Laura T. Kessler", "Magistrate Judge Sallie Kim".
func titledJudges(text string) []posJudge {
	var out []posJudge
	last := 0
	for _, p := range judgeNameHits(text) {
		if p < last {
			continue
		}
		nameStart := p + len("Judge")
		for nameStart < len(text) && (text[nameStart] == ' ' || text[nameStart] == '\t') {
			nameStart++
		}
		toks, end := readName(text, nameStart)
		if !validName(toks, 1) || headlineVerbs[strings.ToUpper(toks[0].text)] {
			continue
		}
		start, role := judgeTitle(text, p)
		if !hasInitial(toks) && headlineLine(text, start, end) {
			continue
		}
		if len(toks) == 1 && mayContinue(text, end) {
			continue
		}
		out = append(out, posJudge{start, Judge{Name: canonToks(toks), Raw: joinToks(toks), Role: role, Capacity: proseCapacity(text, start)}})
		last = end
	}
	return out
}

// judgeTitle reads the title words before "Judge" at p, right to left on
// the same line: [Chief|Senior] [U.S.|United States|federal] [Chief|Senior]
// [District|Magistrate|Bankruptcy|Circuit|Appellate|Appeals Court] [Chief]
// Judge. It returns where the title starts and the role it names.
func judgeTitle(text string, p int) (int, string) {
	start, role, chief := p, "", false
	i := p
	prev := func() (string, int) { // the word ending just before i
		j := i
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
			j--
		}
		if j == i {
			return "", i
		}
		k := j
		for k > 0 && k > j-16 && !isSpace(text[k-1]) {
			k--
		}
		return text[k:j], k
	}
	take := func(ok func(string) bool) string {
		w, k := prev()
		if w == "" || !ok(w) {
			return ""
		}
		i, start = k, k
		return w
	}
	isChief := func(w string) bool { return w == "Chief" }
	isRank := func(w string) bool { return w == "Chief" || w == "Senior" }
	if take(isChief) != "" {
		chief = true
	}
	if w := take(func(w string) bool {
		return w == "District" || w == "Magistrate" || w == "Bankruptcy" || w == "Circuit" || w == "Appellate"
	}); w != "" {
		role = roleOf(w)
	} else if w, k := prev(); w == "Court" {
		save := i
		i = k
		if take(func(w string) bool { return w == "Appeals" }) != "" {
			role = RoleCircuit
		} else {
			i = save
		}
	}
	if take(isRank) == "Chief" {
		chief = true
	}
	if take(func(w string) bool { return w == "U.S." || w == "federal" || w == "Federal" }) == "" {
		if w, k := prev(); w == "States" {
			save := i
			i = k
			if take(func(w string) bool { return w == "United" }) == "" {
				i = save
			}
		}
	}
	if take(isRank) == "Chief" {
		chief = true
	}
	if role == "" && chief {
		role = RoleChief
	}
	return start, role
}

// mayContinue reports whether a name ending at end may go on on the next
// line ("Magistrate Judge Van\nKeulen"): the line ends there and the next
// line starts with a capital letter.
func mayContinue(text string, end int) bool {
	p := end
	for p < len(text) && (text[p] == ' ' || text[p] == '\t') {
		p++
	}
	if p >= len(text) || text[p] != '\n' {
		return false
	}
	for p < len(text) && isSpace(text[p]) {
		p++
	}
	r, _ := utf8.DecodeRuneInString(text[p:])
	return unicode.IsUpper(r)
}

// headlineLine reports whether the line around [from, to) reads like a
// title-case headline: within 300 bytes either side of the match it has no
// lower-case word of four or more letters but at least two capitalised
// words of three or more.
func headlineLine(text string, from, to int) bool {
	ls, le := lineAt(text, from)
	to = min(to, le)
	upper := 0
	for _, seg := range []string{text[to:min(le, to+300)], text[max(ls, from-300):from]} {
		for i := 0; i < len(seg); {
			r, size := utf8.DecodeRuneInString(seg[i:])
			if !unicode.IsLetter(r) {
				i += size
				continue
			}
			first, n := r, 0
			for i < len(seg) {
				r, size = utf8.DecodeRuneInString(seg[i:])
				if !unicode.IsLetter(r) && r != '\'' && r != '’' {
					break
				}
				n++
				i += size
			}
			switch {
			case unicode.IsLower(first) && n >= 4:
				return false
			case unicode.IsUpper(first) && n >= 3:
				upper++
			}
		}
	}
	return upper >= 2
}
