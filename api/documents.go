package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// maxIDLength bounds the :id path parameter, in bytes.
const maxIDLength = 128

// document returns a stored document in the extraction contract's form.
func (s *Server) document(c echo.Context) error {
	id := c.Param("id")
	if id == "" || len(id) > maxIDLength {
		return badParam("id must be 1 to 128 characters")
	}
	doc, err := s.backend.Document(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, doc)
}
