// Package htmleval scores HTML extraction (package htmltext, or any
// ExtractFunc) against the ground truth kept in the team's shared corpus
// under corpus/articles, and is what "dossier eval html" runs.
//
// # Sets and metrics
//
//   - extraction-benchmark (181 English news pages, ground-truth.json):
//     body text scored as that benchmark does. Texts are split into the
//     tokens of Python's `\w+`; each page's 4-token shingle multisets give
//     tp, fp and fn, normalised per page; precision is averaged over the
//     pages with tp+fp > 0, recall over those with tp+fn > 0, and F1 is
//     the harmonic mean of the two averages. A page that fails extraction
//     counts as empty text.
//   - readability (Mozilla's test pages, expected-metadata.json): title
//     (exact after white-space collapsing), byline (BylineMatch), published
//     day, site name (case-insensitive) and language (primary subtag), each
//     over the pages whose truth has the field. Pages are extracted with
//     the URL their test suite used, ReadabilityPageURL.
//   - trafilatura (tests/evaldata.json, pages in tests/eval or tests/cache):
//     each "with" snippet found and each "without" snippet leaked in the
//     text after white-space collapsing and NFC, plus title, author and
//     day where given. Pages are extracted with their original URL (the
//     key of evaldata.json). The pages are split into a DEV and a TEST
//     half by SplitOf (FNV-1a 32-bit hash of the file name, even = DEV);
//     the date score is reported on each half, and only DEV date misses
//     are ever listed (DateMisses), so that date rules are designed on
//     DEV and checked on TEST. Truth dates that are not a calendar day
//     (e.g. month 29) stay in the score; DateValid leaves them out as a
//     secondary figure.
//
// Throughput is pages over the wall-clock time of extraction alone (files
// are read into memory first) with Options.Workers goroutines; on a
// machine shared with other work it understates what idle cores reach.
//
// # Invariants
//
//   - Run never modifies the shared folder and never uses the network.
//   - A missing set fails with ErrNoData; a page that fails extraction is
//     counted in Errors and scored on what it returned (usually empty
//     text and partial metadata).
//   - Reports are deterministic for a deterministic extractor: pages are
//     scored in sorted order.
//   - It is a measurement harness of the dossier command, not part of the
//     product: it lives under cmd/dossier/internal/eval, where no product
//     package (corpus/..., index/..., api/...) may import it (the
//     architecture test in cmd/dossier enforces it).
package htmleval
