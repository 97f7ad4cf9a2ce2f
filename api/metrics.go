package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// metrics serves Prometheus metrics.
func (s *Server) metrics(c echo.Context) error {
	return echo.NewHTTPError(http.StatusNotImplemented, "metrics are not implemented yet")
}
