// Package ocr recognises the text of PDF pages that have no text layer
// (scanned filings) with two command-line tools: poppler's pdftoppm renders
// a page to a grey image, and tesseract reads it. Neither is linked: both
// run as subprocesses, found on the PATH (Debian packages poppler-utils,
// tesseract-ocr and tesseract-ocr-eng).
//
// Invariants and limits:
//   - An Engine never runs more than Options.Workers page recognitions at
//     once, across every document and goroutine that shares it.
//   - Each page gets Options.PageTimeout (render and recognition
//     together); its processes are killed when it passes, or when the
//     context is cancelled.
//   - Rendered images go through pipes and a private temporary folder
//     removed afterwards; tesseract's output is read up to MaxPageBytes.
//   - Results are cached on disk under Options.CacheDir, one file per
//     (file SHA-256, page, DPI, language, tesseract version), written
//     atomically, so a re-index does not OCR the same page twice. A cache
//     entry that cannot be read or written is ignored, never fatal.
//   - The package is silent: it logs nothing and never prints document
//     text; problems come back as errors.
//
// Cost, measured with `dossier eval pdf` on the shared scanned filings: 3
// to 9 s of wall time per letter-size page at 200 dpi, most of it in
// tesseract, on a 2-core machine shared with other heavy jobs (the issue
// measured about 4 s of CPU per page). Each tesseract runs with
// OMP_THREAD_LIMIT=1, so Workers is the number of cores OCR takes.
// pdftoppm and tesseract run under an address-space limit of MaxMemory.
package ocr
