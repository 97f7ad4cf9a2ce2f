package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"dossier/api"
)

type caseView struct {
	page
	Case     api.CaseResponse
	Filings  []hitView
	Articles []hitView
	CitedBy  []hitView
}

// caseInfo renders GET /cases/{case}?court=: caption, court, judges, the
// filings as a timeline by date and docket number, related cases, the
// filings that cite it and the articles about it, from api.Server.Case
// (restricted as the caller's key is).
func (p *Pages) caseInfo(c echo.Context) error {
	number, err := url.PathUnescape(c.Param("case"))
	if err != nil {
		return p.render(c, http.StatusBadRequest, "error", errorView{page: p.page(c, "Bad request"), Status: http.StatusBadRequest,
			Message: "case is not a valid path segment"})
	}
	info, err := p.srv.Case(c, number, c.QueryParams())
	if err != nil {
		return err
	}
	title := "Case " + info.Case
	if info.Caption != "" {
		title = info.Caption + " (" + info.Case + ")"
	}
	v := caseView{page: p.page(c, title), Case: info}
	for _, h := range info.Filings {
		v.Filings = append(v.Filings, toHitView(h, ""))
	}
	for _, h := range info.Articles {
		v.Articles = append(v.Articles, toHitView(h, ""))
	}
	for _, h := range info.CitedBy {
		v.CitedBy = append(v.CitedBy, toHitView(h, ""))
	}
	return p.render(c, http.StatusOK, "case", v)
}
