package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"dossier/index"
)

// MaxBatchQueries caps the queries in one POST /v1/search/batch.
const MaxBatchQueries = 20

// BatchRequest is the body of POST /v1/search/batch.
type BatchRequest struct {
	Queries []SearchBody `json:"queries"`
}

// BatchResponse answers each query of a batch, in order.
type BatchResponse struct {
	Results []BatchResult `json:"results"`
}

// BatchResult is one query's answer: a search response, or an error.
type BatchResult struct {
	*SearchResponse
	Error *ErrorDetail `json:"error,omitempty"`
}

// searchBatch runs several searches in one request. One query's error does
// not fail the others; the whole batch shares one search deadline.
func (s *Server) searchBatch(c echo.Context) error {
	var body BatchRequest
	if err := bindJSON(c, &body); err != nil {
		return err
	}
	if len(body.Queries) == 0 {
		return badParam("queries must hold at least one search")
	}
	if len(body.Queries) > MaxBatchQueries {
		return badParam(fmt.Sprintf("a batch holds at most %d queries", MaxBatchQueries))
	}
	restrict := s.restriction(c)
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	out := BatchResponse{Results: make([]BatchResult, len(body.Queries))}
	for i, q := range body.Queries {
		res, req, err := s.batchOne(ctx, q, restrict)
		if err != nil {
			_, eb := errorResponse(err)
			out.Results[i].Error = &eb.Error
			continue
		}
		sr := toSearchResponse(req, res, s.sourceView(c))
		out.Results[i].SearchResponse = &sr
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) batchOne(ctx context.Context, q SearchBody, restrict string) (*index.SearchResult, index.SearchRequest, error) {
	req, err := parseSearchParams(q.values())
	if err != nil {
		return nil, req, err
	}
	req.Restrict = restrict
	res, err := s.backend.Search(ctx, req)
	return res, req, err
}
