package searcheval

import (
	"math"
	"strings"
	"testing"
)

func TestFirstRank(t *testing.T) {
	ans := map[string]bool{"x": true, "y": true}
	for _, c := range []struct {
		name string
		hits []string
		want int
	}{
		{"first", []string{"x", "a"}, 1},
		{"third", []string{"a", "b", "y", "x"}, 3},
		{"absent", []string{"a", "b"}, 0},
		{"no hits", nil, 0},
	} {
		if got := FirstRank(c.hits, ans); got != c.want {
			t.Errorf("%s: FirstRank = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	for _, c := range []struct {
		name        string
		ranks       []int
		zero        []bool
		p5, mrr     float64
		found       int
		zeroResults int
		zeroRate    float64
	}{
		// Ranks 1, 5, 6 and none: P@5 counts 1 and 5; MRR (1 + 1/5 + 1/6 + 0)/4.
		{"mixed", []int{1, 5, 6, 0}, []bool{true, false, false, false}, 0.5, (1 + 0.2 + 1.0/6) / 4, 3, 1, 0.25},
		{"all first", []int{1, 1}, []bool{false}, 1, 1, 2, 0, 0},
		{"none found", []int{0, 0, 0}, []bool{true, true}, 0, 0, 0, 2, 1},
		{"empty", nil, nil, 0, 0, 0, 0, 0},
	} {
		s := Summarize(c.ranks, c.zero)
		if math.Abs(s.P5-c.p5) > 1e-12 || math.Abs(s.MRR-c.mrr) > 1e-12 || s.Found != c.found ||
			s.ZeroResults != c.zeroResults || math.Abs(s.ZeroRate()-c.zeroRate) > 1e-12 ||
			s.KnownItems != len(c.ranks) || s.ZeroQueries != len(c.zero) {
			t.Errorf("%s: Summarize = %+v (zero rate %v), want P@5 %v, MRR %v, found %d, zero %d (%v)",
				c.name, s, s.ZeroRate(), c.p5, c.mrr, c.found, c.zeroResults, c.zeroRate)
		}
	}
}

func TestTrecMetrics(t *testing.T) {
	q, err := ParseQrels(strings.NewReader("q1 Q0 a 1\nq1 Q0 b 0\nq1 Q0 c 1\nq1 Q0 d 1\nq2 Q0 x 1\nq3 Q0 y 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		ranked []string
		judged map[string]int
		ap     float64
		p10    float64
	}{
		// Relevant a, c, d; retrieved a at 1 and c at 3; d missing:
		// AP = (1/1 + 2/3 + 0) / 3.
		{"partial", []string{"a", "b", "c", "e"}, q["q1"], (1 + 2.0/3) / 3, 0.2},
		{"perfect", []string{"a", "c", "d"}, q["q1"], 1, 0.3},
		{"none retrieved", nil, q["q1"], 0, 0},
		{"relevant at 11", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "x"}, q["q2"], 1.0 / 11, 0},
		{"duplicate ignored", []string{"b", "b", "a"}, q["q1"], (1.0 / 3) / 3, 0.1},
		{"no relevant", []string{"y"}, q["q3"], 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if ap := AveragePrecision(c.ranked, c.judged); math.Abs(ap-c.ap) > 1e-12 {
				t.Errorf("AP = %v, want %v", ap, c.ap)
			}
			if p := PrecisionAt(c.ranked, c.judged, 10); math.Abs(p-c.p10) > 1e-12 {
				t.Errorf("P@10 = %v, want %v", p, c.p10)
			}
		})
	}
	run := map[string][]string{"q1": {"a", "b", "c", "e"}, "q2": {"x"}}
	s := Evaluate(run, q, []string{"q1", "q2", "q3", "q4"})
	// q3 has no relevant document and q4 no judgments: both left out.
	if want := ((1+2.0/3)/3 + 1) / 2; s.Queries != 2 || math.Abs(s.MAP-want) > 1e-12 || math.Abs(s.P10-0.15) > 1e-12 {
		t.Errorf("Evaluate = %+v, want MAP %v, P@10 0.15 over 2 queries", s, want)
	}
	for _, bad := range []string{"q1 Q0 a\n", "q1 Q0 a yes\n"} {
		if _, err := ParseQrels(strings.NewReader(bad)); err == nil {
			t.Errorf("qrels %q accepted", bad)
		}
	}
}
