package corpus

// ExtractorVersion is bumped whenever extraction changes what it produces
// for the same bytes, so that stored documents can be re-extracted.
//
// History: 2 added case-number roles and judge capacities and made short
// (appellate and bankruptcy) canonical numbers five digits ("21-00800").
const ExtractorVersion = 2
