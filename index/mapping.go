package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// MappingVersion changes whenever the mapping below changes in a way that
// needs a re-index. It is stored in every record.
const MappingVersion = 3

// Field names in the bleve index. They are internal to this package; the
// API speaks in corpus.Document terms.
const (
	fieldKind      = "kind"       // keyword: filing | article
	fieldStatus    = "status"     // keyword: ok | skipped
	fieldCourt     = "court"      // keyword: court id
	fieldJudge     = "judge"      // keyword: canonical judge names
	fieldJudgeName = "judge_name" // text: judge names, for surname search
	fieldCase      = "case"       // keyword: canonical case numbers
	fieldSite      = "site"       // keyword: article site name
	fieldYear      = "year"       // keyword: YYYY of Date
	fieldMonth     = "month"      // keyword: YYYY-MM of Date
	fieldDocType   = "doc_type"   // keyword: complaint, order, article, ...
	fieldDate      = "date"       // datetime
	fieldAuthor    = "author"     // text: article byline
	fieldTitle     = "title"      // text, stored
	fieldText      = "text"       // text, stored, term vectors
	fieldTextPairs = "text_pairs" // the text's word pairs ("motion to", "to dismiss"), term vectors: fast phrases
	fieldMeta      = "meta"       // stored only: JSON of the document without its text
)

// statusOK and statusSkipped are the values of fieldStatus.
const (
	statusOK      = "ok"
	statusSkipped = "skipped"
)

// docType is the bleve document type name of every record.
const docType = "document"

// textAnalyzer splits text into Unicode words and lower-cases them. It
// neither stems nor drops stop words: researchers search for exact words and
// phrases, and a prefix query ("surveil*") matches the words as written.
const textAnalyzer = "dossier_text"

// pairAnalyzer turns text into overlapping word pairs, lower-cased, one
// position apart. A two-word phrase is then one term lookup, and a longer
// phrase a phrase over far rarer pairs: bleve's phrase searcher otherwise
// walks every position of every common word ("of the": 138 ms against
// 0.5 ms on 3,412 documents, see bench_large_test.go).
const pairAnalyzer = "dossier_pairs"

// pairFilter is the shingle filter of pairAnalyzer.
const pairFilter = "dossier_pair_shingle"

// newMapping builds the index mapping: BM25 scoring, no _all field, keyword
// fields with doc values for facets and filters, and text with term vectors
// for highlighting.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("index: text analyzer: %w", err)
	}
	if err := im.AddCustomTokenFilter(pairFilter, map[string]any{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ",
	}); err != nil {
		return nil, fmt.Errorf("index: pair filter: %w", err)
	}
	if err := im.AddCustomAnalyzer(pairAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, pairFilter},
	}); err != nil {
		return nil, fmt.Errorf("index: pair analyzer: %w", err)
	}
	im.ScoringModel = bleveindex.BM25Scoring
	im.DefaultAnalyzer = textAnalyzer
	im.DefaultType = docType
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()

	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.DocValues = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		return f
	}
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.DocValues = false
		f.IncludeInAll = false
		return f
	}
	for _, name := range []string{fieldKind, fieldStatus, fieldCourt, fieldJudge, fieldCase, fieldSite, fieldYear, fieldMonth, fieldDocType} {
		dm.AddFieldMappingsAt(name, kw(false))
	}
	// Term vectors hold the positions phrase queries need.
	dm.AddFieldMappingsAt(fieldJudgeName, text(false, true))
	dm.AddFieldMappingsAt(fieldAuthor, text(false, true))
	dm.AddFieldMappingsAt(fieldTitle, text(true, true))
	dm.AddFieldMappingsAt(fieldText, text(true, true))
	pairs := text(false, true)
	pairs.Analyzer = pairAnalyzer
	dm.AddFieldMappingsAt(fieldTextPairs, pairs)

	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	dm.AddFieldMappingsAt(fieldDate, date)

	meta := bleve.NewTextFieldMapping()
	meta.Index = false
	meta.Store = true
	meta.IncludeInAll = false
	meta.IncludeTermVectors = false
	meta.DocValues = false
	dm.AddFieldMappingsAt(fieldMeta, meta)

	im.AddDocumentMapping(docType, dm)
	return im, nil
}
