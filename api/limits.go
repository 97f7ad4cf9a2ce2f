package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// overloadRetryAfter is the Retry-After sent when every search slot is busy.
const overloadRetryAfter = time.Second

// bodyLimit caps the request body of a route of the given scope: uploads
// get MaxUploadBytes, every other route MaxBodyBytes. Larger bodies are a
// 413 request_too_large.
func (s *Server) bodyLimit(scope Scope) echo.MiddlewareFunc {
	n := s.opts.MaxBodyBytes
	if scope == ScopeIngest {
		n = s.opts.MaxUploadBytes
	}
	return middleware.BodyLimit(fmt.Sprintf("%dB", n))
}

// Search queue defaults (Options.SearchQueue, SearchQueueWait).
const (
	defaultSearchQueue     = 64              // searches waiting for a slot
	defaultSearchQueueWait = 5 * time.Second // longest wait for a slot
)

// searchSlots bounds concurrent searches. A search that finds every slot
// taken waits in a bounded queue (SearchQueue searches, SearchQueueWait
// each) for one to free; a search beyond the queue, or one whose wait
// runs out, is answered with 503 overloaded and Retry-After, so a flood
// cannot pile up goroutines and memory.
type searchSlots chan struct{}

// acquire takes a search slot, waiting in the queue when every slot is
// taken; it reports false when the queue is full, the wait ran out or the
// client went away.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	if s.opts.SearchQueue < 0 {
		return false
	}
	if s.queued.Add(1) > int64(s.opts.SearchQueue) {
		s.queued.Add(-1)
		return false
	}
	defer s.queued.Add(-1)
	timer := time.NewTimer(s.opts.SearchQueueWait)
	defer timer.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-timer.C:
	case <-ctx.Done():
	}
	return false
}

func (s *Server) limitSearches(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.acquire(c.Request().Context()) {
			s.obs.rejected.WithLabelValues("overloaded").Inc()
			return &apiError{
				status: http.StatusServiceUnavailable, code: CodeOverloaded,
				msg: "too many searches are running or waiting; retry shortly", retryAfter: overloadRetryAfter,
			}
		}
		s.obs.searchesInFlight.Inc()
		start := time.Now()
		defer func() {
			s.obs.searchLatency.Observe(time.Since(start).Seconds())
			s.obs.searchesInFlight.Dec()
			<-s.slots
		}()
		return next(c)
	}
}

// readBody reads a request's whole body, within BodyReadTimeout, before
// the handler (and the search slot) gets it, so that a client sending its
// body slowly holds nothing but its own connection. A body not received in
// time is a 408 request_timeout; one over MaxBodyBytes a 413.
func (s *Server) readBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Body == nil || req.ContentLength == 0 && len(req.TransferEncoding) == 0 {
			return next(c) // no body (the body limit has wrapped even an empty one)
		}
		rc := http.NewResponseController(c.Response())
		_ = rc.SetReadDeadline(time.Now().Add(s.opts.BodyReadTimeout)) // unsupported: the server's ReadTimeout still bounds it
		b, err := io.ReadAll(req.Body)
		_ = rc.SetReadDeadline(time.Time{})
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				s.obs.rejected.WithLabelValues("body_timeout").Inc()
				c.Response().Header().Set(echo.HeaderConnection, "close")
				return &apiError{status: http.StatusRequestTimeout, code: CodeRequestTimeout,
					msg: fmt.Sprintf("the request body was not received within %s", s.opts.BodyReadTimeout)}
			}
			return err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
		return next(c)
	}
}

// limitHeader answers a request whose line and headers are over
// maxHeaderBytes with 431 request_header_too_large, before the route's
// body limit, rate limits, key check and search slot. net/http itself
// only refuses more than headerBackstop, with a plain-text 431.
func (s *Server) limitHeader(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if headerBytes(c.Request()) > maxHeaderBytes {
			s.obs.rejected.WithLabelValues("header_too_large").Inc()
			return &apiError{status: http.StatusRequestHeaderFieldsTooLarge, code: CodeHeaderTooLarge,
				msg: fmt.Sprintf("the request line and headers are over %d KiB; send long queries and filters "+
					"as a JSON body to POST /v1/search", maxHeaderBytes>>10)}
		}
		return next(c)
	}
}

// headerBytes is the size of r's request line and headers as sent in
// HTTP/1.1, bytes, about what net/http counts against MaxHeaderBytes:
// "METHOD URI PROTO\r\n", "Name: value\r\n" per header value (Host
// included), and the blank line that ends them.
func headerBytes(r *http.Request) int {
	uri := r.RequestURI
	if uri == "" {
		uri = r.URL.RequestURI()
	}
	n := len(r.Method) + 1 + len(uri) + 1 + len(r.Proto) + 2
	if r.Host != "" {
		n += len("Host: ") + len(r.Host) + 2
	}
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + 2 + len(v) + 2
		}
	}
	return n + 2
}
