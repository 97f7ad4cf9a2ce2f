// Package extract turns files into corpus.Documents. It owns the one
// directory walk (Walk) and the one content sniffer (Sniff, SniffFile) of
// dossier, dispatches on the sniffed format (PDF or HTML, also inside
// gzip), runs the PDF path (pdftext, the pdftotext fallback, OCR through
// corpus/ocr) and the HTML path (htmltext), normalises the text
// (textnorm) and applies the legal metadata found by corpus/legal (case
// numbers, court, judges, ECF stamp, dates, title, document type,
// caption). InferCourts gives a case's filings without a court the court
// of the others.
//
// Invariants:
//   - extract never imports bleve, echo or any dossier package outside
//     corpus; corpus/legal and the other leaf packages never import it.
//   - Extract and ExtractFile always return a Document. A file that cannot
//     be read or extracted has SkipReason set and no text; it is never
//     dropped.
//   - A Document's ID is corpus.DocumentID of the SHA-256 of the file's
//     bytes as stored (a gzip file's compressed bytes).
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
//   - Errors (Options.Validate, ReadFile, SniffFile) start "corpus: ", as
//     before this package was split from corpus; the index and
//     corpus/isolate strip that prefix from the reasons they record.
//
// Walk and the sniffer: Walk visits regular files only, in lexical order,
// skips hidden names below a root, never follows symbolic links and opens
// no file (see Walk for every rule). The type of a file is decided by its
// bytes, never its name: Sniff looks at the first 1 KiB ("%PDF-" anywhere
// in it makes a PDF, else htmltext.IsHTML), SniffFile also looks inside a
// gzip file. A file is neither PDF nor HTML when Sniff says so; callers
// decide what that means (the index ignores it unless it is named like a
// document).
//
// Limits (see Options): files over MaxFileBytes (256 MiB) are skipped; a PDF
// gets Options.PDF's file and page timeouts (60 s, 10 s) and at most its
// MaxPages (2000) pages; an HTML page gets Options.HTML's Timeout (10 s),
// MaxBytes (10 MiB) and MaxDepth (512). gzip files are looked into and
// decompressed within MaxFileBytes; gzip within gzip is not unpacked.
//
// PDF pages that fail the quality gate (see pdftext) are re-read by
// pdftotext when it is installed; pages without a text layer are OCR'd by
// tesseract when installed (see corpus/ocr); Options.NoPDFFallback and
// Options.OCR turn these off. An Extractor runs in the calling process,
// where a PDF that overflows the goroutine stack can still crash it:
// corpus/isolate runs it in worker processes instead.
package extract
