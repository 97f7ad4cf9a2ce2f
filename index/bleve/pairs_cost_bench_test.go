package bleve

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"dossier/corpus"
)

// BenchmarkCommonPairsCost measures what an extra field of word pairs
// would cost, the way Lucene's CommonGrams indexes them: for each two
// adjacent words that are both common (in at least DOSSIER_PAIRS_DF of
// the documents, default 0.3), one term "a b", without positions, so
// that a phrase of common words ("high court", the slowest query of the
// benchmark mix) could be answered from one term's postings. It is an
// experiment, not part of the mapping: each iteration indexes the first
// DOSSIER_SIZE_DOCS documents of DOSSIER_SIZE_JSONL in batches of 1,000
// and merges them into one segment, with dossier's mapping ("mapping")
// and with the pair field added ("pairs"), and reports the segment's
// size (MB/index).
//
//	DOSSIER_SIZE_DOCS=5000 DOSSIER_SIZE_JSONL=/tmp/tp100/synth-100000.jsonl \
//	  go test ./index/bleve -run '^$' -bench CommonPairsCost -benchtime 1x -count 3
func BenchmarkCommonPairsCost(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("DOSSIER_SIZE_DOCS"))
	jsonl := os.Getenv("DOSSIER_SIZE_JSONL")
	if n <= 0 || jsonl == "" {
		b.Skip("set DOSSIER_SIZE_DOCS=N and DOSSIER_SIZE_JSONL=FILE to measure what a field of common word pairs costs")
	}
	share := 0.3
	if v, err := strconv.ParseFloat(os.Getenv("DOSSIER_PAIRS_DF"), 64); err == nil && v > 0 && v <= 1 {
		share = v
	}
	docs := readJSONLDocs(b, jsonl, n)
	common, err := pairCommonWords(docs, share)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d documents; %d words in at least %.0f%% of them", len(docs), len(common), 100*share)
	filterName := fmt.Sprintf("bench_common_pairs_%p", &common)
	if err := registry.RegisterTokenFilter(filterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return commonPairs(common), nil
	}); err != nil {
		b.Fatal(err)
	}
	for _, withPairs := range []bool{false, true} {
		name := "mapping"
		if withPairs {
			name = "pairs"
		}
		b.Run(name, func(b *testing.B) {
			im, err := newMapping()
			if err != nil {
				b.Fatal(err)
			}
			m := im.(*mapping.IndexMappingImpl)
			if withPairs {
				if err := m.AddCustomAnalyzer("bench_pairs", map[string]any{
					"type": custom.Name, "tokenizer": wordTokenizerName,
					"token_filters": []string{lowercase.Name, filterName},
				}); err != nil {
					b.Fatal(err)
				}
				f := mapping.NewTextFieldMapping()
				f.Name = "text_pairs"
				f.Analyzer = "bench_pairs"
				f.Store, f.IncludeTermVectors, f.DocValues, f.IncludeInAll = false, false, false, false
				p := m.TypeMapping[docType].Properties[fieldText]
				p.Fields = append(p.Fields, f)
			}
			var mb float64
			for b.Loop() {
				mb = buildMerged(b, m, len(docs), func(i int) (string, any, error) {
					rec, err := toRecord(&docs[i])
					return docs[i].ID, rec, err
				})
			}
			b.ReportMetric(mb, "MB/index")
		})
	}
}

// pairCommonWords returns the lower-cased words (as the text analyzer finds
// them) that at least share of docs hold.
func pairCommonWords(docs []corpus.Document, share float64) (map[string]bool, error) {
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	a := im.AnalyzerNamed(textAnalyzer)
	if a == nil {
		return nil, fmt.Errorf("no analyzer %s", textAnalyzer)
	}
	df := map[string]int{}
	for i := range docs {
		seen := map[string]bool{}
		for _, tok := range a.Analyze([]byte(docText(&docs[i]))) {
			w := string(tok.Term)
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	out := map[string]bool{}
	for w, c := range df {
		if float64(c) >= share*float64(len(docs)) {
			out[w] = true
		}
	}
	return out, nil
}

// commonPairs is a token filter that keeps, for each two adjacent tokens
// both in common, one token of the two terms joined by a space, at the
// first one's position.
type commonPairs map[string]bool

func (c commonPairs) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in)/2)
	for i := 0; i+1 < len(in); i++ {
		a, z := in[i], in[i+1]
		if z.Position != a.Position+1 || !c[string(a.Term)] || !c[string(z.Term)] {
			continue
		}
		var sb strings.Builder
		sb.Grow(len(a.Term) + 1 + len(z.Term))
		sb.Write(a.Term)
		sb.WriteByte(' ')
		sb.Write(z.Term)
		out = append(out, &analysis.Token{Term: []byte(sb.String()), Position: len(out) + 1, Start: a.Start, End: z.End, Type: analysis.AlphaNumeric})
	}
	return out
}

// TestCommonWordShares logs, for the index in DOSSIER_DF_INDEX, how many
// words of the text field are in at least 50, 40, 30, 20 and 10 % of the
// documents, and the share of documents holding each word of the
// benchmark mix's phrases: what a fixed list of common words for a pair
// field would hold (see BenchmarkCommonPairsCost).
//
//	DOSSIER_DF_INDEX=/tmp/se/shared-m6-noocr go test -count=1 ./index/bleve -run TestCommonWordShares -v
func TestCommonWordShares(t *testing.T) {
	dir := os.Getenv("DOSSIER_DF_INDEX")
	if dir == "" {
		t.Skip("set DOSSIER_DF_INDEX to an index directory to count its common words")
	}
	ix, err := Open(Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs, err := ix.bleve.DocCount()
	if err != nil || docs == 0 {
		t.Fatalf("%d documents: %v", docs, err)
	}
	d, err := ix.bleve.FieldDict(fieldText)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	share := map[string]float64{}
	for {
		e, err := d.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		share[e.Term] = float64(e.Count) / float64(docs)
	}
	for _, min := range []float64{0.5, 0.4, 0.3, 0.2, 0.1} {
		n := 0
		for _, s := range share {
			if s >= min {
				n++
			}
		}
		t.Logf("%d documents: %d words in at least %.0f%% of them", docs, n, 100*min)
	}
	for _, w := range []string{"high", "court", "motion", "to", "dismiss", "the", "learned", "counsel", "for", "appellant", "prima", "facie", "reasonable", "doubt"} {
		t.Logf("%-10s in %.1f%% of the documents", w, 100*share[w])
	}
}
