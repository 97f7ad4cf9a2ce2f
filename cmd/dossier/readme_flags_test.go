package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEDocumentsEveryFlag checks that the README names every flag of
// the user-facing commands (as --name), so that the one table of flags,
// limits and defaults cannot fall behind the code.
func TestREADMEDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flagLine := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`)
	for _, cmd := range []string{"index", "serve", "search", "stats", "extract", "delete", "alerts create", "alerts list", "alerts delete", "alerts test"} {
		_, _, help := runCmd(t, append(strings.Fields(cmd), "--help")...)
		names := flagLine.FindAllStringSubmatch(help, -1)
		if len(names) == 0 {
			t.Fatalf("%s --help lists no flags:\n%s", cmd, help)
		}
		for _, m := range names {
			if !strings.Contains(string(readme), "--"+m[1]) {
				t.Errorf("README does not document %s --%s", cmd, m[1])
			}
		}
	}
}
