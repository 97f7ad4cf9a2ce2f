package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"dossier/index"
)

func TestDecodeDocument(t *testing.T) {
	cases := []struct {
		name, line string
		wantID     string
		wantErr    bool
	}{
		{"id", `{"id":"abc","text":"x"}`, "abc", false},
		{"sha only", `{"sha256":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}`, "0123456789abcdef0123456789abcdef", false},
		{"no id", `{"text":"x"}`, "", true},
		{"not json", `{"id":`, "", true},
		{"array", `[1,2]`, "", true},
		{"long id", `{"id":"` + string(bytes.Repeat([]byte("a"), 200)) + `"}`, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := decodeDocument([]byte(c.line))
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if err == nil && d.ID != c.wantID {
				t.Fatalf("ID = %q, want %q", d.ID, c.wantID)
			}
		})
	}
}

// FuzzImportJSONL feeds arbitrary bytes as a JSON Lines file: the import
// must not panic, must report every non-blank line once, and must leave
// the index holding exactly the documents it reported as indexed.
func FuzzImportJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"hello"}` + "\n" + `{"id":"b","pages":[{"number":1,"text":"p"}]}`))
	f.Add([]byte("{\"id\":\"a\"}\r\n\n  \n{bad\n{\"sha256\":\"ff\"}"))
	f.Add([]byte(`{"id":"x","skip_reason":"broken"}`))
	f.Add([]byte("\x00\xff\n\n"))
	ix := openIndex(f, filepath.Join(f.TempDir(), "ix"), Options{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.jsonl")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// A fresh mtime is not guaranteed: drop the record so the file is read.
		_ = ix.manifest.update(func(tx manifestTx) error { return tx.remove(p) })
		lines := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines++
			}
		}
		reported := 0
		sum, err := ix.IngestWith(context.Background(), nil, []string{p}, index.IngestOptions{Progress: func(r index.FileResult) {
			reported++
			if r.Outcome == index.OutcomeIndexed {
				if _, err := ix.Document(context.Background(), r.ID); err != nil {
					t.Errorf("reported %s indexed but: %v", r.ID, err)
				}
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if reported != lines || sum.Indexed+sum.Failed != lines {
			t.Fatalf("%d non-blank lines, %d reported, summary %+v", lines, reported, sum)
		}
	})
}

// BenchmarkImportJSONL measures the JSON Lines import of generated 5 KB
// documents into a fresh index (b.N documents per run).
func BenchmarkImportJSONL(b *testing.B) {
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = "w" + string(rune('a'+i%26)) + string(rune('a'+(i/26)%26)) + string(rune('a'+(i/676)%26))
	}
	docs := liveDocs(b.N, vocab)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	dir := b.TempDir()
	p := filepath.Join(dir, "bench.jsonl")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	ix := openIndex(b, filepath.Join(dir, "ix"), Options{})
	b.SetBytes(int64(buf.Len() / max(b.N, 1)))
	b.ResetTimer()
	sum, err := ix.IngestWith(context.Background(), nil, []string{p}, index.IngestOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if sum.Indexed != b.N {
		b.Fatalf("indexed %d of %d", sum.Indexed, b.N)
	}
}
