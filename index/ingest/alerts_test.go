package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
	"dossier/index/alert"
)

// alertDocs are JSON Lines documents: every third mentions spyware, the
// even ones are of court cand, the others of nysd; document 4 is skipped.
func alertDocs(n int, variant string) []corpus.Document {
	docs := make([]corpus.Document, n)
	for i := range docs {
		word := "turbines"
		if i%3 == 0 {
			word = "spyware"
		}
		court := "nysd"
		if i%2 == 0 {
			court = "cand"
		}
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("al%04d", i), Source: fmt.Sprintf("doc%d.pdf", i), Kind: corpus.KindFiling,
			ContentType: corpus.ContentTypePDF, Title: fmt.Sprintf("ORDER %d", i), PageCount: 1, Date: "2026-01-05",
			Court:       &legal.Court{ID: court},
			CaseNumbers: []legal.CaseNumber{{Raw: fmt.Sprintf("3:26-cv-%05d", i%4+1), Canonical: fmt.Sprintf("26-cv-%05d", i%4+1), Court: court}},
			Pages:       []corpus.Page{{Number: 1, Text: fmt.Sprintf("Order %d about %s%s.", i, word, variant)}},
		}
		if i == 4 {
			docs[i].SkipReason = "extraction failed: spyware"
		}
	}
	return docs
}

// alertSetup is an index directory with an alerts store holding three
// alerts: spyware (with a webhook), spyware under a key restricted to
// court nysd, and a docket alert on case 3:26-cv-00001.
type alertSetup struct {
	dir, corpus string
	ids         map[string]string // alert name -> ID
}

func newAlertSetup(t *testing.T) alertSetup {
	t.Helper()
	s := alertSetup{dir: filepath.Join(t.TempDir(), "ix"), corpus: t.TempDir(), ids: map[string]string{}}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := alert.Open(filepath.Join(s.dir, alert.FileName), alert.StoreOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, a := range []alert.Alert{
		{Name: "spyware", Query: "spyware", Webhook: alert.Webhook{URL: "https://receiver.example/hook"}},
		{Name: "restricted", Owner: "nysd-desk", Query: "spyware", Restrict: "court:nysd"},
		{Name: "docket", Case: "3:26-cv-1"},
	} {
		got, err := st.Create(a)
		if err != nil {
			t.Fatal(err)
		}
		s.ids[a.Name] = got.ID
	}
	return s
}

// clone copies the setup's alerts store to a new directory: the same
// alerts, so the same match and event IDs.
func (s alertSetup) clone(t *testing.T) alertSetup {
	t.Helper()
	c := s
	c.dir = filepath.Join(t.TempDir(), "ix")
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(s.dir, alert.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, alert.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return c
}

// hooked is an index with its ingester and alerts store, the matcher (or
// wrap of it) set as the commit hook.
type hooked struct {
	testIndex
	st *alert.Store
}

func (h hooked) Close() error {
	return errors.Join(h.testIndex.Ingester.Close(), h.st.Close(), h.testIndex.Index.Close())
}

func openHooked(t *testing.T, dir string, wrap func(index.CommitHook) index.CommitHook) (hooked, error) {
	t.Helper()
	ix, err := openDir(dir, Options{Workers: 2, BulkBatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	st, err := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := alert.NewMatcher(st, ix.Index, alert.MatcherOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var h index.CommitHook = m
	if wrap != nil {
		h = wrap(m)
	}
	return hooked{ix, st}, ix.SetCommitHook(context.Background(), h)
}

// matchesOf lists alert id's matches as "doc@batch" and their IDs.
func matchesOf(t *testing.T, st *alert.Store, id string) (docs []string, ms []alert.Match) {
	t.Helper()
	ms, err := st.Matches(id, alert.MatchQuery{Limit: alert.MaxMatchesPage})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		docs = append(docs, m.Doc.ID)
	}
	return docs, ms
}

// TestAlertsOnCommit: the commit hook records, for each alert, the new
// and changed documents that match it, in commit order; skipped and
// unchanged documents, and deletions, never match; a restricted alert
// never matches outside its key's filter; a docket alert follows its case.
func TestAlertsOnCommit(t *testing.T) {
	s := newAlertSetup(t)
	p := filepath.Join(s.corpus, "bulk.jsonl")
	writeJSONL(t, p, alertDocs(12, ""))
	h, err := openHooked(t, s.dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	ex := newCountingExtractor(t)
	ingest(t, h.testIndex, ex, index.IngestOptions{}, s.corpus)

	spy, ms := matchesOf(t, h.st, s.ids["spyware"])
	if want := []string{"al0000", "al0003", "al0006", "al0009"}; !slices.Equal(spy, want) {
		t.Fatalf("spyware matched %v, want %v", spy, want)
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].Seq <= ms[i-1].Seq || ms[i].Batch < ms[i-1].Batch {
			t.Errorf("matches out of commit order: %+v then %+v", ms[i-1], ms[i])
		}
	}
	if ms[0].Batch == ms[len(ms)-1].Batch {
		t.Errorf("12 documents in batches of 4 made one batch")
	}
	if restricted, _ := matchesOf(t, h.st, s.ids["restricted"]); !slices.Equal(restricted, []string{"al0003", "al0009"}) {
		t.Errorf("restricted alert matched %v, want the nysd ones only", restricted)
	}
	if docket, _ := matchesOf(t, h.st, s.ids["docket"]); !slices.Equal(docket, []string{"al0000", "al0008"}) {
		t.Errorf("docket alert matched %v (al0004 is skipped)", docket)
	}
	if n := h.st.OutboxDepth(); n != 3 {
		t.Errorf("outbox holds %d deliveries, want 3 (one per batch with spyware matches)", n)
	}

	// The same file again: unchanged, nothing new.
	ingest(t, h.testIndex, ex, index.IngestOptions{}, s.corpus)
	// The file changed: al0003 and al0007 change, al0012..13 are new,
	// al0009..11 are gone; the rest is written again unchanged.
	docs := alertDocs(14, "")
	docs[3].Pages[0].Text += " Amended."
	docs[7].Pages[0].Text += " Amended."
	docs = slices.Delete(docs, 9, 12)
	writeJSONL(t, p, docs)
	future := time.Now().Add(time.Minute)
	os.Chtimes(p, future, future)
	ingest(t, h.testIndex, ex, index.IngestOptions{}, s.corpus)
	spy, _ = matchesOf(t, h.st, s.ids["spyware"])
	if want := []string{"al0000", "al0003", "al0006", "al0009", "al0003", "al0012"}; !slices.Equal(spy, want) {
		t.Errorf("after the change, spyware matched %v, want %v", spy, want)
	}
	if mt := h.st.Metrics(); mt.Matches != 12 {
		t.Errorf("metrics %+v, want 12 matches (4+2+2, then 2+1+1)", mt)
	}
}

// errHook is a commit hook that fails: before the matcher (a crash before
// anything is recorded) or after it (a crash after the matches were
// recorded, before ingest cleared the batch).
type errHook struct {
	inner index.CommitHook
	after bool
}

func (e errHook) Committed(ctx context.Context, b index.CommittedBatch) error {
	if e.after {
		if err := e.inner.Committed(ctx, b); err != nil {
			return err
		}
	}
	return errors.New("simulated crash")
}

// TestAlertsCrashRecovery: batches whose matches were not recorded (or
// whose hand-over was not acknowledged) stay pending in the manifest;
// reopening hands them over, and the matches, their IDs and event IDs
// and the deliveries are those of a run without a crash, none twice.
func TestAlertsCrashRecovery(t *testing.T) {
	setup := newAlertSetup(t)
	writeJSONL(t, filepath.Join(setup.corpus, "bulk.jsonl"), alertDocs(12, ""))
	ex := newCountingExtractor(t)

	type snap struct {
		docs   []string
		ids    []string
		events []string
		outbox int
	}
	snapshot := func(st *alert.Store) map[string]snap {
		out := map[string]snap{}
		for name, id := range setup.ids {
			docs, ms := matchesOf(t, st, id)
			var sn snap
			sn.docs = docs
			for _, m := range ms {
				sn.ids = append(sn.ids, m.ID)
				sn.events = append(sn.events, m.EventID)
			}
			sn.outbox = st.OutboxDepth()
			out[name] = sn
		}
		return out
	}

	clean := setup.clone(t)
	h, err := openHooked(t, clean.dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, h.testIndex, ex, index.IngestOptions{}, setup.corpus)
	want := snapshot(h.st)
	h.Close()
	if len(want["spyware"].docs) != 4 {
		t.Fatalf("clean run: %+v", want)
	}

	for _, after := range []bool{false, true} {
		t.Run(fmt.Sprintf("after=%v", after), func(t *testing.T) {
			s := setup.clone(t)
			h, err := openHooked(t, s.dir, func(m index.CommitHook) index.CommitHook { return errHook{m, after} })
			if err != nil {
				t.Fatal(err)
			}
			ingest(t, h.testIndex, ex, index.IngestOptions{}, setup.corpus) // the ingest goes on
			seqs, _, err := h.manifest.hookPending()
			if err != nil || len(seqs) != 3 {
				t.Fatalf("%d batches pending (%v), want 3", len(seqs), err)
			}
			// Only the first batch reached the matcher: later ones wait
			// behind it, so commit order holds.
			if got := len(snapshot(h.st)["spyware"].docs); after && got != 2 || !after && got != 0 {
				t.Errorf("%d matches recorded before the restart", got)
			}
			h.Close()

			h, err = openHooked(t, s.dir, nil)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer h.Close()
			if seqs, _, _ := h.manifest.hookPending(); len(seqs) != 0 {
				t.Errorf("%d batches still pending after the restart", len(seqs))
			}
			got := snapshot(h.st)
			for name, w := range want {
				g := got[name]
				if !slices.Equal(g.docs, w.docs) || !slices.Equal(g.ids, w.ids) || !slices.Equal(g.events, w.events) || g.outbox != w.outbox {
					t.Errorf("%s after recovery:\n got %+v\nwant %+v", name, g, w)
				}
			}
		})
	}
}
