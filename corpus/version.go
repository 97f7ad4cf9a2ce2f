package corpus

// ExtractorVersion is bumped whenever extraction changes what it produces
// for the same bytes, so that stored documents can be re-extracted.
//
// History: 2 takes pleading paper's margin line numbers and running page
// headers and footers out of PDF page text; 3 adds case-number roles and
// judge capacities and makes short (appellate and bankruptcy) canonical
// numbers five digits ("21-00800"); 4 titles an HTML page without one by
// its first line rather than its file name; 5 reads older prefixed
// district numbers ("No. C-09-05876-CW", "SACV 09-0189"), types short
// numbers cited in a district court, reads "Originating Case No." as
// related, keeps the pages of a document whose OCR reaches the time limit
// (Document.Partial), and decides the kind from the content
// (corpus/extract's classify: an HTML page with a court caption is a
// filing, a PDF news article with a byline and a site an article).
const ExtractorVersion = 5
