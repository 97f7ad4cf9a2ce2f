// Package synth generates synthetic corpus.Documents for benchmarks: court
// filings with pages and press articles, built from sentences of the real
// texts in the shared test material, with realistic legal metadata (courts
// from legal.Courts, case numbers, judges, captions, dates, sites).
//
// Sources, read once per process and source directory (see LoadPool):
//   - AILA 2019 judgments (eval/ir-aila2019/AILA_2019_dataset.tar.xz),
//     legal prose;
//   - article bodies from corpus/articles/extraction-benchmark/ground-truth.json,
//     news prose;
//   - filings text from up to Options.MaxPDFs PDFs under corpus/filings,
//     through poppler's pdftotext when it is on PATH (skipped otherwise).
//
// Invariants:
//   - Deterministic: the same Options and the same source files give the
//     same documents, byte for byte. Document i depends only on the seed,
//     i and the pool, not on N, so a smaller N yields a prefix of a larger
//     one, and Generator.Document may be called in any order, concurrently.
//   - Text length is drawn uniformly from MinBytes..MaxBytes (default
//     5,000–10,000 bytes) and overshoots it by at most one sentence (600
//     bytes) per page; filings have pages of 1,800–3,200 bytes, each
//     starting with its ECF stamp, joined by blank lines in Text as
//     corpus/extract produces.
//   - Document generation is allocation-light: about 20 µs of CPU per
//     document with the real pool (BenchmarkDocument), i.e. ≥ 20,000
//     documents per second per core; loading the pool takes ~5 s (the
//     AILA archive) plus pdftotext time, or well under a second from
//     Options.CacheDir.
//   - IDs are 32 hex digits derived from (seed, i), unique within a run.
//   - The package is silent (no logging) and never writes files except
//     through the writer given to WriteJSONL.
//
// Limits: the text is real sentences in a random order, so it has real
// vocabulary and local phrases but no discourse. Metadata follows simple
// skewed distributions (a few courts and cases hold most filings); it is
// not a statistical model of any docket.
package synth
