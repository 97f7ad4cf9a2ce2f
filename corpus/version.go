package corpus

// ExtractorVersion is bumped whenever extraction changes what it produces
// for the same bytes, so that stored documents can be re-extracted.
//
// Version 2 takes pleading paper's margin line numbers and running page
// headers and footers out of PDF page text.
const ExtractorVersion = 2
