package htmltext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func FuzzExtract(f *testing.F) {
	for _, dir := range []string{"testdata", sampleDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"",
		"<",
		"<html><body><p>x",
		"\xEF\xBB\xBF<p>bom</p>",
		"\xFF\xFE<\x00p\x00>\x00h\x00i\x00",
		"<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>",
		"<meta charset=utf-8><p>\xff\xfe\xfd broken \xc3</p>",
		"<script type=application/ld+json>{\"@graph\":[{\"@type\":\"NewsArticle\",\"author\":{\"@id\":\"x\"},\"datePublished\":\"9999-99-99\"}]}</script><p>t</p>",
		"<script type=application/ld+json>[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]</script>",
		"<table><tr><td><pre>\n\n a \n\n</pre><td>b<br><br><br>c",
		"<svg><title>not the title</title><path/></svg><title>real</title><p>body",
		"<div style='display:none'><p>only hidden text here</p></div>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Extract(context.Background(), data, "https://example.org/a/b", Options{Timeout: 5 * time.Second})
		if errors.Is(err, errPanic) {
			t.Fatalf("extraction panicked: %v", err)
		}
		if errors.Is(err, ErrTimeout) {
			return
		}
		if err == nil && a.Text == "" {
			t.Fatalf("nil error with empty Text")
		}
		checkArticleInvariants(t, a)
	})
}
