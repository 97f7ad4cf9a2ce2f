package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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

// TestBrowserNewcomerPath drives a real browser along a newcomer's path:
// open /, search, tick a facet, open a hit at its page, go to the case
// page, asserting on the DOM and saving a screenshot of each page under
// $DOSSIER_SCREENSHOTS (or a temporary folder).
func TestBrowserNewcomerPath(t *testing.T) {
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
	ts := serveWeb(t, api.Options{})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 30*time.Second)
	defer cancelTime()

	// The first Run starts the browser under ctx's deadline.
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		p := filepath.Join(shots, name+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// waitFor polls js until it is true, across the navigation a form
	// submission starts (which aborts an evaluation in flight).
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				t.Fatalf("%s: waiting for %s: %v", what, js, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	location := func() string {
		t.Helper()
		l, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	// 1. The search page, then a search typed in the box.
	do("open /", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	lang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if err != nil || lang.Value != "en" {
		t.Errorf("lang: %+v %v", lang, err)
	}
	shot("1-search-start")
	do("search",
		chromedp.SendKeys(chromedp.ID("q"), "Nightjar"),
		chromedp.Submit(chromedp.ID("q")))
	waitFor("search", `location.search.includes("q=Nightjar") && document.readyState === "complete" && document.getElementById("total") !== null`)
	if total, hits := text("#total"), count("li.hit"); !strings.Contains(total, "4 documents") || hits != 4 {
		t.Fatalf("search: total %q, %d hits", total, hits)
	}
	shot("2-search-results")

	// 2. Tick the court facet: the script submits the form.
	do("tick court=cand",
		chromedp.Click(chromedp.CSS(`input[name="court"][value="cand"]`)))
	waitFor("tick court=cand", `location.search.includes("court=cand") && document.readyState === "complete" && document.getElementById("total") !== null`)
	if total, hits := text("#total"), count("li.hit"); !strings.Contains(total, "2 documents") || hits != 2 {
		t.Fatalf("after ticking court=cand: total %q, %d hits", total, hits)
	}
	shot("3-search-facet")

	// 3. Open the order at its hit's page.
	do("open the order", chromedp.Click(chromedp.CSS(`li.hit h2 a[href^="/documents/order1"]`)), chromedp.WaitVisible(chromedp.ID("page-2")))
	if loc, mark := location(), text("#hit-1"); !strings.HasSuffix(loc, "#page-2") || mark != "Nightjar" {
		t.Fatalf("document: at %q, first mark %q", loc, mark)
	}
	shot("4-document")

	// 4. Follow the case link of the metadata panel.
	do("open the case", chromedp.Click(chromedp.CSS(`.metadata a.case`)), chromedp.WaitVisible(chromedp.ID("filings")))
	if loc, title, n := location(), text("h1"), count("#filings li"); !strings.HasSuffix(loc, "/cases/24-cv-01234") || n != 2 || !strings.Contains(title, "24-cv-01234") {
		t.Fatalf("case page: at %q, title %q, %d filings", loc, title, n)
	}
	shot("5-case")
}
