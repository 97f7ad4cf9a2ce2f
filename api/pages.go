package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"dossier/api/keys"
)

// PageRoute is a route of an interface built on the API (package api/web)
// that Server.Mount registers behind the API's own admission chain.
type PageRoute struct {
	Method   string
	Path     string // an echo pattern, e.g. "/documents/:id"
	Scope    Scope  // what the caller's key must hold; ScopePublic needs none
	Searches bool   // the route runs searches and takes a search slot
	Handler  echo.HandlerFunc
}

// Mount registers routes behind the same middleware as the API's routes
// (body limit, per-address rate limit, key and scope, per-key rate limit,
// body read, search slot), with these differences: the key's secret is
// read by secret rather than from the Authorization header, public routes
// are rate limited by address (they are pages, not probes), and wrap, if
// not nil, runs outside all of it (to render errors as pages). A key's
// mandatory filter applies to everything the handlers ask of the server.
// Call Mount before serving.
func (s *Server) Mount(routes []PageRoute, secret func(c echo.Context) (string, bool), wrap echo.MiddlewareFunc) {
	for _, r := range routes {
		mw := []echo.MiddlewareFunc{}
		if wrap != nil {
			mw = append(mw, wrap)
		}
		mw = append(mw, s.admit(r.Scope, r.Searches, secret, true))
		s.echo.Add(r.Method, r.Path, r.Handler, mw...)
		s.routeSet[r.Path] = true
	}
}

// KeysRequired reports whether the server has a keys file, so that every
// route but the public ones needs a key.
func (s *Server) KeysRequired() bool { return s.keys != nil }

// LookupKey returns the key whose secret is secret: an error when there is
// no keys file, or the key is unknown, expired or revoked.
func (s *Server) LookupKey(secret string) (keys.Key, error) {
	if s.keys == nil {
		return keys.Key{}, &apiError{status: http.StatusNotFound, code: CodeNotFound, msg: "this server has no keys"}
	}
	k, err := s.keys.Lookup(secret, s.now())
	s.keysFileError()
	return k, err
}

// ServesFiles reports whether documents' original files can be served
// (the server has an ingest side that knows them).
func (s *Server) ServesFiles() bool { return s.opts.Ingest != nil }

// ExportHandler is GET /v1/search/export's handler, for mounting under
// another path.
func (s *Server) ExportHandler() echo.HandlerFunc { return s.export }

// FileHandler is GET /v1/documents/{id}/file's handler (path parameter
// :id), for mounting under another path.
func (s *Server) FileHandler() echo.HandlerFunc { return s.documentFile }

// ErrorResponse maps an error a Server method returned to the status and
// body the API answers it with.
func ErrorResponse(err error) (int, ErrorBody) { return errorResponse(err) }
