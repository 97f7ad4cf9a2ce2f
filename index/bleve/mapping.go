package bleve

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// MappingVersion changes whenever the mapping below changes in a way that
// needs a re-index. It is stored in every record.
//
// Version 4 added fieldCaption and fieldLang. Version 5 keeps only a
// filing's own case numbers and judges in fieldCase and fieldJudge (an
// article's: those it mentions) and added fieldCites and fieldRelated.
// Version 6 added fieldAuthorKey (the author filter and facet).
const MappingVersion = 6

// Field names in the bleve index. They are internal to this package; the
// API speaks in corpus.Document terms.
const (
	fieldKind      = "kind"       // keyword: filing | article
	fieldStatus    = "status"     // keyword: ok | skipped
	fieldCourt     = "court"      // keyword: court id
	fieldJudge     = "judge"      // keyword: canonical judge names
	fieldJudgeName = "judge_name" // text: judge names, for surname search
	fieldCase      = "case"       // keyword: canonical own case numbers (filings: docket role; articles: mentioned)
	fieldCites     = "cites"      // keyword: canonical case numbers a filing cites
	fieldRelated   = "related"    // keyword: canonical related or consolidated case numbers a caption names
	fieldSite      = "site"       // keyword: article site name
	fieldYear      = "year"       // keyword: YYYY of Date
	fieldMonth     = "month"      // keyword: YYYY-MM of Date
	fieldDocType   = "doc_type"   // keyword: complaint, order, article, ...
	fieldDate      = "date"       // datetime
	fieldAuthor    = "author"     // text: article byline
	fieldAuthorKey = "author_key" // keyword: each author of the byline, as printed
	fieldTitle     = "title"      // text, stored
	fieldCaption   = "caption"    // text: a filing's parties' caption (the case name)
	fieldLang      = "lang"       // keyword: primary language subtag ("en", "de"), when known
	fieldText      = "text"       // text, stored, term vectors
	fieldMeta      = "meta"       // stored only: JSON of the document without its text
	fieldKey       = "key"        // keyword with doc values: the document ID, the sort tie-breaker
)

// keywordFields are the fields indexed as one term per value.
var keywordFields = []string{fieldKind, fieldStatus, fieldCourt, fieldJudge, fieldCase, fieldCites, fieldRelated, fieldSite,
	fieldAuthorKey, fieldYear, fieldMonth, fieldDocType, fieldKey, fieldLang}

// textFields are the analysed fields (see textAnalyzer).
var textFields = []string{fieldJudgeName, fieldAuthor, fieldTitle, fieldCaption, fieldText}

// statusOK and statusSkipped are the values of fieldStatus.
const (
	statusOK      = "ok"
	statusSkipped = "skipped"
)

// docType is the bleve document type name of every record.
const docType = "document"

// textAnalyzer splits text into Unicode words (wordTokenizer: the same
// words as bleve's unicode tokenizer, found faster) and lower-cases them. It
// neither stems nor drops stop words: researchers search for exact words and
// phrases, and a prefix query ("surveil*") matches the words as written.
//
// Phrases and proximity run on this package's positional searcher
// (positional.go) over the text's term vectors; it is several times faster
// than bleve's phrase searcher on the same postings. An extra field of word
// pairs (shingles) was tried: at 100,000 documents it made phrases about 4x
// faster again at p50, but it cost 6.4x the indexing CPU and 2.1x the disk
// (TestLargeSearch, TestBulkThroughput), so it was taken out. Pairs of
// common words only, without positions (Lucene's CommonGrams), cost far
// less: 1.38x the indexing time and 1.09x the disk at 5,000 documents
// (BenchmarkCommonPairsCost); not built yet.
const textAnalyzer = "dossier_text"

// newMapping builds the index mapping: BM25 scoring, no _all field, keyword
// fields with doc values for facets and filters, and text with term vectors
// for highlighting.
func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     wordTokenizerName,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, fmt.Errorf("index: text analyzer: %w", err)
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
	for _, name := range keywordFields {
		dm.AddFieldMappingsAt(name, kw(false))
	}
	// Term vectors hold the positions phrase queries need; the title and
	// the text are stored for highlights.
	for _, name := range textFields {
		dm.AddFieldMappingsAt(name, text(name == fieldTitle || name == fieldText, true))
	}

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
