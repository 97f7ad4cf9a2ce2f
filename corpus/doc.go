// Package corpus is dossier's data contract: the Document one input file
// becomes, its Pages, its Kind, the content types and extractor names it
// records, the DocumentID function and ExtractorVersion. It holds plain
// types only; turning files into Documents is corpus/extract's work.
//
// Invariants:
//   - corpus imports nothing but the standard library and corpus/legal
//     (whose plain types Court, CaseNumber, Judge and ECFStamp are fields
//     of Document; legal itself imports only the standard library). It
//     never depends, even transitively, on the extractors (corpus/extract,
//     pdftext, htmltext, ocr), their libraries (ledongthuc/pdf,
//     go-readability) or on bleve, echo or any dossier package outside
//     corpus: a package that only stores, sends or reads Documents links
//     no PDF interpreter. cmd/dossier's architecture test enforces it.
//   - Document's JSON form is the extraction contract (`dossier extract
//     --json`, /v1/documents/{id}, JSON Lines imports): fields may be
//     added but are never renamed or removed.
//   - A Document's ID is DocumentID of the SHA-256 of the file's bytes:
//     the first 32 hex digits, so the same bytes always yield the same ID.
//   - ExtractorVersion is bumped whenever extraction produces something
//     else for the same bytes, so that stored documents are re-extracted.
//
// What extraction guarantees about a Document's content (valid UTF-8,
// normalised text, running lines, legal metadata, limits) is documented
// in package corpus/extract, which produces them.
package corpus
