// Package infer draws conclusions across documents that no single one
// states: Courts gives a filing that names no court the court of its
// case, from the other filings of that case. It reads only corpus
// Documents' metadata and links no extractor.
//
// Invariants: a court read from a filing is never replaced; an inferred
// one is marked Document.CourtInferred; articles are left alone.
package infer
