package htmltext

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"dossier/corpus/files"
)

// sampleDir holds the project's own fictional news pages.
const sampleDir = "../testdata/sample/news"

func TestSampleNews(t *testing.T) {
	// Boilerplate present on the pages that must not reach Text.
	commonExcludes := []string{"cookie", "Cookie", "newsletter", "Newsletter", "Subscribe", "Related", "Privacy", "gtag", "dataLayer", "function"}
	tests := []struct {
		file      string
		title     string
		authors   []string
		published string
		site      string
		lang      string
		canonical string
		contains  []string
		excludes  []string
	}{
		{
			file:      "harbor-light-ruling.html",
			title:     "Judge lets Harbor Light's Nightjar spyware suit go forward",
			authors:   []string{"Dana Whitcombe"},
			published: "2024-09-13",
			site:      "The Bay Ledger",
			lang:      "en",
			canonical: "https://www.bayledger.example/news/2024/09/13/harbor-light-nightjar-ruling",
			contains: []string{
				"U.S. District Judge Rosa Serrano", "Northern District of California",
				"Castellan Data Systems", "Harbor Light Media", `"Nightjar"`,
				"No. 3:24-cv-01234-RMS", `"exfiltration"`, "motion to dismiss",
			},
			excludes: []string{
				"Morning Docket", "Sign me up", "Courts & Crime", "Obituaries", "Events Calendar",
				"Oakland settles police records", "Share on Facebook", "Accept all",
				"All rights reserved", "Skip to content",
			},
		},
		{
			file:      "nightjar-appeal.html",
			title:     "Ninth Circuit refuses to pause Nightjar spyware case during Castellan appeal",
			authors:   []string{"Priya Raman", "Tomás Ibáñez"},
			published: "2025-03-04",
			site:      "Courthouse Wire",
			lang:      "en",
			canonical: "https://courthousewire.example/2025/03/04/ninth-circuit-nightjar-stay-denied/",
			contains: []string{
				"Ninth Circuit", "No. 25-1432", "Judge Serrano", "Case No. 24-cv-01234",
				"Harbor Light", "Castellan",
			},
			excludes: []string{
				"The Appellate Brief", "Join 40,000 readers", "Docket Tracker", "Supreme Court",
				"Castellan files notice of appeal", "Most read", "Open Dockets Foundation",
				"I agree", "personalise content",
			},
		},
		{
			file:      "delgado-whitfield-sentencing.html",
			title:     "Turbine-parts fraudster sentenced to seven years in counterfeit bearings scheme",
			authors:   []string{"Samuel Oyelaran"},
			published: "2025-11-04",
			site:      "Metro Justice Report",
			lang:      "en",
			canonical: "https://metrojusticereport.example/sdny/delgado-whitfield-sentenced-turbine-bearings",
			contains: []string{
				"U.S. District Judge Laura T. Kessler", "Southern District of New York",
				"Marcus Delgado-Whitfield", "wire fraud", "counterfeit turbine bearings", "1:23-cr-00456",
			},
			excludes: []string{
				"Your privacy choices", "Sentenced: the weekly roundup", "Jails & Prisons",
				"Send a Tip", "Recommended for you", "crypto lender", "Advertisement",
				"Copy link", "Support our work",
			},
		},
		{
			file:      "spionage-klage.html",
			title:     "Spähsoftware Nightjar: US-Gericht lässt Klage gegen Castellan zu",
			authors:   []string{"Jürgen Weiß"},
			published: "2024-09-14",
			site:      "Rheinische Rundschau",
			lang:      "de",
			canonical: "https://www.rheinische-rundschau.example/politik/ausland/spaehsoftware-nightjar-klage-castellan-100.html",
			contains: []string{
				"Spähsoftware Nightjar", "Richterin Rosa Serrano", "Harbor Light Media",
				"Castellan Data Systems", "3:24-cv-01234-RMS", "Fahrlässigkeit", "Präzedenzfall", "äußerte", "ließ",
			},
			excludes: []string{
				"Wir brauchen Ihre Zustimmung", "Morgenlage", "Mehr zum Thema", "Staatstrojaner",
				"Impressum", "Düsseldorf", "E-Paper", "Alle akzeptieren", "\uFFFD", "Ã",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(sampleDir, tc.file))
			if err != nil {
				t.Fatalf("read sample: %v", err)
			}
			if !files.IsHTML(data) {
				t.Errorf("IsHTML = false")
			}
			a, err := Extract(context.Background(), data, "", Options{})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Title != tc.title {
				t.Errorf("Title = %q, want %q", a.Title, tc.title)
			}
			if !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("Authors = %q, want %q", a.Authors, tc.authors)
			}
			if a.Published != tc.published {
				t.Errorf("Published = %q, want %q", a.Published, tc.published)
			}
			if a.SiteName != tc.site {
				t.Errorf("SiteName = %q, want %q", a.SiteName, tc.site)
			}
			if a.Language != tc.lang {
				t.Errorf("Language = %q, want %q", a.Language, tc.lang)
			}
			if a.CanonicalURL != tc.canonical {
				t.Errorf("CanonicalURL = %q, want %q", a.CanonicalURL, tc.canonical)
			}
			for _, s := range tc.contains {
				if !strings.Contains(a.Text, s) {
					t.Errorf("Text lacks %q", s)
				}
			}
			for _, s := range append(slices.Clone(commonExcludes), tc.excludes...) {
				if strings.Contains(a.Text, s) {
					t.Errorf("Text contains boilerplate %q", s)
				}
			}
			if n := len(strings.Fields(a.Text)); n < 300 || n > 600 {
				t.Errorf("Text has %d words, want 300-600", n)
			}
			if len(a.Warnings) > 0 {
				t.Errorf("Warnings = %q", a.Warnings)
			}
			checkArticleInvariants(t, a)
		})
	}
}

// TestSampleGermanIsLatin1 keeps the German sample honest: it must declare
// ISO-8859-1 and be stored in it.
func TestSampleGermanIsLatin1(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sampleDir, "spionage-klage.html"))
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	if utf8.Valid(data) {
		t.Errorf("spionage-klage.html is valid UTF-8; it must be ISO-8859-1 bytes")
	}
	if _, name := declaredCharset(data); name != "windows-1252" { // WHATWG maps iso-8859-1 to windows-1252
		t.Errorf("declared charset = %q, want iso-8859-1", name)
	}
	for _, b := range []byte{0xE4, 0xFC, 0xDF} { // ä ü ß
		if !slices.Contains(data, b) {
			t.Errorf("no ISO-8859-1 byte %#x in the file", b)
		}
	}
}
