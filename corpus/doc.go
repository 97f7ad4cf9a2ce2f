// Package corpus turns files into Documents: it recognises PDF and HTML by
// content, extracts text (per page for PDFs) and metadata, normalises the
// text and finds legal metadata (case numbers, court, judges, ECF stamp,
// dates) through its subpackages.
//
// Invariants:
//   - corpus never imports bleve, echo or any dossier package outside corpus.
//   - Extract and ExtractFile always return a Document. A file that cannot be
//     read or extracted has SkipReason set and no text; it is never dropped.
//   - A Document's ID is the first 32 hex digits of the SHA-256 of the file's
//     bytes, so the same bytes always yield the same ID.
//   - Text is valid UTF-8, NFKC-normalised, with control characters removed.
//   - PDF page text holds no margin line numbers of pleading paper, no
//     page numbers, and each running header or footer line (ECF stamp,
//     short title) once: at the top of page 1, or at the bottom of the
//     last page showing it (see pdftext.StripLineNumbers and
//     pdftext.MoveRunningLines for what is recognised).
//     Legal metadata (ECF stamp, case numbers, court, judges), the title,
//     document type and caption are read before the running lines are
//     taken out; page 1 keeps its stamp as its first line.
//   - Extraction reads each file alone; only InferCourts, run by the index
//     over a case's filings, sets a value (Court, with CourtInferred) that
//     the file itself does not print.
//
// Limits (see Options): files over MaxFileBytes (256 MiB) are skipped; a PDF
// gets Options.PDF's file and page timeouts (60 s, 10 s) and at most its
// MaxPages (2000) pages; an HTML page gets Options.HTML's Timeout (10 s),
// MaxBytes (10 MiB) and MaxDepth (512). gzip files are looked into and
// decompressed within MaxFileBytes.
//
// PDF pages that fail the quality gate (see pdftext) are re-read by
// pdftotext when it is installed; pages without a text layer are OCR'd by
// tesseract when installed (see corpus/ocr); Options.NoPDFFallback and
// Options.OCR turn these off. An Extractor runs in the calling process,
// where a PDF that overflows the goroutine stack can still crash it:
// corpus/isolate runs it in worker processes instead.
package corpus
