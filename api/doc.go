// Package api is dossier's JSON HTTP API, built on echo. It reaches the
// index only through small interfaces (server.go, backend.go), never bleve.
//
// Routes are listed once, in routes.go, each with the Scope a caller's key
// must hold; openapi.json describes every one of them and TestOpenAPI
// checks both the list and real responses against it.
//
// Invariants:
//   - Every handler binds and bounds its parameters before calling the
//     index; unknown parameters are rejected; a malformed query is a 400
//     with the byte position, never a 500.
//   - Every error goes through one handler that writes
//     {"error": {"code", "message"}} with a 4xx or 5xx status.
//   - requireScope applies, in order: body limit → per-address rate limit →
//     API key (401/403) → per-key rate limit → the whole body read within
//     BodyReadTimeout (408; every route but uploads) → for every route that
//     searches (search, batch, export, in-document search, similar, cases)
//     a search slot (503 overloaded). A slow client never holds a slot. Public routes (health, readiness, the API description)
//     are neither keyed nor rate limited. With no keys file the server
//     listens on loopback only, unless told --insecure-open.
//   - Mount (pages.go) registers the routes of the web interface (package
//     api/web) behind the same chain, the key read from its cookie; those
//     pages reach the index only through the methods the JSON handlers use
//     (Search, VisibleDocument, SearchDocument, Case) and render their
//     errors as pages rather than JSON.
//   - A key's mandatory filter is the request's restriction: it is ANDed
//     into every search, facet count, highlight, export, batch search,
//     similarity search, case and document fetch made with that key.
//   - Alerts (alerts.go, alerts_feed.go) reach the store only through
//     AlertStore (index/alert's Store, set in Options.Alerts; without it
//     the routes answer 501 alerts_disabled). An alert keeps the mandatory
//     filter of the key that made it for ever, and only that key or a key
//     with the admin scope and no filter sees it (others get 404). An alert is dry-run
//     as its owner's search before it is saved, so it fails as /v1/search
//     would. Its webhook secret and feed token are shown only by create,
//     follow and rotate. The Atom feed is a public route opened by the
//     alert's feed token (compared in constant time; a wrong one is 404),
//     under the per-address rate limit.
//   - Access logs carry the request ID, route, status, client address and
//     key name; never query strings, secrets or document text.
//
// Limits: a request line and headers up to 64 KiB (then 431
// request_header_too_large; over 1 MiB net/http's own plain-text 431),
// request bodies up to MaxBodyBytes (1 MiB) and uploads up to
// MaxUploadBytes (100 MiB); a search gets SearchTimeout (10 s), then
// answers 503 "timeout"; a batch holds at most MaxBatchQueries (20); an
// alert's feed lists FeedEntries (50) matches, its matches route pages up
// to 1,000 (alert.MaxMatchesPage).
package api
