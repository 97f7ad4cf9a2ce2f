package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"dossier/index"
)

// StatusResponse is the body of /healthz and /readyz.
type StatusResponse struct {
	Status string `json:"status"` // "ok"
}

// StatsResponse is the body of /v1/stats.
type StatsResponse struct {
	Documents uint64            `json:"documents"`  // searchable documents
	Skipped   uint64            `json:"skipped"`    // files recorded with a skip reason
	ByKind    map[string]uint64 `json:"by_kind"`    // searchable documents per kind
	DiskBytes int64             `json:"disk_bytes"` // index size on disk, bytes
	Segments  int               `json:"segments"`   // immutable parts of the index; fewer answer faster
}

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, StatusResponse{Status: "ok"})
}

// readyz answers 503 while the server is marked not ready (index opening
// or being filled, or shutting down), while its keys file cannot be loaded
// (the last good keys still serve; see keysFileError) or when the index
// does not answer a ping.
func (s *Server) readyz(c echo.Context) error {
	if !s.ready.Load() {
		return &apiError{status: http.StatusServiceUnavailable, code: CodeUnavailable,
			msg: "not ready: starting or shutting down", retryAfter: time.Second}
	}
	if err := s.keysFileError(); err != nil {
		return &apiError{status: http.StatusServiceUnavailable, code: CodeUnavailable,
			msg: "the keys file has a problem; the keys that load stay in force: " + err.Error()}
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.backend.Ping(ctx); err != nil {
		return &apiError{status: http.StatusServiceUnavailable, code: CodeUnavailable, msg: "index is not ready"}
	}
	return c.JSON(http.StatusOK, StatusResponse{Status: "ok"})
}

func (s *Server) stats(c echo.Context) error {
	for name := range c.QueryParams() {
		return badParam("unknown parameter " + name + " (stats takes none)")
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	st, err := s.backend.Stats(ctx)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, StatsResponse{
		Documents: st.Documents, Skipped: st.Skipped, ByKind: st.ByKind, DiskBytes: st.DiskBytes,
		Segments: st.Segments,
	})
}

// maxFailuresListed bounds GET /v1/failures.
const maxFailuresListed = 1000

// FailureLister lists the files whose last processing failed, as the
// ingest manifest records them (see IngestBackend).
type FailureLister interface {
	Failures(limit int) ([]index.FailedFile, int, error)
}

// FailuresResponse is the body of GET /v1/failures.
type FailuresResponse struct {
	Total    int                `json:"total"`    // failed files in all
	Failures []index.FailedFile `json:"failures"` // the first maxFailuresListed, by path
}

// failures lists the files whose last processing failed, with their
// reasons (scope admin): paths are the server's own, as for admins.
func (s *Server) failures(c echo.Context) error {
	for name := range c.QueryParams() {
		return badParam("unknown parameter " + name + " (failures takes none)")
	}
	fl := s.opts.Ingest
	if fl == nil {
		return errNotSupported
	}
	list, total, err := fl.Failures(maxFailuresListed)
	if err != nil {
		return err
	}
	if list == nil {
		list = []index.FailedFile{}
	}
	return c.JSON(http.StatusOK, FailuresResponse{Total: total, Failures: list})
}
