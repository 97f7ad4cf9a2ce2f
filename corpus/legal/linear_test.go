package legal

import (
	"strings"
	"testing"
	"time"
)

// TestAdversarialInputsStayFast guards against super-linear work: each
// extractor runs on 128 KiB made of one repeated pattern that produces many
// candidate matches. Linear code needs well under a second; the bound is
// loose so that a loaded machine does not fail it, while quadratic work
// (minutes at this size) does.
func TestAdversarialInputsStayFast(t *testing.T) {
	if testing.Short() {
		t.Skip("slow input sweep skipped in -short mode")
	}
	units := []string{"dated ", "Dated: ", "Judge ", "judge ", "Judge X ", "Case ", "Case 1:19-cv-1 ", "district court ",
		"District of ", "D. ", "Cir. ", "No. 12-345 ", "12-cv-", "Hon ", "Hon. A B ", "before ", "Before: A, ", "CV ",
		"19-12345-abc Doc ", "Case 1:19-cv-00001 Document 1 ", "A\nUnited States District Judge\n", " ", "\n", "1\n",
		"Case: 20-1234, ", "Northern District of California ", "a", "Judge Judge\n"}
	const size = 128 << 10
	for _, u := range units {
		text := strings.Repeat(u, size/len(u))
		start := time.Now()
		_ = Analyze(text)
		_, _ = FindCourt(text)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Analyze on %q x %d took %v", u, size/len(u), d)
		}
	}
}
