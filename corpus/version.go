package corpus

// ExtractorVersion is bumped whenever extraction changes what it produces
// for the same bytes, so that stored documents can be re-extracted.
const ExtractorVersion = 1
