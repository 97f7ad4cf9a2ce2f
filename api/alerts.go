package api

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"dossier/api/keys"
	"dossier/index"
	"dossier/index/alert"
	ql "dossier/index/query"
)

// AlertStore keeps saved-search alerts and their matches: package
// index/alert's Store. The server reaches it through Options.Alerts;
// without one, the alert routes answer 501 alerts_disabled.
type AlertStore interface {
	// Create saves a new alert and returns it with its webhook secret
	// and feed token (shown once).
	Create(a alert.Alert) (alert.Alert, error)
	// Get returns one alert, secrets included.
	Get(id string) (alert.Alert, error)
	// List returns the alerts key may see (every one for admin).
	List(key string, admin bool) ([]alert.Alert, error)
	// Update changes an alert's name, search and webhook URL through fn.
	Update(id string, fn func(*alert.Alert) error) (alert.Alert, error)
	// Delete removes an alert with its matches and deliveries.
	Delete(id string) error
	// Rotate gives an alert a new webhook secret and feed token.
	Rotate(id string) (alert.Alert, error)
	// Matches returns an alert's matches in record order.
	Matches(id string, q alert.MatchQuery) ([]alert.Match, error)
	// Recent returns an alert's latest n matches, newest first.
	Recent(id string, n int) ([]alert.Match, error)
	// Metrics returns the store's counters and outbox depth.
	Metrics() alert.Metrics
}

// Error codes of the alert routes (stable, as the others in errors.go).
const (
	CodeAlertsDisabled = "alerts_disabled" // 501: the server runs without an alerts store
	CodeWebhookRefused = "webhook_refused" // 400: the webhook URL is not http(s) or names a private address
)

// Limits of the alert routes.
const (
	// FeedEntries is the number of latest matches an alert's Atom feed
	// lists.
	FeedEntries = 50
	// maxSinceBytes bounds the since parameter of the matches route.
	maxSinceBytes = 64
	// maxFeedTokenBytes bounds the feed's token parameter.
	maxFeedTokenBytes = 128
)

// errAlertsOff answers the alert routes of a server without a store.
var errAlertsOff = &apiError{status: http.StatusNotImplemented, code: CodeAlertsDisabled,
	msg: "alerts are off on this server (it runs without an alerts store)"}

// errAlertNotFound answers an unknown alert, or one the caller's key may
// not see: the two are not told apart.
var errAlertNotFound = &apiError{status: http.StatusNotFound, code: CodeNotFound, msg: "alert not found"}

// AlertBody is the body of POST /v1/alerts and PUT /v1/alerts/{id}: a
// name, the search (each field as the parameter of the same name of GET
// /v1/search) and a webhook.
type AlertBody struct {
	Name string `json:"name"`
	Q    string `json:"q,omitempty"`
	AlertFilters
	// WebhookURL is where matches are POSTed, signed; "" for none (the
	// matches are still kept for the matches route and the feed). On PUT,
	// absent keeps the current one.
	WebhookURL *string `json:"webhook_url,omitempty"`
}

// FollowBody is the optional body of POST /v1/cases/{case}/follow.
type FollowBody struct {
	Name       string `json:"name,omitempty"`  // default "Case NUMBER"
	Court      string `json:"court,omitempty"` // the case's court id, when the number is used in several
	WebhookURL string `json:"webhook_url,omitempty"`
}

// AlertFilters are an alert's filters, named as GET /v1/search's.
type AlertFilters struct {
	Kind    []string `json:"kind,omitempty"`
	Court   []string `json:"court,omitempty"`
	Judge   []string `json:"judge,omitempty"`
	Case    []string `json:"case,omitempty"`
	Cites   []string `json:"cites,omitempty"`
	Site    []string `json:"site,omitempty"`
	Author  []string `json:"author,omitempty"`
	DocType []string `json:"doc_type,omitempty"`
	From    string   `json:"from,omitempty"` // YYYY-MM-DD
	To      string   `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
}

// AlertResponse is an alert as the API shows it. WebhookSecret,
// FeedToken and FeedURL are present only in the answers of create,
// follow and rotate: they are shown once.
type AlertResponse struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Owner   string       `json:"owner,omitempty"` // the API key that made it
	Q       string       `json:"q,omitempty"`
	Filters AlertFilters `json:"filters"`
	// Restrict is the owner key's mandatory filter when the alert was
	// made, ANDed with every match for ever.
	Restrict      string    `json:"restrict,omitempty"`
	Case          string    `json:"case,omitempty"` // a docket alert: the case followed
	WebhookURL    string    `json:"webhook_url,omitempty"`
	WebhookSecret string    `json:"webhook_secret,omitempty"`
	FeedToken     string    `json:"feed_token,omitempty"`
	FeedURL       string    `json:"feed_url,omitempty"` // path of the Atom feed, token included
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
}

// AlertList is the body of GET /v1/alerts.
type AlertList struct {
	Alerts []AlertResponse `json:"alerts"` // oldest first
}

// MatchOutput is one recorded match.
type MatchOutput struct {
	Seq      uint64           `json:"seq"` // increasing; pass the last one seen as since
	ID       string           `json:"id"`
	EventID  string           `json:"event_id"` // the webhook delivery that carries it
	At       time.Time        `json:"at"`       // when recorded
	Document MatchedDocOutput `json:"document"`
}

// MatchedDocOutput is what a match says of its document.
type MatchedDocOutput struct {
	ID          string   `json:"id"`
	Title       string   `json:"title,omitempty"`
	Court       string   `json:"court,omitempty"`
	CaseNumbers []string `json:"case_numbers,omitempty"`
	Date        string   `json:"date,omitempty"`     // YYYY-MM-DD
	Fragment    string   `json:"fragment,omitempty"` // HTML, matches in <mark>
}

// MatchesResponse is the body of GET /v1/alerts/{id}/matches.
type MatchesResponse struct {
	Matches []MatchOutput `json:"matches"`
	// NextSince, passed as since, returns the matches after these: the
	// last one's seq, or the since given when there are none.
	NextSince string `json:"next_since,omitempty"`
	// More says the page is full: there may be more at once.
	More bool `json:"more"`
}

// alerts returns the store, or the 501 of a server without one.
func (s *Server) alerts() (AlertStore, error) {
	if s.opts.Alerts == nil {
		return nil, errAlertsOff
	}
	return s.opts.Alerts, nil
}

// alertCaller tells who calls: the key name that owns what it creates,
// whether it is an administrator of alerts (a key with the admin scope
// and no mandatory filter, or any caller when there is no keys file), and
// its mandatory filter. A filtered admin key sees only its own alerts:
// another's matches may lie outside its filter.
func (s *Server) alertCaller(c echo.Context) (owner string, admin bool, restrict string) {
	if s.keys == nil {
		return "", true, ""
	}
	k, ok := requestKey(c)
	if !ok {
		return "", false, ""
	}
	return k.Name, k.Has(keys.ScopeAdmin) && k.Filter == "", k.Filter
}

// visibleAlert returns the alert :id when the caller may see it, else
// 404 (unknown and not visible are not told apart).
func (s *Server) visibleAlert(c echo.Context) (AlertStore, alert.Alert, error) {
	st, err := s.alerts()
	if err != nil {
		return nil, alert.Alert{}, err
	}
	id := c.Param("id")
	if !plainAlertID(id) {
		return nil, alert.Alert{}, errAlertNotFound
	}
	a, err := st.Get(id)
	if err != nil {
		return nil, alert.Alert{}, err
	}
	owner, admin, _ := s.alertCaller(c)
	if !a.VisibleTo(owner, admin) {
		return nil, alert.Alert{}, errAlertNotFound
	}
	return st, a, nil
}

// plainAlertID reports whether id looks like an alert ID: 1..64 lower-case
// hex digits.
func plainAlertID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !(id[i] >= '0' && id[i] <= '9' || id[i] >= 'a' && id[i] <= 'f') {
			return false
		}
	}
	return true
}

// alertSearch checks the body's search as GET /v1/search checks its
// parameters and returns its query and filters.
func alertSearch(b AlertBody) (string, index.Filters, error) {
	for name, v := range map[string]string{"from": b.From, "to": b.To} {
		if strings.HasPrefix(strings.TrimSpace(v), "-") {
			return "", index.Filters{}, badParam(name + ": an alert keeps its dates for ever; give a date (YYYY-MM-DD), not a relative one")
		}
	}
	sb := SearchBody{Q: b.Q, Kind: b.Kind, Court: b.Court, Judge: b.Judge, Case: b.Case, Cites: b.Cites,
		Site: b.Site, Author: b.Author, DocType: b.DocType, From: b.From, To: b.To}
	req, err := parseSearchParams(sb.values())
	if err != nil {
		return "", index.Filters{}, err
	}
	return req.Query, req.Filters, nil
}

// dryRun runs a's search once, counting only, as its owner would search:
// a value no document can have (a court typo, say) or a query the engine
// refuses is the 400 GET /v1/search would answer, before the alert is
// saved.
func (s *Server) dryRun(c echo.Context, a alert.Alert) error {
	req := a.Request()
	req.Strict, req.CountOnly = true, true
	req.SetDefaults()
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	_, err := s.backend.Search(ctx, req)
	return err
}

// knownOnce refuses query parameters other than names, and any given
// more than once.
func knownOnce(v url.Values, names ...string) error {
	for name, vals := range v {
		if !slices.Contains(names, name) {
			return badParam("unknown parameter " + strconv.Quote(name) + " (known: " + strings.Join(names, ", ") + ")")
		}
		if len(vals) > 1 {
			return badParam("parameter " + strconv.Quote(name) + " may be given once")
		}
	}
	return nil
}

// bindAlert reads the body of POST /v1/alerts and PUT /v1/alerts/{id},
// checks its name and compiles its search (see alertSearch).
func bindAlert(c echo.Context) (AlertBody, string, index.Filters, error) {
	var body AlertBody
	if err := bindJSON(c, &body); err != nil {
		return body, "", index.Filters{}, err
	}
	if err := checkAlertName(body.Name); err != nil {
		return body, "", index.Filters{}, err
	}
	q, f, err := alertSearch(body)
	return body, q, f, err
}

// checkAlertName bounds a name before the store sees it.
func checkAlertName(name string) error {
	if strings.TrimSpace(name) == "" {
		return badParam("name is required")
	}
	if len(name) > alert.MaxNameBytes {
		return badParam("name is longer than " + strconv.Itoa(alert.MaxNameBytes) + " bytes")
	}
	return nil
}

// createAlert is POST /v1/alerts: 201 with the alert, its webhook secret
// and feed token shown this once.
func (s *Server) createAlert(c echo.Context) error {
	st, err := s.alerts()
	if err != nil {
		return err
	}
	body, q, f, err := bindAlert(c)
	if err != nil {
		return err
	}
	owner, _, restrict := s.alertCaller(c)
	a := alert.Alert{Name: body.Name, Owner: owner, Query: q, Filters: f, Restrict: restrict}
	if body.WebhookURL != nil {
		a.Webhook.URL = *body.WebhookURL
	}
	if err := s.dryRun(c, a); err != nil {
		return err
	}
	made, err := st.Create(a)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toAlertResponse(made, true))
}

// listAlerts is GET /v1/alerts: the alerts the caller's key made (every
// alert for an administrator), secrets left out.
func (s *Server) listAlerts(c echo.Context) error {
	st, err := s.alerts()
	if err != nil {
		return err
	}
	if len(c.QueryParams()) > 0 {
		return badParam("GET /v1/alerts takes no parameters")
	}
	owner, admin, _ := s.alertCaller(c)
	list, err := st.List(owner, admin)
	if err != nil {
		return err
	}
	out := AlertList{Alerts: make([]AlertResponse, 0, len(list))}
	for _, a := range list {
		out.Alerts = append(out.Alerts, toAlertResponse(a, false))
	}
	return c.JSON(http.StatusOK, out)
}

// getAlert is GET /v1/alerts/{id}.
func (s *Server) getAlert(c echo.Context) error {
	_, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAlertResponse(a, false))
}

// updateAlert is PUT /v1/alerts/{id}: the name and the search are
// replaced by the body's; the webhook URL too when the body has one. The
// owner, its filter, the case of a docket alert, the secret and the feed
// token stay.
func (s *Server) updateAlert(c echo.Context) error {
	st, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	body, q, f, err := bindAlert(c)
	if err != nil {
		return err
	}
	if a.Case != "" && !emptyFilters(f) {
		return badParam("a docket alert's filters are its case's; change only name, q and webhook_url")
	}
	change := func(x *alert.Alert) error {
		x.Name, x.Query = body.Name, q
		if x.Case == "" {
			x.Filters = f
		}
		if body.WebhookURL != nil {
			x.Webhook.URL = *body.WebhookURL
		}
		return nil
	}
	next := a
	_ = change(&next)
	if err := s.dryRun(c, next); err != nil {
		return err
	}
	saved, err := st.Update(a.ID, change)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAlertResponse(saved, false))
}

// deleteAlert is DELETE /v1/alerts/{id}: the alert, its matches and its
// waiting deliveries go; 204.
func (s *Server) deleteAlert(c echo.Context) error {
	st, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	if err := st.Delete(a.ID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// rotateAlert is POST /v1/alerts/{id}/rotate: a new webhook secret and
// feed token, shown this once; the old ones stop working.
func (s *Server) rotateAlert(c echo.Context) error {
	st, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	rotated, err := st.Rotate(a.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toAlertResponse(rotated, true))
}

// alertMatches is GET /v1/alerts/{id}/matches?since=&limit=.
func (s *Server) alertMatches(c echo.Context) error {
	st, err := s.alerts()
	if err != nil {
		return err
	}
	v := c.QueryParams()
	if err := knownOnce(v, "since", "limit"); err != nil {
		return err
	}
	since, err := ParseSince(v.Get("since"))
	if err != nil {
		return badParam(err.Error())
	}
	limit := alert.DefaultMatchesN
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > alert.MaxMatchesPage {
			return badParam("limit must be an integer between 1 and " + strconv.Itoa(alert.MaxMatchesPage))
		}
		limit = n
	}
	_, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	ms, err := st.Matches(a.ID, alert.MatchQuery{AfterSeq: since.AfterSeq, Since: since.Time, Limit: limit})
	if err != nil {
		return err
	}
	out := MatchesResponse{Matches: make([]MatchOutput, 0, len(ms)), NextSince: v.Get("since"), More: len(ms) == limit}
	for _, m := range ms {
		out.Matches = append(out.Matches, toMatchOutput(m))
	}
	if len(ms) > 0 {
		out.NextSince = strconv.FormatUint(ms[len(ms)-1].Seq, 10)
	}
	return c.JSON(http.StatusOK, out)
}

// previewAlert is GET /v1/alerts/{id}/preview?size=: the alert's search
// run now over the whole index (strict, with its owner's filter, newest
// first), to see what it would match; dossier alerts test prints it.
func (s *Server) previewAlert(c echo.Context) error {
	if _, err := s.alerts(); err != nil {
		return err
	}
	v := c.QueryParams()
	if err := knownOnce(v, "size"); err != nil {
		return err
	}
	size, err := intParam(v, "size")
	if err != nil {
		return err
	}
	_, a, err := s.visibleAlert(c)
	if err != nil {
		return err
	}
	req := a.Request()
	req.Strict, req.Highlight, req.Sort, req.Size = true, true, index.SortDateDesc, size
	req.SetDefaults()
	if err := req.Validate(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.opts.SearchTimeout)
	defer cancel()
	res, err := s.backend.Search(ctx, req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSearchResponse(req, res, s.sourceView(c)))
}

// followCase is POST /v1/cases/{case}/follow: a docket alert on the
// case's own filings (in the body's court when given), 201 with its
// secret and feed token shown once. The body is optional.
func (s *Server) followCase(c echo.Context) error {
	if len(c.QueryParams()) > 0 {
		return badParam("follow takes its options in the JSON body: name, court, webhook_url")
	}
	var body FollowBody
	if err := bindOptionalJSON(c, &body); err != nil {
		return err
	}
	made, err := s.Follow(c, c.Param("case"), body)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, made)
}

// Follow makes the caller's key a docket alert on case number (escaped
// as in a path) and returns it with its secret and feed token, shown this
// once: POST /v1/cases/{case}/follow, and the web case page's Follow
// button. The caller's key must hold the alerts scope.
func (s *Server) Follow(c echo.Context, number string, body FollowBody) (AlertResponse, error) {
	st, err := s.alerts()
	if err != nil {
		return AlertResponse{}, err
	}
	number, err = url.PathUnescape(number)
	if err != nil || number == "" || len(number) > maxIDLength {
		return AlertResponse{}, badParam("case must be 1 to 128 characters")
	}
	cn, ok := ql.ParseCaseFilter(number)
	if !ok {
		return AlertResponse{}, badParam(strconv.Quote(number) + " is not a case number")
	}
	if body.Name == "" {
		body.Name = "Case " + cn.Canonical
	}
	if err := checkAlertName(body.Name); err != nil {
		return AlertResponse{}, err
	}
	a := alert.Alert{Name: body.Name, Case: cn.Canonical, Filters: index.Filters{Kind: followKinds()}, Webhook: alert.Webhook{URL: body.WebhookURL}}
	if body.Court != "" {
		a.Filters.Court = []string{body.Court}
	}
	a.Owner, _, a.Restrict = s.alertCaller(c)
	if err := s.dryRun(c, a); err != nil {
		return AlertResponse{}, err
	}
	made, err := st.Create(a)
	if err != nil {
		return AlertResponse{}, err
	}
	return toAlertResponse(made, true), nil
}

// AlertsEnabled reports whether the server keeps alerts (Options.Alerts).
func (s *Server) AlertsEnabled() bool { return s.opts.Alerts != nil }

// followKinds is the kind filter of a docket alert: filings only (an
// article that mentions the case is not one of its own filings).
func followKinds() []string { return []string{"filing"} }

// emptyFilters reports whether f filters nothing.
func emptyFilters(f index.Filters) bool {
	for _, ff := range index.FilterFields {
		if ff.HasFilter() && len(f.List(ff.Name)) > 0 {
			return false
		}
	}
	return len(f.IDs) == 0 && f.From.IsZero() && f.To.IsZero()
}

// bindOptionalJSON is bindJSON for a body that may be left out.
func bindOptionalJSON(c echo.Context, out any) error {
	req := c.Request()
	if req.Body == nil {
		return nil
	}
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	return bindJSON(c, out)
}

// toAlertResponse maps an alert; secrets says whether to show its
// webhook secret and feed token (create, follow and rotate only).
func toAlertResponse(a alert.Alert, secrets bool) AlertResponse {
	f := a.Filters
	out := AlertResponse{
		ID: a.ID, Name: a.Name, Owner: a.Owner, Q: a.Query, Restrict: a.Restrict, Case: a.Case,
		WebhookURL: a.Webhook.URL, Created: a.Created, Updated: a.Updated,
		Filters: AlertFilters{Kind: f.Kind, Court: f.Court, Judge: f.Judge, Case: f.Case, Cites: f.Cites,
			Site: f.Site, Author: f.Author, DocType: f.DocType},
	}
	if !f.From.IsZero() {
		out.Filters.From = f.From.UTC().Format(time.DateOnly)
	}
	if !f.To.IsZero() {
		out.Filters.To = f.To.UTC().Format(time.DateOnly)
	}
	if secrets {
		out.WebhookSecret = a.Webhook.Secret
		out.FeedToken = a.FeedToken
		out.FeedURL = "/v1/alerts/" + a.ID + "/feed?token=" + url.QueryEscape(a.FeedToken)
	}
	return out
}

// toMatchOutput maps a recorded match.
func toMatchOutput(m alert.Match) MatchOutput {
	return MatchOutput{Seq: m.Seq, ID: m.ID, EventID: m.EventID, At: m.At, Document: MatchedDocOutput{
		ID: m.Doc.ID, Title: m.Doc.Title, Court: m.Doc.Court, CaseNumbers: m.Doc.Cases, Date: m.Doc.Date, Fragment: m.Doc.Fragment,
	}}
}
