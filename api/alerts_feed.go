package api

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dossier/index/alert"
)

// Since is a parsed since parameter of GET /v1/alerts/{id}/matches:
// either the seq of the last match seen (the matches after it) or a time
// (the matches recorded at or after it).
type Since struct {
	AfterSeq uint64    // 0: from the first match
	Time     time.Time // zero: any time
}

// ParseSince reads a since parameter: "" (every match), a match's seq (a
// decimal number, as next_since gives), an RFC 3339 time, or a date
// YYYY-MM-DD (its start, UTC).
func ParseSince(s string) (Since, error) {
	switch {
	case s == "":
		return Since{}, nil
	case len(s) > maxSinceBytes:
		return Since{}, errors.New("since is too long")
	case isDecimal(s):
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return Since{}, errors.New("since: seq out of range")
		}
		return Since{AfterSeq: n}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return Since{Time: t.UTC()}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Since{Time: t}, nil
	}
	return Since{}, errors.New("since must be a match's seq (next_since), an RFC 3339 time or a date YYYY-MM-DD")
}

// isDecimal reports whether s is a non-empty run of ASCII digits.
func isDecimal(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// atomFeed is an Atom 1.0 feed (RFC 4287), as much of it as an alert's
// feed needs.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	ID      string    `xml:"id"`
	Title   string    `xml:"title"`
	Updated string    `xml:"updated"`
	Link    atomLink  `xml:"link"`
	Summary *atomText `xml:"summary,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// alertFeed is GET /v1/alerts/{id}/feed?token=: the alert's latest
// matches as an Atom feed, for feed readers that cannot send an API key.
// It is a public route authorised by the alert's feed token, compared in
// constant time; a wrong or missing token is the 404 of an unknown alert.
// It is under the per-address rate limit.
func (s *Server) alertFeed(c echo.Context) error {
	return s.limitAddress(s.serveAlertFeed)(c)
}

func (s *Server) serveAlertFeed(c echo.Context) error {
	st, err := s.alerts()
	if err != nil {
		return err
	}
	v := c.QueryParams()
	if err := knownOnce(v, "token"); err != nil {
		return err
	}
	token, id := v.Get("token"), c.Param("id")
	if token == "" || len(token) > maxFeedTokenBytes || !plainAlertID(id) {
		return errAlertNotFound
	}
	a, err := st.Get(id)
	if err != nil {
		if errors.Is(err, alert.ErrNotFound) {
			return errAlertNotFound
		}
		return err
	}
	if !a.FeedTokenMatches(token) {
		return errAlertNotFound
	}
	ms, err := st.Recent(a.ID, FeedEntries)
	if err != nil {
		return err
	}
	feed := s.atomOf(c, a, ms)
	body, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return fmt.Errorf("api: feed: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=60")
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), body...))
}

// atomOf builds the feed of alert a with its latest matches ms (newest
// first). Entry links go to the web interface's document page when it is
// served, else to the API's document route; both are absolute, on the
// host the request was made to.
func (s *Server) atomOf(c echo.Context, a alert.Alert, ms []alert.Match) atomFeed {
	base := c.Scheme() + "://" + c.Request().Host
	updated := a.Updated
	if len(ms) > 0 && ms[0].At.After(updated) {
		updated = ms[0].At
	}
	feed := atomFeed{
		ID:      "urn:dossier:alert:" + a.ID,
		Title:   "dossier alert: " + a.Name,
		Updated: updated.UTC().Format(time.RFC3339),
		Author:  atomPerson{Name: "dossier"},
		Link: []atomLink{{Rel: "self", Type: "application/atom+xml",
			Href: base + "/v1/alerts/" + a.ID + "/feed?token=" + url.QueryEscape(a.FeedToken)}},
	}
	docPath := "/v1/documents/"
	if s.opts.Web {
		docPath = "/documents/"
	}
	for _, m := range ms {
		title := strings.TrimSpace(m.Doc.Title)
		if title == "" {
			title = m.Doc.ID
		}
		e := atomEntry{
			ID: "urn:dossier:match:" + m.ID, Title: title, Updated: m.At.UTC().Format(time.RFC3339),
			Link: atomLink{Href: base + docPath + url.PathEscape(m.Doc.ID), Rel: "alternate"},
		}
		if m.Doc.Fragment != "" {
			e.Summary = &atomText{Type: "html", Body: m.Doc.Fragment}
		}
		feed.Entries = append(feed.Entries, e)
	}
	return feed
}
