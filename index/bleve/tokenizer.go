package bleve

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/segment"
)

// wordTokenizerName is the registered name of wordTokenizer.
const wordTokenizerName = "dossier_words"

func init() {
	err := registry.RegisterTokenizer(wordTokenizerName,
		func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) { return wordTokenizer{}, nil })
	if err != nil {
		panic(err)
	}
}

// wordTokenizer splits text into the words of Unicode's word-boundary rules
// (UAX #29), exactly as bleve's "unicode" tokenizer does: same terms, byte
// offsets, positions and types (TestWordTokenizerMatchesUnicode and
// FuzzWordTokenizer compare the two). It is faster on the text court
// filings are made of: runs of ASCII between ASCII separators are split by
// a direct scan, and only runs holding other bytes go through the generic
// segmenter.
//
// The split is exact because an ASCII separator (anything but a letter, a
// digit, '_' and the in-word punctuation . , ; : ' ") always stands alone as
// a segment that is not a word: no word-boundary rule joins across it, and
// whatever combining marks follow it belong to that non-word segment.
type wordTokenizer struct{}

// asciiClass values for the direct scan.
const (
	clsSep    uint8 = iota // separator: never part of a word
	clsLetter              // A-Z a-z
	clsDigit               // 0-9
	clsUnder               // '_' (ExtendNumLet)
	clsMidL                // ':' between letters only (MidLetter)
	clsMidN                // ',' ';' between digits only (MidNum)
	clsMidLN               // '.' '\'' between letters or between digits (MidNumLet, Single_Quote)
	clsQuote               // '"': joins only Hebrew letters, so it is left to the segmenter
)

// asciiClass classifies the ASCII bytes; bytes >= 0x80 are not in it.
var asciiClass = func() (t [128]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = clsLetter, clsLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	t['_'] = clsUnder
	t[':'] = clsMidL
	t[','], t[';'] = clsMidN, clsMidN
	t['.'], t['\''] = clsMidLN, clsMidLN
	t['"'] = clsQuote
	return t
}()

// tokenSlab is the number of tokens allocated at once (64 bytes each), so
// that a long text with fewer words than guessed wastes at most one slab.
const tokenSlab = 1 << 14

// Tokenize implements analysis.Tokenizer.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	guess := len(input)/5 + 1 // about one word per 5 bytes of English
	slab := make([]analysis.Token, 0, min(guess, tokenSlab))
	out := make(analysis.TokenStream, 0, guess)
	emit := func(start, end int, typ analysis.TokenType) {
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, tokenSlab)
		}
		slab = append(slab, analysis.Token{
			Start: start, End: end, Term: input[start:end:end],
			Position: len(out) + 1, Type: typ,
		})
		out = append(out, &slab[len(slab)-1])
	}
	i := 0
	for i < len(input) {
		c := input[i]
		if c < 0x80 && asciiClass[c] == clsSep {
			i++
			continue
		}
		// A run up to the next ASCII separator.
		end, ascii := i, true
		for end < len(input) {
			b := input[end]
			if b >= 0x80 || asciiClass[b] == clsQuote {
				ascii = false
			} else if asciiClass[b] == clsSep {
				break
			}
			end++
		}
		if ascii {
			scanASCIIWords(input, i, end, emit)
		} else {
			segmentWords(input, i, end, emit)
		}
		i = end
	}
	return out
}

// scanASCIIWords emits the words of input[start:end], which holds only
// letters, digits, '_' and in-word punctuation. A word is a run of
// letters, digits and '_', where a full stop, an apostrophe or a colon may
// join two letters, and a full stop, an apostrophe, a comma or a semicolon
// may join two digits.
func scanASCIIWords(input []byte, start, end int, emit func(int, int, analysis.TokenType)) {
	i := start
	for i < end {
		cls := asciiClass[input[i]]
		if cls != clsLetter && cls != clsDigit && cls != clsUnder {
			i++ // punctuation that joins nothing here
			continue
		}
		j, letters, digits := i, false, false
		for j < end {
			switch asciiClass[input[j]] {
			case clsLetter:
				letters = true
				j++
				continue
			case clsDigit:
				digits = true
				j++
				continue
			case clsUnder:
				j++
				continue
			}
			// In-word punctuation: needs the same class on both sides.
			if j+1 >= end {
				break
			}
			prev, next, mid := asciiClass[input[j-1]], asciiClass[input[j+1]], asciiClass[input[j]]
			if prev == clsLetter && next == clsLetter && (mid == clsMidL || mid == clsMidLN) ||
				prev == clsDigit && next == clsDigit && (mid == clsMidN || mid == clsMidLN) {
				j += 2
				continue
			}
			break
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		emit(i, j, typ)
		i = j
	}
}

// segmentWords emits the words the Unicode segmenter finds in
// input[start:end], with the types bleve's unicode tokenizer gives them.
func segmentWords(input []byte, start, end int, emit func(int, int, analysis.TokenType)) {
	seg := segment.NewWordSegmenterDirect(input[start:end])
	pos := start
	for seg.Segment() {
		n := len(seg.Bytes())
		if t := seg.Type(); t != segment.None {
			typ := analysis.AlphaNumeric
			switch t {
			case segment.Ideo, segment.Kana:
				typ = analysis.Ideographic
			case segment.Number:
				typ = analysis.Numeric
			}
			emit(pos, pos+n, typ)
		}
		pos += n
	}
}
