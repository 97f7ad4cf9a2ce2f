package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"dossier/api/keys"
	"dossier/corpus"
	"dossier/index"
)

// maxHeaderBytes bounds a request's line and headers, bytes (64 KiB): more
// is a 431 request_header_too_large with the JSON error body, answered by
// limitHeader. Queries are limited to 4 KiB anyway.
const maxHeaderBytes = 64 << 10

// headerBackstop is net/http's own bound on a request's line and headers,
// bytes (1 MiB, Go's default). net/http answers a request over it (plus
// its 4 KiB of slack) with a plain-text 431 before any handler runs, so
// only requests between maxHeaderBytes and it get the JSON 431.
const headerBackstop = 1 << 20

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

// addressRate is the per-address request rate: none in the default open
// mode, which serves loopback only (the researcher's own scripts), and
// Options.RatePerIP with a keys file or --insecure-open.
func addressRate(opts Options) float64 {
	if opts.KeysFile == "" && !opts.InsecureOpen {
		return -1
	}
	return opts.RatePerIP
}

// Server is the dossier HTTP API.
type Server struct {
	opts    Options
	backend Backend
	logger  *slog.Logger
	echo    *echo.Echo

	keys        *keys.Store   // nil: no keys file, every route open
	ipLimits    *limiterStore // nil: no per-address limit
	keyLimits   *limiterStore // nil: no per-key limit
	slots       searchSlots
	queued      atomic.Int64 // searches waiting for a slot (see acquire)
	obs         *Metrics
	promHandler http.Handler
	ready       atomic.Bool
	routeSet    map[string]bool // registered route patterns, for metric labels
	now         func() time.Time

	keysErrMu sync.Mutex
	keysErr   string // the keys file's last reload error, as logged; "" when none
}

// New builds a server over backend. logger may be nil for silence. The
// server starts ready; call SetReady(false) while the index is still being
// filled.
func New(backend Backend, opts Options, logger *slog.Logger) (*Server, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		opts: opts, backend: backend, logger: logger,
		ipLimits:  newLimiterStore(addressRate(opts), opts.BurstPerIP),
		keyLimits: newLimiterStore(opts.RatePerKey, opts.BurstPerKey),
		slots:     make(searchSlots, opts.MaxConcurrentSearches),
		routeSet:  map[string]bool{},
		now:       time.Now,
	}
	s.ready.Store(true)
	if opts.KeysFile != "" {
		st, err := keys.OpenStore(opts.KeysFile, 0, s.checkFilter)
		if err != nil {
			return nil, fmt.Errorf("api: %w", err)
		}
		s.keys = st
	}
	s.obs = newMetrics(backend, s.ready.Load, s.queued.Load)
	if opts.Alerts != nil {
		s.obs.reg.MustRegister(&alertCollector{store: opts.Alerts})
	}
	s.promHandler = s.obs.httpHandler()

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(logger)
	e.IPExtractor = ipExtractor(opts.TrustedProxies)
	e.Use(middleware.Recover())
	e.Use(requestID)
	e.Use(s.observe)
	e.Use(s.limitHeader) // after observe, which counts and logs its 431; before every route's auth, rate limits and slots
	for _, r := range s.routes() {
		e.Add(r.method, r.path, r.handler, s.requireScope(r.scope, r.searches))
		s.routeSet[r.path] = true
	}
	s.echo = e
	return s, nil
}

// checkFilter vets a key's mandatory filter by running it, as the
// restriction of a one-hit search: a syntax error rejects the keys file.
// Other failures (an index not answering) do not: a request made with the
// key fails closed on them anyway.
func (s *Server) checkFilter(filter string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := s.backend.Search(ctx, index.SearchRequest{Restrict: filter, Size: 1})
	if err != nil && errors.Is(err, index.ErrInvalidRequest) {
		return err
	}
	return nil
}

// ipExtractor tells the client address: the TCP peer, unless the peer is
// one of the trusted proxies, whose X-Forwarded-For is then believed. echo
// would otherwise trust X-Forwarded-For from any private or loopback peer.
func ipExtractor(trusted []string) echo.IPExtractor {
	nets, _ := parseCIDRs(trusted) // checked by Validate
	if len(nets) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range nets {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// requestID gives every request an ID, echoed in X-Request-Id and logged.
// A client's own X-Request-Id is kept when it is short and plain.
func requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !plainID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func plainID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// observe counts and times every request and writes one access log line:
// request ID, method, route pattern, status, latency, bytes, client
// address and key name. Never the query string, bodies or secrets.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		lat := time.Since(start)
		route := c.Path()
		if !s.routeSet[route] {
			route = "unmatched"
		}
		res := c.Response()
		code := fmt.Sprint(res.Status)
		method := c.Request().Method
		s.obs.requests.WithLabelValues(route, method, code).Inc()
		s.obs.latency.WithLabelValues(route, method, code).Observe(lat.Seconds())
		attrs := []slog.Attr{
			slog.String("request_id", res.Header().Get(echo.HeaderXRequestID)),
			slog.String("method", method), slog.String("route", route), slog.Int("status", res.Status),
			slog.Float64("latency_ms", float64(lat.Microseconds())/1000), slog.Int64("bytes", res.Size),
			slog.String("client", c.RealIP()),
		}
		if k, ok := requestKey(c); ok {
			attrs = append(attrs, slog.String("key", k.Name))
		}
		s.logger.LogAttrs(c.Request().Context(), slog.LevelInfo, "request", attrs...)
		return nil
	}
}

// Handler returns the server's http.Handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.echo }

// SetReady sets what /readyz reports: false while the index is being
// opened or filled, or the server is shutting down.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Ready reports what /readyz reports, short of pinging the index.
func (s *Server) Ready() bool { return s.ready.Load() }

// ListenAndServe serves on opts.Addr until ctx ends, then turns not-ready
// and shuts down gracefully: it stops accepting connections and waits up
// to ShutdownTimeout for in-flight requests to finish. It does not close
// the index; the caller does that after it returns. ready, if non-nil, is
// called with the bound address once the listener is open.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("api: listen on %s: %w", s.opts.Addr, err)
	}
	return s.Serve(ctx, ln, ready)
}

// Serve is ListenAndServe on a listener of the caller's, which it closes.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready func(addr string)) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		ReadTimeout:       s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    headerBackstop, // maxHeaderBytes is limitHeader's
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
	s.SetReady(false)
	s.logger.Info("shutting down: draining in-flight requests", "timeout", s.opts.ShutdownTimeout)
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
