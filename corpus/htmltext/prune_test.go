package htmltext

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestIsDateLine(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"Updated 5:27 am CST, Wednesday, November 20, 2019", true},
		{"By Justine Coleman - 11/18/19 11:04 PM EST", false}, // no four-digit date
		{"18 Nov 2019, 19:09", true},
		{"Veröffentlicht am 3. März 2024", true},
		{"Published", true},
		{"The council met on March 4, 2025 at 10:30 to vote on the harbour budget after a long debate about dredging.", false},
		{"On March 4, 2025 the court ruled.", false}, // a date but no time of day
	}
	for _, tt := range tests {
		if got := isDateLine(tt.in); got != tt.ok {
			t.Errorf("isDateLine(%q) = %v, want %v", tt.in, got, tt.ok)
		}
	}
}

func TestPruneBlocks(t *testing.T) {
	body := []string{
		"Judge lets suit go forward",
		"Updated 5:27 am CST, Wednesday, November 20, 2019",
		"The judge denied the motion to dismiss on Tuesday.",
		"Read more: Another story about the court",
		"Lea también: Otra noticia",
		"The case returns to court in May.",
		"Comments",
		"I disagree with this ruling!",
	}
	got := pruneBlocks(strings.Join(body, "\n\n"), "Judge lets suit go forward")
	want := "The judge denied the motion to dismiss on Tuesday.\n\nThe case returns to court in May."
	if got != want {
		t.Errorf("pruneBlocks =\n%q\nwant\n%q", got, want)
	}
	// A comment heading in the first half is a section title, not a cut.
	early := "Comments\n\nThe commission's comments on the rule were due in May.\n\nIt got many."
	if got := pruneBlocks(early, ""); got != early {
		t.Errorf("early heading cut the text: %q", got)
	}
	// Never prune everything.
	if got := pruneBlocks("Read more: x", ""); got != "Read more: x" {
		t.Errorf("all-pruned text = %q", got)
	}
}

func TestPruneArticle(t *testing.T) {
	const page = `<div>
<p>First paragraph of the story, long enough to be the article itself and more.</p>
<figure><img src="a.jpg"><figcaption>Photo: Someone / Agency</figcaption></figure>
<div class="photo-credit">Credit: EPA</div>
<ul><li><a href="/a">Home</a></li><li><a href="/b">Local</a></li><li><a href="/c">Sports</a></li></ul>
<ul><li>Point one of the story</li><li>Point two, with a <a href="/x">link</a></li><li>Point three</li></ul>
<p>Second paragraph of the story.</p>
</div>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	pruneArticle(doc)
	text := renderText(doc, false)
	for _, gone := range []string{"Photo: Someone", "Credit: EPA", "Home", "Sports"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q survived pruning:\n%s", gone, text)
		}
	}
	for _, kept := range []string{"First paragraph", "Point two, with a link", "Second paragraph"} {
		if !strings.Contains(text, kept) {
			t.Errorf("%q was pruned:\n%s", kept, text)
		}
	}

	// A gallery whose captions are the content keeps them.
	gallery := `<div><figure><figcaption>A long caption that tells the whole story of the first picture.</figcaption></figure>
<figure><figcaption>Another long caption that carries the second part of the story.</figcaption></figure><p>Intro.</p></div>`
	doc, _ = html.Parse(strings.NewReader(gallery))
	pruneArticle(doc)
	if text := renderText(doc, false); !strings.Contains(text, "second part of the story") {
		t.Errorf("gallery captions removed: %q", text)
	}
}

func TestSiteZone(t *testing.T) {
	utc := time.Date(2022, 11, 6, 23, 0, 0, 0, time.UTC)
	tests := []struct {
		lang string
		url  string
		want string // day in the guessed zone, "" for no zone
	}{
		{"de", "https://www.beige.de/a", "2022-11-07"},
		{"es", "https://www.lanacion.com.ar/x", "2022-11-06"},
		{"de", "https://example.com/x", "2022-11-07"},
		{"en", "https://example.com/x", ""},
		{"es", "https://example.com/x", ""},
		{"de", "http://fakehost/test/page.html", ""},
	}
	for _, tt := range tests {
		loc := siteZone(tt.lang, tt.url)
		got := ""
		if loc != nil {
			got = dayOf(utc.In(loc))
		}
		if got != tt.want {
			t.Errorf("siteZone(%q, %q): day %q, want %q", tt.lang, tt.url, got, tt.want)
		}
	}
	for _, s := range []string{"2022-11-06T23:00:00Z", "2022-11-06T23:00:00.000Z", "2022-11-06 23:00:00 +00:00", "2022-11-06T23:00+0000"} {
		if !explicitUTC.MatchString(s) {
			t.Errorf("explicitUTC misses %q", s)
		}
	}
	for _, s := range []string{"2022-11-06", "2022-11-06T23:00:00+01:00", "2022-11-06T23:00:00"} {
		if explicitUTC.MatchString(s) {
			t.Errorf("explicitUTC matches %q", s)
		}
	}
}

func TestExtractUTCDateLocalised(t *testing.T) {
	page := `<html lang="de"><head><meta property="article:published_time" content="2022-11-06T23:00:00.000Z">
<link rel="canonical" href="https://www.example.de/reise"></head><body><article><p>` +
		strings.Repeat("Ein langer Absatz über eine Reise nach Südfrankreich. ", 10) + `</p></article></body></html>`
	a, err := Extract(t.Context(), []byte(page), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != "2022-11-07" {
		t.Errorf("Published = %q, want the Berlin day 2022-11-07", a.Published)
	}
	// Same page with an explicit offset: the day as written.
	page = strings.Replace(page, "2022-11-06T23:00:00.000Z", "2022-11-06T23:00:00-05:00", 1)
	if a, _ := Extract(t.Context(), []byte(page), "", Options{}); a.Published != "2022-11-06" {
		t.Errorf("Published = %q, want 2022-11-06", a.Published)
	}
}

// TestExtractHostileListsAndDates feeds the pruning and date-scan passes
// their worst shapes: lists nested 200 deep and 100,000 short numeric text
// nodes. Both must stay linear (well under the 10 s budget).
func TestExtractHostileListsAndDates(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><article><p>" + strings.Repeat("Some article text here. ", 20) + "</p>")
	for i := 0; i < 200; i++ {
		b.WriteString("<ul><li>item with some words ")
	}
	for i := 0; i < 200; i++ {
		b.WriteString("</li></ul>")
	}
	for i := 0; i < 100000; i++ {
		b.WriteString("<span>12.34</span>")
	}
	b.WriteString("</article></body></html>")
	start := time.Now()
	// A generous timeout: the machine may be busy; a quadratic pass would
	// still blow it by far (about 1.7 s of CPU measured).
	_, err := Extract(t.Context(), []byte(b.String()), "", Options{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	t.Logf("hostile page: %v", time.Since(start))

	// Past the HTML parser's own limit of 512 open elements the error is
	// ErrTooDeep even when MaxDepth allows more.
	deep := strings.Repeat("<ul><li>x", 300) + "<p>text</p>"
	if _, err := Extract(t.Context(), []byte(deep), "", Options{MaxDepth: 2000}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("600 open elements with MaxDepth 2000: %v, want ErrTooDeep", err)
	}
}

func TestBylineFromMarkup(t *testing.T) {
	page := `<html><body><article>
<span itemprop="author" itemscope><span itemprop="name">Hazel Sheffield</span> Business reporter</span>
<p>` + strings.Repeat("A paragraph of the story with enough words to count. ", 10) + `</p>
<a rel="author" href="/other">Somebody Else</a>
</article></body></html>`
	a, err := Extract(t.Context(), []byte(page), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Authors) != 1 || a.Authors[0] != "Hazel Sheffield" {
		t.Errorf("Authors = %q, want [Hazel Sheffield]", a.Authors)
	}
	// dc:creator (RDFa property) wins over <meta name=author>.
	page = `<html><head><meta name="author" content="FAIL"><meta property="dc:creator twitter:site_name" content="Creator Name"></head><body><article><p>` +
		strings.Repeat("A paragraph of the story with enough words to count. ", 10) + `</p></article></body></html>`
	if a, _ := Extract(t.Context(), []byte(page), "", Options{}); len(a.Authors) != 1 || a.Authors[0] != "Creator Name" {
		t.Errorf("Authors = %q, want [Creator Name]", a.Authors)
	}
}
