// Package api is dossier's JSON HTTP API, built on echo. It reaches the
// index only through the small interfaces in server.go, never bleve.
//
// Endpoints: GET /v1/search, GET /v1/documents/{id}, GET /v1/stats,
// GET /healthz (process up), GET /readyz (index answering).
//
// Invariants: every handler binds and bounds its parameters before calling
// the index; unknown search parameters are rejected; every error goes
// through one handler that writes {"error": {"code", "message"}} with a
// 4xx or 5xx status; a malformed query is a 400, never a 500. Request logs
// carry the route, never the query string.
//
// Limits: request bodies up to MaxBodyBytes (1 MiB); a search gets
// SearchTimeout (10 s), then answers 503 "timeout".
package api
