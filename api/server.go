package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"dossier/corpus"
	"dossier/index"
)

// Searcher runs searches.
type Searcher interface {
	Search(ctx context.Context, req index.SearchRequest) (*index.SearchResult, error)
}

// DocumentStore returns stored documents.
type DocumentStore interface {
	Document(ctx context.Context, id string) (*corpus.Document, error)
}

// StatsSource reports index statistics and readiness.
type StatsSource interface {
	Stats(ctx context.Context) (index.Stats, error)
	Ping(ctx context.Context) error
}

// Backend is everything the server needs from the index.
type Backend interface {
	Searcher
	DocumentStore
	StatsSource
}

// Server is the dossier HTTP API.
type Server struct {
	opts    Options
	backend Backend
	logger  *slog.Logger
	echo    *echo.Echo
}

// New builds a server over backend. logger may be nil for silence.
func New(backend Backend, opts Options, logger *slog.Logger) (*Server, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts, backend: backend, logger: logger}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(logger)
	e.Use(middleware.Recover())
	e.Use(middleware.BodyLimit(fmt.Sprintf("%dB", opts.MaxBodyBytes)))
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogRoutePath: true, LogStatus: true, LogLatency: true, HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			// The route path, never the query string: queries may be sensitive.
			logger.Info("request", "method", v.Method, "route", v.RoutePath, "status", v.Status,
				"latency_ms", float64(v.Latency.Microseconds())/1000)
			return nil
		},
	}))
	for _, r := range s.routes() {
		e.Add(r.method, r.path, r.handler, s.requireScope(r.scope))
	}
	s.echo = e
	return s, nil
}

// Handler returns the server's http.Handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// ListenAndServe serves on opts.Addr until ctx ends, then shuts down
// gracefully within ShutdownTimeout. ready, if non-nil, is called with the
// bound address once the listener is open.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("api: listen on %s: %w", s.opts.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("api: serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("api: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("api: serve: %w", err)
	}
	return nil
}
