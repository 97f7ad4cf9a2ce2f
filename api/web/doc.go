// Package web is dossier's web interface: server-rendered pages for
// people who do not write code, over the same code paths as the JSON API.
//
// Pages:
//   - GET / — the search page: one query box, facets as checkbox lists with
//     counts, dates and a year/month histogram, sort, hits with highlighted fragments, cursor paging
//     and export links; the URL holds the whole search.
//   - GET /documents/{id}?q= — a document's metadata and text page by page
//     (anchors #page-N), the query's matches marked.
//   - GET /cases/{case}?court= — a case's caption, court, judges, filings
//     as a timeline, related cases, the filings citing it and its articles;
//     a Follow button when the server keeps alerts.
//   - POST /cases/{case}/follow — the caller's key (alerts scope) follows
//     the case (api.Server.Follow); the page shows the feed address, with
//     its token, this once.
//   - GET /export, GET /documents/{id}/file — the API's export and
//     original-file handlers, mounted where the session cookie reaches them.
//   - GET /static/* — the embedded stylesheet and script.
//   - GET, POST /sign-in and POST /sign-out — only with a keys file.
//
// Invariants:
//   - No second search path: every page reaches the index through the
//     api.Server methods the JSON handlers use (Search, VisibleDocument,
//     SearchDocument, Case), and every route is registered with
//     api.Server.Mount behind the API's admission chain: rate limits, the
//     key and its scope, search slots. A key's mandatory filter therefore
//     applies to every hit, facet count, document and case a page shows.
//   - With a keys file, a page needs a key: the Authorization header, or
//     the key a browser signed in with, kept in an HttpOnly, SameSite=Strict
//     cookie (Secure over TLS). Every POST form carries a CSRF token, an
//     HMAC (with a key made at startup) of a random per-browser-session
//     cookie; a POST without it is refused with 403.
//   - Every page is sent with a strict Content-Security-Policy (CSP: no
//     inline script or style), X-Content-Type-Options: nosniff,
//     Referrer-Policy: no-referrer and X-Frame-Options: DENY. Templates are
//     html/template; the only HTML not escaped by it is highlight fragments
//     and marked page text, rebuilt here from escaped text and balanced
//     <mark> tags (markedHTML, markWords).
//   - The search works without JavaScript (GET forms); the one script only
//     enhances: it submits the form when a filter box is ticked, and adds
//     previous/next match buttons to a document page.
//
// Limits: 20 hits a page, 3 fragments a hit, 12 values a facet (the
// year histogram shows the 12 years with most documents), 5 similar
// documents. A
// document page marks the words the index marked in up to 1,000 of the
// document's in-document fragments (index.MaxFragments bounds the API's
// page of them), word by word: a phrase's words are marked wherever they
// appear on a page. CSRF tokens do not outlive the process.
package web
