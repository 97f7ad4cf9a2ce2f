package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dossier/index"
)

// Uploader takes uploads (see IngestBackend); without one, or without an
// extractor, uploads answer 501.
type Uploader interface {
	// UploadsEnabled reports whether the backend has an extractor.
	UploadsEnabled() bool
	// StoreUpload keeps one uploaded file.
	StoreUpload(name string, r io.Reader) (index.StoredFile, error)
	// IngestStored indexes kept files and returns one result per file.
	IngestStored(ctx context.Context, files []index.StoredFile) ([]index.FileResult, error)
	// ReleaseUploads ends the request's hold on its stored files: those that
	// became no document are removed.
	ReleaseUploads(files []index.StoredFile) error
}

// Upload limits.
const (
	// MaxUploadFiles is the most file parts one upload request may carry.
	MaxUploadFiles = 1000
	// maxUploadName bounds a stored file name, in bytes.
	maxUploadName = 255
)

// UploadResponse is the body of a successful POST /v1/documents.
type UploadResponse struct {
	Documents []UploadResult `json:"documents"`
}

// UploadResult is the outcome for one uploaded file.
type UploadResult struct {
	Name    string `json:"name"`             // the file name as uploaded
	ID      string `json:"id,omitempty"`     // document ID, "" when the file could not be read
	Outcome string `json:"outcome"`          // indexed, unchanged, duplicate, failed or ignored
	Reason  string `json:"reason,omitempty"` // why it failed or was ignored
	Pages   int    `json:"pages,omitempty"`  // pages extracted
}

// uploadWriteTimeout bounds one upload request, reading and extraction
// included.
const uploadWriteTimeout = 10 * time.Minute

// upload indexes files posted as multipart/form-data (any number of file
// parts, up to MaxUploadFiles, in at most Options.MaxUploadBytes). It
// answers 200 with each file's ID and outcome once they are committed, and
// therefore searchable; 413 when the body is too large; 501 when the
// backend cannot ingest.
func (s *Server) upload(c echo.Context) error {
	ing := s.opts.Ingest
	if ing == nil || !ing.UploadsEnabled() {
		return &apiError{status: http.StatusNotImplemented, code: CodeNotImplemented,
			msg: "this server does not accept uploads"}
	}
	req := c.Request()
	req.Body = http.MaxBytesReader(c.Response(), req.Body, s.opts.MaxUploadBytes)
	// An upload may take longer than the server's write timeout: reading a
	// large body and extracting it are both part of the answer.
	_ = http.NewResponseController(c.Response().Writer).SetWriteDeadline(time.Now().Add(uploadWriteTimeout))
	mr, err := req.MultipartReader()
	if err != nil {
		return badParam("send multipart/form-data with one or more file parts")
	}
	var stored []index.StoredFile
	defer func() {
		// Whatever happened (a 413 half way, a malformed part, files that
		// were ignored), keep only the files of documents.
		if err := ing.ReleaseUploads(stored); err != nil {
			s.logger.Warn("upload: removing files that became no document", "err", err)
		}
	}()
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return uploadReadError(err)
		}
		name := part.FileName()
		if name == "" {
			part.Close()
			continue
		}
		if len(stored) == MaxUploadFiles {
			return badParam("too many files in one request")
		}
		sf, err := ing.StoreUpload(cleanUploadName(name), part)
		part.Close()
		if err != nil {
			return uploadReadError(err)
		}
		stored = append(stored, sf)
	}
	if len(stored) == 0 {
		return badParam("no file parts: send each file as a multipart part with a filename")
	}
	results, err := ing.IngestStored(req.Context(), stored)
	if err != nil {
		if errors.Is(err, index.ErrUploadsDisabled) {
			return &apiError{status: http.StatusNotImplemented, code: CodeNotImplemented,
				msg: "this server does not accept uploads"}
		}
		return err
	}
	resp := UploadResponse{Documents: make([]UploadResult, len(results))}
	for i, r := range results {
		s.Metrics().IngestResult(r)
		resp.Documents[i] = UploadResult{Name: stored[i].Name, ID: r.ID, Outcome: string(r.Outcome),
			Reason: r.Reason, Pages: r.Pages}
	}
	return c.JSON(http.StatusOK, resp)
}

// uploadReadError maps an error reading the request body: the size limit
// becomes 413, anything else a 400.
func uploadReadError(err error) error {
	var mbe *http.MaxBytesError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &mbe):
		return err
	case errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge:
		return err
	}
	return badParam("malformed multipart body")
}

// cleanUploadName keeps the base name of an uploaded file, bounded.
func cleanUploadName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if len(name) > maxUploadName {
		name = name[:maxUploadName]
	}
	if name == "." || name == "/" || name == "" {
		name = "upload"
	}
	return name
}

// Remover deletes documents (see IngestBackend).
type Remover interface {
	// Remove deletes a document and forgets the files that held it.
	Remove(ctx context.Context, id string) error
}

// DeleteResponse is the body of DELETE /v1/documents/{id}.
type DeleteResponse struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

// deleteDocument deletes a document (scope ingest). It is logged with the
// key's name, as an audit record; the caller's key restriction applies,
// so a key cannot delete what it cannot see.
func (s *Server) deleteDocument(c echo.Context) error {
	rm := s.opts.Ingest
	if rm == nil {
		return errNotSupported
	}
	if len(c.QueryParams()) > 0 {
		return badParam("delete takes no parameters")
	}
	doc, err := s.visibleDocument(c, c.Param("id"))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	if err := rm.Remove(ctx, doc.ID); err != nil {
		return err
	}
	k, _ := requestKey(c)
	s.logger.Info("document deleted", "id", doc.ID, "key", k.Name, "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
	return c.JSON(http.StatusOK, DeleteResponse{ID: doc.ID, Deleted: true})
}
