// Reading person names from running text.

package legal

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords can never be part of a judge's name (compared in upper case).
var stopWords = setOf(`UNITED STATES DISTRICT COURT COURTS JUDGE JUDGES MAGISTRATE HONORABLE HON THE OF AND FOR IN ON AT TO BY
DATED ORDERED ORDER SO IT IS CASE PAGE DOCUMENT FILED CLERK DEPUTY CHIEF SENIOR CIRCUIT BANKRUPTCY ATTORNEY ATTORNEYS
COUNSEL PLAINTIFF PLAINTIFFS DEFENDANT DEFENDANTS PRESIDING JURY TRIAL EXHIBIT ADVOCATE ADVOCATES PRO TEM EXECUTIVE
DIVISION NORTHERN SOUTHERN EASTERN WESTERN CENTRAL MIDDLE STREET AVENUE SUITE LLP LLC INC CORP ESQ NOTICE MOTION
GRANTED DENIED SIGNED ENTERED SEALED REDACTED APPEALS SUPERIOR STATE COUNTY CITY GENERAL OFFICE BUREAU FEDERAL
PANEL PER CURIAM MEMORANDUM OPINION OPINIONS JURISDICTION CONSENT DECLINATION REFERRAL REFERRED DISCOVERY CHAMBERS
COURTROOM STANDING PROCEDURES PROCEDURE CONFERENCE SETTLEMENT REVIEW ASSIGNMENT ASSIGNED REPORT RECOMMENDATION
FINDINGS SHOPPING TEMPORE INITIALS NAME SIGNATURE YOUR MY HIS HER THEIR THIS THAT WHO WHOM A AN ANY EACH NO NOT
RULE LOCAL CIVIL CRIMINAL CALENDAR HEARING SCHEDULE STATUS ROOM FLOOR TELEPHONE EMAIL PHONE`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// particles may sit inside a name in lower case ("Ludwig van Beethoven").
var particles = setOf(`de del della der van von da di du la le ten ter bin`)

// maxNameToken bounds the bytes of one name word.
const maxNameToken = 48

// nameTok is one token read by readName.
type nameTok struct {
	text    string
	initial bool
	suffix  bool
}

// readName reads a person's name starting at s[i], on one line. It returns
// the tokens and the end offset; it stops at the first token that cannot be
// part of a name. A word ending in "." (other than an initial or suffix)
// ends the name; a possessive "'s" is dropped and ends it too.
func readName(s string, i int) ([]nameTok, int) {
	var toks []nameTok
	end := i
	for len(toks) < 7 {
		j := i
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		comma := false
		if j < len(s) && s[j] == ',' && len(toks) > 0 {
			comma = true
			j++
			for j < len(s) && s[j] == ' ' {
				j++
			}
		}
		k := j
		for k < len(s) && k-j <= maxNameToken {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !(unicode.IsLetter(r) || r == '.' || r == '\'' || r == '’' || r == '-') {
				break
			}
			k += size
		}
		if k == j || k-j > maxNameToken {
			break
		}
		tok := s[j:k]
		if len(toks) > 0 && isSuffixWord(tok) {
			toks = append(toks, nameTok{text: tok, suffix: true})
			end = k
			i = k
			continue
		}
		if comma {
			break
		}
		first, _ := utf8.DecodeRuneInString(tok)
		switch {
		case isInitialToken(tok) || (len(tok) == 1 && tok[0] >= 'A' && tok[0] <= 'Z'):
			toks = append(toks, nameTok{text: tok, initial: true})
		case particles[tok] && len(toks) > 0:
			toks = append(toks, nameTok{text: tok})
		case unicode.IsUpper(first) && utf8.RuneCountInString(tok) >= 2:
			w := tok
			stop := false
			for _, poss := range []string{"'s", "’s", "'S", "’S"} {
				if strings.HasSuffix(w, poss) {
					w, stop = strings.TrimSuffix(w, poss), true
				}
			}
			if strings.HasSuffix(w, ".") {
				w, stop = strings.TrimSuffix(w, "."), true
			}
			if strings.ContainsAny(w, ".") || stopWords[strings.ToUpper(w)] {
				return trimName(toks), end
			}
			toks = append(toks, nameTok{text: w})
			end = j + len(w)
			if stop {
				return trimName(toks), end
			}
			i = k
			continue
		default:
			return trimName(toks), end
		}
		end = k
		i = k
	}
	return trimName(toks), end
}

// isSuffixWord reports whether tok, as printed, is a generational suffix:
// "Jr.", "JR", "Sr." or a Roman numeral II–IV in capitals.
func isSuffixWord(tok string) bool {
	switch tok {
	case "Jr.", "Jr", "JR.", "JR", "Sr.", "Sr", "SR.", "SR", "II", "III", "IV":
		return true
	}
	return false
}

// trimName drops trailing initials and particles, which cannot end a name.
func trimName(toks []nameTok) []nameTok {
	for len(toks) > 0 {
		t := toks[len(toks)-1]
		if t.initial || particles[t.text] {
			toks = toks[:len(toks)-1]
			continue
		}
		break
	}
	return toks
}

// validName reports whether toks form a plausible name of at least minWords
// words: no more than six tokens, a real word first or an initial, and
// the core (non-suffix) part ending in a word.
func validName(toks []nameTok, minWords int) bool {
	if len(toks) == 0 || len(toks) > 6 || toks[0].suffix {
		return false
	}
	words := 0
	for _, t := range toks {
		if !t.initial && !t.suffix {
			words++
		}
	}
	return words >= minWords
}

func hasInitial(toks []nameTok) bool {
	for _, t := range toks {
		if t.initial {
			return true
		}
	}
	return false
}

// canonToks is the display form of a name read by readName.
func canonToks(toks []nameTok) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	return canonWords(words)
}

func joinToks(toks []nameTok) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.text
	}
	return strings.Join(parts, " ")
}
