package api

import (
	"context"
	"net/http"

	"dossier/index"
)

// Exporter streams every match of a search.
type Exporter interface {
	Export(ctx context.Context, req index.SearchRequest, fn func(index.Hit) error) (int, error)
}

// Explorer answers the questions around one document or case.
type Explorer interface {
	// Similar finds documents like the document id.
	Similar(ctx context.Context, id string, req index.SearchRequest) (*index.SearchResult, error)
	// Case gathers a case's filings and articles.
	Case(ctx context.Context, number, court, restrict string) (*index.CaseInfo, error)
}

// IngestBackend is the ingest side of the index (package index/ingest's
// Ingester, which owns the manifest and the kept uploads): uploads,
// deletes, the failures list and documents' original files. The server
// reaches it through Options.Ingest; without one, those routes answer 501.
type IngestBackend interface {
	Uploader
	Remover
	FailureLister
	PathSource
}

// CodeNotImplemented is the error code of 501: the backend lacks the feature.
const CodeNotImplemented = "not_implemented"

// errNotSupported answers routes the backend cannot serve.
var errNotSupported = &apiError{status: http.StatusNotImplemented, code: CodeNotImplemented, msg: "this server's backend does not support this endpoint"}

func (s *Server) exporter() (Exporter, error) {
	if ex, ok := s.backend.(Exporter); ok {
		return ex, nil
	}
	return nil, errNotSupported
}

func (s *Server) explorer() (Explorer, error) {
	if ex, ok := s.backend.(Explorer); ok {
		return ex, nil
	}
	return nil, errNotSupported
}
