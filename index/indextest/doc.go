// Package indextest is the contract every search backend passes: a small
// corpus (Fixtures) and data-driven search cases (testdata/
// search_cases.json: request → expected hits and facets), with checks of
// Export, Document and Stats. A backend's test indexes Fixtures and calls
// Run. It is test support: no product package imports it.
package indextest
