package alert

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"dossier/index"
)

// MatcherOptions configure a Matcher. Zero values are replaced by
// SetDefaults.
type MatcherOptions struct {
	// FragmentSize is the size, in characters, of the fragment each
	// match carries; default index.DefaultFragmentSize (200). -1 for none.
	FragmentSize int
	// Workers is the number of alerts run at once; 0 means GOMAXPROCS.
	Workers int
}

// SetDefaults fills zero fields.
func (o *MatcherOptions) SetDefaults() {
	if o.FragmentSize == 0 {
		o.FragmentSize = index.DefaultFragmentSize
	}
}

// Validate reports the first invalid option.
func (o MatcherOptions) Validate() error {
	if o.FragmentSize < -1 || o.FragmentSize > index.MaxFragmentSize {
		return fmt.Errorf("%w: fragment size %d out of range -1..%d", ErrInvalid, o.FragmentSize, index.MaxFragmentSize)
	}
	if o.Workers < 0 {
		return fmt.Errorf("%w: negative workers", ErrInvalid)
	}
	return nil
}

// Matcher runs every alert of a Store against each committed batch and
// records the matches, with their deliveries, in the store. It is the
// index.CommitHook ingest calls (ingest.Ingester.SetCommitHook).
type Matcher struct {
	store  *Store
	perc   index.Percolator
	opts   MatcherOptions
	logger *slog.Logger
}

// The matcher is ingest's commit hook.
var _ index.CommitHook = (*Matcher)(nil)

// NewMatcher returns a Matcher recording into st the matches perc finds.
// logger may be nil for silence.
func NewMatcher(st *Store, perc index.Percolator, opts MatcherOptions, logger *slog.Logger) (*Matcher, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Matcher{store: st, perc: perc, opts: opts, logger: logger}, nil
}

// Committed runs every alert against b's documents and records the new
// matches and their deliveries in one store transaction (see
// index.CommitHook): a batch handed over twice records nothing the
// second time. An alert the engine refuses is skipped, counted
// (Metrics.Invalid) and logged by ID; it does not fail the batch.
func (m *Matcher) Committed(ctx context.Context, b index.CommittedBatch) error {
	if len(b.Docs) != len(b.Versions) {
		return fmt.Errorf("alert: batch %d has %d documents and %d versions", b.Seq, len(b.Docs), len(b.Versions))
	}
	if len(b.Docs) == 0 {
		return nil
	}
	alerts, err := m.store.List("", true)
	if err != nil || len(alerts) == 0 {
		return err
	}
	reqs := make([]index.SearchRequest, len(alerts))
	for i := range alerts {
		reqs[i] = alerts[i].Request()
	}
	frag := max(m.opts.FragmentSize, 0)
	res, err := m.perc.Percolate(ctx, b.Docs, reqs, index.PercolateOptions{FragmentSize: frag, MaxFragmented: MaxEventDocs, Workers: m.opts.Workers})
	if err != nil {
		return fmt.Errorf("alert: match batch %d: %w", b.Seq, err)
	}
	pos := make(map[string]int, len(b.Docs))
	for i := range b.Docs {
		pos[b.Docs[i].ID] = i
	}
	var hits []found
	for i, r := range res {
		if r.Err != nil {
			m.store.nInvalid.Add(1)
			m.logger.Warn("alert could not run", "alert", alerts[i].ID, "err", r.Err)
			continue
		}
		for _, pm := range r.Matches {
			j, ok := pos[pm.ID]
			if !ok {
				continue
			}
			hits = append(hits, found{alert: &alerts[i], doc: j, fragment: pm.Fragment})
		}
	}
	// Commit order: documents in the batch's order, then alerts by ID.
	slices.SortFunc(hits, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.doc, b.doc), strings.Compare(a.alert.ID, b.alert.ID))
	})
	n, err := m.store.record(b, hits)
	if err != nil {
		return err
	}
	m.store.nMatches.Add(uint64(n))
	if n > 0 {
		m.logger.Debug("alert matches recorded", "batch", b.Seq, "matches", n)
	}
	return nil
}

// found is one match before it is recorded.
type found struct {
	alert    *Alert
	doc      int // position in the batch
	fragment string
}

// matchID is the deterministic ID of alert id matching document doc at
// version.
func matchID(alertID, docID, version string) string {
	return hashHex("match", alertID, docID, version)
}

// hashHex hashes parts, each length-prefixed, to 32 hex characters.
func hashHex(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		_ = binary.Write(h, binary.BigEndian, uint32(len(p)))
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// record writes the matches of found not recorded before, in found's
// order, and their deliveries (alerts with a webhook), in one
// transaction; it returns how many matches it wrote. The matches of one
// alert in one batch make one delivery per MaxEventDocs documents, whose
// event ID hashes the alert and its matches' IDs: a batch recorded again
// after a crash that lost the first transaction makes the same events.
func (s *Store) record(b index.CommittedBatch, fs []found) (int, error) {
	if len(fs) == 0 {
		return 0, nil
	}
	now := s.opts.Now().UTC()
	written := 0
	err := s.db.Update(func(tx *bolt.Tx) error {
		ids, matches, byAlert, outbox := tx.Bucket(bucketMatchID), tx.Bucket(bucketMatches), tx.Bucket(bucketByAlert), tx.Bucket(bucketOutbox)
		// The new matches, and per alert their indexes, in order.
		var news []Match
		perAlert := map[string][]int{}
		var alertOrder []string
		alertOf := map[string]*Alert{}
		for _, f := range fs {
			d := &b.Docs[f.doc]
			id := matchID(f.alert.ID, d.ID, b.Versions[f.doc])
			if ids.Get([]byte(id)) != nil {
				continue
			}
			md := MatchedDoc{ID: d.ID, Title: d.Title, Date: d.Date, Cases: index.OwnCases(d), Fragment: f.fragment, Version: b.Versions[f.doc]}
			if d.Court != nil {
				md.Court = d.Court.ID
			}
			if _, ok := perAlert[f.alert.ID]; !ok {
				alertOrder = append(alertOrder, f.alert.ID)
				alertOf[f.alert.ID] = f.alert
			}
			perAlert[f.alert.ID] = append(perAlert[f.alert.ID], len(news))
			news = append(news, Match{ID: id, AlertID: f.alert.ID, Batch: b.Seq, Doc: md, At: now})
		}
		// Events: per alert, MaxEventDocs matches each.
		var deliveries []Delivery
		for _, aid := range alertOrder {
			idx := perAlert[aid]
			for start := 0; start < len(idx); start += MaxEventDocs {
				chunk := idx[start:min(start+MaxEventDocs, len(idx))]
				parts := []string{"event", aid}
				docs := make([]MatchedDoc, 0, len(chunk))
				for _, i := range chunk {
					parts = append(parts, news[i].ID)
					docs = append(docs, news[i].Doc)
				}
				ev := hashHex(parts...)
				for _, i := range chunk {
					news[i].EventID = ev
				}
				if alertOf[aid].Webhook.URL != "" {
					deliveries = append(deliveries, Delivery{EventID: ev, AlertID: aid, Created: now, Docs: docs, NextAttempt: now})
				}
			}
		}
		for i := range news {
			seq, err := matches.NextSequence()
			if err != nil {
				return err
			}
			news[i].Seq = seq
			k := seqKey(seq)
			if err := putJSON(matches, k, news[i]); err != nil {
				return err
			}
			if err := ids.Put([]byte(news[i].ID), k); err != nil {
				return err
			}
			if err := byAlert.Put(append(append([]byte(news[i].AlertID), 0), k...), nil); err != nil {
				return err
			}
		}
		for i := range deliveries {
			seq, err := outbox.NextSequence()
			if err != nil {
				return err
			}
			deliveries[i].Seq = seq
			if err := putJSON(outbox, seqKey(seq), deliveries[i]); err != nil {
				return err
			}
		}
		written = len(news)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("alert: record matches of batch %d: %w", b.Seq, err)
	}
	return written, nil
}

// outbox returns up to limit waiting deliveries in outbox order.
func (s *Store) outbox(limit int) ([]Delivery, error) {
	out, err := s.firstDeliveries(bucketOutbox, limit)
	if err != nil {
		return nil, fmt.Errorf("alert: read outbox: %w", err)
	}
	return out, nil
}

// delivered removes a delivery a receiver accepted.
func (s *Store) delivered(seq uint64) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketOutbox).Delete(seqKey(seq)) })
	if err != nil {
		return fmt.Errorf("alert: outbox: %w", err)
	}
	s.nDelivered.Add(1)
	return nil
}

// retry records a failed attempt of d and when to try again; with
// giveUp set it moves d to the dead deliveries instead.
func (s *Store) retry(d Delivery, giveUp bool, now time.Time) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		ob := tx.Bucket(bucketOutbox)
		if ob.Get(seqKey(d.Seq)) == nil {
			return nil // deleted meanwhile (its alert was)
		}
		if !giveUp {
			return putJSON(ob, seqKey(d.Seq), d)
		}
		d.GaveUp = now
		if err := ob.Delete(seqKey(d.Seq)); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketDead), seqKey(d.Seq), d)
	})
	if err != nil {
		return fmt.Errorf("alert: outbox: %w", err)
	}
	s.nFailures.Add(1)
	if giveUp {
		s.nGaveUp.Add(1)
	}
	return nil
}

// errNoWebhook is the reason a delivery whose alert lost its webhook is
// given up.
var errNoWebhook = errors.New("the alert has no webhook any more")
