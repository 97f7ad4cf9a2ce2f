package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dossier/api/keys"
)

// ctxKey is the echo context key under which an authenticated request's
// key is stored.
const ctxKey = "dossier.api_key"

// maxAuthorization bounds the Authorization header we look at, bytes.
const maxAuthorization = 512

// knownScope reports whether scope is one of the declared scopes.
func knownScope(scope Scope) bool {
	switch scope {
	case ScopePublic, ScopeSearch, ScopeRead, ScopeIngest, ScopeAdmin, ScopeAlerts:
		return true
	}
	return false
}

// requireScope returns the middleware that admits only callers allowed
// scope, in this order: body limit, per-address rate limit, key check,
// per-key rate limit, reading the whole body (every route but uploads,
// within BodyReadTimeout), then, for routes that search, a search slot.
//
// Public routes need no key and are not rate limited, so probes keep
// answering during a flood. With no keys file every caller is admitted
// (allowed on loopback only, or with InsecureOpen). A route with an
// undeclared scope is denied to everyone.
func (s *Server) requireScope(scope Scope, searches bool) echo.MiddlewareFunc {
	return s.admit(scope, searches, bearerSecret, false)
}

// secretFunc tells the key secret a request presents, if any.
type secretFunc func(c echo.Context) (string, bool)

// bearerSecret reads the API's key: Authorization: Bearer <key>.
func bearerSecret(c echo.Context) (string, bool) {
	return bearer(c.Request().Header.Get(echo.HeaderAuthorization))
}

// admit is requireScope with the key read by secret; limitPublic puts
// public routes under the per-address rate limit too (pages, not probes).
func (s *Server) admit(scope Scope, searches bool, secret secretFunc, limitPublic bool) echo.MiddlewareFunc {
	body := s.bodyLimit(scope)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		if !knownScope(scope) {
			return func(c echo.Context) error {
				return &apiError{status: http.StatusForbidden, code: CodeForbidden, msg: "this route is not open to any key"}
			}
		}
		if scope == ScopePublic {
			if limitPublic {
				return body(s.limitAddress(next))
			}
			return body(next)
		}
		h := next
		if searches {
			h = s.limitSearches(h)
		}
		if scope != ScopeIngest {
			h = s.readBody(h)
		}
		h = s.authenticate(scope, secret, h)
		h = s.limitAddress(h)
		return body(h)
	}
}

// limitAddress applies the per-client-address rate limit.
func (s *Server) limitAddress(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ok, wait := s.ipLimits.allow(clientKey(c.RealIP()), s.now()); !ok {
			s.obs.rejected.WithLabelValues("rate_limited_ip").Inc()
			return rateLimited(wait)
		}
		return next(c)
	}
}

// authenticate checks the key secretOf reads against the keys file, its scope and
// the per-key rate limit, and records the key for restriction.
func (s *Server) authenticate(scope Scope, secretOf secretFunc, next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.keys == nil {
			return next(c)
		}
		secret, ok := secretOf(c)
		if !ok {
			s.obs.rejected.WithLabelValues("unauthorized").Inc()
			return &apiError{status: http.StatusUnauthorized, code: CodeUnauthorized,
				msg: "an API key is required: send Authorization: Bearer <key>"}
		}
		k, err := s.keys.Lookup(secret, s.now())
		s.keysFileError()
		if err != nil {
			s.obs.rejected.WithLabelValues("unauthorized").Inc()
			msg := "the API key is not valid"
			switch {
			case errors.Is(err, keys.ErrExpired):
				msg = "the API key has expired"
			case errors.Is(err, keys.ErrRevoked):
				msg = "the API key has been revoked"
			}
			return &apiError{status: http.StatusUnauthorized, code: CodeUnauthorized, msg: msg}
		}
		c.Set(ctxKey, k)
		if !k.Has(keys.Scope(scope)) {
			s.obs.rejected.WithLabelValues("forbidden").Inc()
			return &apiError{status: http.StatusForbidden, code: CodeForbidden,
				msg: "this API key lacks the " + string(scope) + " scope"}
		}
		if ok, wait := s.keyLimits.allow("key:"+k.Name, s.now()); !ok {
			s.obs.rejected.WithLabelValues("rate_limited_key").Inc()
			return rateLimited(wait)
		}
		return next(c)
	}
}

func rateLimited(wait time.Duration) error {
	return &apiError{status: http.StatusTooManyRequests, code: CodeRateLimited,
		msg: "too many requests; retry after the Retry-After delay", retryAfter: max(wait, time.Second)}
}

// bearer extracts the token of an "Authorization: Bearer <token>" header.
func bearer(h string) (string, bool) {
	if h == "" || len(h) > maxAuthorization {
		return "", false
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// requestKey returns the authenticated key of the request, if any.
func requestKey(c echo.Context) (keys.Key, bool) {
	k, ok := c.Get(ctxKey).(keys.Key)
	return k, ok
}

// restriction returns the mandatory filter of the caller's key, a query in
// dossier's query language that every search, facet, export and document
// fetch made by this request must also satisfy; "" when there is none
// (no keys file, or a key without a filter).
func (s *Server) restriction(c echo.Context) string {
	k, _ := requestKey(c)
	return k.Filter
}

// keysFileError returns the error of the keys file's last reload, nil when
// the keys in force are the file's. A missing or invalid file leaves the
// last good keys in force (the server does not fail open, and does not
// lock every client out over a bad edit); the change is logged at ERROR
// once, dossier_keys_file_invalid is 1 and /readyz answers 503 until the
// file is valid again.
func (s *Server) keysFileError() error {
	if s.keys == nil {
		return nil
	}
	err := s.keys.Refresh(s.now())
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	s.keysErrMu.Lock()
	changed := msg != s.keysErr
	s.keysErr = msg
	s.keysErrMu.Unlock()
	if changed {
		if err != nil {
			s.obs.keysInvalid.Set(1)
			s.logger.Error("keys file cannot be loaded; the last good keys stay in force", "path", s.keys.Path(), "err", err)
		} else {
			s.obs.keysInvalid.Set(0)
			s.logger.Info("keys file loaded again", "path", s.keys.Path())
		}
	}
	return err
}
