package pdftext

import (
	"strings"
	"testing"
)

func TestCheckPage(t *testing.T) {
	prose := strings.Repeat("The plaintiff alleges that the defendant installed spyware on the devices. ", 4)
	glued := strings.Repeat("Theplaintiffallegesthatthedefendantinstalledspywareonthedevices. ", 4)
	tests := []struct {
		name, text, want string
	}{
		{"prose", prose, ""},
		{"short line", "EXHIBIT A", ""},
		{"empty", "", ReasonEmpty},
		{"blank", " \n\t \n", ReasonEmpty},
		{"cid codes", "(cid:12)(cid:34)(cid:56) text", ReasonCID},
		{"one cid in a short page", "Page (cid:3)", ReasonCID},
		{"replacement characters", strings.Repeat("ab\uFFFD ", 30), ReasonBadRunes},
		{"private use", strings.Repeat("\uE001\uE002x ", 30), ReasonBadRunes},
		{"glued words", glued, ReasonGlued},
		{"glued without long tokens", strings.Repeat("abcdefghijklmnopq. ", 10), ReasonGlued},
		{"symbols", strings.Repeat("%$#@ !!& 12 ** == ", 10), ReasonNonLetter},
		{"one character per token", strings.Repeat("% a & b ( c * 5 + d , e - 0 1 67 / ", 8), ReasonSplit},
		{"numeric table passes", strings.Repeat("12 345 6,789 10.5 $1,000 ", 10), ""},
		{"split letters", strings.Repeat("T h e p l a i n t i f f a l l e g e s ", 8), ReasonSplit},
		{"pleading line numbers with text", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n" + prose, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckPage(tt.text); got != tt.want {
				t.Errorf("CheckPage = %q, want %q (stats %+v)", got, tt.want, Stats(tt.text))
			}
		})
	}
}

func BenchmarkCheckPage(b *testing.B) {
	page := strings.Repeat("The plaintiff alleges that the defendant installed spyware on the devices.\n", 40)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		CheckPage(page)
	}
}
