package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// upload indexes files posted as multipart form data.
func (s *Server) upload(c echo.Context) error {
	return echo.NewHTTPError(http.StatusNotImplemented, "uploads are not implemented yet")
}
