package api

import (
	"fmt"
	"net/http"
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

// searchSlots bounds concurrent searches. A search that finds every slot
// taken is answered at once with 503 overloaded and Retry-After rather
// than queued, so a flood cannot pile up goroutines and memory.
type searchSlots chan struct{}

func (s *Server) limitSearches(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		select {
		case s.slots <- struct{}{}:
		default:
			s.obs.rejected.WithLabelValues("overloaded").Inc()
			return &apiError{
				status: http.StatusServiceUnavailable, code: CodeOverloaded,
				msg: "too many searches are running; retry shortly", retryAfter: overloadRetryAfter,
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
