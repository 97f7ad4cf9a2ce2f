package api

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/index"
)

// exportFlushEvery is how many rows are written between flushes.
const exportFlushEvery = 100

// exportColumns are the CSV columns, in order.
var exportColumns = []string{
	"id", "kind", "doc_type", "date", "court", "case_numbers", "judges", "document_number",
	"title", "caption", "source", "site_name", "author", "url", "page_count",
}

// export streams every match as CSV or JSON Lines. It takes the search
// parameters except paging, cursor, facets and highlights.
func (s *Server) export(c echo.Context) error {
	v := c.QueryParams()
	format := v.Get("format")
	if format != "csv" && format != "jsonl" {
		return badParam("format must be csv or jsonl")
	}
	if len(v["format"]) > 1 {
		return badParam(`parameter "format" may be given once`)
	}
	v = cloneValues(v)
	v.Del("format")
	for _, p := range []string{"size", "page", "cursor", "facets", "facet_size", "highlight", "fragment_size", "fragments"} {
		if v.Has(p) {
			return badParam(fmt.Sprintf("export streams every match: %q does not apply", p))
		}
	}
	req, err := parseSearchParams(v)
	if err != nil {
		return err
	}
	req.Restrict = s.restriction(c)
	exporter, err := s.exporter()
	if err != nil {
		return err
	}
	w := c.Response()
	if format == "csv" {
		w.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	} else {
		w.Header().Set(echo.HeaderContentType, "application/x-ndjson")
	}
	w.Header().Set(echo.HeaderContentDisposition, `attachment; filename="dossier-export.`+format+`"`)
	cw := csv.NewWriter(w)
	enc := json.NewEncoder(w)
	started, rows := false, 0
	source := s.sourceView(c)
	n, err := exporter.Export(c.Request().Context(), req, func(h index.Hit) error {
		if !started {
			started = true
			w.WriteHeader(http.StatusOK)
			if format == "csv" {
				if err := cw.Write(exportColumns); err != nil {
					return err
				}
			}
		}
		rows++
		var err error
		if format == "csv" {
			h.Source = source(h.Source)
			err = cw.Write(csvRow(h))
		} else {
			err = enc.Encode(toSearchHit(h, source))
		}
		if rows%exportFlushEvery == 0 {
			cw.Flush()
			w.Flush()
		}
		return err
	})
	if err != nil && !started {
		// Nothing written yet: a normal error response.
		w.Header().Del(echo.HeaderContentType)
		w.Header().Del(echo.HeaderContentDisposition)
		return err
	}
	if !started {
		w.WriteHeader(http.StatusOK)
		if format == "csv" {
			_ = cw.Write(exportColumns)
		}
	}
	cw.Flush()
	if err != nil {
		// The status is sent; tell the reader the export is incomplete.
		s.logger.Warn("export interrupted", "rows", n, "err", err)
		if format == "jsonl" {
			_, eb := errorResponse(err)
			_ = enc.Encode(eb)
		} else {
			_, _ = fmt.Fprintf(w, "# export interrupted after %d rows\n", n)
		}
	}
	w.Flush()
	return nil
}

// csvRow renders a hit as CSV cells. Cells that a spreadsheet would run as
// a formula are prefixed with an apostrophe.
func csvRow(h index.Hit) []string {
	row := []string{
		h.ID, h.Kind, h.DocType, h.Date, h.Court, strings.Join(h.CaseNumbers, "; "),
		strings.Join(h.Judges, "; "), h.DocumentNumber, h.Title, h.Caption, h.Source,
		h.SiteName, h.Author, h.URL, strconv.Itoa(h.PageCount),
	}
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			row[i] = "'" + c
		}
	}
	return row
}

func cloneValues(v map[string][]string) map[string][]string {
	out := make(map[string][]string, len(v))
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
