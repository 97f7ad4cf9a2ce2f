package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dossier/api"
)

// browserPath finds Debian's chromium (which .ci/run installs).
func browserPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless chromium tab for one test, with its helpers.
type browser struct {
	t     *testing.T
	ctx   context.Context
	shots string
	axe   string // axe-core's script, or "" (see loadAxe)
	noAxe string // why there is no axe-core
}

// newBrowser starts chromium for t (bounded to 30 s), or skips t when
// there is none.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	bin := browserPath()
	if bin == "" {
		t.Skip("no chromium or chromium-browser on PATH: install Debian's chromium (as .ci/run does) to run the browser tests")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	shots := os.Getenv("DOSSIER_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Run starts the browser under this deadline.
	ctx, cancelTime := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, shots: shots}
	b.axe, b.noAxe = loadAxe()
	return b
}

// axeVersion is the axe-core release .ci/run fetches from the npm registry
// (checked against its SHA-512) into axeCachePath.
const axeVersion = "4.14.1"

// axeCachePath is where .ci/run keeps axe.min.js: the user cache folder
// ($XDG_CACHE_HOME or ~/.cache on Linux)/dossier/axe-core/VERSION/.
func axeCachePath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "dossier", "axe-core", axeVersion, "axe.min.js"), nil
}

// loadAxe reads axe-core's script from $DOSSIER_AXE or axeCachePath; with
// neither, it says why and how to get it.
func loadAxe() (script, why string) {
	p := os.Getenv("DOSSIER_AXE")
	if p == "" {
		var err error
		if p, err = axeCachePath(); err != nil {
			return "", "no user cache folder for axe-core (" + err.Error() + "); set DOSSIER_AXE to an axe.min.js"
		}
	}
	js, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && os.Getenv("DOSSIER_AXE") != "" {
			return "", "DOSSIER_AXE names " + p + ", which does not exist"
		}
		if errors.Is(err, os.ErrNotExist) {
			return "", "no axe-core at " + p + ": run .ci/run (it downloads axe-core " + axeVersion + " there) or set DOSSIER_AXE to an axe.min.js"
		}
		return "", "axe-core: " + err.Error()
	}
	return string(js), ""
}

// axeViolation is one rule axe-core found violated, with its first
// elements' selectors.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
}

// axeRun runs axe-core over the page and returns its violations.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(" ") })};
  });
})`

// checkAxe injects axe-core into the page (through DevTools, which the
// page's CSP does not govern) and runs it, in a subtest that skips when
// there is no axe-core: a serious or critical violation fails the test,
// minor and moderate ones are counted in the log.
func (b *browser) checkAxe(page string) {
	b.t.Helper()
	b.t.Run("axe "+page, func(t *testing.T) {
		if b.axe == "" {
			t.Skip("accessibility check skipped: " + b.noAxe)
		}
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](b.axe+`;typeof axe === "object"`)); err != nil {
			t.Fatalf("%s: injecting axe-core: %v", page, err)
		}
		vs, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: axe.run: %v", page, err)
		}
		counts := map[string]int{}
		for _, v := range vs {
			counts[v.Impact]++
			switch v.Impact {
			case "serious", "critical":
				t.Errorf("%s: %s violation %s (%s) on %d elements, first %q", page, v.Impact, v.ID, v.Help, v.Nodes, v.Targets)
			default:
				t.Logf("%s: %s violation %s (%s) on %d elements, first %q", page, v.Impact, v.ID, v.Help, v.Nodes, v.Targets)
			}
		}
		t.Logf("%s: axe-core %s: %d critical, %d serious, %d moderate, %d minor violations", page, axeVersion, counts["critical"], counts["serious"], counts["moderate"], counts["minor"])
	})
}

// fetchText fetches href from inside the page (same origin, same
// cookies) and returns the body, failing on a status other than 200.
func (b *browser) fetchText(href string) string {
	b.t.Helper()
	js := `fetch(` + strconv.Quote(href) + `).then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })`
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("fetch %s: %v", href, err)
	}
	return s
}

// attr returns the attribute name of the element sel.
func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil || !v.Exists {
		b.t.Fatalf("%s of %s: %+v %v", name, sel, v, err)
	}
	return v.Value
}

// shot saves a full-page screenshot as name.png and logs its path.
func (b *browser) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(b.shots, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// waitFor polls js until it is true, across the navigation a form
// submission starts (which aborts an evaluation in flight).
func (b *browser) waitFor(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			b.t.Fatalf("%s: waiting for %s: %v", what, js, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		b.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

func (b *browser) location() string {
	b.t.Helper()
	l, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return l
}

// unlabelled lists the page's form controls that have no accessible name
// (a label, aria-label or aria-labelledby; buttons their text), and images
// without alt text: a small part of what axe-core checks, with no npm.
const unlabelled = `Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea, button, img")).filter(function (el) {
  if (el.tagName === "IMG") return !el.hasAttribute("alt");
  if (el.tagName === "BUTTON") return el.textContent.trim() === "" && !el.getAttribute("aria-label");
  return el.labels.length === 0 && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby");
}).map(function (el) { return el.outerHTML.slice(0, 120); })`

// checkLabels fails the test when the page has a control without a label.
func (b *browser) checkLabels(page string) {
	b.t.Helper()
	bad, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](unlabelled))
	if err != nil {
		b.t.Fatalf("%s: label check: %v", page, err)
	}
	for _, el := range bad {
		b.t.Errorf("%s: control without a label: %s", page, el)
	}
}

// loaded is a waitFor predicate: the page at a URL holding part is loaded
// and has the element id.
func loaded(part, id string) string {
	return `location.href.includes(` + strconv.Quote(part) + `) && document.readyState === "complete" && document.getElementById(` + strconv.Quote(id) + `) !== null`
}

// TestBrowserNewcomerPath drives a real browser along a newcomer's path:
// open /, search, tick a facet, open a hit at its page, go to the case
// page, export the filtered search as CSV and JSON Lines, asserting on
// the DOM, checking each page with axe-core (when it is there) and saving a screenshot of each page under
// $DOSSIER_SCREENSHOTS (or a temporary folder).
func TestBrowserNewcomerPath(t *testing.T) {
	b := newBrowser(t)
	ts := serveWeb(t, api.Options{})

	// 1. The search page, then a search typed in the box.
	b.do("open /", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	lang, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if err != nil || lang.Value != "en" {
		t.Errorf("lang: %+v %v", lang, err)
	}
	b.shot("1-search-start")
	b.checkAxe("search start")
	b.do("search", chromedp.SendKeys(chromedp.ID("q"), "Nightjar"), chromedp.Submit(chromedp.ID("q")))
	b.waitFor("search", loaded("q=Nightjar", "total"))
	if total, hits := b.text("#total"), b.count("li.hit"); !strings.Contains(total, "4 documents") || hits != 4 {
		t.Fatalf("search: total %q, %d hits", total, hits)
	}
	b.shot("2-search-results")
	b.checkLabels("search")
	b.checkAxe("search results")

	// 2. Tick the court facet: the script submits the form.
	b.do("tick court=cand", chromedp.Click(chromedp.CSS(`input[name="court"][value="cand"]`)))
	b.waitFor("tick court=cand", loaded("court=cand", "total"))
	if total, hits := b.text("#total"), b.count("li.hit"); !strings.Contains(total, "2 documents") || hits != 2 {
		t.Fatalf("after ticking court=cand: total %q, %d hits", total, hits)
	}
	b.shot("3-search-facet")
	b.checkLabels("search with a facet")
	b.checkAxe("search with a facet")
	filtered := b.location()

	// 3. Open the order at its hit's page.
	b.do("open the order", chromedp.Click(chromedp.CSS(`li.hit h2 a[href^="/documents/order1"]`)), chromedp.WaitVisible(chromedp.ID("page-2")))
	if loc, mark := b.location(), b.text("#hit-1"); !strings.HasSuffix(loc, "#page-2") || mark != "Nightjar" {
		t.Fatalf("document: at %q, first mark %q", loc, mark)
	}
	b.shot("4-document")
	b.checkLabels("document")
	b.checkAxe("document")
	b.do("next match", chromedp.Click(chromedp.ID("hit-next")))
	if pos, cur := b.text("#hit-pos"), b.count("mark.current#hit-1"); pos != "Match 1 of 1" || cur != 1 {
		t.Fatalf("next match: %q, %d current", pos, cur)
	}

	// 4. Follow the case link of the metadata panel.
	b.do("open the case", chromedp.Click(chromedp.CSS(`.metadata a.case`)), chromedp.WaitVisible(chromedp.ID("filings")))
	if loc, title, n := b.location(), b.text("h1"), b.count("#filings li"); !strings.HasSuffix(loc, "/cases/24-cv-01234") || n != 2 || !strings.Contains(title, "24-cv-01234") {
		t.Fatalf("case page: at %q, title %q, %d filings", loc, title, n)
	}
	b.shot("5-case")
	b.checkLabels("case")
	b.checkAxe("case")

	// 5. Back to the filtered search: its export links carry the same
	// query and filters, and give its 2 documents as CSV and JSON Lines.
	b.do("back to the search", chromedp.Navigate(filtered))
	b.waitFor("back to the search", loaded("court=cand", "export-csv"))
	want, err := url.Parse(filtered)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ id, format string }{{"export-csv", "csv"}, {"export-jsonl", "jsonl"}} {
		href := b.attr("#"+f.id, "href")
		u, err := url.Parse(href)
		if err != nil || u.Path != "/export" {
			t.Fatalf("%s: href %q (%v)", f.id, href, err)
		}
		got := u.Query()
		if got.Get("format") != f.format {
			t.Errorf("%s: href %q: format %q, want %q", f.id, href, got.Get("format"), f.format)
		}
		for name, vals := range want.Query() {
			if name == "cursor" || strings.Join(vals, "") == "" {
				continue
			}
			if !slices.Equal(got[name], vals) {
				t.Errorf("%s: href %q: %s=%q, the search has %q", f.id, href, name, got[name], vals)
			}
		}
		if got.Get("q") != "Nightjar" || got.Get("court") != "cand" {
			t.Errorf("%s: href %q lacks q=Nightjar&court=cand", f.id, href)
		}
		body := b.fetchText(href)
		switch f.format {
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil || len(rows) != 3 || len(rows[0]) == 0 || rows[0][0] != "id" {
				t.Fatalf("CSV export: %d rows (want a header and 2), %v:\n%s", len(rows), err, body)
			}
			ids := []string{rows[1][0], rows[2][0]}
			slices.Sort(ids)
			if ids[0] == "" || ids[0] == ids[1] {
				t.Errorf("CSV export ids %q", ids)
			}
		case "jsonl":
			lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("JSON Lines export: %d lines, want 2:\n%s", len(lines), body)
			}
			for i, line := range lines {
				var hit struct {
					ID string `json:"id"`
				}
				if err := json.Unmarshal([]byte(line), &hit); err != nil || hit.ID == "" {
					t.Errorf("JSON Lines export line %d: %v, id %q: %s", i+1, err, hit.ID, line)
				}
			}
		}
	}

	// 6. The keyboard: the first Tab reaches the skip link, Enter follows it.
	b.do("keyboard", chromedp.Navigate(ts.URL+"/?q=Nightjar"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.KeyEvent("\t"))
	if focused, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.activeElement.className`)); err != nil || focused != "skip" {
		t.Errorf("first Tab focuses %q (%v), want the skip link", focused, err)
	}
	b.do("skip", chromedp.KeyEvent("\r"))
	b.waitFor("skip", `location.hash === "#main"`)

	// 7. A phone: the search page reflows without horizontal scrolling.
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+"/?q=Nightjar"), chromedp.WaitVisible(chromedp.ID("q")))
	if wide, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)); err != nil || wide {
		t.Errorf("the search page scrolls sideways on a phone (%v)", err)
	}
	b.shot("8-search-phone")
}

// TestBrowserSignInWithFilteredKey: with a keys file, a page asks for a
// key; signing in with a key restricted to articles returns to the page,
// which shows only the article; signing out asks for a key again.
func TestBrowserSignInWithFilteredKey(t *testing.T) {
	b := newBrowser(t)
	path, secrets := testKeys(t)
	ts := serveWeb(t, api.Options{KeysFile: path})

	b.do("open a search", chromedp.Navigate(ts.URL+"/?q=Nightjar"), chromedp.WaitVisible(chromedp.ID("key")))
	if n := b.count("li.hit"); n != 0 {
		t.Fatalf("%d hits before signing in", n)
	}
	b.shot("6-sign-in")
	b.checkLabels("sign-in")
	b.checkAxe("sign-in")
	b.do("sign in", chromedp.SendKeys(chromedp.ID("key"), secrets["filtered"]), chromedp.Submit(chromedp.ID("key")))
	b.waitFor("sign in", loaded("q=Nightjar", "total"))
	if total, hits := b.text("#total"), b.count("li.hit"); !strings.Contains(total, "1 document") || hits != 1 || b.count(`a[href^="/documents/art1"]`) == 0 {
		t.Fatalf("signed in with the filtered key: total %q, %d hits", total, hits)
	}
	if n := b.count(`a[href^="/documents/order1"], a[href^="/documents/complaint1"], a[href^="/documents/other1"]`); n != 0 {
		t.Fatalf("the filtered key sees %d links to filings", n)
	}
	b.shot("7-signed-in-filtered")
	b.checkAxe("signed in")
	b.do("sign out", chromedp.Click(chromedp.CSS(`form.signout button`)))
	b.waitFor("sign out", loaded("/sign-in", "key"))
}
