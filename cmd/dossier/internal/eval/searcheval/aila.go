package searcheval

import (
	"archive/tar"
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/ulikunitz/xz"

	"dossier/corpus"
	"dossier/index"
	"dossier/index/bleve"
	ql "dossier/index/query"
)

// AILA 2019 (FIRE) task 1, prior-case retrieval: paths relative to the
// shared directory, and the published figures for queries AILA_Q11..Q50.
const (
	AILAArchive = "eval/ir-aila2019/AILA_2019_dataset.tar.xz"
	AILAQrels   = "eval/ir-aila2019/relevance_judgments_priorcases.txt"
	// AILADocuments and AILAQueries are the collection's sizes.
	AILADocuments = 2914
	AILAQueries   = 50
	// AILAPublishedBM25 and AILAPublishedBest are the MAP of the
	// organisers' BM25 baseline and of the best submitted run on Q11..Q50.
	AILAPublishedBM25 = 0.0773
	AILAPublishedBest = 0.1492
	// AILADepth is the number of hits read per query (trec_eval's usual
	// 1,000).
	AILADepth = 1000
)

// AILATestIDs are the evaluated queries (AILA_Q11..Q50); AILADevIDs
// (AILA_Q1..Q10) are a development set, reported apart.
var (
	AILATestIDs = ailaIDs(11, 50)
	AILADevIDs  = ailaIDs(1, 10)
)

func ailaIDs(from, to int) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, "AILA_Q"+strconv.Itoa(i))
	}
	return ids
}

// AILADoc is one AILA case document.
type AILADoc struct {
	// ID is the file name without ".txt" (C1..C2914).
	ID string
	// Title is the first line of the text.
	Title string
	// Text is the whole text, invalid UTF-8 replaced.
	Text string
}

// ReadAILA reads the case documents, sorted by ID, and the queries (id →
// description) from the collection's tar.xz archive.
func ReadAILA(archive string) ([]AILADoc, map[string]string, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, nil, fmt.Errorf("searcheval: %w", err)
	}
	defer f.Close()
	xr, err := xz.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, nil, fmt.Errorf("searcheval: %s: %w", archive, err)
	}
	tr := tar.NewReader(xr)
	var docs []AILADoc
	queries := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("searcheval: %s: %w", archive, err)
		}
		base := filepath.Base(h.Name)
		isDoc := strings.Contains(h.Name, "Object_casedocs/") && strings.HasSuffix(base, ".txt")
		if !isDoc && base != "Query_doc.txt" {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, nil, fmt.Errorf("searcheval: %s: %s: %w", archive, h.Name, err)
		}
		if isDoc {
			text := strings.ToValidUTF8(string(b), " ")
			title, _, _ := strings.Cut(text, "\n")
			docs = append(docs, AILADoc{ID: strings.TrimSuffix(base, ".txt"), Title: strings.TrimSpace(title), Text: text})
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			if id, q, ok := strings.Cut(strings.TrimSpace(line), "||"); ok {
				queries[id] = q
			}
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, queries, nil
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

// UserQuery turns a free-text description into a query of the dossier
// language the way a user would type it: split into words on anything but
// letters and digits (so no quote, colon, dash, star, tilde or
// parenthesis reaches the parser), lower-case them (so and/or/not are
// words, not operators), drop English stop words, one-character words and
// repeats, and join the rest with OR, keeping the first words that fit
// maxTerms terms and maxBytes bytes. It returns the query and its words.
func UserQuery(text string, maxTerms, maxBytes int) (string, []string) {
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

// ailaComplete, in an AILA index directory, marks a finished build.
const ailaComplete = "complete"

// OpenAILA opens the AILA index under opts.CacheDir, building it from docs
// first when it is missing or unfinished: each document is put as a
// filing with its first line as title and its whole text as text, 100 at
// a time. The directory is named by the mapping version. The caller
// closes the index.
func OpenAILA(ctx context.Context, opts Options, docs []AILADoc) (*bleve.Index, error) {
	opts.SetDefaults()
	dir := filepath.Join(opts.CacheDir, fmt.Sprintf("aila2019-m%d", bleve.MappingVersion))
	marker := filepath.Join(dir, ailaComplete)
	log := opts.logger()
	if _, err := os.Stat(marker); err == nil {
		ix, err := bleve.Open(bleve.Options{Dir: filepath.Join(dir, "index")}, log)
		if err != nil {
			return nil, fmt.Errorf("searcheval: %w", err)
		}
		return ix, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("searcheval: %w", err)
	}
	ix, err := bleve.Open(bleve.Options{Dir: filepath.Join(dir, "index")}, log)
	if err != nil {
		return nil, fmt.Errorf("searcheval: %w", err)
	}
	start := time.Now()
	for i := 0; i < len(docs); i += 100 {
		if err := ctx.Err(); err != nil {
			ix.Close()
			return nil, err
		}
		batch := make([]corpus.Document, 0, 100)
		for _, d := range docs[i:min(i+100, len(docs))] {
			batch = append(batch, corpus.Document{
				ID: d.ID, Source: "aila/" + d.ID + ".txt", Kind: corpus.KindFiling,
				ContentType: "text/plain", Title: d.Title, Text: d.Text, Language: "en",
			})
		}
		if err := ix.Put(batch...); err != nil {
			ix.Close()
			return nil, fmt.Errorf("searcheval: AILA: %w", err)
		}
	}
	if err := os.WriteFile(marker, []byte(strconv.Itoa(len(docs))), 0o644); err != nil {
		ix.Close()
		return nil, fmt.Errorf("searcheval: %w", err)
	}
	log.Info("searcheval AILA index built", "dir", dir, "documents", len(docs), "elapsed", time.Since(start))
	return ix, nil
}

// AILARun searches every query's UserQuery (ql.MaxQueryTerms terms,
// ql.MaxQueryBytes bytes) through index.Search to depth AILADepth and
// returns the ranked document IDs per query id.
func AILARun(ctx context.Context, ix *bleve.Index, queries map[string]string) (map[string][]string, error) {
	run := map[string][]string{}
	ids := make([]string, 0, len(queries))
	for id := range queries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		q, _ := UserQuery(queries[id], ql.MaxQueryTerms, ql.MaxQueryBytes)
		for page := 1; page <= AILADepth/index.MaxSize; page++ {
			res, err := ix.Search(ctx, index.SearchRequest{Query: q, Size: index.MaxSize, Page: page})
			if err != nil {
				return nil, fmt.Errorf("searcheval: %s: %w (query %.80q)", id, err, q)
			}
			for _, h := range res.Hits {
				run[id] = append(run[id], h.ID)
			}
			if len(res.Hits) < index.MaxSize {
				break
			}
		}
	}
	return run, nil
}

// AILAResult is the outcome of RunAILA.
type AILAResult struct {
	// Test scores AILA_Q11..Q50, Dev AILA_Q1..Q10.
	Test, Dev TrecScores
	// AP is the average precision per query id.
	AP map[string]float64
	// Documents is the number of case documents indexed.
	Documents int
	// Elapsed is the time the 50 searches took.
	Elapsed time.Duration
}

// RunAILA reads the AILA collection from opts.Shared, opens (building
// when needed) its index and scores dossier's ranking with MAP and P@10.
func RunAILA(ctx context.Context, opts Options) (*AILAResult, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := opts.checkShared(); err != nil {
		return nil, err
	}
	qf, err := os.Open(filepath.Join(opts.Shared, AILAQrels))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoShared, err)
	}
	judged, err := ParseQrels(qf)
	qf.Close()
	if err != nil {
		return nil, err
	}
	docs, queries, err := ReadAILA(filepath.Join(opts.Shared, AILAArchive))
	if err != nil {
		return nil, err
	}
	if len(docs) != AILADocuments || len(queries) != AILAQueries {
		return nil, fmt.Errorf("searcheval: AILA: read %d documents and %d queries, want %d and %d", len(docs), len(queries), AILADocuments, AILAQueries)
	}
	ix, err := OpenAILA(ctx, opts, docs)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	start := time.Now()
	run, err := AILARun(ctx, ix, queries)
	if err != nil {
		return nil, err
	}
	res := &AILAResult{Documents: len(docs), Elapsed: time.Since(start), AP: map[string]float64{}}
	res.Test = Evaluate(run, judged, AILATestIDs)
	res.Dev = Evaluate(run, judged, AILADevIDs)
	for id := range queries {
		res.AP[id] = AveragePrecision(run[id], judged[id])
	}
	if res.Test.Queries == 0 {
		return nil, errors.New("searcheval: AILA: no test query has relevant documents")
	}
	return res, nil
}
