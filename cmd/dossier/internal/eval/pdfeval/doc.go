// Package pdfeval measures dossier's PDF path (corpus/extract: the PDF
// library, the pdftotext fallback, OCR) against poppler's pdftotext, and
// is what "dossier eval pdf" runs; cmd/dossier parses the flags, opens the
// report and prints progress.
//
// # Metric
//
// Both texts are tokenised the same way (Words: textnorm.Normalize, lower
// case, maximal runs of letters and digits) and compared as multisets:
// recall is the share of pdftotext's tokens found in ours, precision the
// share of ours found in pdftotext's. A Record per file carries them with
// the page count, the pages per extractor, OCR pages, whether an ECF stamp
// and the word "court" on page 1 were found, and both extraction times.
// WriteSummary prints the medians over text-layer files (MANIFEST.pdf.tsv
// class "text" when a manifest is beside the files, else at least
// MinTextWords pdftotext tokens per page), the files with the lowest
// recall, the image-only files' OCR outcome, skipped files and throughput.
//
// # Invariants and limits
//
//   - pdftotext is the reference, not the truth: a page it reads badly
//     lowers our precision, and it cannot read gzip-compressed files, so
//     FindPDFs leaves those out.
//   - Files are found with files.Walk and sniffed with files.SniffFile
//     (content, not name); MANIFEST.pdf.tsv files met on the way give the
//     classes.
//   - The package only reads the files and runs pdftotext (256 MiB of
//     output at most, two minutes per file); it writes nothing itself.
//   - It is a measurement harness of the dossier command, not part of the
//     product: it lives under cmd/dossier/internal/eval, where no product
//     package (corpus/..., index/..., api/...) may import it (the
//     architecture test in cmd/dossier enforces it).
package pdfeval
