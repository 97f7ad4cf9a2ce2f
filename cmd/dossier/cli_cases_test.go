package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cliCase is one case of testdata/cli_cases.json: a command line and its
// exit status and output. In arguments, {{tmp}} is a scratch folder (with
// empty.pdf, bad/ holding a broken PDF and empty/ an empty one) and
// {{sample}} an index of the bundled sample; the placeholders are filled
// in the expected fragments too.
type cliCase struct {
	Name   string   `json:"name"`
	Args   []string `json:"args"`
	Exit   int      `json:"exit"`
	Stdout string   `json:"stdout"` // a fragment stdout holds
	Stderr string   `json:"stderr"` // a fragment stderr holds
	Absent string   `json:"absent"` // a path that must not exist afterwards
	JSON   bool     `json:"json"`   // stdout is one JSON value
}

func TestCLICases(t *testing.T) {
	raw, err := os.ReadFile("testdata/cli_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []cliCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := os.WriteFile(filepath.Join(tmp, "empty.pdf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(tmp, "bad"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "bad", "broken.pdf"), []byte("%PDF-1.7\nnot really"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(tmp, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "empty", "blank.pdf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sample := filepath.Join(tmp, "sample-index")
	if code, _, errOut := runCmd(t, "index", "--index", sample, "--log-level", "error", sampleDir); code != 0 {
		t.Fatalf("indexing the sample: exit %d: %s", code, errOut)
	}
	fill := func(s string) string {
		return strings.NewReplacer("{{tmp}}", tmp, "{{sample}}", sample).Replace(s)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			args := make([]string, len(c.Args))
			for i, a := range c.Args {
				args[i] = fill(a)
			}
			code, out, errOut := runCmd(t, args...)
			if code != c.Exit {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.Exit, out, errOut)
			}
			if want := fill(c.Stdout); want != "" && !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
			if want := fill(c.Stderr); want != "" && !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
			if c.JSON {
				var v any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Errorf("stdout is not one JSON value: %v\n%s", err, out)
				}
			}
			if c.Absent != "" {
				if _, err := os.Stat(fill(c.Absent)); err == nil {
					t.Errorf("%s exists afterwards", fill(c.Absent))
				}
			}
		})
	}
}

// TestDeleteFromLocalIndex deletes a document of the sample by its ID and
// checks that search no longer finds it.
func TestDeleteFromLocalIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	if code, _, errOut := runCmd(t, "index", "--index", dir, "--log-level", "error", sampleDir); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	code, out, _ := runCmd(t, "search", "--index", dir, "--json", "--size", "1", "Nightjar")
	var sr struct {
		Total int `json:"total"`
		Hits  []struct {
			ID string `json:"id"`
		} `json:"hits"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &sr) != nil || len(sr.Hits) != 1 {
		t.Fatalf("search: %d %s", code, out)
	}
	if code, out, errOut := runCmd(t, "delete", "--index", dir, sr.Hits[0].ID); code != 0 || !strings.Contains(out, "deleted: "+sr.Hits[0].ID) {
		t.Fatalf("delete: %d %s %s", code, out, errOut)
	}
	var after struct {
		Total int `json:"total"`
	}
	_, out, _ = runCmd(t, "search", "--index", dir, "--json", "--size", "1", "Nightjar")
	if json.Unmarshal([]byte(out), &after) != nil || after.Total != sr.Total-1 {
		t.Errorf("after delete: total %d, want %d", after.Total, sr.Total-1)
	}
}
