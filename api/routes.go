package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Scope names what an API key must be allowed to do to call a route.
type Scope string

// Scopes. Every route declares one; ScopePublic routes need no key.
const (
	ScopePublic Scope = "public" // health and readiness probes, the API description
	ScopeSearch Scope = "search" // searches, facets, export
	ScopeRead   Scope = "read"   // documents, their text and original files, cases
	ScopeIngest Scope = "ingest" // uploads
	ScopeAdmin  Scope = "admin"  // statistics and metrics
	ScopeAlerts Scope = "alerts" // saved-search alerts and following cases
)

// route is one registered endpoint with the scope it requires.
type route struct {
	method  string
	path    string
	scope   Scope
	handler echo.HandlerFunc
	// searches marks routes that run searches: each takes a search slot
	// (after its body has been read) and is refused with 503 overloaded
	// when none is free.
	searches bool
}

// routes lists every endpoint. New registers exactly these, each behind
// requireScope, so a route cannot exist without a declared scope.
func (s *Server) routes() []route {
	return []route{
		{http.MethodGet, "/healthz", ScopePublic, s.healthz, false},
		{http.MethodGet, "/readyz", ScopePublic, s.readyz, false},
		{http.MethodGet, "/openapi.json", ScopePublic, s.openAPI, false},
		{http.MethodGet, "/v1/search", ScopeSearch, s.search, true},
		{http.MethodPost, "/v1/search", ScopeSearch, s.searchPost, true},
		{http.MethodPost, "/v1/search/batch", ScopeSearch, s.searchBatch, true},
		{http.MethodGet, "/v1/search/export", ScopeSearch, s.export, true},
		{http.MethodGet, "/v1/documents/:id", ScopeRead, s.document, false},
		{http.MethodGet, "/v1/documents/:id/file", ScopeRead, s.documentFile, false},
		{http.MethodGet, "/v1/documents/:id/search", ScopeRead, s.documentSearch, true},
		{http.MethodGet, "/v1/documents/:id/similar", ScopeRead, s.similar, true},
		{http.MethodGet, "/v1/cases/:case", ScopeRead, s.caseInfo, true},
		{http.MethodPost, "/v1/documents", ScopeIngest, s.upload, false},
		{http.MethodDelete, "/v1/documents/:id", ScopeIngest, s.deleteDocument, false},
		{http.MethodGet, "/v1/stats", ScopeAdmin, s.stats, false},
		{http.MethodGet, "/v1/failures", ScopeAdmin, s.failures, false},
		{http.MethodGet, "/metrics", ScopeAdmin, s.metrics, false},
		{http.MethodPost, "/v1/alerts", ScopeAlerts, s.createAlert, true},
		{http.MethodGet, "/v1/alerts", ScopeAlerts, s.listAlerts, false},
		{http.MethodGet, "/v1/alerts/:id", ScopeAlerts, s.getAlert, false},
		{http.MethodPut, "/v1/alerts/:id", ScopeAlerts, s.updateAlert, true},
		{http.MethodDelete, "/v1/alerts/:id", ScopeAlerts, s.deleteAlert, false},
		{http.MethodPost, "/v1/alerts/:id/rotate", ScopeAlerts, s.rotateAlert, false},
		{http.MethodGet, "/v1/alerts/:id/matches", ScopeAlerts, s.alertMatches, false},
		{http.MethodGet, "/v1/alerts/:id/preview", ScopeAlerts, s.previewAlert, true},
		{http.MethodGet, "/v1/alerts/:id/feed", ScopePublic, s.alertFeed, false},
		{http.MethodPost, "/v1/cases/:case/follow", ScopeAlerts, s.followCase, true},
	}
}
