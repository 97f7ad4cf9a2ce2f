package main

import (
	"strings"
	"testing"
	"time"

	"dossier/index"
)

// TestProgressNamesTheFileBeingRead checks the status line: counts, and the
// file whose extraction started last while files remain.
func TestProgressNamesTheFileBeingRead(t *testing.T) {
	p := &progressState{total: 3}
	p.started("/data/filings/a.pdf")
	line, due := p.add(index.FileResult{Path: "/data/filings/a.pdf", Outcome: index.OutcomeIndexed, Pages: 4}, true)
	if !due || !strings.Contains(line, "1/3 files") || !strings.Contains(line, "reading /data/filings/a.pdf") {
		t.Errorf("status line %q", line)
	}
	long := "/" + strings.Repeat("deep/", 30) + "scan.pdf"
	p.started(long)
	p.lastDraw = p.lastDraw.Add(-time.Second)
	line, _ = p.add(index.FileResult{Path: "/data/b.pdf", Outcome: index.OutcomeIndexed}, true)
	if !strings.Contains(line, "reading …") || !strings.HasSuffix(line, "scan.pdf") {
		t.Errorf("a long path is not shortened to its end: %q", line)
	}
}
