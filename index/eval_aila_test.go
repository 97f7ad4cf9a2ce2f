package index

// AILA 2019 (FIRE) task 1 ranking evaluation: prior-case retrieval for
// queries AILA_Q11..AILA_Q50, scored with trec_eval-style MAP and P@10.
//
//	DOSSIER_EVAL_AILA=1 go test ./index -run TestAILA -v -timeout 30m
//
// The 2,914 case documents are indexed through Index.Put (kind filing, the
// first line as title, the whole text as text) into a cached directory
// (see largeIndexDir). Each query description is turned into what a user
// of our query language would type for a free-text search: its words,
// lower-cased, English stop words and duplicates dropped, joined by OR,
// cut to fit MaxQueryTerms and MaxQueryBytes (see userQuery). Queries
// AILA_Q1..Q10 are reported separately as a development set; nothing is
// tuned on Q11..Q50.

import (
	"archive/tar"
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/ulikunitz/xz"

	"dossier/corpus"
	"dossier/corpus/synth"
)

// qrels maps a query id to its judged documents and their relevance.
type qrels map[string]map[string]int

// parseQrels reads "<query> Q0 <doc> <rel>" lines.
func parseQrels(r io.Reader) (qrels, error) {
	out := qrels{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("qrels line %d: want 4 fields, got %d", line, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("qrels line %d: %w", line, err)
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]int{}
		}
		out[f[0]][f[2]] = rel
	}
	return out, sc.Err()
}

// averagePrecision is trec_eval's AP: the mean, over all relevant
// documents of the query, of the precision at the rank where each is
// retrieved (0 for those not retrieved). A query without relevant
// documents has AP 0.
func averagePrecision(ranked []string, judged map[string]int) float64 {
	relevant := 0
	for _, r := range judged {
		if r > 0 {
			relevant++
		}
	}
	if relevant == 0 {
		return 0
	}
	hits, sum := 0, 0.0
	seen := map[string]bool{}
	for i, d := range ranked {
		if seen[d] {
			continue // a run lists a document once; later copies are ignored
		}
		seen[d] = true
		if judged[d] > 0 {
			hits++
			sum += float64(hits) / float64(i+1)
		}
	}
	return sum / float64(relevant)
}

// precisionAt is the share of relevant documents in the first k ranks
// (trec_eval's P_k: missing ranks count as not relevant).
func precisionAt(ranked []string, judged map[string]int, k int) float64 {
	hits := 0
	for i := 0; i < k && i < len(ranked); i++ {
		if judged[ranked[i]] > 0 {
			hits++
		}
	}
	return float64(hits) / float64(k)
}

// evalScores are the mean scores of a run over a query set.
type evalScores struct {
	MAP, P10 float64
	Queries  int
}

// evaluate averages AP and P@10 over qids, like trec_eval -c: a query with
// no retrieved documents counts as 0; queries with no relevant documents
// are left out.
func evaluate(run map[string][]string, q qrels, qids []string) evalScores {
	var s evalScores
	for _, id := range qids {
		j := q[id]
		rel := 0
		for _, r := range j {
			if r > 0 {
				rel++
			}
		}
		if rel == 0 {
			continue
		}
		s.MAP += averagePrecision(run[id], j)
		s.P10 += precisionAt(run[id], j, 10)
		s.Queries++
	}
	if s.Queries > 0 {
		s.MAP /= float64(s.Queries)
		s.P10 /= float64(s.Queries)
	}
	return s
}

func TestTrecMetrics(t *testing.T) {
	q, err := parseQrels(strings.NewReader("q1 Q0 a 1\nq1 Q0 b 0\nq1 Q0 c 1\nq1 Q0 d 1\nq2 Q0 x 1\nq3 Q0 y 0\n"))
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
			if ap := averagePrecision(c.ranked, c.judged); math.Abs(ap-c.ap) > 1e-12 {
				t.Errorf("AP = %v, want %v", ap, c.ap)
			}
			if p := precisionAt(c.ranked, c.judged, 10); math.Abs(p-c.p10) > 1e-12 {
				t.Errorf("P@10 = %v, want %v", p, c.p10)
			}
		})
	}
	run := map[string][]string{"q1": {"a", "b", "c", "e"}, "q2": {"x"}}
	s := evaluate(run, q, []string{"q1", "q2", "q3", "q4"})
	// q3 has no relevant document and q4 no judgments: both left out.
	if want := ((1+2.0/3)/3 + 1) / 2; s.Queries != 2 || math.Abs(s.MAP-want) > 1e-12 || math.Abs(s.P10-0.15) > 1e-12 {
		t.Errorf("evaluate = %+v, want MAP %v, P@10 0.15 over 2 queries", s, want)
	}
	if _, err := parseQrels(strings.NewReader("q1 Q0 a\n")); err == nil {
		t.Error("short qrels line accepted")
	}
}

// stopWords is bleve's English (Snowball) stop list.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		if i := strings.IndexByte(line, '|'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// userQuery turns a free-text description into a query of our language
// the way a user would: split into words on anything but letters and
// digits (so no quote, colon, dash, star, tilde or parenthesis reaches the
// parser), lower-case them (so and/or/not are words, not operators), drop
// English stop words, one-character words and repeats, and join the rest
// with OR, keeping the first words that fit maxTerms terms and maxBytes.
func userQuery(text string, maxTerms, maxBytes int) (string, []string) {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	seen := map[string]bool{}
	var kept []string
	size := 0
	for _, w := range words {
		if len(w) < 2 || stopWords[w] || seen[w] {
			continue
		}
		add := len(w)
		if len(kept) > 0 {
			add += len(" OR ")
		}
		if len(kept) == maxTerms || size+add > maxBytes {
			break
		}
		seen[w] = true
		kept = append(kept, w)
		size += add
	}
	return strings.Join(kept, " OR "), kept
}

func TestUserQuery(t *testing.T) {
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
		got, _ := userQuery(c.in, c.terms, c.bytes)
		if got != c.want {
			t.Errorf("userQuery(%q) = %q, want %q", c.in, got, c.want)
		}
		if _, err := parseQuery(got); err != nil {
			t.Errorf("userQuery(%q) = %q does not parse: %v", c.in, got, err)
		}
	}
}

// ailaDoc is one AILA case document.
type ailaDoc struct{ id, title, text string }

// readAILA reads the case documents and the queries from the shared archive.
func readAILA(t testing.TB, shared string) ([]ailaDoc, map[string]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(shared, "eval/ir-aila2019/AILA_2019_dataset.tar.xz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xr, err := xz.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(xr)
	var docs []ailaDoc
	queries := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(h.Name)
		switch {
		case strings.Contains(h.Name, "Object_casedocs/") && strings.HasSuffix(base, ".txt"):
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.ToValidUTF8(string(b), " ")
			title, _, _ := strings.Cut(text, "\n")
			docs = append(docs, ailaDoc{id: strings.TrimSuffix(base, ".txt"), title: strings.TrimSpace(title), text: text})
		case base == "Query_doc.txt":
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				if id, q, ok := strings.Cut(strings.TrimSpace(line), "||"); ok {
					queries[id] = q
				}
			}
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].id < docs[j].id })
	return docs, queries
}

// ailaIndex opens (building when needed) the index of the AILA documents.
func ailaIndex(t testing.TB, docs []ailaDoc) *Index {
	t.Helper()
	return cachedIndex(t, "aila2019", func(ix *Index) {
		start := time.Now()
		for i := 0; i < len(docs); i += 100 {
			var batch []corpus.Document
			for _, d := range docs[i:min(i+100, len(docs))] {
				batch = append(batch, corpus.Document{
					ID: d.id, Source: "aila/" + d.id + ".txt", Kind: corpus.KindFiling,
					ContentType: "text/plain", Title: d.title, Text: d.text, Language: "en",
				})
			}
			if err := ix.Put(batch...); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("indexed %d AILA documents in %v", len(docs), time.Since(start).Round(time.Second))
	})
}

// ailaRun searches every query to depth 1,000 (ten pages of 100).
func ailaRun(t testing.TB, ix *Index, queries map[string]string) map[string][]string {
	t.Helper()
	run := map[string][]string{}
	for id, text := range queries {
		q, _ := userQuery(text, MaxQueryTerms, MaxQueryBytes)
		for page := 1; page <= 10; page++ {
			res, err := ix.Search(context.Background(), SearchRequest{Query: q, Size: 100, Page: page})
			if err != nil {
				t.Fatalf("%s: %v (query %.80q)", id, err, q)
			}
			for _, h := range res.Hits {
				run[id] = append(run[id], h.ID)
			}
			if len(res.Hits) < 100 {
				break
			}
		}
	}
	return run
}

// ailaRawRun answers every query with one raw bleve request for all
// matches: a disjunction of the query words, each a term query on field
// "text" only (no title or judge name), scored by the index's scoring
// model. With noCoord, bleve's coordination factor (the disjunction's
// score is multiplied by matched/total clauses) is taken out again, using
// the score explanation, so that scores are plain sums over terms.
func ailaRawRun(t testing.TB, ix *Index, queries map[string]string, shape string, noCoord bool) map[string][]string {
	t.Helper()
	run := map[string][]string{}
	for id, text := range queries {
		_, words := userQuery(text, MaxQueryTerms, MaxQueryBytes)
		or := func(field string, boost float64) *query.DisjunctionQuery {
			qs := make([]query.Query, 0, len(words))
			for _, w := range words {
				q := bleve.NewTermQuery(w)
				q.SetField(field)
				q.SetBoost(boost)
				qs = append(qs, q)
			}
			return bleve.NewDisjunctionQuery(qs...)
		}
		var q query.Query
		switch shape {
		case "text":
			q = or("text", 1)
		case "per-word fields":
			// What Search builds for "a OR b": per word, text, title^2
			// and judge_name^1.5 in a disjunction of their own.
			qs := make([]query.Query, 0, len(words))
			for _, w := range words {
				qs = append(qs, bleve.NewDisjunctionQuery(rawTerm("text", w),
					boosted(rawTerm("title", w), 2), boosted(rawTerm("judge_name", w), 1.5)))
			}
			q = bleve.NewDisjunctionQuery(qs...)
		case "match then score":
			// Matching as Search does (each word in any default field),
			// but unscored; the score comes from optional clauses: the
			// words on text, on title (x2) and on judge name (x1.5).
			qs := make([]query.Query, 0, len(words))
			for _, w := range words {
				qs = append(qs, bleve.NewDisjunctionQuery(rawTerm("text", w), rawTerm("title", w), rawTerm("judge_name", w)))
			}
			b := bleve.NewBooleanQuery()
			b.AddMust(unscored{bleve.NewDisjunctionQuery(qs...)})
			b.AddShould(or("text", 1), or("title", 2), or("judge_name", 1.5))
			q = b
		case "text then fields":
			// Words matched in the text, plus the same words in title and
			// judge name as optional clauses that only add to the score.
			b := bleve.NewBooleanQuery()
			b.AddShould(or("text", 1), or("title", 2), or("judge_name", 1.5))
			q = b
		default:
			t.Fatalf("unknown shape %q", shape)
		}
		br := bleve.NewSearchRequestOptions(q, 5000, 0, noCoord)
		br.SortBy([]string{"-_score", "_id"})
		res, err := ix.bleve.SearchInContext(context.Background(), br)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		hits := res.Hits
		if noCoord {
			for _, h := range hits {
				if h.Expl != nil && len(h.Expl.Children) == 2 && h.Expl.Children[1].Value > 0 {
					h.Score /= h.Expl.Children[1].Value
				}
			}
			sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
		}
		for _, h := range hits[:min(len(hits), 1000)] {
			run[id] = append(run[id], h.ID)
		}
	}
	return run
}

func boosted(q query.Query, boost float64) query.Query {
	q.(query.BoostableQuery).SetBoost(boost)
	return q
}

// bm25Reference ranks documents by textbook BM25 (Robertson/Lucene:
// idf = ln(1 + (N-df+0.5)/(df+0.5)), tf·(k1+1)/(tf + k1·(1-b+b·len/avg)),
// k1 1.2, b 0.75) over the text field's tokens, for the same query words.
// It shows what the scoring formula alone is worth on this collection.
func bm25Reference(t testing.TB, docs []ailaDoc, queries map[string]string) map[string][]string {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	an := m.(*mapping.IndexMappingImpl).AnalyzerNamed(textAnalyzer)
	type posting struct{ doc, tf int32 }
	postings := map[string][]posting{}
	lengths := make([]float64, len(docs))
	total := 0.0
	for i, d := range docs {
		tf := map[string]int32{}
		toks := an.Analyze([]byte(d.text))
		for _, tok := range toks {
			tf[string(tok.Term)]++
		}
		for term, n := range tf {
			postings[term] = append(postings[term], posting{int32(i), n})
		}
		lengths[i] = float64(len(toks))
		total += lengths[i]
	}
	avg := total / float64(len(docs))
	const k1, b = 1.2, 0.75
	n := float64(len(docs))
	run := map[string][]string{}
	for id, text := range queries {
		_, words := userQuery(text, MaxQueryTerms, MaxQueryBytes)
		scores := make([]float64, len(docs))
		for _, w := range words {
			ps := postings[w]
			if len(ps) == 0 {
				continue
			}
			idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
			for _, p := range ps {
				tf := float64(p.tf)
				scores[p.doc] += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*lengths[p.doc]/avg))
			}
		}
		order := make([]int, len(docs))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return scores[order[i]] > scores[order[j]] })
		for _, i := range order[:1000] {
			if scores[i] > 0 {
				run[id] = append(run[id], docs[i].id)
			}
		}
	}
	return run
}

func queryIDs(from, to int) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, "AILA_Q"+strconv.Itoa(i))
	}
	return ids
}

func TestAILA(t *testing.T) {
	if os.Getenv("DOSSIER_EVAL_AILA") == "" {
		t.Skip("set DOSSIER_EVAL_AILA=1 to run the AILA 2019 ranking evaluation (indexes 2,914 judgments)")
	}
	shared := synth.SharedDir()
	if shared == "" {
		t.Skip("shared test material not found: set DOSSIER_SHARED or put it at ../shared")
	}
	qf, err := os.Open(filepath.Join(shared, "eval/ir-aila2019/relevance_judgments_priorcases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	judged, err := parseQrels(qf)
	qf.Close()
	if err != nil {
		t.Fatal(err)
	}
	docs, queries := readAILA(t, shared)
	if len(docs) != 2914 || len(queries) != 50 {
		t.Fatalf("read %d documents and %d queries, want 2914 and 50", len(docs), len(queries))
	}
	ix := ailaIndex(t, docs)
	test, dev := queryIDs(11, 50), queryIDs(1, 10)

	report := func(name string, run map[string][]string) evalScores {
		s, d := evaluate(run, judged, test), evaluate(run, judged, dev)
		t.Logf("%-34s Q11-Q50: MAP %.4f  P@10 %.4f (%d queries) | Q1-Q10: MAP %.4f  P@10 %.4f", name, s.MAP, s.P10, s.Queries, d.MAP, d.P10)
		return s
	}
	// DOSSIER_EVAL_AILA=raw skips the two slow runs through Search;
	// DOSSIER_EVAL_AILA=shapes runs only the query-shape variants.
	mode := os.Getenv("DOSSIER_EVAL_AILA")
	full := mode != "raw" && mode != "shapes"
	if mode == "shapes" {
		report("raw per-word text|title|judge, bm25", ailaRawRun(t, ix, queries, "per-word fields", false))
		report("raw text OR, fields as should, bm25", ailaRawRun(t, ix, queries, "text then fields", false))
		report("raw match unscored + should, bm25", ailaRawRun(t, ix, queries, "match then score", false))
		return
	}
	def := evalScores{Queries: 40, MAP: 1}
	if full {
		start := time.Now()
		def = report("dossier default (bleve bm25)", ailaRun(t, ix, queries))
		t.Logf("50 queries to depth 1000 in %v", time.Since(start).Round(time.Millisecond))
	}
	report("raw bleve OR on text, bm25", ailaRawRun(t, ix, queries, "text", false))
	report("raw bleve OR on text, bm25, no coord", ailaRawRun(t, ix, queries, "text", true))
	report("raw per-word text|title|judge, bm25", ailaRawRun(t, ix, queries, "per-word fields", false))
	report("raw text OR, fields as should, bm25", ailaRawRun(t, ix, queries, "text then fields", false))
	report("raw match unscored + should, bm25", ailaRawRun(t, ix, queries, "match then score", false))

	// The same index scored with bleve's TF-IDF: the scoring model is read
	// from the mapping at search time, so switching it is enough.
	im := ix.bleve.Mapping().(*mapping.IndexMappingImpl)
	saved := im.ScoringModel
	im.ScoringModel = "tf-idf"
	if full {
		report("dossier with tf-idf, same index", ailaRun(t, ix, queries))
	}
	report("raw bleve OR on text, tf-idf", ailaRawRun(t, ix, queries, "text", false))
	report("raw bleve OR on text, tf-idf, no coord", ailaRawRun(t, ix, queries, "text", true))
	im.ScoringModel = saved

	report("reference BM25 (k1 1.2, b 0.75)", bm25Reference(t, docs, queries))
	if def.Queries != 40 {
		t.Errorf("evaluated %d test queries, want 40", def.Queries)
	}
	if def.MAP <= 0 {
		t.Errorf("MAP %.4f: the default ranking found nothing relevant", def.MAP)
	}
}
