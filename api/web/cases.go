package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/api"
)

type caseView struct {
	page
	Case     api.CaseResponse
	Filings  []hitView
	Articles []hitView
	CitedBy  []hitView
	// Follow shows the Follow button: the server keeps alerts.
	Follow bool
}

// followedView is the page after following a case: the new alert with
// its feed address, shown this once.
type followedView struct {
	page
	Alert api.AlertResponse
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
	v := caseView{page: p.page(c, title), Case: info, Follow: p.srv.AlertsEnabled()}
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

// follow handles POST /cases/{case}/follow: with a valid CSRF token the
// caller's key follows the case (api.Server.Follow: an alert on the
// case's own filings, in the court of the page), and the page shows the
// alert's feed address, which holds its token, this once. The key needs
// the alerts scope.
func (p *Pages) follow(c echo.Context) error {
	if !p.checkCSRF(c) {
		return p.render(c, http.StatusForbidden, "error", errorView{page: p.page(c, "Refused"), Status: http.StatusForbidden,
			Message: "the form has expired or did not come from this site; reload the case page and try again"})
	}
	made, err := p.srv.Follow(c, c.Param("case"), api.FollowBody{Court: strings.TrimSpace(c.FormValue("court"))})
	if err != nil {
		return err
	}
	return p.render(c, http.StatusCreated, "followed", followedView{page: p.page(c, "Following "+made.Case), Alert: made})
}
