// Package searcheval measures how well dossier's search finds what
// researchers type, on real documents nobody on the project wrote: a
// known-item set over the shared corpus (../shared) and the AILA 2019 legal
// IR collection. It drives the index through its public API only
// (bleve.Open, ingest.Open and IngestWith, Put, Search), so it measures
// exactly what the API and the command line serve.
//
// # Query sets
//
// testdata/queries.json (embedded; see LoadQueries) holds:
//
//   - Known-item queries. Each was written by reading one document of
//     the shared corpus (pdftotext for filings, the ground truth of the
//     article collections) and typing what a journalist or legal scholar
//     who remembered it would type: short, natural, often in another word
//     form (plural, -ing, -ed), sometimes misspelled, with legal
//     shorthand (MSJ, MTD, RFA, CMC), a case number in another spelling,
//     a straight or curly apostrophe, a hyphenated word typed apart, or a
//     filter (court, case, kind, site, date). None was written or revised
//     by looking at dossier's results. Each lists the documents that
//     answer it, as paths relative to the shared directory; at run time a
//     path is mapped to its document ID, corpus.DocumentID of the SHA-256
//     of the file's bytes as stored.
//   - Topical queries without answers, which with the known-item queries
//     form the zero-result set: what a researcher would type over this
//     corpus and should not get an empty page for.
//
// Every query has a stable id and a split fixed by hashing it (SplitOf:
// FNV-1a 32-bit, even = dev, odd = test), assigned before anything was
// run. Tune on dev; report test; do not read test misses.
//
// # Metrics
//
// Known-item: P@5 is the share of queries with an answer among the first
// 5 hits (success at 5, not precision); MRR is the mean over queries of
// 1/rank of the first answer among the first Options.Depth hits (0 when
// none is there). Zero-result rate: the share of the zero-result set that
// gets no hit, or an error. AILA: trec_eval's MAP and P@10 (queries
// without relevant documents left out; missing ranks count as not
// relevant).
//
// # Invariants and limits
//
//   - The shared corpus is never copied: the index is built from the files
//     in place into a cache directory (Options.Index, default under
//     os.UserCacheDir), incrementally through ingest's IngestWith, so a
//     second run reads no file again. A new mapping version or OCR setting
//     builds a new directory. The AILA index is built once per mapping
//     version and marked complete by a file "complete".
//   - OCR is off by default: image-only pages have no text, so scanned filings
//     are not findable by their content, and no known-item query targets
//     one. With OCR the first build takes tesseract time.
//   - Extraction runs in this process (extract.Extractor), not in isolated
//     workers: the selected files are known to extract without crashing.
//   - Results depend on the extractor as well as on the query side: a
//     query can miss because a title or date was extracted wrongly.
//   - The package never logs unless given a logger, and writes only to
//     the index directories.
//   - It is a measurement harness of the dossier command, not part of the
//     product: it lives under cmd/dossier/internal/eval, where no product
//     package (corpus/..., index/..., api/...) may import it (the
//     architecture test in cmd/dossier enforces it).
package searcheval
