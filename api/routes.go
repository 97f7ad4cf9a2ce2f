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
)

// route is one registered endpoint with the scope it requires.
type route struct {
	method  string
	path    string
	scope   Scope
	handler echo.HandlerFunc
}

// routes lists every endpoint. New registers exactly these, each behind
// requireScope, so a route cannot exist without a declared scope.
func (s *Server) routes() []route {
	return []route{
		{http.MethodGet, "/healthz", ScopePublic, s.healthz},
		{http.MethodGet, "/readyz", ScopePublic, s.readyz},
		{http.MethodGet, "/openapi.json", ScopePublic, s.openAPI},
		{http.MethodGet, "/v1/search", ScopeSearch, s.search},
		{http.MethodPost, "/v1/search", ScopeSearch, s.searchPost},
		{http.MethodPost, "/v1/search/batch", ScopeSearch, s.searchBatch},
		{http.MethodGet, "/v1/search/export", ScopeSearch, s.export},
		{http.MethodGet, "/v1/documents/:id", ScopeRead, s.document},
		{http.MethodGet, "/v1/documents/:id/file", ScopeRead, s.documentFile},
		{http.MethodGet, "/v1/documents/:id/search", ScopeRead, s.documentSearch},
		{http.MethodGet, "/v1/documents/:id/similar", ScopeRead, s.similar},
		{http.MethodGet, "/v1/cases/:case", ScopeRead, s.caseInfo},
		{http.MethodPost, "/v1/documents", ScopeIngest, s.upload},
		{http.MethodGet, "/v1/stats", ScopeAdmin, s.stats},
		{http.MethodGet, "/metrics", ScopeAdmin, s.metrics},
	}
}
