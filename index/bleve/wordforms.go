package bleve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// Word forms: a query word also matches the other forms of it that the
// index holds ("chains" finds "chain", "hacking" finds "hacked", "NSO's"
// finds "NSO’s"). The forms are found at query time, in the field's own
// term dictionary: the terms that share the word's English (Snowball)
// stem. Nothing extra is indexed, so ingest and index size do not change,
// and phrases, prefixes and fuzzy terms stay exact.
const (
	// MaxFormScan is how many dictionary terms are read, per word and
	// field, when looking for the word's forms.
	MaxFormScan = 2048
	// MaxForms is how many other forms of one word are searched, the most
	// frequent first.
	MaxForms = 16
	// formBoost weighs a match on another form against a match on the
	// word as typed, so that the exact form ranks first.
	formBoost = 0.7
	// minStemmable is the shortest word, in bytes, whose forms are looked up.
	minStemmable = 3
)

// apostrophes maps the apostrophe look-alikes of typeset text to "'".
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "\u2032", "'", "\uff07", "'")

// stemEnglish returns the English Snowball stem of a lower-cased word,
// after unifying apostrophes; the stemmer drops a possessive "'s".
func stemEnglish(word string) string {
	env := snowballstem.NewEnv(apostrophes.Replace(word))
	english.Stem(env)
	return env.Current()
}

// stemmable reports whether forms are looked up for word: ASCII letters
// and apostrophes only (English), at least minStemmable bytes.
func stemmable(word string) bool {
	if len(word) < minStemmable {
		return false
	}
	letters := 0
	for _, r := range word {
		switch {
		case r >= 'a' && r <= 'z':
			letters++
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc':
		default:
			return false
		}
	}
	return letters >= minStemmable
}

// formPrefix is the dictionary prefix under which the words with this stem
// lie. A Snowball stem is a prefix of its words, except where the stemmer
// rewrote the last letter: a final "y" becomes "i" ("policy" -> "polici"),
// an "e" is put back after a removed suffix ("filing" -> "file"), and
// "-bility" becomes "bl" ("possibility" -> "possibl"). Those letters are
// left out, unless that leaves fewer than minStemmable letters.
func formPrefix(stem string) string {
	p := stem
	switch {
	case strings.HasSuffix(p, "bl"):
		p = p[:len(p)-1]
	case strings.HasSuffix(p, "e"), strings.HasSuffix(p, "i"):
		p = p[:len(p)-1]
	}
	if len(p) < minStemmable {
		return stem
	}
	return p
}

// wordForm is a term of the dictionary and its document frequency.
type wordForm struct {
	term  string
	count uint64
}

// lookupForms returns the terms of field other than word that share its
// stem, the most frequent first, at most MaxForms.
func lookupForms(r bleveindex.IndexReader, field, word string) ([]wordForm, error) {
	if !stemmable(word) {
		return nil, nil
	}
	stem := stemEnglish(word)
	dict, err := r.FieldDictPrefix(field, []byte(formPrefix(stem)))
	if err != nil {
		return nil, fmt.Errorf("index: forms of a word: %w", err)
	}
	defer dict.Close()
	var forms []wordForm
	for n := 0; n < MaxFormScan; n++ {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("index: forms of a word: %w", err)
		}
		if e == nil {
			break
		}
		if e.Term == word || !stemmable(e.Term) || stemEnglish(e.Term) != stem {
			continue
		}
		forms = append(forms, wordForm{term: e.Term, count: e.Count})
	}
	slices.SortStableFunc(forms, func(a, b wordForm) int { return cmp.Compare(b.count, a.count) })
	if len(forms) > MaxForms {
		forms = forms[:MaxForms]
	}
	return forms, nil
}

// formsCache keeps the forms of words and the index's other languages for
// one state of the index, recognised by its document count: any document
// added or deleted starts a new cache. It holds at most maxCachedForms
// words and lives at most formsCacheMaxAge.
type formsCache struct {
	mu      sync.Mutex
	docs    uint64
	at      time.Time
	forms   map[string][]wordForm // by field + "\x00" + word
	foreign []string
	langsOK bool
}

const (
	maxCachedForms   = 20000
	formsCacheMaxAge = 5 * time.Minute
)

// valid empties the cache unless it belongs to an index of docs documents;
// the caller holds mu.
func (c *formsCache) valid(docs uint64) {
	if c.forms == nil || c.docs != docs || time.Since(c.at) > formsCacheMaxAge || len(c.forms) >= maxCachedForms {
		c.forms, c.docs, c.at, c.foreign, c.langsOK = map[string][]wordForm{}, docs, time.Now(), nil, false
	}
}

// lookup returns the forms of word in field, through the cache when c is
// not nil.
func (c *formsCache) lookup(r bleveindex.IndexReader, field, word string) ([]wordForm, error) {
	if c == nil {
		return lookupForms(r, field, word)
	}
	docs, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: forms of a word: %w", err)
	}
	key := field + "\x00" + word
	c.mu.Lock()
	c.valid(docs)
	forms, ok := c.forms[key]
	c.mu.Unlock()
	if ok {
		return forms, nil
	}
	if forms, err = lookupForms(r, field, word); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.valid(docs)
	c.forms[key] = forms
	c.mu.Unlock()
	return forms, nil
}

// languages returns foreignLanguages(r), through the cache when c is not
// nil.
func (c *formsCache) languages(r bleveindex.IndexReader) ([]string, error) {
	if c == nil {
		return foreignLanguages(r)
	}
	docs, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: languages: %w", err)
	}
	c.mu.Lock()
	c.valid(docs)
	langs, ok := c.foreign, c.langsOK
	c.mu.Unlock()
	if ok {
		return langs, nil
	}
	if langs, err = foreignLanguages(r); err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.valid(docs)
	c.foreign, c.langsOK = langs, true
	c.mu.Unlock()
	return langs, nil
}

// formsQuery matches one analysed word (a term) in one field, in any of
// its forms when forms is set. The word as typed scores with boost, other
// forms with boost × formBoost, and a document's score is the sum over the
// forms it holds (sumQuery: no coord).
type formsQuery struct {
	field string
	term  string
	boost float64
	forms bool
	cache *formsCache // nil: look the forms up every time
}

// Searcher implements query.Query.
func (q formsQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	exact := cachedTermQuery{field: q.field, term: q.term, boost: q.boost}
	if !q.forms {
		return exact.Searcher(ctx, r, m, opts)
	}
	forms, err := q.cache.lookup(r, q.field, q.term)
	if err != nil {
		return nil, err
	}
	if len(forms) == 0 {
		return exact.Searcher(ctx, r, m, opts)
	}
	others := make([]query.Query, 0, len(forms))
	for _, f := range forms {
		others = append(others, cachedTermQuery{field: q.field, term: f.term, boost: q.boost * formBoost})
	}
	var formsPart query.Query = sumQuery{children: others, min: 1}
	foreign, err := q.cache.languages(r)
	if err != nil {
		return nil, err
	}
	if len(foreign) > 0 {
		b := bleve.NewBooleanQuery()
		b.AddMust(formsPart)
		for _, l := range foreign {
			b.AddMustNot(termQuery(fieldLang, l))
		}
		formsPart = b
	}
	return sumQuery{children: []query.Query{exact, formsPart}, min: 1}.Searcher(ctx, r, m, opts)
}

// maxLanguages bounds the languages read from the index's dictionary.
const maxLanguages = 256

// foreignLanguages lists the languages of the index other than English:
// other forms of an English word are not searched in documents of those
// languages, where the exact word still matches. Documents of unknown
// language are searched like English ones.
func foreignLanguages(r bleveindex.IndexReader) ([]string, error) {
	dict, err := r.FieldDict(fieldLang)
	if err != nil {
		return nil, fmt.Errorf("index: languages: %w", err)
	}
	defer dict.Close()
	var out []string
	for len(out) < maxLanguages {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("index: languages: %w", err)
		}
		if e == nil {
			break
		}
		if e.Term != "en" {
			out = append(out, e.Term)
		}
	}
	return out, nil
}

// textAnalysis is the analyzer of the text fields, built once: query words
// are split and lower-cased exactly as the text was.
var textAnalysis = sync.OnceValue(func() analysis.Analyzer {
	m, err := newMapping()
	if err != nil {
		panic(err) // the mapping is static; TestMapping covers it
	}
	return m.AnalyzerNamed(textAnalyzer)
})

// analyzeWords splits s into the terms the text fields hold.
func analyzeWords(s string) []string {
	toks := textAnalysis().Analyze([]byte(s))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// noneQuery matches nothing.
type noneQuery struct{}

// Searcher implements query.Query.
func (noneQuery) Searcher(_ context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, _ search.SearcherOptions) (search.Searcher, error) {
	return searcher.NewMatchNoneSearcher(r)
}
