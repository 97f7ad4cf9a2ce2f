package web

import (
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/api"
	"dossier/api/keys"
	"dossier/index/alert"
)

// TestFollowCaseFromItsPage: a key with the alerts scope follows a case
// from its page and gets the feed address once; the alert is its own, on
// the case's filings in the page's court. A forged form and a key without
// the scope are refused, and a server without alerts shows no button.
func TestFollowCaseFromItsPage(t *testing.T) {
	dir := t.TempDir()
	var set keys.Set
	secrets := map[string]string{}
	for name, sc := range map[string][]keys.Scope{
		"watcher": {keys.ScopeSearch, keys.ScopeRead, keys.ScopeAlerts},
		"reader":  {keys.ScopeSearch, keys.ScopeRead},
	} {
		sec, _, err := set.Create(keys.CreateOptions{Name: name, Scopes: sc}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		secrets[name] = sec
	}
	keysFile := filepath.Join(dir, "keys.json")
	if err := set.Save(keysFile); err != nil {
		t.Fatal(err)
	}
	st, err := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ts := serveWeb(t, api.Options{KeysFile: keysFile, Alerts: st})

	signIn := func(name string) (*http.Client, string) {
		cl, token := signInForm(t, ts)
		res, err := cl.PostForm(ts.URL+"/sign-in", url.Values{"csrf": {token}, "key": {secrets[name]}, "next": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in as %s: %d", name, res.StatusCode)
		}
		return cl, token
	}
	get := func(cl *http.Client, path string) (int, string) {
		res, err := cl.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	post := func(cl *http.Client, path string, form url.Values) (int, string) {
		res, err := cl.PostForm(ts.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}

	cl, token := signIn("watcher")
	code, page := get(cl, "/cases/3:24-cv-1234")
	if code != http.StatusOK {
		t.Fatalf("case page: %d", code)
	}
	mustContain(t, "case page", page, `class="follow"`, `action="/cases/24-cv-01234/follow"`, `name="court" value="cand"`, "Follow this case")

	if code, _ := post(cl, "/cases/24-cv-01234/follow", url.Values{"court": {"cand"}}); code != http.StatusForbidden {
		t.Errorf("follow without the form's token: %d, want 403", code)
	}
	code, body := post(cl, "/cases/24-cv-01234/follow", url.Values{"csrf": {token}, "court": {"cand"}})
	if code != http.StatusCreated {
		t.Fatalf("follow: %d %s", code, body)
	}
	mustContain(t, "followed page", body, "Following case 24-cv-01234", "/v1/alerts/", "/feed?token=", "shown only this once")
	list, err := st.List("", true)
	if err != nil || len(list) != 1 {
		t.Fatalf("alerts after following: %v %v", list, err)
	}
	a := list[0]
	if a.Owner != "watcher" || a.Case != "24-cv-01234" || !slices.Equal(a.Filters.Court, []string{"cand"}) || !slices.Equal(a.Filters.Kind, []string{"filing"}) {
		t.Errorf("alert %+v: want watcher's, case 24-cv-01234, court cand, filings", a)
	}
	if !strings.Contains(body, url.QueryEscape(a.FeedToken)) {
		t.Error("the page does not show the alert's feed token")
	}

	rcl, rtoken := signIn("reader")
	if code, _ := post(rcl, "/cases/24-cv-01234/follow", url.Values{"csrf": {rtoken}}); code != http.StatusForbidden {
		t.Errorf("follow by a key without the alerts scope: %d, want 403", code)
	}
	if list, _ := st.List("", true); len(list) != 1 {
		t.Errorf("%d alerts after the refused follow, want 1", len(list))
	}

	plain := serveWeb(t, api.Options{})
	_, _, page = fetch(t, plain, "/cases/3:24-cv-1234")
	mustNotContain(t, "case page without alerts", page, `class="follow"`)
}
