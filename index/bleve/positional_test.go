package bleve

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"

	"dossier/corpus"
)

// randomWordDocs writes n documents of 5-60 words drawn from a vocabulary
// so small that phrases and near misses are common.
func randomWordDocs(n int, seed uint64) []corpus.Document {
	vocab := []string{"the", "court", "of", "appeal", "motion", "to", "dismiss", "high"}
	rng := rand.New(rand.NewPCG(seed, 1))
	docs := make([]corpus.Document, n)
	for i := range docs {
		words := make([]string, 5+rng.IntN(56))
		for j := range words {
			words[j] = vocab[rng.IntN(len(vocab))]
		}
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("d%03d", i), Kind: corpus.KindArticle, ContentType: corpus.ContentTypeHTML,
			Title: "t", Text: strings.Join(words, " "),
		}
	}
	return docs
}

// bruteMatch reports whether text holds words as a phrase (slop 0) or
// all within len(distinct words)-1+slop positions, in any order.
func bruteMatch(text string, words []string, slop int) bool {
	toks := strings.Fields(text)
	if slop == 0 {
		for i := 0; i+len(words) <= len(toks); i++ {
			if slices.Equal(toks[i:i+len(words)], words) {
				return true
			}
		}
		return false
	}
	var distinct []string
	for _, w := range words {
		if !slices.Contains(distinct, w) {
			distinct = append(distinct, w)
		}
	}
	window := len(distinct) - 1 + slop
	for i := range toks {
		for j := i; j < len(toks) && j-i <= window; j++ {
			all := true
			for _, w := range distinct {
				if !slices.Contains(toks[i:j+1], w) {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}

// TestPositionalMatchesBruteForce checks the phrase and proximity
// searcher against a scan of the text, and the phrase results against
// bleve's own phrase searcher, on 300 random documents.
func TestPositionalMatchesBruteForce(t *testing.T) {
	docs := randomWordDocs(300, 7)
	ix := newTestIndex(t, docs...)
	queries := []struct {
		words []string
		slop  int
	}{
		{[]string{"motion", "to", "dismiss"}, 0},
		{[]string{"the", "court"}, 0},
		{[]string{"of", "the", "court", "of"}, 0},
		{[]string{"the", "the"}, 0},
		{[]string{"high", "court", "of", "appeal"}, 0},
		{[]string{"dismiss", "motion"}, 1},
		{[]string{"appeal", "high", "dismiss"}, 2},
		{[]string{"court", "court"}, 3},
		{[]string{"to", "of"}, 5},
	}
	ctx := context.Background()
	for _, q := range queries {
		name := strings.Join(q.words, " ")
		t.Run(fmt.Sprintf("%s~%d", name, q.slop), func(t *testing.T) {
			var want []string
			for _, d := range docs {
				if bruteMatch(d.Text, q.words, q.slop) {
					want = append(want, d.ID)
				}
			}
			var pq *positionalQuery
			if q.slop == 0 {
				pq = newPhraseQuery(fieldText, name, 1)
			} else {
				pq = newProximityQuery(fieldText, name, q.slop, 1)
			}
			req := bleve.NewSearchRequestOptions(pq, len(docs), 0, false)
			req.IncludeLocations = true
			res, err := ix.bleve.SearchInContext(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
				// Every location is a word of the query.
				for term := range h.Locations[fieldText] {
					if !slices.Contains(q.words, term) {
						t.Errorf("%s: location of %q, not a query word", h.ID, term)
					}
				}
				if len(h.Locations[fieldText]) == 0 {
					t.Errorf("%s: no locations", h.ID)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("got %d docs %v\nwant %d %v", len(got), got, len(want), want)
			}
			if int(res.Total) != len(want) {
				t.Errorf("total %d, want %d", res.Total, len(want))
			}
			if q.slop == 0 {
				mq := bleve.NewMatchPhraseQuery(name)
				mq.SetField(fieldText)
				raw, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(mq, len(docs), 0, false))
				if err != nil {
					t.Fatal(err)
				}
				if raw.Total != res.Total {
					t.Errorf("bleve's phrase searcher finds %d, ours %d", raw.Total, res.Total)
				}
			}
		})
	}
}

// TestPositionalHonoursDeadline checks that a cancelled context stops an
// intersection that finds candidates but no match, rather than letting it
// run to the end of the postings.
func TestPositionalHonoursDeadline(t *testing.T) {
	docs := make([]corpus.Document, 3000)
	for i := range docs {
		docs[i] = corpus.Document{ID: fmt.Sprintf("n%04d", i), Kind: corpus.KindArticle, Text: "motion for appeal"}
	}
	ix := newTestIndex(t, docs...)
	r := snapshotReader(t, ix)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := newPhraseQuery(fieldText, "motion appeal", 1).Searcher(ctx, r, ix.bleve.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cancel()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	dm, err := s.Next(sctx)
	if dm != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("Next after cancel = %v, %v; want nil, context.Canceled", dm, err)
	}
}

// TestPositionalAcrossSegments checks the searcher on an index written in
// many batches (so several segments after merging, read through their own
// postings and global offsets), with documents replaced and deleted (so
// postings masked by deletions), against a scan of the live documents, for
// random phrases and windows.
// churnedWordIndex writes docs in batches of 37 (so several segments
// after merging, read through their own postings and global offsets),
// replaces every fifth with new text drawn by rng and deletes every
// seventh (so postings masked by deletions). It returns the index, the
// live documents' text by ID and the number of segments.
func churnedWordIndex(t *testing.T, docs []corpus.Document, rng *rand.Rand) (*Index, map[string]string, int) {
	t.Helper()
	ix := newTestIndex(t)
	for i := 0; i < len(docs); i += 37 {
		if err := ix.Put(docs[i:min(i+37, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	live := map[string]string{}
	for _, d := range docs {
		live[d.ID] = d.Text
	}
	// Replace every fifth document with new text and delete every seventh.
	vocab := strings.Fields(docs[0].Text + " " + docs[1].Text)
	var replaced []corpus.Document
	for i := 0; i < len(docs); i += 5 {
		d := docs[i]
		words := make([]string, 10+rng.IntN(30))
		for j := range words {
			words[j] = vocab[rng.IntN(len(vocab))]
		}
		d.Text = strings.Join(words, " ")
		replaced = append(replaced, d)
		live[d.ID] = d.Text
	}
	if err := ix.Put(replaced...); err != nil {
		t.Fatal(err)
	}
	var deleted []string
	for i := 3; i < len(docs); i += 7 {
		deleted = append(deleted, docs[i].ID)
		delete(live, docs[i].ID)
	}
	if err := ix.Delete(deleted...); err != nil {
		t.Fatal(err)
	}
	segs := len(snapshotReader(t, ix).(*scorch.IndexSnapshot).Segments())
	if segs < 2 {
		t.Fatalf("index has %d segment; the test needs several", segs)
	}
	return ix, live, segs
}

func TestPositionalAcrossSegments(t *testing.T) {
	docs := randomWordDocs(400, 11)
	rng := rand.New(rand.NewPCG(12, 1))
	ix, live, segs := churnedWordIndex(t, docs, rng)
	words := []string{"the", "court", "of", "appeal", "motion", "to", "dismiss", "high"}
	ctx := context.Background()
	for k := range 60 {
		n := 2 + rng.IntN(3)
		phrase := make([]string, n)
		for j := range phrase {
			phrase[j] = words[rng.IntN(len(words))]
		}
		slop := 0
		if k%3 == 0 {
			slop = 1 + rng.IntN(4)
		}
		var want []string
		for id, text := range live {
			if bruteMatch(text, phrase, slop) {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		pq := newProximityQuery(fieldText, strings.Join(phrase, " "), slop, 1)
		req := bleve.NewSearchRequestOptions(pq, len(docs), 0, false)
		res, err := ix.bleve.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q~%d over %d segments: got %d docs, want %d\n got %v\nwant %v", strings.Join(phrase, " "), slop, segs, len(got), len(want), got, want)
		}
	}
}
