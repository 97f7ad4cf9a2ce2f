// Command samplegen writes dossier's bundled sample corpus: five short,
// fictional US federal court filings as PDFs, and a few broken files for
// error tests.
//
// Usage:
//
//	go run ./corpus/internal/samplegen -out corpus/testdata/sample/filings
//	go run ./corpus/internal/samplegen -bad corpus/testdata/bad
//
// Invariants: the output is deterministic (fixed creation and modification
// dates, fixed producer and creator, sorted resource catalogs), so repeated
// runs with the same Go toolchain and fpdf version write identical bytes;
// the golden test in this package checks the committed files against a
// fresh run. Every page is US Letter, set in the core Times and Helvetica
// fonts (nothing embedded), and starts with a CM/ECF-style stamp line whose
// "Page N of M" matches the real page count. The case captions, case
// numbers, judges, dates and stamps are fixed strings that other packages'
// tests and the sample news articles rely on: change them only together.
//
// Limits: layout is simple (left-aligned paragraphs, no pleading line
// numbers); the generator fails rather than let text run off a page.
// Compressed streams come from compress/zlib, so a Go release that changes
// its deflate output would change the bytes (regenerate with -update).
package main
