package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection enforces the layering corpus → index → api → cmd:
// a package may import only layers to its left, corpus never sees bleve or
// echo, and api reaches bleve and ingest only through index. Within index,
// the engine (index/bleve) and ingest (index/ingest) never import each
// other: ingest writes through index.Writer. Within corpus, the root
// package (the data contract) depends on no extractor, PDF or HTML
// library, and corpus/legal never on corpus/extract. No product package
// depends on the measurement harnesses under cmd/dossier/internal/eval.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	// .Imports are direct imports; .Deps are transitive.
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}", "dossier/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	type rule struct {
		layer      string   // package path prefix
		noDeps     []string // forbidden anywhere in the dependency tree
		noDirectly []string // forbidden as direct imports
		exact      bool     // the rule is for layer itself, not its subpackages
	}
	const evalHarnesses = "dossier/cmd/dossier/internal/eval"
	rules := []rule{
		{"dossier/corpus", []string{"dossier/index", "dossier/api", "dossier/cmd", "github.com/blevesearch/", "github.com/labstack/echo", evalHarnesses}, nil, false},
		{"dossier/corpus", []string{
			"dossier/corpus/extract", "dossier/corpus/pdftext", "dossier/corpus/htmltext", "dossier/corpus/ocr",
			"github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability", "github.com/blevesearch/",
		}, nil, true},
		{"dossier/corpus/legal", []string{"dossier/corpus/extract"}, nil, false},
		// The walker, the sniffer and cross-document inference link no
		// extractor, and ingest reaches extraction only through its
		// Extractor interface.
		{"dossier/corpus/files", []string{"dossier/corpus/extract", "dossier/corpus/htmltext", "dossier/corpus/pdftext", "github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		{"dossier/corpus/infer", []string{"dossier/corpus/extract", "dossier/corpus/htmltext", "dossier/corpus/pdftext", "github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		{"dossier/index/ingest", []string{"dossier/corpus/extract", "github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		{"dossier/index", []string{"dossier/api", "dossier/cmd", "github.com/labstack/echo", evalHarnesses}, nil, false},
		{"dossier/api", []string{"dossier/cmd", evalHarnesses, "github.com/blevesearch/", "dossier/index/bleve", "dossier/index/ingest",
			"dossier/corpus/extract", "github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		// The engine searches and stores; it knows neither the manifest nor
		// the extractors. Ingest knows no engine but index.Writer.
		{"dossier/index/bleve", []string{"dossier/index/ingest", "dossier/corpus/extract",
			"github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		{"dossier/index/ingest", []string{"dossier/index/bleve", "github.com/blevesearch/"}, nil, false},
		// Alerts are backend-neutral: they match through index.Percolator,
		// hear of batches as ingest's index.CommitHook, and know no HTTP
		// framework; the API and CLI are built on them.
		{"dossier/index/alert", []string{"dossier/index/bleve", "github.com/blevesearch/", "dossier/index/ingest",
			"github.com/labstack/echo", "dossier/api", "dossier/corpus/extract"}, nil, false},
		// The index root is the backend-neutral core: types, the fields
		// table, errors; no engine and no extractor.
		{"dossier/index", []string{"github.com/blevesearch/", "dossier/index/bleve", "dossier/corpus/extract",
			"github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, true},
		// The query language has no engine, no extractor behind it; nor
		// have the API keys that check filters in it.
		{"dossier/index/query", []string{"github.com/blevesearch/", "dossier/corpus/extract", "github.com/ledongthuc/pdf", "codeberg.org/readeck/go-readability"}, nil, false},
		{"dossier/api/keys", []string{"github.com/blevesearch/", "dossier/corpus/extract", "github.com/ledongthuc/pdf"}, nil, false},
		// The contract suite is test support, never linked into the binary.
		{"dossier/cmd", []string{"dossier/index/indextest"}, nil, false},
		{"dossier/api", []string{"dossier/index/indextest"}, nil, false},
		{"dossier/index/bleve", []string{"dossier/index/indextest"}, nil, false},
	}
	checked := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "|", 3)
		if len(parts) != 3 {
			continue
		}
		pkg, imports, deps := parts[0], strings.Fields(parts[1]), strings.Fields(parts[2])
		for _, r := range rules {
			if pkg != r.layer && (r.exact || !strings.HasPrefix(pkg, r.layer+"/")) {
				continue
			}
			checked++
			for _, d := range deps {
				for _, bad := range r.noDeps {
					if strings.HasPrefix(d, bad) {
						t.Errorf("%s depends on %s; layer %s must not", pkg, d, r.layer)
					}
				}
			}
			for _, d := range imports {
				for _, bad := range r.noDirectly {
					if strings.HasPrefix(d, bad) {
						t.Errorf("%s imports %s directly; go through package index", pkg, d)
					}
				}
			}
		}
	}
	if checked < 8 {
		t.Fatalf("checked only %d packages; go list output was unexpected", checked)
	}
}
