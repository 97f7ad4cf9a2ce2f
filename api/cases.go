package api

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"
)

// CaseResponse is the body of GET /v1/cases/{case}.
type CaseResponse struct {
	Case        string            `json:"case"`                   // canonical number, e.g. "19-cv-07123"
	Court       string            `json:"court,omitempty"`        // court id
	OtherCourts []string          `json:"other_courts,omitempty"` // other courts with a case of this number
	Caption     string            `json:"caption,omitempty"`
	Judges      []string          `json:"judges"`                   // canonical names, most often named first
	Initials    map[string]string `json:"judge_initials,omitempty"` // initials in case numbers → judge, "" if unresolved
	Filings     []SearchHit       `json:"filings"`                  // by date, then docket number
	Articles    []SearchHit       `json:"articles"`                 // press articles that mention the case
	Related     []string          `json:"related"`                  // related or consolidated cases its captions name
	CitedBy     []SearchHit       `json:"cited_by"`                 // filings of other cases that cite it, by date
	Truncated   bool              `json:"truncated,omitempty"`      // more documents than listed
}

// caseInfo gathers a case's documents: GET /v1/cases/{case}?court=ID.
func (s *Server) caseInfo(c echo.Context) error {
	number, err := url.PathUnescape(c.Param("case"))
	if err != nil {
		return badParam("case is not a valid path segment")
	}
	out, err := s.Case(c, number, c.QueryParams())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// Case is GET /v1/cases/{case}: the case number (any spelling, path
// unescaped) and the parameters v (court) checked, then the case's
// documents as the caller of c may see them. Package api/web calls it for
// its case page.
func (s *Server) Case(c echo.Context, number string, v url.Values) (CaseResponse, error) {
	for name := range v {
		if name != "court" {
			return CaseResponse{}, badParam("unknown parameter " + name + " (known: court)")
		}
	}
	if number == "" || len(number) > maxIDLength {
		return CaseResponse{}, badParam("case must be 1 to 128 characters")
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	ex, err := s.explorer()
	if err != nil {
		return CaseResponse{}, err
	}
	info, err := ex.Case(ctx, number, v.Get("court"), s.restriction(c))
	if err != nil {
		return CaseResponse{}, err
	}
	out := CaseResponse{
		Case: info.Canonical, Court: info.Court, OtherCourts: info.OtherCourts, Caption: info.Caption,
		Judges: info.Judges, Initials: info.JudgeInitials, Truncated: info.Truncated,
		Filings: make([]SearchHit, 0, len(info.Filings)), Articles: make([]SearchHit, 0, len(info.Articles)),
		Related: append([]string{}, info.Related...), CitedBy: make([]SearchHit, 0, len(info.CitedBy)),
	}
	if out.Judges == nil {
		out.Judges = []string{}
	}
	source := s.sourceView(c)
	for _, h := range info.Filings {
		out.Filings = append(out.Filings, toSearchHit(h, source))
	}
	for _, h := range info.Articles {
		out.Articles = append(out.Articles, toSearchHit(h, source))
	}
	for _, h := range info.CitedBy {
		out.CitedBy = append(out.CitedBy, toSearchHit(h, source))
	}
	return out, nil
}
