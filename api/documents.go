package api

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/api/keys"
	"dossier/corpus"
	"dossier/index"
)

// maxIDLength bounds the :id path parameter, in bytes.
const maxIDLength = 128

// Defaults of in-document search.
const (
	inDocumentFragments    = 20  // fragments returned by default
	inDocumentFragmentSize = 160 // characters per fragment by default
)

// document returns a stored document in the extraction contract's form.
func (s *Server) document(c echo.Context) error {
	doc, err := s.VisibleDocument(c, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, doc)
}

// sourceView returns how document source paths are shown to the caller of
// c: as stored to an admin-scope key (or to anyone without a keys file);
// otherwise an absolute path relative to the SourceRoot holding it, or as
// its file name, so that the server's layout is not shown.
func (s *Server) sourceView(c echo.Context) func(string) string {
	if s.keys == nil {
		return func(p string) string { return p }
	}
	if k, ok := requestKey(c); ok && k.Has(keys.Scope(ScopeAdmin)) {
		return func(p string) string { return p }
	}
	return func(p string) string { return relativeSource(p, s.opts.SourceRoots) }
}

// relativeSource shows an absolute path p relative to the longest root
// holding it, or as its base name; other sources (upload names, paths as
// given to the index command) are shown as they are.
func relativeSource(p string, roots []string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	best := ""
	for _, r := range roots {
		r = filepath.Clean(r)
		if rel, err := filepath.Rel(r, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && len(r) > len(best) {
			best = r
		}
	}
	if best == "" {
		return filepath.Base(p)
	}
	rel, _ := filepath.Rel(best, p)
	return filepath.ToSlash(filepath.Join(filepath.Base(best), rel))
}

// VisibleDocument is GET /v1/documents/{id}'s document as the caller of c
// sees it: not found when the key's restriction excludes it, its source
// shown through sourceView. Package api/web calls it for its pages.
func (s *Server) VisibleDocument(c echo.Context, id string) (*corpus.Document, error) {
	doc, err := s.visibleDocument(c, id)
	if err != nil {
		return nil, err
	}
	doc.Source = s.sourceView(c)(doc.Source)
	return doc, nil
}

// visibleDocument loads the document id, answering not found when the
// caller's restriction excludes it.
func (s *Server) visibleDocument(c echo.Context, id string) (*corpus.Document, error) {
	if id == "" || len(id) > maxIDLength {
		return nil, badParam("id must be 1 to 128 characters")
	}
	ctx := c.Request().Context()
	if r := s.restriction(c); r != "" {
		res, err := s.backend.Search(ctx, index.SearchRequest{Restrict: r, Size: 1, Filters: index.Filters{IDs: []string{id}}})
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			return nil, fmt.Errorf("%w: %s", index.ErrNotFound, id)
		}
	}
	return s.backend.Document(ctx, id)
}

// PathSource knows the files a document was read from (see IngestBackend).
type PathSource interface {
	// Paths lists the paths of the files with the document's bytes.
	Paths(id string) []string
}

// fileCSP is the Content-Security-Policy of every original file served:
// nothing in it may run, load or be framed.
const fileCSP = "default-src 'none'; sandbox; frame-ancestors 'none'"

// servedType returns the Content-Type and disposition an original file of
// the stored content type is served with. Only PDF, on an allow-list, is
// served as itself (inline); HTML and text are served as plain text, and
// anything else as a download of bytes, so that no stored file, whatever
// type its record claims ("text/html; charset=utf-8", "image/svg+xml"),
// is rendered in the API's origin.
func servedType(stored string) (contentType, disposition string) {
	mt, _, err := mime.ParseMediaType(stored)
	if err != nil {
		return echo.MIMEOctetStream, "attachment"
	}
	switch mt {
	case corpus.ContentTypePDF:
		return corpus.ContentTypePDF, "inline"
	case "text/html", "text/plain", "application/xhtml+xml":
		return "text/plain; charset=utf-8", "inline"
	}
	return echo.MIMEOctetStream, "attachment"
}

// documentFile sends the original file of a document.
func (s *Server) documentFile(c echo.Context) error {
	doc, err := s.visibleDocument(c, c.Param("id"))
	if err != nil {
		return err
	}
	ps := s.opts.Ingest
	if ps == nil {
		return errNotSupported
	}
	for _, p := range ps.Paths(doc.ID) {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || !st.Mode().IsRegular() || st.Size() != doc.Size {
			continue // changed or replaced since it was indexed
		}
		ct, disposition := servedType(doc.ContentType)
		h := c.Response().Header()
		h.Set(echo.HeaderContentType, ct)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", fileCSP)
		h.Set(echo.HeaderContentDisposition, fmt.Sprintf("%s; filename=%q", disposition, filepath.Base(p)))
		http.ServeContent(c.Response(), c.Request(), filepath.Base(p), st.ModTime(), f)
		return nil
	}
	return fmt.Errorf("%w: the original file of %s is no longer on disk", index.ErrNotFound, doc.ID)
}

// InDocumentResponse is the body of GET /v1/documents/{id}/search.
type InDocumentResponse struct {
	ID      string          `json:"id"`
	Matched bool            `json:"matched"`         // the document matches the query
	Total   int             `json:"total_fragments"` // fragments holding every match, all pages
	Page    int             `json:"page"`            // this page of fragments, 1-based
	More    bool            `json:"more"`            // a next page of fragments follows
	Pages   []PageFragments `json:"pages"`           // this page's fragments by document page, in page order
}

// PageFragments are the fragments found on one page (page 0: not paged).
type PageFragments struct {
	Page      int      `json:"page"`
	Fragments []string `json:"fragments"`
}

// documentSearch searches inside one document and groups fragments by page.
func (s *Server) documentSearch(c echo.Context) error {
	out, err := s.SearchDocument(c, c.Param("id"), c.QueryParams())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// SearchDocument is GET /v1/documents/{id}/search: the parameters v
// (q, fragments, fragment_size, page) checked, then every match of q in
// the document id, restricted as the caller of c is.
func (s *Server) SearchDocument(c echo.Context, id string, v url.Values) (InDocumentResponse, error) {
	if id == "" || len(id) > maxIDLength {
		return InDocumentResponse{}, badParam("id must be 1 to 128 characters")
	}
	for name := range v {
		if name != "q" && name != "fragments" && name != "fragment_size" && name != "page" {
			return InDocumentResponse{}, badParam(fmt.Sprintf("unknown parameter %q (known: q, fragments, fragment_size, page)", name))
		}
	}
	if v.Get("q") == "" {
		return InDocumentResponse{}, badParam("q is required")
	}
	req := index.SearchRequest{
		Query: v.Get("q"), Restrict: s.restriction(c), Size: 1, Highlight: true,
		Fragments: inDocumentFragments, FragmentSize: inDocumentFragmentSize,
		Filters:      index.Filters{IDs: []string{id}},
		Strict:       true, // "matched" means every word is in the document
		AllFragments: true,
	}
	var err error
	page := 1
	if n, err := intParam(v, "page"); err != nil {
		return InDocumentResponse{}, err
	} else if n > 0 {
		page = n
	}
	if n, err := intParam(v, "fragments"); err != nil {
		return InDocumentResponse{}, err
	} else if n > 0 {
		req.Fragments = n
	}
	if n, err := intParam(v, "fragment_size"); err != nil {
		return InDocumentResponse{}, err
	} else if n > 0 {
		req.FragmentSize = n
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	res, err := s.backend.Search(ctx, req)
	if err != nil {
		return InDocumentResponse{}, err
	}
	out := InDocumentResponse{ID: id, Page: page, Pages: []PageFragments{}}
	if len(res.Hits) == 0 {
		// Tell "no such document" apart from "no match".
		if _, err := s.visibleDocument(c, id); err != nil {
			return InDocumentResponse{}, err
		}
		return out, nil
	}
	out.Matched = true
	all := res.Hits[0].Highlights
	out.Total = len(all)
	from := min((page-1)*req.Fragments, len(all))
	to := min(from+req.Fragments, len(all))
	out.More = to < len(all)
	byPage := map[int]int{}
	for _, h := range all[from:to] {
		i, ok := byPage[h.Page]
		if !ok {
			i = len(out.Pages)
			byPage[h.Page] = i
			out.Pages = append(out.Pages, PageFragments{Page: h.Page})
		}
		out.Pages[i].Fragments = append(out.Pages[i].Fragments, h.Fragment)
	}
	return out, nil
}

// similar returns documents like :id. It takes the search parameters
// except q; next_cursor reads on as in a search.
func (s *Server) similar(c echo.Context) error {
	out, err := s.Similar(c, c.Param("id"), c.QueryParams())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// Similar is GET /v1/documents/{id}/similar: the search parameters v
// (without q) checked, then the documents like id, restricted as the
// caller of c is. Package api/web calls it for its document page.
func (s *Server) Similar(c echo.Context, id string, v url.Values) (SearchResponse, error) {
	if id == "" || len(id) > maxIDLength {
		return SearchResponse{}, badParam("id must be 1 to 128 characters")
	}
	if v.Has("q") {
		return SearchResponse{}, badParam("similar takes no q")
	}
	req, err := parseSearchParams(v)
	if err != nil {
		return SearchResponse{}, err
	}
	if _, err := s.visibleDocument(c, id); err != nil {
		return SearchResponse{}, err
	}
	req.Restrict = s.restriction(c)
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	ex, err := s.explorer()
	if err != nil {
		return SearchResponse{}, err
	}
	res, err := ex.Similar(ctx, id, req)
	if err != nil {
		return SearchResponse{}, err
	}
	return toSearchResponse(req, res, s.sourceView(c)), nil
}
