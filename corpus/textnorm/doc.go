// Package textnorm turns raw extracted text (from PDFs or HTML) into the
// canonical form that dossier indexes and shows.
//
// Normalize applies, in order: invalid UTF-8 removal, Unicode NFKC
// (which also expands ligatures such as "ﬁ" and maps compatibility spaces),
// removal of control and format characters, mapping of tabs, carriage
// returns, form feeds and every other Unicode space to a plain space,
// line-end de-hyphenation, space collapsing, per-line trimming and
// blank-line collapsing.
//
// Invariants, for every input string s:
//
//   - Normalize(s) is valid UTF-8 and in NFKC form.
//   - Normalize is idempotent: Normalize(Normalize(s)) == Normalize(s).
//   - The only whitespace in the output is U+0020 and '\n'; no line starts or
//     ends with a space, no two spaces are adjacent, there are never more
//     than two consecutive '\n', and the output neither starts nor ends
//     with whitespace.
//   - CollapseWhitespace(s) additionally contains no '\n'.
//
// Limits: de-hyphenation is a heuristic. A line ending in a letter followed
// by a hyphen is joined to the next line when that line starts with a
// lower-case letter, so a genuine compound broken at its hyphen
// ("well-\nknown") is joined as "wellknown". Hyphens followed by digits,
// capitals or punctuation ("3:19-cv-\n07123") are kept. Private-use code
// points, which PDF symbol fonts often produce, are kept as they are.
//
// The package is pure and safe for concurrent use; it allocates a few
// copies of its input, so its cost is linear in the input size.
package textnorm
