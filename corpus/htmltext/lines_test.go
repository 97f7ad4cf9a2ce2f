package htmltext

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestIsBoilerLine(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		// Credits and captions.
		{"Foto: dpa", true},
		{"Bild: Muster Agentur", true},
		{"(crédito: Ana Pérez/Agencia)", true},
		{"Jane Roe, photo: City Archives", true},
		{"The bridge reopened after repairs.Photograph by John Doe", true},
		{"Abbildung 2: Aufbau der Anlage.", true},
		{"Max Muster/Agentur", true},
		{"Quelle: Statistisches Landesamt", true},
		// Copyright, subscription, social and app prompts.
		{"© 2021 Example Media Ltd. All Rights Reserved.", true},
		{"Subscribe now to our digital edition for the full story.", true},
		{"To view the full story, please subscribe.", true},
		{"Never miss the latest news by signing up to our newsletter.", true},
		{"Follow The Courier on Twitter and Instagram.", true},
		{"¡Visita nuestro canal de YouTube!", true},
		{"Únete a nuestro grupo en Telegram.", true},
		{"He said he would join Truth Social rather than return to Twitter.", false},
		{"Netflix added two million subscribers in the quarter.", false},
		{"Die Spende in Höhe von 5000 Euro übergab der Bürgermeister am Freitag.", false},
		{"Der Minister machte sich vor Ort ein Bild von der Lage.", false},
		{"Werbung für Alkohol soll verboten werden.", false},
		{"Die Behörde erhielt 300 Kommentare zu dem Entwurf.", false},
		{"Facebook changed its privacy policy on Monday.", false},
		{"Users can subscribe for five dollars a month, the company said.", false},
		{"More than 300 volunteers sign up for the clean-up each year.", false},
		{"Users could not log in to their accounts for hours.", false},
		{"He posted photos by the lake on his blog.", false},
		{"Bilder von der Demonstration zeigen leere Straßen.", false},
		{"The post office will share the costs with the city.", false},
		{"Reading time for children fell during the pandemic.", false},
		{"Zurück zur Normalität", false},
		{"Kunden legen mehr Bio-Produkte in den Warenkorb.", false},
		{"People like us pay the price, she said.", false},
		{"The newsletter reported the merger first.", false},
		{"The company is not responsible for the outage, officials said.", false},
		{"Get the latest news straight to your phone with our app.", true},
		// Metadata, ads, prompts, ratings and comments.
		{"This entry was posted in News.", true},
		{"Posted : 03/14/2021 Category : Local News", true},
		{"Kommentarfeed | Trackback-URL", true},
		{"- Anzeige -", true},
		{"zurück zur Übersicht", true},
		{"Table of contents", true},
		{"Wie gefällt Ihnen dieser Beitrag?", true},
		{"Comments are closed.", true},
		{"Zum nächsten Beitrag", true},
		{"Share this article with friends:", true},
		// Labels, disclaimers, consent placeholders, reading time, links.
		{"Von: Erika Muster", true},
		{"Über den Autor", true},
		{"(Alle Angaben ohne Gewähr)", true},
		{"Dieser Beitrag steht unter der Lizenz CC-BY-SA 4.0.", true},
		{"Klicken Sie hier, um den Inhalt von www.example.org zu laden.", true},
		{"Ten artykuł przeczytasz w 3 minuty", true},
		{"Alles zum Stadtfest… mehr •••", true},
		{"Den Bericht als PDF herunterladen", true},
		{"Jahresbericht 2020PDF | 120 KB", true},
		{"Das Produkt wurde zum Warenkorb hinzugefügt.", true},
		{"Auf Pinterest merken", true},
		{"Imprint | Privacy | Contact", true},
		{"SUGGESTED CITATION Roe, Richard: Another title, Blog, 2019/2/01.", true},
		// Bare dates.
		{"05.06.2019", true},
		{"3 kwietnia 2020", true},
		{"November 2011", true},
		{"Termin: 12.03.2021, 18 Uhr", false}, // labelled: content
		// Article sentences that share words with the rules.
		{"The council said the photo exhibition opens in May.", false},
		{"Readers who subscribe to the print edition pay less than those who buy single copies at the kiosk, the publisher said, and the gap will widen next year as prices rise.", false},
		{"Die Gewerkschaft fordert mehr Personal für die Kliniken.", false},
		{"Der Bürgermeister will den Haushalt im Dezember vorlegen.", false},
		{"März 2024 war der wärmste März seit Beginn der Messungen.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isBoilerLine(tt.in); got != tt.want {
			t.Errorf("isBoilerLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPruneBlocksRelated(t *testing.T) {
	long := "The committee published its final report on Monday, recommending that the city hire more inspectors, " +
		"publish every inspection online and fine landlords who ignore repair orders for more than thirty days."
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			name: "heading and headlines close the page",
			in:   []string{long, long, long, "You might also like:", "Bridge repairs start", "School board elects chair"},
			want: []string{long, long, long},
		},
		{
			name: "heading followed by more article is dropped alone",
			in:   []string{long, long, "Siehe auch", long},
			want: []string{long, long, long},
		},
		{
			name: "heading with its links in one block",
			in:   []string{long, "Siehe auch\nBridge repairs start\nSchool board elects chair", long},
			want: []string{long, long},
		},
		{
			name: "teaser prefix",
			in:   []string{long, "Auch lesen: Diese drei Sternzeichen passen nicht zusammen", long},
			want: []string{long, long},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pruneBlocks(strings.Join(tt.in, "\n\n"), "")
			if want := strings.Join(tt.want, "\n\n"); got != want {
				t.Errorf("pruneBlocks =\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// extractFixture runs Extract on a testdata file.
func extractFixture(t *testing.T, name, pageURL string) Article {
	t.Helper()
	a, err := Extract(context.Background(), readFixture(t, name), pageURL, Options{})
	if err != nil {
		t.Fatalf("Extract(%s): %v", name, err)
	}
	return a
}

func TestExtractDropsBoilerplateLines(t *testing.T) {
	a := extractFixture(t, "boilerplate-lines.html", "")
	for _, kept := range []string{
		"voted on Tuesday to add two evening crossings",
		"The new timetable takes effect in November.",
		"The mayor said ridership data would be published",
	} {
		if !strings.Contains(a.Text, kept) {
			t.Errorf("lost %q:\n%s", kept, a.Text)
		}
	}
	for _, gone := range []string{
		"5 March 2024", "Reading time", "Photo: Jane Doe", "Advertisement", "Follow us on Twitter",
		"Subscribe now", "Was this article helpful", "Category: Local news", "All rights reserved",
		"You might also like", "Bridge repairs", "Ferry workers vote",
	} {
		if strings.Contains(a.Text, gone) {
			t.Errorf("kept %q:\n%s", gone, a.Text)
		}
	}
}

func TestExtractDropsArticleBoxes(t *testing.T) {
	a := extractFixture(t, "article-boxes.html", "")
	for _, kept := range []string{
		"Nach langer Debatte gibt es eine Mehrheit", // lead named "teaser" stays
		"mit knapper Mehrheit den Bau",
		"über die Bahnhofstraße umgeleitet",
		"Die Kosten von rund 2,4 Millionen Euro",
	} {
		if !strings.Contains(a.Text, kept) {
			t.Errorf("lost %q:\n%s", kept, a.Text)
		}
	}
	for _, gone := range []string{
		"Teilen auf Facebook",                  // share box
		"Alle Meldungen zum Radverkehr",        // paragraph that is only a link
		"Springe zum nächsten Abschnitt",       // screen-reader text
		"Max Muster schreibt seit 2010",        // author box
		"Abgelegt in Lokales, Verkehr und Umw", // entry meta
	} {
		if strings.Contains(a.Text, gone) {
			t.Errorf("kept %q:\n%s", gone, a.Text)
		}
	}
}

func TestExtractDateRules(t *testing.T) {
	tests := []struct {
		file, url, want string
	}{
		// A labelled publication date beats a <time> not marked as one.
		{"date-labelled.html", "", "2019-08-16"},
		// A UTC timestamp takes the offset of the same instant in <time>.
		{"date-utc-local.html", "", "2022-05-03"},
		// A UTC timestamp a day off the URL's date takes the URL's day.
		{"date-utc-url.html", "https://news.example.com/2020/02/24/press-secretary-leaves/", "2020-02-24"},
		// Without the URL the UTC day stands (no zone known for .com/en).
		{"date-utc-url.html", "", "2020-02-25"},
		// RDFa property/content on an ordinary element.
		{"date-rdfa.html", "", "2022-01-28"},
		// A date in the URL's path beats a <time pubdate> (republished).
		{"date-url-time.html", "https://travel.example.org/stories/2017/7/12/lake-weekend", "2017-07-12"},
		{"date-url-time.html", "", "2019-06-17"},
		// A <time> in the article beats the generic "date" meta key.
		{"date-generic-meta.html", "", "2022-01-21"},
		// The visible date element shows the last-modified day.
		{"date-visible-modified.html", "", "2020-03-12"},
		// A publication label in an element of its own before the date
		// beats the generic "date" meta key.
		{"date-label-sibling.html", "", "2024-03-05"},
		// "Stand:" labels the date line of German pages.
		{"date-stand.html", "", "2023-02-12"},
		// Dates in readers' comments are not the page's...
		{"date-comments.html", "", "2018-09-30"},
		// ...unless nothing else dates it.
		{"date-comment-only.html", "", "2015-03-08"},
		// A UTC timestamp moved to the site's zone gives way to the day
		// its <time> prints, one day off.
		{"date-printed-utc.html", "https://bergbahn.example.ch/winterfahrplan", "2021-11-14"},
		// Without a URL no zone is known and the UTC day stands.
		{"date-printed-utc.html", "", "2021-11-14"},
		// The date line under the headline picks the stated date that
		// agrees with it.
		{"date-headline.html", "", "2023-04-18"},
		// ...but not when it is labelled as an update.
		{"date-headline-updated.html", "", "2022-08-01"},
		// A two-digit-year date in a text of its own is the last resort.
		{"date-short-year.html", "", "2024-03-07"},
		// A forum user's sign-up date is skipped.
		{"date-forum-joined.html", "", "2012-06-14"},
		// A header widget with today's date is not a date element.
		{"date-today-widget.html", "", "2023-08-11"},
		// "post-date updated" (hAtom) is a date element.
		{"date-hatom-updated.html", "", "2024-02-02"},
	}
	for _, tt := range tests {
		a := extractFixture(t, tt.file, tt.url)
		if a.Published != tt.want {
			t.Errorf("%s (%q): Published = %q, want %q", tt.file, tt.url, a.Published, tt.want)
		}
		if (a.Published == "") != a.PublishedTime.IsZero() {
			t.Errorf("%s: Published %q but PublishedTime %v", tt.file, a.Published, a.PublishedTime)
		}
	}
}

func TestLabelledDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Veröffentlicht am 16.08.2019", "2019-08-16"},
		{"Erschienen am: 01.11.2023", "2023-11-01"},
		{"Written: 2023-11-07 15:03:30 / Updated: 2023-11-07 15:30:46", "2023-11-07"},
		{"Published on March 4, 2025", "2025-03-04"},
		{"Publikacja: 04.05.2021", "2021-05-04"},
		{"Publié le 3 mars 2024", "2024-03-03"},
		{"Letzte Änderung: 31.10.2023", ""},
		{"Published by the ministry of transport in its annual report of 2021-05-04", ""}, // date too far
	}
	for _, tt := range tests {
		got := ""
		if d, ok := labelledDate(tt.in); ok {
			got = dayOf(d)
		}
		if got != tt.want {
			t.Errorf("labelledDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChangeLabelled(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Letzte Änderung: 31.10.2023 - 14:49:39", true},
		{"Updated Mar 12, 2020", true},
		{"Written: 2023-11-07 / Updated: 2023-11-08", false},
		{"Stand: 05. Februar 2020", false},
		{"14. März 2024", false},
	}
	for _, tt := range tests {
		if got := changeLabelled(tt.in); got != tt.want {
			t.Errorf("changeLabelled(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTextDateSkipsChangeDates(t *testing.T) {
	pm := &pageMeta{textDates: []string{"Letzte Änderung: 31.10.2023 - 14:49", "01.11.2023"}}
	if got := dayOf(textDate(pm)); got != "2023-11-01" {
		t.Errorf("textDate = %q, want 2023-11-01", got)
	}
	pm = &pageMeta{textDates: []string{"Letzte Änderung: 31.10.2023"}}
	if got := dayOf(textDate(pm)); got != "2023-10-31" {
		t.Errorf("textDate with only a change date = %q, want it as a last resort", got)
	}
}

func TestLocalOffset(t *testing.T) {
	utc := time.Date(2022, 5, 4, 3, 37, 37, 0, time.UTC)
	tests := []struct {
		name  string
		cands []string
		want  string // day of utc in the zone found, "" for none
	}{
		{"explicit offset", []string{"2022-05-04T03:37:37Z", "2022-05-03T23:37:37-04:00"}, "2022-05-03"},
		{"wall clock", []string{"2022-05-03 23:37:37"}, "2022-05-03"},
		{"other instant", []string{"2022-05-03T20:00:00-04:00"}, ""},
		{"wall clock off by minutes", []string{"2022-05-03 23:30:00"}, ""},
		{"date only", []string{"2022-05-03"}, ""},
	}
	for _, tt := range tests {
		loc := localOffset(utc, tt.cands)
		got := ""
		if loc != nil {
			got = dayOf(utc.In(loc))
		}
		if got != tt.want {
			t.Errorf("%s: day = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDateInTextLocales(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"16 marca 2021", "2021-03-16"},
		{"15 августа 2016, 13:43", "2016-08-15"},
		{"7. oktober 2020", "2020-10-07"},
		{"19. helmikuuta 2020", "2020-02-19"},
		{"17/02/2022", "2022-02-17"}, // day first
		{"02/10/2020", "2020-10-02"}, // ambiguous: day first
		{"02/24/2020", "2020-02-24"}, // second number > 12: US order
	}
	for _, tt := range tests {
		got := ""
		if d, ok := dateInText(tt.in); ok {
			got = dayOf(d)
		}
		if got != tt.want {
			t.Errorf("dateInText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDateInURLDayFirst(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.org/media-news/meldungen/29-10-2021", "2021-10-29"},
		{"https://example.org/2021/10/29/story", "2021-10-29"},
		{"https://example.org/item-12-10-2021-x", ""}, // not a whole segment
	}
	for _, tt := range tests {
		got := ""
		if d, ok := dateInURL(tt.in); ok {
			got = dayOf(d)
		}
		if got != tt.want {
			t.Errorf("dateInURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsBox(t *testing.T) {
	tests := []struct {
		class, id string
		want      bool
	}{
		{"author-box", "", true},
		{"sharedaddy sd-sharing-enabled", "", true},
		{"entry-meta", "", true},
		{"", "comments", true},
		{"comment-respond", "respond", true},
		{"promo", "", true},
		{"screen-reader-text", "", true},
		{"table-responsive", "", false}, // not "respond"
		{"node node-article node-promoted", "", false},
		{"post type-post category-social tag-newsletter", "", false},
		{"article-commentary", "", false},
		{"article-teaser", "", false},
		{"entry-content", "", false},
	}
	for _, tt := range tests {
		n := &html.Node{Type: html.ElementNode, Data: "div"}
		if tt.class != "" {
			n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: tt.class})
		}
		if tt.id != "" {
			n.Attr = append(n.Attr, html.Attribute{Key: "id", Val: tt.id})
		}
		if got := isBox(n); got != tt.want {
			t.Errorf("isBox(class=%q id=%q) = %v, want %v", tt.class, tt.id, got, tt.want)
		}
	}
}
