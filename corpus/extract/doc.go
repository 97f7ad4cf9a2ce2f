// Package extract turns files into corpus.Documents. It dispatches on the
// format package corpus/files sniffs (PDF or HTML, also inside gzip; that
// package also holds the one directory walk), runs the PDF path (pdftext, the pdftotext fallback, OCR through
// corpus/ocr) and the HTML path (htmltext), normalises the text
// (textnorm) and applies the legal metadata found by corpus/legal (case
// numbers, court, judges, ECF stamp, dates, title, document type,
// caption). Package corpus/infer gives a case's filings without a court
// the court of the others.
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
//   - Extraction reads each file alone; only infer.Courts, run by ingest
//     over a case's filings, sets a value (Court, with CourtInferred) that
//     the file itself does not print.
//   - Errors (Options.Validate, ReadFile, SniffFile) start "corpus: ", as
//     before this package was split from corpus; the index and
//     corpus/isolate strip that prefix from the reasons they record.
//
// Kind: the format gives the default (DefaultKind: PDF → filing, HTML →
// article; a file that fails extraction keeps it), and after the format's
// text is extracted a classification step (classify) decides from the
// content, conservatively: it changes the kind only on positive marks,
// read in the first 30 non-empty lines of the text.
//   - An HTML page is a filing when those lines hold both a court line (a
//     line that is a court's name alone, as a caption prints it: "UNITED
//     STATES DISTRICT COURT", "U.S. Bankruptcy Court", "Supreme Court of
//     Texas"; a headline such as "Supreme Court rules ..." is not) and a
//     case-number line (a label such as "Case No.", "No.", "Case Number:",
//     "CIVIL DOCKET FOR CASE #:" directly followed by a case number), and
//     the page has no byline. Court opinions and orders published as web
//     pages, PACER docket reports and notices of electronic filing qualify.
//     Such a page gets a filing's metadata (its first 30 lines stand for
//     the first page: caption, court, docket number, title, document
//     type), keeping the page's title when its lines hold no filing title.
//   - A PDF is an article when the filing analysis found no ECF stamp, no
//     court, no case number of its own (a number in the first lines counts
//     as its own) and no caption, and its first lines hold a byline ("By
//     Jane Doe") and a site (a URL, a www. host or a copyright line), as a
//     news page printed from a browser does. It gets an article's metadata
//     (case numbers and judges as mentioned, the byline as Author, no
//     date).
//
// Measured on the shared corpus (extractor version 5): none of the 372
// filing PDFs and none of the 1,474 article pages changes kind; 332 of
// the 1,319 court web pages (PACER dockets and notices) become filings.
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
