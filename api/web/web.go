package web

import (
	"bytes"
	"crypto/rand"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"dossier/api"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// CSP is the Content-Security-Policy of every page: scripts, styles and
// images from the server itself only, no inline script or style, no
// plugins, no framing, forms posting only back to the server.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Cookie names.
const (
	keyCookie  = "dossier_key"  // the signed-in API key's secret
	csrfCookie = "dossier_csrf" // the browser session's random CSRF seed
)

// Pages is the web interface of one api.Server.
type Pages struct {
	srv    *api.Server
	logger *slog.Logger
	tmpl   map[string]*template.Template // by page name
	// csrfKey signs the CSRF tokens of this process's forms.
	csrfKey [32]byte
}

// Mount builds the pages and registers them on srv. logger may be nil for
// silence.
func Mount(srv *api.Server, logger *slog.Logger) (*Pages, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	p := &Pages{srv: srv, logger: logger, tmpl: map[string]*template.Template{}}
	if _, err := rand.Read(p.csrfKey[:]); err != nil {
		return nil, fmt.Errorf("web: csrf key: %w", err)
	}
	funcs := template.FuncMap{
		"marked":  markedHTML,
		"caseURL": caseURL,
		"join":    strings.Join,
		"add":     func(a, b int) int { return a + b },
	}
	for _, name := range []string{"search", "document", "case", "followed", "error", "signin"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		p.tmpl[name] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	assets := echo.WrapHandler(http.StripPrefix("/static/", http.FileServer(http.FS(static))))
	routes := []api.PageRoute{
		{Method: http.MethodGet, Path: "/", Scope: api.ScopeSearch, Searches: true, Handler: p.search},
		{Method: http.MethodGet, Path: "/export", Scope: api.ScopeSearch, Searches: true, Handler: srv.ExportHandler()},
		{Method: http.MethodGet, Path: "/documents/:id", Scope: api.ScopeRead, Searches: true, Handler: p.document},
		{Method: http.MethodGet, Path: "/documents/:id/file", Scope: api.ScopeRead, Handler: srv.FileHandler()},
		{Method: http.MethodGet, Path: "/cases/:case", Scope: api.ScopeRead, Searches: true, Handler: p.caseInfo},
		{Method: http.MethodGet, Path: "/static/*", Scope: api.ScopePublic, Handler: assets},
	}
	if srv.AlertsEnabled() {
		routes = append(routes, api.PageRoute{Method: http.MethodPost, Path: "/cases/:case/follow", Scope: api.ScopeAlerts, Searches: true, Handler: p.follow})
	}
	if srv.KeysRequired() {
		routes = append(routes,
			api.PageRoute{Method: http.MethodGet, Path: "/sign-in", Scope: api.ScopePublic, Handler: p.signInForm},
			api.PageRoute{Method: http.MethodPost, Path: "/sign-in", Scope: api.ScopePublic, Handler: p.signIn},
			api.PageRoute{Method: http.MethodPost, Path: "/sign-out", Scope: api.ScopePublic, Handler: p.signOut},
		)
	}
	srv.Mount(routes, secret, p.wrap)
	return p, nil
}

// secret reads the key of a page request: the Authorization header when
// sent (scripts, curl), else the sign-in cookie.
func secret(c echo.Context) (string, bool) {
	if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if token = strings.TrimSpace(token); ok && strings.EqualFold(scheme, "Bearer") && token != "" && len(h) <= 512 {
			return token, true
		}
		return "", false
	}
	ck, err := c.Cookie(keyCookie)
	if err != nil || ck.Value == "" || len(ck.Value) > 512 {
		return "", false
	}
	return ck.Value, true
}

// wrap sets the pages' security headers and renders the errors of the
// admission chain and the handlers as pages: a missing or bad key (401)
// as the sign-in form, others as an error page with the API's message.
func (p *Pages) wrap(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		err := next(c)
		if err == nil || c.Response().Committed {
			return err
		}
		status, body := api.ErrorResponse(err)
		if status >= 500 {
			p.logger.Error("page failed", "path", c.Path(), "status", status, "err", err)
		}
		if status == http.StatusUnauthorized && p.srv.KeysRequired() {
			return p.renderSignIn(c, status, body.Error.Message)
		}
		return p.render(c, status, "error", errorView{page: p.page(c, "Error"), Status: status, Message: body.Error.Message})
	}
}

// page is what every page's layout shows.
type page struct {
	Title    string
	SignedIn bool   // a key came with the request by cookie
	CSRF     string // the token forms must post back
	Query    string // the search box's value
	// SearchPage leaves the header's search box out: the page has its own.
	SearchPage bool
}

func (p *Pages) page(c echo.Context, title string) page {
	pg := page{Title: title}
	if p.srv.KeysRequired() { // without keys no form posts anything
		pg.CSRF = p.csrfToken(c)
		if ck, err := c.Cookie(keyCookie); err == nil && ck.Value != "" {
			pg.SignedIn = true
		}
	}
	return pg
}

type errorView struct {
	page
	Status  int
	Message string
}

// render executes the page template name into the response with status.
func (p *Pages) render(c echo.Context, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := p.tmpl[name].Execute(&buf, data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}
