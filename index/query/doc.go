// Package query is dossier's query language: its syntax tree, the parser
// (Parse), the one table of query fields (Fields) and the checks on their
// values (Check), with no search engine behind it. A backend compiles a
// tree that ParseChecked accepted and may assume it valid.
//
// Invariants and limits:
//   - Parse never panics; every error is an *Error with the byte offset of
//     the problem in the query, and errors.Is(err, ErrInvalid) holds.
//   - A query is at most MaxQueryBytes (4096) bytes, MaxQueryTerms (256)
//     terms, phrases and ranges, and MaxQueryDepth (32) levels of nesting;
//     fuzziness is at most MaxFuzziness (2) edits and proximity at most
//     MaxProximity (100) positions.
//   - AND, OR and NOT are operators only in upper case; adjacent terms are
//     ANDed. A word holding ':' whose prefix is not a field (a case number
//     such as 4:19-cv-07123) is a word; a prefix one or two edits from a
//     field ("jdge:") is an error that names the field.
//   - Dates are YYYY, YYYY-MM, YYYY-MM-DD or relative (-30d, -2w, -6m,
//     -1y, from today in UTC), between MinDate and MaxDate.
package query
