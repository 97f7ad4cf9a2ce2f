package searcheval

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// FirstRank is the 1-based rank of the first hit that is an answer, or 0
// when no hit is.
func FirstRank(hits []string, answers map[string]bool) int {
	for i, h := range hits {
		if answers[h] {
			return i + 1
		}
	}
	return 0
}

// Summary holds the scores of one split.
type Summary struct {
	// KnownItems is the number of known-item queries scored.
	KnownItems int
	// P5 is the share of known-item queries with an answer in the first 5
	// hits, 0..1.
	P5 float64
	// MRR is the mean reciprocal rank of the first answer, 0..1 (0 for a
	// query whose answers are not among the hits read).
	MRR float64
	// Found counts the known-item queries with an answer among the hits
	// read (Options.Depth).
	Found int
	// ZeroQueries is the size of the zero-result set scored (known-item
	// and topical queries).
	ZeroQueries int
	// ZeroResults counts the queries of that set that got no hit or an
	// error.
	ZeroResults int
}

// ZeroRate is the share of the zero-result set that got nothing, 0..1.
func (s Summary) ZeroRate() float64 {
	if s.ZeroQueries == 0 {
		return 0
	}
	return float64(s.ZeroResults) / float64(s.ZeroQueries)
}

// Summarize scores known-item ranks (0 = not found) and zero-result
// outcomes (true = the query got no hit).
func Summarize(ranks []int, zero []bool) Summary {
	s := Summary{KnownItems: len(ranks), ZeroQueries: len(zero)}
	for _, r := range ranks {
		if r <= 0 {
			continue
		}
		s.Found++
		s.MRR += 1 / float64(r)
		if r <= 5 {
			s.P5++
		}
	}
	if len(ranks) > 0 {
		s.P5 /= float64(len(ranks))
		s.MRR /= float64(len(ranks))
	}
	for _, z := range zero {
		if z {
			s.ZeroResults++
		}
	}
	return s
}

// Qrels maps a query id to its judged documents and their relevance.
type Qrels map[string]map[string]int

// ParseQrels reads trec_eval relevance judgments: "<query> Q0 <doc> <rel>"
// lines.
func ParseQrels(r io.Reader) (Qrels, error) {
	out := Qrels{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("searcheval: qrels line %d: want 4 fields, got %d", line, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("searcheval: qrels line %d: %w", line, err)
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]int{}
		}
		out[f[0]][f[2]] = rel
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("searcheval: qrels: %w", err)
	}
	return out, nil
}

// relevantCount is the number of documents judged relevant (rel > 0).
func relevantCount(judged map[string]int) int {
	n := 0
	for _, r := range judged {
		if r > 0 {
			n++
		}
	}
	return n
}

// AveragePrecision is trec_eval's AP: the mean, over all relevant
// documents of the query, of the precision at the rank where each is
// retrieved (0 for those not retrieved). A repeated document counts at
// its first rank only. A query without relevant documents has AP 0.
func AveragePrecision(ranked []string, judged map[string]int) float64 {
	relevant := relevantCount(judged)
	if relevant == 0 {
		return 0
	}
	hits, sum := 0, 0.0
	seen := map[string]bool{}
	for i, d := range ranked {
		if seen[d] {
			continue
		}
		seen[d] = true
		if judged[d] > 0 {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	return sum / float64(relevant)
}

// PrecisionAt is the share of relevant documents in the first k ranks
// (trec_eval's P_k: missing ranks count as not relevant).
func PrecisionAt(ranked []string, judged map[string]int, k int) float64 {
	hits := 0
	for i := 0; i < k && i < len(ranked); i++ {
		if judged[ranked[i]] > 0 {
			hits++
		}
	}
	return float64(hits) / float64(k)
}

// TrecScores are the mean scores of a run over a query set.
type TrecScores struct {
	// MAP is the mean average precision, 0..1.
	MAP float64
	// P10 is the mean precision at 10, 0..1.
	P10 float64
	// Queries is the number of queries averaged.
	Queries int
}

// Evaluate averages AP and P@10 over qids like trec_eval -c: a query with
// no retrieved documents counts as 0; queries without relevant documents
// are left out.
func Evaluate(run map[string][]string, q Qrels, qids []string) TrecScores {
	var s TrecScores
	for _, id := range qids {
		j := q[id]
		if relevantCount(j) == 0 {
			continue
		}
		s.MAP += AveragePrecision(run[id], j)
		s.P10 += PrecisionAt(run[id], j, 10)
		s.Queries++
	}
	if s.Queries > 0 {
		s.MAP /= float64(s.Queries)
		s.P10 /= float64(s.Queries)
	}
	return s
}
