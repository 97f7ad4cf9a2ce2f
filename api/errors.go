package api

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"dossier/index"
	"dossier/index/alert"
)

// Error codes in the JSON error body. They are stable: clients branch on them.
const (
	CodeInvalidParameter = "invalid_parameter" // 400: a parameter is missing, unknown or out of range
	CodeInvalidQuery     = "invalid_query"     // 400: the query has a syntax error
	CodeNotFound         = "not_found"         // 404: no such route or document
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "request_too_large" // 413
	CodeTimeout          = "timeout"           // 503: the search took too long
	CodeUnavailable      = "unavailable"       // 503: the index is not ready
	CodeInternal         = "internal"          // 500
	CodeUnauthorized     = "unauthorized"      // 401: no API key, or an unknown, expired or revoked one
	CodeForbidden        = "forbidden"         // 403: the key lacks the route's scope
	CodeRateLimited      = "rate_limited"      // 429: too many requests from this key or address; see Retry-After
	CodeOverloaded       = "overloaded"        // 503: too many searches at once; see Retry-After
	CodeRequestTimeout   = "request_timeout"   // 408: the request body was not sent in time

	CodeHeaderTooLarge = "request_header_too_large" // 431: the request line and headers are over 64 KiB
)

// ErrorBody is the JSON body of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes an error.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Position is the 0-based byte offset of a query syntax error.
	Position *int `json:"position,omitempty"`
}

// apiError is an error a handler returns with its status and code.
type apiError struct {
	status     int
	code       string
	msg        string
	retryAfter time.Duration // > 0: sent as Retry-After, whole seconds rounded up
}

func (e *apiError) Error() string { return e.msg }

func badParam(msg string) error {
	return &apiError{status: http.StatusBadRequest, code: CodeInvalidParameter, msg: msg}
}

// unavailableLogEvery bounds the warnings logged for 503 answers: at most
// one per this interval, with the count of those left out since.
const unavailableLogEvery = time.Second

// errorHandler is the one place where errors become responses. A 500 is
// logged at ERROR. A 503 (overloaded, timeout, unavailable) is what a
// flood of clients causes, not a fault: it is logged at WARN, at most once
// per unavailableLogEvery.
func errorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	limit := rate.NewLimiter(rate.Every(unavailableLogEvery), 1)
	var suppressed atomic.Int64
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, body := errorResponse(err)
		setErrorHeaders(c.Response().Header(), err, status)
		switch {
		case status == http.StatusServiceUnavailable && c.Path() == "/readyz":
			// A probe's answer while starting, filling or shutting down:
			// not an event worth a log line.
		case status == http.StatusServiceUnavailable:
			if !limit.Allow() {
				suppressed.Add(1)
				break
			}
			logger.Warn("request refused", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
				"method", c.Request().Method, "route", c.Path(), "status", status, "code", body.Error.Code,
				"suppressed_since_last", suppressed.Swap(0))
		case status >= 500:
			logger.Error("request failed", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
				"method", c.Request().Method, "route", c.Path(), "status", status, "err", err)
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		_ = c.JSON(status, body)
	}
}

// setErrorHeaders adds Retry-After to throttling errors and a Bearer
// challenge to 401s.
func setErrorHeaders(h http.Header, err error, status int) {
	var ae *apiError
	if errors.As(err, &ae) && ae.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(ae.retryAfter.Seconds()))))
	}
	if status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="dossier"`)
	}
}

// errorResponse maps an error to a status and body.
func errorResponse(err error) (int, ErrorBody) {
	var (
		ae  *apiError
		qe  *index.QueryError
		he  *echo.HTTPError
		mbe *http.MaxBytesError
	)
	detail := func(status int, code, msg string) (int, ErrorBody) {
		return status, ErrorBody{Error: ErrorDetail{Code: code, Message: msg}}
	}
	switch {
	case errors.As(err, &ae):
		return detail(ae.status, ae.code, ae.msg)
	case errors.As(err, &qe):
		pos := qe.Pos
		return http.StatusBadRequest, ErrorBody{Error: ErrorDetail{
			Code: CodeInvalidQuery, Message: qe.Msg, Position: &pos,
		}}
	case errors.Is(err, alert.ErrNotFound):
		return detail(http.StatusNotFound, CodeNotFound, "alert not found")
	case errors.Is(err, alert.ErrURLRefused):
		return detail(http.StatusBadRequest, CodeWebhookRefused, strings.TrimPrefix(err.Error(), "alert: "))
	case errors.Is(err, alert.ErrInvalid):
		return detail(http.StatusBadRequest, CodeInvalidParameter, trimPrefix(strings.TrimPrefix(err.Error(), alert.ErrInvalid.Error()+": ")))
	case errors.Is(err, index.ErrInvalidRequest):
		return detail(http.StatusBadRequest, CodeInvalidParameter, trimPrefix(err.Error()))
	case errors.Is(err, index.ErrNotFound):
		// A case says which ("no documents of case 19-cv-07123 in court
		// nysd"); a document stays "document not found", which says
		// nothing about documents a key may not see.
		if rest, ok := strings.CutPrefix(err.Error(), index.ErrNotFound.Error()+": case "); ok {
			return detail(http.StatusNotFound, CodeNotFound, "no documents of case "+rest)
		}
		return detail(http.StatusNotFound, CodeNotFound, "document not found")
	case errors.Is(err, context.DeadlineExceeded):
		return detail(http.StatusServiceUnavailable, CodeTimeout, "the request took too long; narrow the query")
	case errors.As(err, &mbe):
		return detail(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body is too large")
	case errors.As(err, &he):
		switch he.Code {
		case http.StatusNotFound:
			return detail(he.Code, CodeNotFound, "no such endpoint")
		case http.StatusMethodNotAllowed:
			return detail(he.Code, CodeMethodNotAllowed, "method not allowed")
		case http.StatusRequestEntityTooLarge:
			return detail(he.Code, CodeTooLarge, "request body is too large")
		}
		if he.Code < 500 {
			return detail(he.Code, CodeInvalidParameter, http.StatusText(he.Code))
		}
	}
	return detail(http.StatusInternalServerError, CodeInternal, "internal error")
}

// trimPrefix drops the "index: invalid request: " prefix from messages.
func trimPrefix(msg string) string {
	const p = "index: invalid request: "
	if len(msg) > len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}
