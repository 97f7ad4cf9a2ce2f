package files

import "testing"

func TestIsHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", true},
		{"\xEF\xBB\xBF<!DOCTYPE html>", true},
		{"  \r\n\t<html lang=en>", true},
		{"<HTML>", true},
		{"<head><title>x</title>", true},
		{"<body>", true},
		{"<meta charset=utf-8>", true},
		{"<!-- saved from url=(0014)about:internet -->\n<html>", true},
		{"<!-- a --><!-- b -->  <head>", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">", true},
		{"<title>Bare title</title>", true},
		{"<html", true},
		{"\xFF\xFE<\x00h\x00t\x00m\x00l\x00>\x00", true},
		{"\xFE\xFF\x00<\x00!\x00d\x00o\x00c\x00t\x00y\x00p\x00e\x00 \x00h\x00t\x00m\x00l", true},
		{"%PDF-1.7\n%\xE2\xE3\xCF\xD3", false},
		{"", false},
		{"hello <html>", true}, // anywhere rule
		{"<htmlx>", false},
		{"<?xml version=\"1.0\"?><rss version=\"2.0\">", false},
		{"<!-- unterminated comment <html>", false},
		{"{\"json\": true}", false},
		{"<!doctype xml>", false},
		{"<div>fragment</div>", true},
		{"<p>para", true},
		{"<b>bold</b>", true},
		{"<br />\n<b>Warning</b>: mysql error", true},
		{"\n<h2>Opinions</h2>\n<!DOCTYPE html PUBLIC", true},
		{"Warning: something\n<!DOCTYPE html>", true},
		{"<abbr>x</abbr>", false},
		{"<pre>x</pre>", false},
		{"<rss version=\"2.0\"><channel>", false},
		{"text mentioning <htmlfoo> only", false},
		{"plain text file", false},
	}
	for _, tc := range tests {
		if got := IsHTML([]byte(tc.in)); got != tc.want {
			t.Errorf("IsHTML(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
