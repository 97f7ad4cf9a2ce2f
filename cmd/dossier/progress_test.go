package main

import (
	"encoding/json"
	"os"
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

func TestEstimateLeft(t *testing.T) {
	for _, tt := range []struct {
		elapsed     time.Duration
		done, total int64
		want        time.Duration
		ok          bool
	}{
		{10 * time.Second, 100, 400, 30 * time.Second, true},
		{10 * time.Second, 400, 400, 0, false}, // finished
		{10 * time.Second, 0, 400, 0, false},   // no rate yet
		{10 * time.Second, 100, 0, 0, false},   // not counted yet
	} {
		got, ok := estimateLeft(tt.elapsed, tt.done, tt.total)
		if got != tt.want || ok != tt.ok {
			t.Errorf("estimateLeft(%v, %d, %d) = %v, %v; want %v, %v", tt.elapsed, tt.done, tt.total, got, ok, tt.want, tt.ok)
		}
	}
}

// TestETAFromReport measures how far the ETA is from the truth on a real
// run, from its --report: DOSSIER_ETA_REPORT=FILE. Each file's
// extraction time (extract_ms) is laid end to end in report order, and at
// 5, 10, 25 and 50% of the files the time left is estimated from the
// files done (the old display), from the bytes done (the display now) and
// from the pages done with the total pages known (an oracle no display
// has), and compared with the true time left.
func TestETAFromReport(t *testing.T) {
	path := os.Getenv("DOSSIER_ETA_REPORT")
	if path == "" {
		t.Skip("set DOSSIER_ETA_REPORT to a dossier index --report file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rs []index.FileResult
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		var r index.FileResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	var total, totalBytes, totalPages float64
	for _, r := range rs {
		total += float64(r.ExtractMS)
		totalBytes += float64(r.Bytes)
		totalPages += float64(r.Pages)
	}
	t.Logf("%d files, %.0f MB, %.0f pages, %.0f s of extraction", len(rs), totalBytes/1e6, totalPages, total/1000)
	var done, bytes, pages float64
	k := 0
	for _, frac := range []float64{0.05, 0.10, 0.25, 0.50} {
		for ; k < int(frac*float64(len(rs))); k++ {
			done += float64(rs[k].ExtractMS)
			bytes += float64(rs[k].Bytes)
			pages += float64(rs[k].Pages)
		}
		truth := total - done
		byFiles := done * float64(len(rs)-k) / float64(k)
		byBytes := done * (totalBytes - bytes) / bytes
		byPages := done * (totalPages - pages) / pages
		t.Logf("at %2.0f%% of files: time left %6.0f s; estimate/truth by files %.2f, by bytes %.2f, by pages (oracle) %.2f",
			frac*100, truth/1000, byFiles/truth, byBytes/truth, byPages/truth)
	}
}
