package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// csrfToken returns the token the forms of c's page post back: an HMAC of
// the browser session's random seed (the csrf cookie), which it sets when
// the browser has none. A form posted from another site carries no valid
// token (it cannot read the cookie nor compute the HMAC).
func (p *Pages) csrfToken(c echo.Context) string {
	seed := ""
	if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) == 32 {
		seed = ck.Value
	} else {
		var b [16]byte
		_, _ = rand.Read(b[:])
		seed = hex.EncodeToString(b[:])
		c.SetCookie(p.cookie(c, csrfCookie, seed, 0))
	}
	return p.sign(seed)
}

func (p *Pages) sign(seed string) string {
	m := hmac.New(sha256.New, p.csrfKey[:])
	m.Write([]byte("csrf\x00" + seed))
	return hex.EncodeToString(m.Sum(nil))
}

// checkCSRF reports whether the posted form's token is the session's.
func (p *Pages) checkCSRF(c echo.Context) bool {
	ck, err := c.Cookie(csrfCookie)
	if err != nil || len(ck.Value) != 32 {
		return false
	}
	got := c.FormValue("csrf")
	return hmac.Equal([]byte(got), []byte(p.sign(ck.Value)))
}

// cookie builds one of the pages' cookies: HttpOnly, SameSite=Strict,
// Secure when the request came over TLS; maxAge 0 is a session cookie,
// negative deletes it.
func (p *Pages) cookie(c echo.Context, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: c.Request().TLS != nil,
	}
}

type signInView struct {
	page
	Next    string
	Message string
}

// signInForm renders GET /sign-in.
func (p *Pages) signInForm(c echo.Context) error {
	return p.renderSignIn(c, http.StatusOK, "")
}

func (p *Pages) renderSignIn(c echo.Context, status int, msg string) error {
	next := c.Request().URL.RequestURI()
	if c.Path() == "/sign-in" || c.Path() == "/sign-out" {
		next = localPath(c.FormValue("next"))
	}
	v := signInView{page: p.page(c, "Sign in"), Next: next, Message: msg}
	v.SignedIn = false
	return p.render(c, status, "signin", v)
}

// signIn handles POST /sign-in: with a valid CSRF token and a valid key,
// it keeps the key in the session cookie and goes to next.
func (p *Pages) signIn(c echo.Context) error {
	if !p.checkCSRF(c) {
		return p.render(c, http.StatusForbidden, "error", errorView{page: p.page(c, "Refused"), Status: http.StatusForbidden,
			Message: "the form has expired or did not come from this site; reload the sign-in page and try again"})
	}
	key := strings.TrimSpace(c.FormValue("key"))
	if key == "" || len(key) > 512 {
		return p.renderSignIn(c, http.StatusUnauthorized, "enter an API key")
	}
	if _, err := p.srv.LookupKey(key); err != nil {
		p.logger.Info("sign-in refused", "client", c.RealIP())
		return p.renderSignIn(c, http.StatusUnauthorized, "this API key is not valid, has expired or has been revoked")
	}
	c.SetCookie(p.cookie(c, keyCookie, key, 0))
	return c.Redirect(http.StatusSeeOther, localPath(c.FormValue("next")))
}

// signOut handles POST /sign-out: it forgets the key's cookie.
func (p *Pages) signOut(c echo.Context) error {
	if !p.checkCSRF(c) {
		return p.render(c, http.StatusForbidden, "error", errorView{page: p.page(c, "Refused"), Status: http.StatusForbidden,
			Message: "the form has expired or did not come from this site; reload the page and try again"})
	}
	c.SetCookie(p.cookie(c, keyCookie, "", -1))
	return c.Redirect(http.StatusSeeOther, "/sign-in")
}

// localPath keeps next only when it is a path on this site, so that the
// sign-in form cannot send anyone elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
