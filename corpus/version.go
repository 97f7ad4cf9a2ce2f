package corpus

// ExtractorVersion is bumped whenever extraction changes what it produces
// for the same bytes, so that stored documents can be re-extracted.
//
// History: 2 takes pleading paper's margin line numbers and running page
// headers and footers out of PDF page text; 3 adds case-number roles and
// judge capacities and makes short (appellate and bankruptcy) canonical
// numbers five digits ("21-00800"); 4 titles an HTML page without one by
// its first line rather than its file name.
const ExtractorVersion = 4
