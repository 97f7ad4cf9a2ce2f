// Package htmltext extracts the main text and the metadata (headline,
// authors, dates, site, language, canonical URL) of a news page saved as
// HTML. It never touches the network and never logs.
//
// # Pipeline
//
// Extract runs these steps on one page:
//
//  1. Size check: inputs longer than Options.MaxBytes fail with ErrTooLarge
//     before any parsing.
//  2. Charset: a byte order mark wins; otherwise a <meta charset> or
//     http-equiv declaration in the first 64 KiB is used, unless the bytes
//     contradict it: valid multi-byte UTF-8 under a legacy label is read as
//     UTF-8, and bytes that are not UTF-8 under a UTF-8 label (or none) are
//     read as windows-1252 (the WHATWG reading of ISO-8859-1). Each such
//     override adds a warning.
//  3. Depth guard: a tokenizer pass approximates the parser's stack of open
//     elements (void elements, implied end tags) and fails with ErrTooDeep
//     beyond Options.MaxDepth; the parsed tree is measured again exactly.
//  4. Metadata is read from the untouched tree; then navigation, headers
//     outside the article, footers, asides, cookie and consent banners,
//     newsletter boxes, related-story lists and share bars are removed
//     (an element that holds more than 30% of the page's text or three
//     long paragraphs is kept whatever its name), and go-readability picks
//     the article body, which is rendered to text.
//
// # Metadata priority
//
// Each field takes the first source that has it: JSON-LD (an Article,
// NewsArticle, ReportageNewsArticle, BlogPosting or related schema.org
// object, also inside @graph, arrays or mainEntity, with @id references
// resolved), then OpenGraph and article:* properties, then other <meta>
// conventions (author, date, dc.*, parsely-*, ...), then page markup
// (<time datetime>, <html lang>, <link rel=canonical>), then readability's
// own findings. When nothing states a publication date, a /YYYY/MM/DD/ path
// in the canonical or page URL, and then a date written in an element whose
// class or id mentions a date, are used. A site name set off from the
// headline by a separator ("Headline | Site", "Site » Headline") is removed
// when it matches the site name or the host of the page's URLs.
//
// # Invariants
//
//   - Every string in an Article is valid UTF-8.
//   - Text holds blocks (paragraphs, headings, list items, table rows)
//     separated by exactly one blank line ("\n\n"); lines inside a block
//     are separated by "\n" and no block contains an empty line. Text has no
//     leading or trailing white space. Scripts, styles and form controls
//     never contribute to it.
//   - Published and Modified are "" or YYYY-MM-DD, taken from the date as
//     written in the page, in the page's own offset: a timestamp is never
//     converted to UTC, so 23:30-08:00 stays on its day. PublishedTime keeps
//     that offset; it is the zero time exactly when Published is "".
//   - Language is "" or a lower-case ISO 639 primary subtag ("en", "de").
//   - CanonicalURL is "" or an absolute http(s) URL.
//   - On ErrNoContent the returned Article still carries the metadata.
//
// # Limits
//
// Options bounds input size (default 10 MiB), element nesting (default 512
// open elements, counting html and body) and wall-clock time (default
// 10 s). The timeout is enforced by running the work in a goroutine and
// abandoning it: Extract returns ErrTimeout at once, while the goroutine
// stops at its next checkpoint between stages. A readability pass that has
// already started cannot be interrupted and finishes in the background,
// holding its memory until then; callers that process hostile input at a
// high rate should bound their own concurrency. A panic inside the
// extraction is recovered and returned as an error.
//
// Known limits: double-encoded UTF-8 ("Ã©" for "é") is not repaired; the
// language is taken from markup only, never guessed from the text; a
// byline or kicker that sits inside the article container stays in Text;
// titles come from metadata, so a page whose only title is its <title>
// gets readability's cleaned version of it (site suffix removed).
package htmltext
