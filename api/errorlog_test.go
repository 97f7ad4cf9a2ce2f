package api

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestUnavailableIsWarnedNotErrored floods the error handler with 503s and
// checks that they are logged at WARN, a bounded number of times, while a
// 500 is still logged at ERROR.
func TestUnavailableIsWarnedNotErrored(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, nil))
	handle := errorHandler(logger)
	e := echo.New()
	overloaded := &apiError{status: http.StatusServiceUnavailable, code: CodeOverloaded, msg: "busy"}
	for range 200 {
		rec := httptest.NewRecorder()
		handle(overloaded, e.NewContext(httptest.NewRequest(http.MethodGet, "/v1/search", nil), rec))
		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("status %d", rec.Code)
		}
	}
	lines := strings.Count(buf.String(), "\n")
	if strings.Contains(buf.String(), "level=ERROR") || lines < 1 || lines > 3 {
		t.Errorf("200 refusals logged %d lines:\n%s", lines, buf.String())
	}
	buf.Reset()
	handle(errors.New("boom"), e.NewContext(httptest.NewRequest(http.MethodGet, "/v1/search", nil), httptest.NewRecorder()))
	if !strings.Contains(buf.String(), "level=ERROR") {
		t.Errorf("a 500 was not logged at ERROR: %q", buf.String())
	}
}
