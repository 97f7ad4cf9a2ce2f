package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// SearchBody is the JSON form of the search parameters, for POST
// /v1/search and /v1/search/batch. Each field means what the query
// parameter of the same name means for GET /v1/search.
type SearchBody struct {
	Q            string   `json:"q,omitempty"`
	Kind         []string `json:"kind,omitempty"`
	Court        []string `json:"court,omitempty"`
	Judge        []string `json:"judge,omitempty"`
	Case         []string `json:"case,omitempty"`
	Cites        []string `json:"cites,omitempty"` // filings that cite these cases
	Site         []string `json:"site,omitempty"`
	Author       []string `json:"author,omitempty"` // article authors, as the byline names them
	DocType      []string `json:"doc_type,omitempty"`
	From         string   `json:"from,omitempty"`
	To           string   `json:"to,omitempty"`
	Sort         string   `json:"sort,omitempty"`
	Size         *int     `json:"size,omitempty"`
	Page         *int     `json:"page,omitempty"`
	Cursor       string   `json:"cursor,omitempty"`
	Facets       []string `json:"facets,omitempty"`
	FacetSize    *int     `json:"facet_size,omitempty"`
	Highlight    *bool    `json:"highlight,omitempty"`
	FragmentSize *int     `json:"fragment_size,omitempty"`
	Fragments    *int     `json:"fragments,omitempty"`
	Relax        *bool    `json:"relax,omitempty"`
}

// values turns the body into query parameters, so that both forms are
// validated by the same code.
func (b SearchBody) values() url.Values {
	v := url.Values{}
	set := func(name, val string) {
		if val != "" {
			v.Set(name, val)
		}
	}
	set("q", b.Q)
	set("from", b.From)
	set("to", b.To)
	set("sort", b.Sort)
	set("cursor", b.Cursor)
	for name, list := range map[string][]string{"kind": b.Kind, "court": b.Court, "judge": b.Judge, "case": b.Case, "cites": b.Cites, "site": b.Site, "author": b.Author, "doc_type": b.DocType} {
		for _, x := range list {
			v.Add(name, x)
		}
	}
	if len(b.Facets) > 0 {
		v.Set("facets", strings.Join(b.Facets, ","))
	}
	for name, n := range map[string]*int{"size": b.Size, "page": b.Page, "facet_size": b.FacetSize, "fragment_size": b.FragmentSize, "fragments": b.Fragments} {
		if n != nil {
			v.Set(name, strconv.Itoa(*n))
		}
	}
	if b.Highlight != nil {
		v.Set("highlight", strconv.FormatBool(*b.Highlight))
	}
	if b.Relax != nil {
		v.Set("relax", strconv.FormatBool(*b.Relax))
	}
	return v
}

// bindJSON decodes the request body into out, rejecting unknown fields and
// trailing data. The body's size is bounded by the server's body limit.
func bindJSON(c echo.Context, out any) error {
	if ct := c.Request().Header.Get(echo.HeaderContentType); ct != "" && !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		return badParam("the body must be JSON (Content-Type: application/json)")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		var mbe *http.MaxBytesError
		var he *echo.HTTPError
		if errors.As(err, &mbe) || errors.As(err, &he) {
			return err // too large: the error handler answers 413
		}
		if errors.Is(err, io.EOF) {
			return badParam("the body is empty; send a JSON object")
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return badParam(fmt.Sprintf("body: %s must be %s", te.Field, jsonKind(te.Type.Kind().String())))
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badParam(fmt.Sprintf("body: not valid JSON at byte %d", se.Offset))
		}
		return badParam(fmt.Sprintf("body: %v", strings.TrimPrefix(err.Error(), "json: ")))
	}
	if dec.More() {
		return badParam("body: unexpected data after the JSON object")
	}
	return nil
}

// jsonKind names a Go kind the way a JSON client thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "slice", "array":
		return "a list of strings"
	case "int", "int64", "uint8", "uint64":
		return "an integer"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	case "struct", "map":
		return "an object"
	}
	return "of another type"
}
