package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"dossier/index"
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
	status int
	code   string
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badParam(msg string) error {
	return &apiError{status: http.StatusBadRequest, code: CodeInvalidParameter, msg: msg}
}

// errorHandler is the one place where errors become responses.
func errorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, body := errorResponse(err)
		if status >= 500 {
			logger.Error("request failed", "method", c.Request().Method, "path", c.Path(), "status", status, "err", err)
		}
		if c.Request().Method == http.MethodHead {
			_ = c.NoContent(status)
			return
		}
		_ = c.JSON(status, body)
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
	case errors.Is(err, index.ErrInvalidRequest):
		return detail(http.StatusBadRequest, CodeInvalidParameter, trimPrefix(err.Error()))
	case errors.Is(err, index.ErrNotFound):
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
