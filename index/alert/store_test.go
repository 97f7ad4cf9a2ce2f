package alert

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"dossier/corpus"
	"dossier/corpus/legal"
	"dossier/index"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }

func openStore(t *testing.T, clock *fakeClock) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), FileName), StoreOptions{AllowPrivate: true, Now: clock.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// wordPercolator is a stand-in engine: a request matches the documents
// whose title holds its query (any case) and, with a restriction
// "court:X", whose court is X.
type wordPercolator struct{}

func (wordPercolator) Percolate(_ context.Context, docs []corpus.Document, reqs []index.SearchRequest, opts index.PercolateOptions) ([]index.PercolateResult, error) {
	out := make([]index.PercolateResult, len(reqs))
	for i, r := range reqs {
		if strings.Contains(r.Query, "(") {
			out[i].Err = index.Invalidf("bad query")
			continue
		}
		for _, d := range docs {
			if d.Skipped() || !strings.Contains(strings.ToLower(d.Title), strings.ToLower(r.Query)) {
				continue
			}
			if c, ok := strings.CutPrefix(r.Restrict, "court:"); ok && (d.Court == nil || d.Court.ID != c) {
				continue
			}
			m := index.PercolateMatch{ID: d.ID}
			if opts.FragmentSize > 0 {
				m.Fragment = "<mark>" + r.Query + "</mark>"
			}
			out[i].Matches = append(out[i].Matches, m)
		}
	}
	return out, nil
}

func doc(id, title, court string) corpus.Document {
	d := corpus.Document{ID: id, Title: title, Kind: corpus.KindFiling, Date: "2026-02-27",
		CaseNumbers: []legal.CaseNumber{{Raw: "3:24-cv-01234", Canonical: "24-cv-01234"}}}
	if court != "" {
		d.Court = &legal.Court{ID: court}
	}
	return d
}

func batchOf(seq uint64, docs ...corpus.Document) index.CommittedBatch {
	b := index.CommittedBatch{Seq: seq, Docs: docs}
	for i := range docs {
		b.Versions = append(b.Versions, index.DocumentVersion(&docs[i]))
	}
	return b
}

func TestStoreCRUD(t *testing.T) {
	clock := newClock()
	st := openStore(t, clock)
	bad := []Alert{
		{Name: ""},
		{Name: strings.Repeat("n", MaxNameBytes+1)},
		{Name: "q", Query: "title:(unclosed"},
		{Name: "c", Case: "not a case"},
		{Name: "c2", Case: "3:24-cv-01234", Filters: index.Filters{Case: []string{"24-cv-1"}}},
		{Name: "f", Filters: index.Filters{Case: []string{"nothing"}}},
		{Name: "r", Restrict: "court:("},
		{Name: "u", Webhook: Webhook{URL: "ftp://example.com/x"}},
	}
	for _, a := range bad {
		if _, err := st.Create(a); !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrURLRefused) {
			t.Errorf("Create(%+v) = %v, want ErrInvalid", a, err)
		}
	}
	mine, err := st.Create(Alert{Name: "spyware", Owner: "newsroom", Query: "spyware", Restrict: "court:cand",
		Webhook: Webhook{URL: "http://127.0.0.1:9/hook"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.ID) != 32 || !strings.HasPrefix(mine.Webhook.Secret, "whsec_") || len(mine.FeedToken) != 52 || !mine.Created.Equal(clock.Now()) {
		t.Fatalf("created %+v", mine)
	}
	clock.Add(time.Minute)
	admin, err := st.Create(Alert{Name: "docket", Case: "3:24-cv-1234"})
	if err != nil {
		t.Fatal(err)
	}
	if r := admin.Request(); !slices.Equal(r.Filters.Case, []string{"3:24-cv-1234"}) || !slices.Equal(r.Filters.Kind, []string{"filing"}) {
		t.Errorf("docket alert request %+v", r)
	}
	for _, c := range []struct {
		key   string
		admin bool
		want  []string
	}{{"newsroom", false, []string{mine.ID}}, {"other", false, nil}, {"", true, []string{mine.ID, admin.ID}}} {
		list, err := st.List(c.key, c.admin)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("List(%q, %v) = %v, want %v", c.key, c.admin, ids, c.want)
		}
	}
	if !mine.FeedTokenMatches(mine.FeedToken) || mine.FeedTokenMatches("") || mine.FeedTokenMatches(mine.FeedToken[1:]) {
		t.Error("FeedTokenMatches")
	}
	if mine.Redacted().Webhook.Secret != "" || mine.Webhook.Secret == "" {
		t.Error("Redacted keeps the secret or clears the original")
	}
	// Update cannot lift the owner's filter nor change the owner or secret.
	up, err := st.Update(mine.ID, func(a *Alert) error {
		a.Name, a.Restrict, a.Owner, a.Webhook.Secret, a.Query = "renamed", "", "thief", "x", "nightjar"
		a.Filters.Court = append(a.Filters.Court, "nysd")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := st.Get(mine.ID)
	if got.Name != "renamed" || got.Query != "nightjar" || got.Restrict != "court:cand" || got.Owner != "newsroom" ||
		got.Webhook.Secret != mine.Webhook.Secret || got.FeedToken != mine.FeedToken || !got.Created.Equal(mine.Created) || up.Name != "renamed" {
		t.Errorf("after update: %+v", got)
	}
	if _, err := st.Update(mine.ID, func(a *Alert) error { a.Query = "a:("; return nil }); !errors.Is(err, ErrInvalid) {
		t.Errorf("invalid update: %v", err)
	}
	if again, _ := st.Get(mine.ID); again.Query != "nightjar" {
		t.Errorf("an invalid update changed the alert: %+v", again)
	}
	if _, err := st.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get unknown: %v", err)
	}
	if err := st.Delete(admin.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete(admin.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if _, err := st.Matches(admin.ID, MatchQuery{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("matches of a deleted alert: %v", err)
	}
}

// TestMatcherRecords: matches are recorded in commit order (batches, then
// documents in batch order, then alerts by ID), once each whatever how
// often a batch is handed over, with one delivery per alert and batch for
// alerts with a webhook; the owner's restriction applies; a changed
// document matches again; Matches pages by Seq and time.
func TestMatcherRecords(t *testing.T) {
	clock := newClock()
	st := openStore(t, clock)
	spy, _ := st.Create(Alert{Name: "spy", Query: "spyware", Webhook: Webhook{URL: "http://127.0.0.1:9/a"}})
	cand, _ := st.Create(Alert{Name: "cand only", Owner: "k", Query: "order", Restrict: "court:cand"})
	broken, _ := st.Create(Alert{Name: "bad for the engine", Query: "x (y)"})
	m, err := NewMatcher(st, wordPercolator{}, MatcherOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b1 := batchOf(1, doc("d1", "Order on spyware", "cand"), doc("d2", "Unrelated", "cand"), doc("d3", "Order about spyware", "nysd"))
	skipped := doc("d4", "Order skipped spyware", "cand")
	skipped.SkipReason = "broken"
	b2 := batchOf(2, skipped, doc("d1", "Order on spyware, amended", "cand"))
	for _, b := range []index.CommittedBatch{b1, b1, b2, b2} { // each batch twice: a replay
		if err := m.Committed(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		clock.Add(time.Hour)
	}
	type rec struct {
		alert, doc string
		batch      uint64
	}
	var all []rec
	var seqs []uint64
	for _, a := range []Alert{spy, cand, broken} {
		ms, err := st.Matches(a.ID, MatchQuery{})
		if err != nil {
			t.Fatal(err)
		}
		for _, mm := range ms {
			all = append(all, rec{a.Name, mm.Doc.ID, mm.Batch})
			seqs = append(seqs, mm.Seq)
			if mm.Doc.Court == "" || mm.Doc.Title == "" || len(mm.Doc.Cases) != 1 || mm.Doc.Date == "" || mm.Doc.Fragment == "" || mm.EventID == "" {
				t.Errorf("match lacks fields: %+v", mm)
			}
		}
	}
	want := []rec{{"spy", "d1", 1}, {"spy", "d3", 1}, {"spy", "d1", 2}, {"cand only", "d1", 1}, {"cand only", "d1", 2}}
	if !slices.Equal(all, want) {
		t.Errorf("matches %v, want %v", all, want)
	}
	// Seq is the commit order across alerts: b1 d1 (spy, cand by ID order), b1 d3, b2 d1 ...
	slices.Sort(seqs)
	if !slices.Equal(seqs, []uint64{1, 2, 3, 4, 5}) {
		t.Errorf("seqs %v", seqs)
	}
	mt := st.Metrics()
	if mt.Matches != 5 || mt.Outbox != 2 || mt.Invalid != 4 {
		t.Errorf("metrics %+v, want 5 matches, 2 deliveries waiting, 4 failed runs", mt)
	}
	// Deliveries: spy has one per batch; the first carries d1 and d3.
	out, _ := st.outbox(10)
	if len(out) != 2 || len(out[0].Docs) != 2 || out[0].Docs[0].ID != "d1" || out[0].Docs[1].ID != "d3" || out[1].Docs[0].ID != "d1" || out[0].EventID == out[1].EventID {
		t.Errorf("outbox %+v", out)
	}
	ms, _ := st.Matches(spy.ID, MatchQuery{})
	if ms[0].EventID != ms[1].EventID || ms[0].EventID != out[0].EventID {
		t.Errorf("event IDs of batch 1's matches: %s %s, delivery %s", ms[0].EventID, ms[1].EventID, out[0].EventID)
	}
	page, _ := st.Matches(spy.ID, MatchQuery{AfterSeq: ms[0].Seq, Limit: 1})
	if len(page) != 1 || page[0].Seq != ms[1].Seq {
		t.Errorf("after seq %d: %+v", ms[0].Seq, page)
	}
	late, _ := st.Matches(spy.ID, MatchQuery{Since: ms[2].At})
	if len(late) != 1 || late[0].Batch != 2 {
		t.Errorf("since %s: %+v", ms[2].At, late)
	}
	// Deleting an alert drops its matches and deliveries.
	if err := st.Delete(spy.ID); err != nil {
		t.Fatal(err)
	}
	if st.OutboxDepth() != 0 {
		t.Errorf("outbox keeps %d deliveries of a deleted alert", st.OutboxDepth())
	}
}

// TestMatchIDsDeterministic: a batch recorded in a fresh store (the
// first transaction lost in a crash) gives the same match and event IDs.
func TestMatchIDsDeterministic(t *testing.T) {
	var first []Match
	for run := range 2 {
		clock := newClock()
		dir := t.TempDir()
		st, err := Open(filepath.Join(dir, FileName), StoreOptions{Now: clock.Now}, nil)
		if err != nil {
			t.Fatal(err)
		}
		a := Alert{Name: "spy", Query: "spyware", Webhook: Webhook{URL: "https://receiver.example/hook"}}
		if err := st.db.Update(func(tx *bolt.Tx) error { a.ID = "fixed"; return putJSON(tx.Bucket(bucketAlerts), []byte(a.ID), a) }); err != nil {
			t.Fatal(err)
		}
		m, _ := NewMatcher(st, wordPercolator{}, MatcherOptions{}, nil)
		if err := m.Committed(context.Background(), batchOf(7, doc("d1", "spyware", "cand"), doc("d2", "more spyware", ""))); err != nil {
			t.Fatal(err)
		}
		ms, _ := st.Matches("fixed", MatchQuery{})
		st.Close()
		if len(ms) != 2 {
			t.Fatalf("run %d: %d matches", run, len(ms))
		}
		if run == 0 {
			first = ms
			continue
		}
		for i := range ms {
			if ms[i].ID != first[i].ID || ms[i].EventID != first[i].EventID {
				t.Errorf("match %d: %s/%s then %s/%s", i, first[i].ID, first[i].EventID, ms[i].ID, ms[i].EventID)
			}
		}
	}
}
