package bleve

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"dossier/corpus"
)

// TestIndexSizeBreakdown explains the size of a dossier index against raw
// bleve's on the same documents: it indexes the first DOSSIER_SIZE_DOCS
// documents of the JSON Lines file DOSSIER_SIZE_JSONL once with dossier's
// mapping and once per variant that leaves one thing out (term vectors,
// stored text, stop words, ...), force-merges each index into one segment
// and reports the segment's size; the difference from the full mapping is
// what the thing left out costs. Raw bleve (default mapping, as
// TestBulkThroughput's bleve mode) is measured the same way.
//
//	DOSSIER_SIZE_DOCS=10000 DOSSIER_SIZE_JSONL=/tmp/tp100/synth-100000.jsonl \
//	  go test -count=1 ./index/bleve -run TestIndexSizeBreakdown -v
func TestIndexSizeBreakdown(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DOSSIER_SIZE_DOCS"))
	jsonl := os.Getenv("DOSSIER_SIZE_JSONL")
	if n <= 0 || jsonl == "" {
		t.Skip("set DOSSIER_SIZE_DOCS=N and DOSSIER_SIZE_JSONL=FILE to measure what the index's parts cost on disk")
	}
	docs := readJSONLDocs(t, jsonl, n)
	var textBytes int64
	for i := range docs {
		textBytes += int64(docTextLen(&docs[i]))
	}
	t.Logf("%d documents, %.1f MB of text", len(docs), float64(textBytes)/1e6)

	// field sets the options of one field of the dossier mapping.
	field := func(m *mapping.IndexMappingImpl, name string) *mapping.FieldMapping {
		return m.TypeMapping[docType].Properties[name].Fields[0]
	}
	if os.Getenv("DOSSIER_SIZE_RAW_ONLY") != "" {
		raw := buildMerged(t, bleve.NewIndexMapping(), len(docs), func(i int) (string, any, error) {
			return docs[i].ID, docs[i], nil
		})
		t.Logf("raw bleve, default mapping: %.1f MB", raw)
		return
	}
	variants := []struct {
		name   string
		change func(m *mapping.IndexMappingImpl) error
	}{
		{"dossier (mapping v" + strconv.Itoa(MappingVersion) + ")", nil},
		{"text without term vectors", func(m *mapping.IndexMappingImpl) error {
			field(m, fieldText).IncludeTermVectors = false
			return nil
		}},
		{"text not stored", func(m *mapping.IndexMappingImpl) error {
			field(m, fieldText).Store = false
			return nil
		}},
		{"text without stop words", func(m *mapping.IndexMappingImpl) error {
			if err := m.AddCustomAnalyzer("size_stop", map[string]any{
				"type": custom.Name, "tokenizer": wordTokenizerName,
				"token_filters": []string{lowercase.Name, en.StopName},
			}); err != nil {
				return err
			}
			field(m, fieldText).Analyzer = "size_stop"
			return nil
		}},
		{"meta not stored", func(m *mapping.IndexMappingImpl) error {
			field(m, fieldMeta).Store = false
			return nil
		}},
		{"short text fields without term vectors", func(m *mapping.IndexMappingImpl) error {
			for _, f := range []string{fieldTitle, fieldCaption, fieldAuthor, fieldJudgeName} {
				field(m, f).IncludeTermVectors = false
			}
			return nil
		}},
		{"keywords without doc values", func(m *mapping.IndexMappingImpl) error {
			for _, f := range keywordFields {
				field(m, f).DocValues = false
			}
			return nil
		}},
	}
	var full float64
	for i, v := range variants {
		im, err := newMapping()
		if err != nil {
			t.Fatal(err)
		}
		m := im.(*mapping.IndexMappingImpl)
		if v.change != nil {
			if err := v.change(m); err != nil {
				t.Fatal(err)
			}
		}
		mb := buildMerged(t, m, len(docs), func(i int) (string, any, error) {
			rec, err := toRecord(&docs[i])
			return docs[i].ID, rec, err
		})
		if i == 0 {
			full = mb
			t.Logf("%-40s %7.1f MB  (%.2f bytes per byte of text)", v.name, mb, mb*1e6/float64(textBytes))
			continue
		}
		t.Logf("%-40s %7.1f MB  (%+.1f MB, %+.0f%%)", v.name, mb, mb-full, 100*(mb-full)/full)
	}
	raw := buildMerged(t, bleve.NewIndexMapping(), len(docs), func(i int) (string, any, error) {
		return docs[i].ID, docs[i], nil
	})
	t.Logf("%-40s %7.1f MB  (%+.1f MB, %+.0f%%)", "raw bleve, default mapping", raw, raw-full, 100*(raw-full)/full)
	rawText := bleve.NewIndexMapping()
	raw2 := buildMerged(t, rawText, len(docs), func(i int) (string, any, error) {
		return docs[i].ID, map[string]any{"text": docText(&docs[i]), "title": docs[i].Title}, nil
	})
	t.Logf("%-40s %7.1f MB  (%+.1f MB, %+.0f%%)", "raw bleve, default mapping, text+title", raw2, raw2-full, 100*(raw2-full)/full)
}

// buildMerged indexes n documents (doc(i) gives the ID and the value to
// index) in batches of 1000 into a new index with mapping m, merges it
// into one segment and returns the segment's size in MB.
func buildMerged(t testing.TB, m mapping.IndexMapping, n int, doc func(i int) (string, any, error)) float64 {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ix")
	bi, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	b := bi.NewBatch()
	for i := 0; i < n; i++ {
		id, v, err := doc(i)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Index(id, v); err != nil {
			t.Fatal(err)
		}
		if b.Size() >= 1000 || i == n-1 {
			if err := bi.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = bi.NewBatch()
		}
	}
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	s := adv.(*scorch.Scorch)
	if os.Getenv("DOSSIER_SIZE_UNMERGED") != "" {
		n, _ := snapshotSize(t, s)
		t.Logf("(before the forced merge: %.1f MB)", float64(n)/1e6)
	}
	if err := s.ForceMerge(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	size, segs := snapshotSize(t, s)
	if segs != 1 {
		t.Logf("(%d segments)", segs)
	}
	return float64(size) / 1e6
}

// snapshotSize sums the sizes of the segment files of s's current
// snapshot.
func snapshotSize(t testing.TB, s *scorch.Scorch) (size int64, segments int) {
	t.Helper()
	r, err := s.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	segs := r.(*scorch.IndexSnapshot).Segments()
	for _, ss := range segs {
		p, ok := ss.Segment().(interface{ Path() string })
		if !ok {
			continue // still in memory
		}
		st, err := os.Stat(p.Path())
		if err != nil {
			t.Fatal(err)
		}
		size += st.Size()
	}
	return size, len(segs)
}

// readJSONLDocs reads the first n documents of a JSON Lines file.
func readJSONLDocs(t testing.TB, path string, n int) []corpus.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var docs []corpus.Document
	for len(docs) < n && sc.Scan() {
		var d corpus.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// docText is a document's text as the index stores it.
func docText(d *corpus.Document) string {
	if len(d.Pages) > 0 {
		s, _ := joinPages(d.Pages)
		return s
	}
	return d.Text
}

func docTextLen(d *corpus.Document) int { return len(docText(d)) }
