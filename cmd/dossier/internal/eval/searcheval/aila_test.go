package searcheval

import (
	"archive/tar"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ulikunitz/xz"

	"dossier/index"
	"dossier/index/bleve"
)

func TestUserQuery(t *testing.T) {
	ix, err := bleve.Open(bleve.Options{Dir: filepath.Join(t.TempDir(), "idx")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cases := []struct {
		in, want string
		terms    int
		bytes    int
	}{
		{"The appellant (A1) was NOT at home; Section 302 r/w 34 IPC.", "appellant OR a1 OR home OR section OR 302 OR 34 OR ipc", 100, 1000},
		{`"quoted" title:colon -minus star* fuzzy~2 AND OR`, "quoted OR title OR colon OR minus OR star OR fuzzy", 100, 1000},
		{"alpha beta gamma delta", "alpha OR beta", 2, 1000},
		{"alpha beta gamma delta", "alpha OR beta", 100, len("alpha OR beta OR ga")},
		{"Alpha alpha ALPHA", "alpha", 100, 1000},
	}
	for _, c := range cases {
		got, words := UserQuery(c.in, c.terms, c.bytes)
		if got != c.want {
			t.Errorf("UserQuery(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(words) == 0 {
			t.Errorf("UserQuery(%q): no words", c.in)
		}
		// The query must be valid in the dossier language.
		if _, err := ix.Search(context.Background(), index.SearchRequest{Query: got}); err != nil {
			t.Errorf("UserQuery(%q) = %q does not parse: %v", c.in, got, err)
		}
	}
}

func TestReadAILA(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aila.tar.xz")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	xw, err := xz.NewWriter(f)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(xw)
	for _, e := range []struct{ name, body string }{
		{"AILA/Object_casedocs/C2.txt", "State v. B\nsecond judgment \xff text"},
		{"AILA/Object_casedocs/C1.txt", "A v. Union\nfirst judgment"},
		{"AILA/Object_statutes/S1.txt", "a statute, not a case document"},
		{"AILA/Query_doc.txt", "AILA_Q1||The appellant was convicted.\nAILA_Q2||A second query.\n"},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, xw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	docs, queries, err := ReadAILA(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "C1" || docs[0].Title != "A v. Union" || docs[1].Text != "State v. B\nsecond judgment   text" {
		t.Errorf("docs = %+v", docs)
	}
	if len(queries) != 2 || queries["AILA_Q1"] != "The appellant was convicted." {
		t.Errorf("queries = %v", queries)
	}
	if _, _, err := ReadAILA(filepath.Join(t.TempDir(), "missing.tar.xz")); err == nil {
		t.Error("missing archive accepted")
	}
}

func TestAILAIDs(t *testing.T) {
	if len(AILATestIDs) != 40 || AILATestIDs[0] != "AILA_Q11" || AILATestIDs[39] != "AILA_Q50" {
		t.Errorf("test ids %v", AILATestIDs)
	}
	if len(AILADevIDs) != 10 || AILADevIDs[0] != "AILA_Q1" || AILADevIDs[9] != "AILA_Q10" {
		t.Errorf("dev ids %v", AILADevIDs)
	}
}
