package htmltext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readFixture reads a file under testdata.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return b
}

func TestExtractFixtures(t *testing.T) {
	const pageURL = "https://example.org/section/story?utm_source=feed"
	tests := []struct {
		file        string
		title       string
		authors     []string
		published   string
		modified    string
		site        string
		lang        string
		canonical   string
		description string
		contains    []string
		excludes    []string
		warning     string // substring of one warning, when a warning is expected
	}{
		{
			file:        "graph.html",
			title:       "Tidal turbines hum to life off Orkney",
			authors:     []string{"Morag Sinclair", "Callum Rendall"},
			published:   "2023-11-30", // 23:30 at -08:00; UTC would be Dec 1
			modified:    "2023-12-01",
			site:        "Northern Isles Post",
			lang:        "en",
			canonical:   "https://example.org/stories/tidal-turbines-orkney",
			description: "Four turbines began exporting power this week.",
			contains:    []string{"Four tidal turbines anchored", "next spring."},
			excludes:    []string{"Weather", "Sport"},
		},
		{
			file:        "og-only.html",
			title:       "Regionalbahn fährt nach Sanierung wieder",
			authors:     []string{"Lena Fischer"},
			published:   "2021-06-01", // 00:15 at +02:00; UTC would be May 31
			site:        "Beispielblatt",
			lang:        "de",
			canonical:   "https://beispielblatt.example/region/regionalbahn-saniert",
			description: "Nach acht Monaten Bauzeit rollt der Verkehr wieder.",
			contains:    []string{"barrierefreie Bahnsteige"},
		},
		{
			file:        "meta-only.html",
			title:       "Le vote du budget municipal est encore reporté",
			authors:     []string{"Claire Dubois", "Marc Leroy"},
			published:   "2022-03-15",
			site:        "Le Petit Journal",
			lang:        "fr",
			canonical:   pageURL,
			description: "Le conseil municipal repousse une troisième fois le vote du budget.",
			contains:    []string{"séance extraordinaire"},
		},
		{
			file:      "markup-only.html",
			title:     "Feira de livros volta ao centro",
			authors:   []string{"Ana Souza"},
			published: "2020-02-29",
			lang:      "pt",
			canonical: pageURL,
			contains:  []string{"oitenta barracas"},
		},
		{
			file:     "latin1.html",
			title:    "Größere Fähre für die Insel",
			authors:  []string{"Jörg Maß"},
			lang:     "de",
			contains: []string{"Bürgermeisterin Käthe Groß", "»überfälligen Schritt«", "größten Teil"},
			excludes: []string{"\uFFFD", "Ã"},
		},
		{
			file:     "utf8-as-latin1.html",
			title:    "Café owners fight rent rise",
			lang:     "en",
			contains: []string{"Müller & Søn", "€1,200", "“We are not asking for charity,”", "Zoë Brandt"},
			excludes: []string{"\uFFFD", "Ã", "â€"},
			warning:  "bytes are valid UTF-8",
		},
		{
			file:     "latin1-as-utf8.html",
			title:    "El niño que leía en el andén",
			lang:     "es",
			contains: []string{"un niño de once años", "la señora del quiosco", "carné"},
			excludes: []string{"\uFFFD"},
			warning:  "decoded as windows-1252",
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			a, err := Extract(context.Background(), readFixture(t, tc.file), pageURL, Options{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", a.Title, tc.title)
			check("Published", a.Published, tc.published)
			check("Modified", a.Modified, tc.modified)
			check("SiteName", a.SiteName, tc.site)
			check("Language", a.Language, tc.lang)
			if tc.canonical != "" {
				check("CanonicalURL", a.CanonicalURL, tc.canonical)
			}
			check("Description", a.Description, tc.description)
			if !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("Authors = %q, want %q", a.Authors, tc.authors)
			}
			if tc.published != "" && dayOf(a.PublishedTime) != tc.published {
				t.Errorf("PublishedTime %v does not fall on %s", a.PublishedTime, tc.published)
			}
			for _, s := range tc.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, a.Text)
				}
			}
			for _, s := range tc.excludes {
				if strings.Contains(a.Text, s) || strings.Contains(a.Title, s) {
					t.Errorf("output contains %q:\n%s", s, a.Text)
				}
			}
			if tc.warning != "" && !slices.ContainsFunc(a.Warnings, func(w string) bool { return strings.Contains(w, tc.warning) }) {
				t.Errorf("Warnings = %q, want one containing %q", a.Warnings, tc.warning)
			}
			if tc.warning == "" && len(a.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", a.Warnings)
			}
			checkArticleInvariants(t, a)
		})
	}
}

// checkArticleInvariants asserts what the package promises for every
// successful or partial result.
func checkArticleInvariants(t testing.TB, a Article) {
	t.Helper()
	for name, s := range map[string]string{
		"Title": a.Title, "Published": a.Published, "Modified": a.Modified,
		"SiteName": a.SiteName, "Language": a.Language, "CanonicalURL": a.CanonicalURL,
		"Description": a.Description, "Text": a.Text,
	} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	for _, s := range append(slices.Clone(a.Authors), a.Warnings...) {
		if !utf8.ValidString(s) {
			t.Errorf("author or warning is not valid UTF-8: %q", s)
		}
	}
	if strings.Contains(a.Text, "\n\n\n") {
		t.Errorf("Text has more than one blank line between blocks")
	}
	if a.Text != strings.TrimSpace(a.Text) {
		t.Errorf("Text has leading or trailing space")
	}
	for _, d := range []string{a.Published, a.Modified} {
		if d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Errorf("date %q is not YYYY-MM-DD", d)
			}
		}
	}
	if a.Published == "" != a.PublishedTime.IsZero() {
		t.Errorf("Published %q disagrees with PublishedTime %v", a.Published, a.PublishedTime)
	}
}

// TestFixtureEncodings guards the charset fixtures against being re-saved
// in another encoding by an editor.
func TestFixtureEncodings(t *testing.T) {
	for _, name := range []string{"latin1.html", "latin1-as-utf8.html"} {
		if utf8.Valid(readFixture(t, name)) {
			t.Errorf("%s must be ISO-8859-1 bytes, but it is valid UTF-8", name)
		}
	}
	if !utf8.Valid(readFixture(t, "utf8-as-latin1.html")) {
		t.Errorf("utf8-as-latin1.html must be UTF-8 bytes")
	}
}

func TestExtractTextBlocks(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><title>Blocks</title>
<style>.x{color:red}</style><script>var leaked = "SCRIPT TEXT";</script></head>
<body>
<nav><a href="/">Home</a><a href="/a">NAVLINK</a></nav>
<div id="cookie-banner"><p>We use cookies to give you the best experience. COOKIE TEXT.</p></div>
<article>
<h2>First heading</h2>
<p>The first paragraph talks about the harbour and the boats that use it every single day of the year, in rain and shine.</p>
<p>The second paragraph has a line<br>break and   extra   spaces inside, and keeps going for a while so it is long enough.</p>
<ul><li>Item one of the list is here</li><li>Item two of the list is here</li></ul>
<p>The third paragraph closes the story with a quote from the harbour master about the tides and the new pier.</p>
</article>
<script>document.write("MORE SCRIPT")</script>
</body></html>`
	a, err := Extract(context.Background(), []byte(page), "", Options{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	blocks := strings.Split(a.Text, "\n\n")
	for _, want := range []string{
		"First heading",
		"The second paragraph has a line\nbreak and extra spaces inside, and keeps going for a while so it is long enough.",
		"Item one of the list is here",
		"Item two of the list is here",
	} {
		if !slices.Contains(blocks, want) {
			t.Errorf("no block %q in:\n%s", want, a.Text)
		}
	}
	for _, bad := range []string{"SCRIPT TEXT", "MORE SCRIPT", "NAVLINK", "COOKIE TEXT", "color:red"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("Text contains %q:\n%s", bad, a.Text)
		}
	}
	checkArticleInvariants(t, a)
}

func TestExtractNoContent(t *testing.T) {
	page := `<html lang="en"><head><title>Nothing here</title><meta property="og:site_name" content="Empty Site"></head><body><script>x()</script></body></html>`
	a, err := Extract(context.Background(), []byte(page), "", Options{})
	if !errors.Is(err, ErrNoContent) {
		t.Fatalf("err = %v, want ErrNoContent", err)
	}
	if a.Title != "Nothing here" || a.SiteName != "Empty Site" || a.Language != "en" {
		t.Errorf("metadata not kept with ErrNoContent: %+v", a)
	}
	if _, err := Extract(context.Background(), nil, "", Options{}); !errors.Is(err, ErrNoContent) {
		t.Errorf("empty input: err = %v, want ErrNoContent", err)
	}
}

func TestExtractTooLarge(t *testing.T) {
	small := []byte("<html><body><p>" + strings.Repeat("word ", 400) + "</p></body></html>")
	if _, err := Extract(context.Background(), small, "", Options{MaxBytes: 1024}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxBytes 1024: err = %v, want ErrTooLarge", err)
	}
	if _, err := Extract(context.Background(), small, "", Options{MaxBytes: int64(len(small))}); err != nil {
		t.Errorf("input exactly at MaxBytes: err = %v", err)
	}
	big := make([]byte, DefaultMaxBytes+1)
	start := time.Now()
	if _, err := Extract(context.Background(), big, "", Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("default limit: err = %v, want ErrTooLarge", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("oversized input took %v; it must be rejected before parsing", d)
	}
}

func TestExtractTooDeep(t *testing.T) {
	tests := []struct {
		name string
		page string
		opts Options
	}{
		{"div bomb", strings.Repeat("<div>", 100000) + "text", Options{}},
		{"self-closing div bomb", strings.Repeat("<div/>", 100000) + "text", Options{}},
		{"formatting bomb", strings.Repeat("<b><i>", 50000) + "text", Options{}},
		{"span bomb in body", "<html><body>" + strings.Repeat("<span>", 600) + "text", Options{}},
		{"custom limit", strings.Repeat("<div>", 20) + "text" + strings.Repeat("</div>", 20), Options{MaxDepth: 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Extract(context.Background(), []byte(tc.page), "", tc.opts)
			if !errors.Is(err, ErrTooDeep) {
				t.Errorf("err = %v, want ErrTooDeep", err)
			}
		})
	}
}

// TestExtractNotTooDeep checks that long flat pages with implied end tags
// are not mistaken for nesting bombs.
func TestExtractNotTooDeep(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><article>")
	for i := 0; i < 2000; i++ {
		b.WriteString("<p>Paragraph without an end tag, about the harbour and its boats.")
	}
	b.WriteString("<ul>")
	for i := 0; i < 2000; i++ {
		b.WriteString("<li>item<br>line<img src=x.png>")
	}
	b.WriteString("</ul><table>")
	for i := 0; i < 1000; i++ {
		b.WriteString("<tr><td>a<td>b")
	}
	b.WriteString("</table>")
	for i := 0; i < 1000; i++ {
		b.WriteString("<div>closed</div><svg><path d='M0 0'/></svg>")
	}
	for i := 0; i < 1000; i++ {
		b.WriteString("<a href=x>unclosed link <form><body>")
	}
	b.WriteString("</article></body></html>")
	if _, err := Extract(context.Background(), []byte(b.String()), "", Options{}); err != nil {
		t.Errorf("flat page rejected: %v", err)
	}
}

func TestExtractTimeout(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body>")
	for i := 0; i < 20000; i++ {
		b.WriteString("<div class=c><p>Some paragraph text that readability will have to score, again and again.</p></div>")
	}
	page := []byte(b.String())

	_, err := Extract(context.Background(), page, "", Options{Timeout: time.Nanosecond})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("Timeout 1ns: err = %v, want ErrTimeout", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_, err = Extract(ctx, page, "", Options{})
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("context deadline: err = %v, want ErrTimeout wrapping DeadlineExceeded", err)
	}

	cctx, ccancel := context.WithCancel(context.Background())
	ccancel()
	_, err = Extract(cctx, page, "", Options{})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Errorf("cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestExtractRecoversPanic(t *testing.T) {
	hook := func() { panic("boom") }
	testHook.Store(&hook)
	defer testHook.Store(nil)
	_, err := Extract(context.Background(), []byte("<p>x</p>"), "", Options{})
	if !errors.Is(err, errPanic) || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v, want recovered panic", err)
	}
}

func TestExtractRelativePageURL(t *testing.T) {
	a, err := Extract(context.Background(), readFixture(t, "graph.html"), "not/absolute", Options{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if a.CanonicalURL != "" {
		t.Errorf("CanonicalURL = %q, want empty for a relative canonical without base", a.CanonicalURL)
	}
	if len(a.Warnings) == 0 {
		t.Errorf("want a warning about the page URL")
	}
}

func TestOptions(t *testing.T) {
	var o Options
	if err := o.Validate(); err != nil {
		t.Errorf("zero Options invalid: %v", err)
	}
	o.SetDefaults()
	if o.MaxBytes != DefaultMaxBytes || o.MaxDepth != DefaultMaxDepth || o.Timeout != DefaultTimeout {
		t.Errorf("SetDefaults gave %+v", o)
	}
	custom := Options{MaxBytes: 5, MaxDepth: 6, Timeout: time.Second}
	custom.SetDefaults()
	if custom != (Options{MaxBytes: 5, MaxDepth: 6, Timeout: time.Second}) {
		t.Errorf("SetDefaults overwrote set fields: %+v", custom)
	}
	for _, bad := range []Options{{MaxBytes: -1}, {MaxDepth: -1}, {MaxDepth: MaxDepthLimit + 1}, {Timeout: -time.Second}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil, want error", bad)
		}
		if _, err := Extract(context.Background(), []byte("<p>x</p>"), "", bad); err == nil {
			t.Errorf("Extract accepted invalid options %+v", bad)
		}
	}
}

func TestNormalizeAuthors(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"By Jane Doe"}, []string{"Jane Doe"}},
		{[]string{"Priya Raman and Tomás Ibáñez"}, []string{"Priya Raman", "Tomás Ibáñez"}},
		{[]string{"Jane Doe, John Roe"}, []string{"Jane Doe", "John Roe"}},
		{[]string{"Doe, Jane"}, []string{"Doe, Jane"}},
		{[]string{"Von Jürgen Weiß und Anna Berg"}, []string{"Jürgen Weiß", "Anna Berg"}},
		{[]string{"A B; C D", "a b"}, []string{"A B", "C D"}},
		{[]string{"https://example.org/staff/x", ""}, nil},
		{[]string{strings.Repeat("x", 200)}, nil},
	}
	for _, tc := range tests {
		if got := normalizeAuthors(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("normalizeAuthors(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPrimaryLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en-US": "en", "EN_gb": "en", "pt-BR": "pt", "de-DE": "de",
		"de_DE": "de", "zh-Hans-CN": "zh", "": "", "x": "", "english": "", "??": "",
	} {
		if got := primaryLanguage(in); got != want {
			t.Errorf("primaryLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONLDVariants(t *testing.T) {
	tests := []struct {
		name    string
		block   string
		title   string
		authors []string
		pub     string
	}{
		{"plain object", `{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","author":"Ann Lee","publisher":{"name":"P"}}`, "H", []string{"Ann Lee"}, "P"},
		{"array", `[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"B","author":[{"name":"X Y"},{"name":"Z W"}]}]`, "B", []string{"X Y", "Z W"}, ""},
		{"graph with refs", `{"@graph":[{"@type":"Person","@id":"#p","name":"Ref Person"},{"@type":"Organization","@id":"#o","name":"Org"},{"@type":"ReportageNewsArticle","headline":"G","author":{"@id":"#p"},"publisher":{"@id":"#o"}}]}`, "G", []string{"Ref Person"}, "Org"},
		{"type list", `{"@type":["Thing","Article"],"headline":"T"}`, "T", nil, ""},
		{"nested mainEntity", `{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","headline":"M"}}`, "M", nil, ""},
		{"cdata and raw newline", "<![CDATA[{\"@type\":\"NewsArticle\",\"headline\":\"line\none\"}]]>", "line one", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ld, warns := parseJSONLD([]string{tc.block})
			if ld == nil {
				t.Fatalf("no article found; warnings %q", warns)
			}
			if got := cleanValue(ld.title("")); got != tc.title {
				t.Errorf("title = %q, want %q", got, tc.title)
			}
			if !slices.Equal(ld.authors, tc.authors) {
				t.Errorf("authors = %q, want %q", ld.authors, tc.authors)
			}
			if ld.publisher != tc.pub {
				t.Errorf("publisher = %q, want %q", ld.publisher, tc.pub)
			}
		})
	}
	if ld, warns := parseJSONLD([]string{"{not json"}); ld != nil || len(warns) != 1 {
		t.Errorf("invalid JSON: ld=%v warns=%q", ld, warns)
	}
	// Wikipedia-style: name is the title, headline a summary.
	ld, _ := parseJSONLD([]string{`{"@type":"Article","name":"New Zealand","headline":"country in Oceania"}`})
	if got := ld.title("New Zealand - Wikipedia"); got != "New Zealand" {
		t.Errorf("name/headline choice = %q", got)
	}
}
