package main

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
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

	// Why: how concentrated the time is, and how little of a file's time
	// its size or pages explain.
	ms := make([]float64, len(rs))
	for i, r := range rs {
		ms[i] = float64(r.ExtractMS)
	}
	slices.Sort(ms)
	top3 := 0.0
	for _, v := range ms[max(len(ms)-3, 0):] {
		top3 += v
	}
	feature := func(f func(index.FileResult) float64) float64 { return rSquared(rs, f) }
	t.Logf("the 3 slowest files take %.0f%% of the time; R² of a file's time on its bytes %.2f, on its pages %.2f",
		100*top3/total, feature(func(r index.FileResult) float64 { return float64(r.Bytes) }),
		feature(func(r index.FileResult) float64 { return float64(r.Pages) }))

	// Other orders: 200 shuffles, the estimate's error factor in the first
	// quarter (median of |log2(estimate/truth)| at 5, 10, 15, 20, 25%).
	var errFiles, errBytes []float64
	order := slices.Clone(rs)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var done, bytes float64
		k := 0
		for _, frac := range []float64{0.05, 0.10, 0.15, 0.20, 0.25} {
			for ; k < int(frac*float64(len(order))); k++ {
				done += float64(order[k].ExtractMS)
				bytes += float64(order[k].Bytes)
			}
			truth := total - done
			errFiles = append(errFiles, math.Abs(math.Log2(done*float64(len(order)-k)/float64(k)/truth)))
			errBytes = append(errBytes, math.Abs(math.Log2(done*(totalBytes-bytes)/bytes/truth)))
		}
	}
	slices.Sort(errFiles)
	slices.Sort(errBytes)
	t.Logf("200 shuffled orders, first quarter: median error factor by files %.2f, by bytes %.2f",
		math.Pow(2, errFiles[len(errFiles)/2]), math.Pow(2, errBytes[len(errBytes)/2]))
}

// rSquared is the share of the variance of the files' extraction times
// that a straight line on f explains.
func rSquared(rs []index.FileResult, f func(index.FileResult) float64) float64 {
	var n, sx, sy, sxx, sxy, syy float64
	for _, r := range rs {
		x, y := f(r), float64(r.ExtractMS)
		n++
		sx, sy, sxx, sxy, syy = sx+x, sy+y, sxx+x*x, sxy+x*y, syy+y*y
	}
	cov, vx, vy := sxy-sx*sy/n, sxx-sx*sx/n, syy-sy*sy/n
	if vx == 0 || vy == 0 {
		return 0
	}
	return cov * cov / (vx * vy)
}
