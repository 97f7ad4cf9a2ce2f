// Package legaleval measures the legal metadata that package corpus/extract
// and package corpus/legal extract (case numbers, ECF document numbers, filing dates,
// courts, judges, document types and captions) against ground truth nobody
// on the project wrote, and against the project's own labelled filings.
//
// # Ground truth
//
//   - PACER docket pages saved by juriscraper
//     (corpus/court-html/juriscraper/tests/examples/pacer/dockets/{district,
//     bankruptcy,appellate}/*.html.gz) with their expected parse beside
//     them (*.json.gz): docket number, court, assigned and referred judge,
//     date filed, case name.
//   - The file names of corpus/filings/nibi-v-doe/docs/public/legal
//     ("Doc.No.12-2024-11-29-....pdf"): document number and filing date.
//   - The file names of recap-xray ("gov.uscourts.cand.123456.7.0.pdf"):
//     the court.
//   - testdata/labels.jsonl (in this package's folder,
//     cmd/dossier/internal/eval/legaleval): filings labelled by reading their
//     text (see Label). Paths are relative to the shared directory; the
//     PDFs are never copied into the repository.
//
// # Roles
//
// Labels with "roles": true also carry the filing's own case numbers
// (docket_cases), related ones (related_cases: named by the caption as
// related or consolidated, or the other court level's number of the same
// matter), cited ones (cited_cases: other cases the body cites, district
// numbers printed without their type labelled with the type they have,
// state court numbers left out), the judges of the filing's own case
// (own_judges: presiding, signing, or the judge appealed from named in
// the caption) and judges named only as judges of cited cases
// (cited_judges), all read over the whole document. They are scored as
// case_docket, case_related, case_cited, judge_own and judge_cited, and
// the court as court_inferred after infer.Courts over the documents
// of the run. The labelled set is split DEV/TEST by the parity of the
// FNV-1a hash of each path (SplitOf), fixed before scoring; rules are tuned
// on DEV and both are reported.
//
// # Scoring
//
// Each field is scored per document as true positives, false positives
// and false negatives (Counts). A single-valued field counts a correct
// value as TP, a wrong value as FP and FN, a value where the truth has
// none as FP, and no value where the truth has one as FN. Set-valued
// fields (case numbers, judges) compare sets; judges match by
// legal.SameJudge. A field whose truth is unknown for a document is not
// scored for it.
//
// Docket pages are scored on their header (the text before the docket
// entries table) and for case numbers only on the first number found (the
// docket's own number): the truth lists only that number.
//
// # Running it
//
//	dossier eval legal [--shared DIR] [--labels FILE] [--sets LIST] [--misses] [--no-ocr]
//	go test ./cmd/dossier/internal/eval/legaleval                       # dockets, nibi-v-doe, labels (about 15 s, OCR off)
//	DOSSIER_LEGAL_EVAL=1 go test ./cmd/dossier/internal/eval/legaleval  # also recap-xray (293 PDFs, a few minutes)
//
// --labels defaults to DefaultLabels, a path relative to the module root:
// run the command from the repository's root folder, or give --labels.
//
// TestSharedEval asserts the floors reached when it was written
// (sharedThresholds); DOSSIER_LEGAL_MISSES=1 logs every miss.
//
// # Limits
//
// PDFs are extracted with extract.Extractor (the pipeline the index uses);
// with OCR off, image-only pages yield no text and count as misses. Docket
// pages are read with HTMLText, not the article extractor the index uses
// for HTML. Some truth values are debatable and are kept as given: the
// juriscraper parse names "txnb" for a docket page that prints the Western
// District of Tennessee, and recap-xray files whose text never names their
// court count as court misses (nothing is guessed). The package only reads
// files; it never logs.
//
// # Place
//
// The package is a measurement harness of the dossier command, not part
// of the product: it lives under cmd/dossier/internal/eval so that no
// product package (corpus/..., index/..., api/...) can import it, and
// corpus/legal does not depend back on corpus/extract through it (the
// architecture test in cmd/dossier enforces both).
package legaleval
