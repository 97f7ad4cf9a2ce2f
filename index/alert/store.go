package alert

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"dossier/index"
)

// FileName is the store's usual file name in the index directory.
const FileName = "alerts.db"

// Store buckets.
var (
	bucketAlerts  = []byte("alerts")    // alert ID -> JSON Alert
	bucketMatches = []byte("matches")   // seq (8 bytes, big-endian) -> JSON Match
	bucketByAlert = []byte("by_alert")  // alert ID \x00 seq -> nothing
	bucketMatchID = []byte("match_ids") // Match.ID -> seq: a match is recorded once
	bucketOutbox  = []byte("outbox")    // seq -> JSON Delivery waiting to be delivered
	bucketDead    = []byte("dead")      // seq -> JSON Delivery given up on
	storeBuckets  = [][]byte{bucketAlerts, bucketMatches, bucketByAlert, bucketMatchID, bucketOutbox, bucketDead}
)

// Limits of the store.
const (
	MaxMatchesPage  = 1000 // matches per Matches call
	MaxEventDocs    = 50   // documents per delivery; more matches of one alert in one batch make several
	DefaultMatchesN = 100  // matches per Matches call when limit is 0
)

// StoreOptions configure a Store. Zero values are replaced by SetDefaults.
type StoreOptions struct {
	// LockTimeout is how long Open waits for another process's lock on the
	// file before failing with ErrLocked. Default 2s.
	LockTimeout time.Duration
	// AllowPrivate lets webhooks name loopback, private and link-local
	// addresses (tests, a receiver on the same host). Default false.
	AllowPrivate bool
	// Now is the clock; default time.Now. Tests set it.
	Now func() time.Time
}

// SetDefaults fills zero fields.
func (o *StoreOptions) SetDefaults() {
	if o.LockTimeout == 0 {
		o.LockTimeout = 2 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Validate reports the first invalid option.
func (o StoreOptions) Validate() error {
	if o.LockTimeout < 0 {
		return fmt.Errorf("%w: negative lock timeout", ErrInvalid)
	}
	return nil
}

// Store keeps alerts, their matches (append-only, in record order) and
// the webhook outbox in one bbolt file. It is safe for concurrent use;
// one process at a time may open the file.
type Store struct {
	db     *bolt.DB
	opts   StoreOptions
	logger *slog.Logger

	nMatches, nDelivered, nFailures, nGaveUp, nInvalid atomic.Uint64
}

// Metrics are the store's counters since it was opened, and the outbox.
type Metrics struct {
	Matches    uint64 // matches recorded
	Deliveries uint64 // deliveries a receiver accepted (2xx)
	Failures   uint64 // delivery attempts that failed (will be retried or given up)
	GaveUp     uint64 // deliveries given up on after Deliverer's GiveUpAfter
	Invalid    uint64 // alert runs that failed (an alert the engine refused), per batch
	Outbox     int    // deliveries waiting now
	Dead       int    // deliveries given up on, kept in the store
}

// Match is one document an alert matched in a committed batch.
type Match struct {
	// Seq orders every match of the store: increasing in the order the
	// batches were committed, and within a batch in document order.
	Seq uint64 `json:"seq"`
	// ID is deterministic: a hash of the alert ID, the document ID and
	// its version, so matching the same document again (a batch replayed
	// after a crash, the same document imported again) gives the same ID
	// and is recorded once.
	ID string `json:"id"`
	// EventID is the delivery that carries the match (Delivery.EventID).
	EventID string     `json:"event_id"`
	AlertID string     `json:"alert_id"`
	Batch   uint64     `json:"batch"` // index.CommittedBatch.Seq
	Doc     MatchedDoc `json:"doc"`
	At      time.Time  `json:"at"` // when recorded
}

// MatchedDoc is what a match and a delivery say of a document.
type MatchedDoc struct {
	ID       string   `json:"id"`
	Title    string   `json:"title,omitempty"`
	Court    string   `json:"court,omitempty"` // court id
	Cases    []string `json:"cases,omitempty"` // the document's own case numbers, canonical
	Date     string   `json:"date,omitempty"`  // YYYY-MM-DD
	Fragment string   `json:"fragment,omitempty"`
	Version  string   `json:"version"` // index.DocumentVersion when committed
}

// Delivery is one webhook event waiting in the outbox (or given up on).
type Delivery struct {
	Seq         uint64       `json:"seq"`
	EventID     string       `json:"event_id"`
	AlertID     string       `json:"alert_id"`
	Created     time.Time    `json:"created"`
	Docs        []MatchedDoc `json:"docs"`
	Attempts    int          `json:"attempts"`
	NextAttempt time.Time    `json:"next_attempt"`
	LastError   string       `json:"last_error,omitempty"`
	GaveUp      time.Time    `json:"gave_up,omitzero"`
}

// Open opens (creating) the store at path. logger may be nil for
// silence.
func Open(path string, opts StoreOptions, logger *slog.Logger) (*Store, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, path)
		}
		return nil, fmt.Errorf("alert: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range storeBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("alert: init %s: %w", path, err)
	}
	return &Store{db: db, opts: opts, logger: logger}, nil
}

// Close closes the store. Stop the Deliverer and unhook the Matcher first.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("alert: close: %w", err)
	}
	return nil
}

// Create saves a new alert made of a's Name, Owner, Query, Filters,
// Restrict, Case and Webhook.URL; it gives it an ID, a webhook secret, a
// feed token and its times, and returns it whole (the secret included:
// show it once). Problems wrap ErrInvalid or ErrURLRefused.
func (s *Store) Create(a Alert) (Alert, error) {
	if err := a.validate(s.opts.AllowPrivate); err != nil {
		return Alert{}, err
	}
	now := s.opts.Now().UTC().Truncate(time.Second)
	a.ID = randomHex(16)
	a.Webhook.Secret = "whsec_" + randomHex(32)
	a.FeedToken = newFeedToken()
	a.Created, a.Updated = now, now
	err := s.db.Update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketAlerts), []byte(a.ID), a) })
	if err != nil {
		return Alert{}, fmt.Errorf("alert: create: %w", err)
	}
	return a, nil
}

// Get returns the alert with id, or an error wrapping ErrNotFound.
func (s *Store) Get(id string) (Alert, error) {
	var a Alert
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketAlerts).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		return json.Unmarshal(v, &a)
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Alert{}, err
		}
		return Alert{}, fmt.Errorf("alert: get %s: %w", id, err)
	}
	return a, nil
}

// List returns the alerts the key named key may see (every alert for
// admin), oldest first, secrets included: Redacted each before showing.
func (s *Store) List(key string, admin bool) ([]Alert, error) {
	var out []Alert
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAlerts).ForEach(func(_, v []byte) error {
			var a Alert
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			if a.VisibleTo(key, admin) {
				out = append(out, a)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("alert: list: %w", err)
	}
	slices.SortFunc(out, func(a, b Alert) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Update changes the alert with id through fn, which may set Name,
// Query, Filters, Case and Webhook.URL; the ID, Owner, Restrict, secret,
// feed token and creation time are kept whatever fn does. It returns the
// alert as saved, or an error wrapping ErrNotFound, ErrInvalid or
// ErrURLRefused (the alert is then unchanged).
func (s *Store) Update(id string, fn func(*Alert) error) (Alert, error) {
	var out Alert
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAlerts)
		v := b.Get([]byte(id))
		if v == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		var old Alert
		if err := json.Unmarshal(v, &old); err != nil {
			return err
		}
		a := old
		a.Filters = cloneFilters(old.Filters)
		if err := fn(&a); err != nil {
			return err
		}
		a.ID, a.Owner, a.Restrict, a.Webhook.Secret, a.FeedToken, a.Created = old.ID, old.Owner, old.Restrict, old.Webhook.Secret, old.FeedToken, old.Created
		if err := a.validate(s.opts.AllowPrivate); err != nil {
			return err
		}
		a.Updated = s.opts.Now().UTC().Truncate(time.Second)
		out = a
		return putJSON(b, []byte(id), a)
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) || errors.Is(err, ErrURLRefused) {
			return Alert{}, err
		}
		return Alert{}, fmt.Errorf("alert: update %s: %w", id, err)
	}
	return out, nil
}

// cloneFilters copies f's lists, so that an update function cannot
// change the stored alert through them.
func cloneFilters(f index.Filters) index.Filters {
	f.Kind, f.Court, f.Judge, f.Case, f.Cites = slices.Clone(f.Kind), slices.Clone(f.Court), slices.Clone(f.Judge), slices.Clone(f.Case), slices.Clone(f.Cites)
	f.Site, f.Author, f.DocType, f.IDs = slices.Clone(f.Site), slices.Clone(f.Author), slices.Clone(f.DocType), slices.Clone(f.IDs)
	return f
}

// Delete removes the alert with id, its matches and its waiting
// deliveries; an error wraps ErrNotFound when there is no such alert.
func (s *Store) Delete(id string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAlerts)
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		prefix := append([]byte(id), 0)
		byAlert, matches, ids := tx.Bucket(bucketByAlert), tx.Bucket(bucketMatches), tx.Bucket(bucketMatchID)
		var keys [][]byte
		c := byAlert.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			keys = append(keys, slices.Clone(k))
		}
		for _, k := range keys {
			seq := k[len(prefix):]
			var m Match
			if v := matches.Get(seq); v != nil && json.Unmarshal(v, &m) == nil {
				if err := ids.Delete([]byte(m.ID)); err != nil {
					return err
				}
			}
			if err := matches.Delete(seq); err != nil {
				return err
			}
			if err := byAlert.Delete(k); err != nil {
				return err
			}
		}
		for _, name := range [][]byte{bucketOutbox, bucketDead} {
			if err := deleteWhere(tx.Bucket(name), func(d *Delivery) bool { return d.AlertID == id }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return err
		}
		return fmt.Errorf("alert: delete %s: %w", id, err)
	}
	return nil
}

// deleteWhere deletes the deliveries of b that match.
func deleteWhere(b *bolt.Bucket, match func(*Delivery) bool) error {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var d Delivery
		if json.Unmarshal(v, &d) == nil && match(&d) {
			keys = append(keys, slices.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// MatchQuery selects an alert's matches.
type MatchQuery struct {
	AfterSeq uint64    // only matches with a Seq above this (a script's last seen)
	Since    time.Time // only matches recorded at or after this; zero for all
	Limit    int       // at most this many, 1..MaxMatchesPage; 0 means DefaultMatchesN
}

// Matches returns the matches of alert id selected by q, in Seq order,
// or an error wrapping ErrNotFound when there is no such alert.
func (s *Store) Matches(id string, q MatchQuery) ([]Match, error) {
	if q.Limit == 0 {
		q.Limit = DefaultMatchesN
	}
	if q.Limit < 1 || q.Limit > MaxMatchesPage {
		return nil, fmt.Errorf("%w: limit must be between 1 and %d", ErrInvalid, MaxMatchesPage)
	}
	out := []Match{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAlerts).Get([]byte(id)) == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		prefix := append([]byte(id), 0)
		matches := tx.Bucket(bucketMatches)
		c := tx.Bucket(bucketByAlert).Cursor()
		for k, _ := c.Seek(binary.BigEndian.AppendUint64(slices.Clone(prefix), q.AfterSeq+1)); k != nil && bytes.HasPrefix(k, prefix) && len(out) < q.Limit; k, _ = c.Next() {
			m, err := readMatch(matches, k[len(prefix):])
			if err != nil {
				return err
			}
			if !q.Since.IsZero() && m.At.Before(q.Since) {
				continue
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("alert: matches of %s: %w", id, err)
	}
	return out, nil
}

// readMatch decodes the match of sequence key seq in bucket matches.
func readMatch(matches *bolt.Bucket, seq []byte) (Match, error) {
	var m Match
	err := json.Unmarshal(matches.Get(seq), &m)
	return m, err
}

// OutboxDepth counts the deliveries waiting.
func (s *Store) OutboxDepth() int {
	n := 0
	_ = s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketOutbox).Stats().KeyN
		return nil
	})
	return n
}

// Dead lists up to limit deliveries given up on, oldest first.
func (s *Store) Dead(limit int) ([]Delivery, error) {
	out, err := s.firstDeliveries(bucketDead, limit)
	if err != nil {
		return nil, fmt.Errorf("alert: dead deliveries: %w", err)
	}
	return out, nil
}

// firstDeliveries reads up to limit deliveries of bucket (the outbox or
// the dead ones), in key order.
func (s *Store) firstDeliveries(bucket []byte, limit int) ([]Delivery, error) {
	var out []Delivery
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.First(); k != nil && len(out) < limit; k, v = c.Next() {
			var d Delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Metrics returns the counters and the outbox's depth.
func (s *Store) Metrics() Metrics {
	m := Metrics{Matches: s.nMatches.Load(), Deliveries: s.nDelivered.Load(), Failures: s.nFailures.Load(),
		GaveUp: s.nGaveUp.Load(), Invalid: s.nInvalid.Load()}
	_ = s.db.View(func(tx *bolt.Tx) error {
		m.Outbox = tx.Bucket(bucketOutbox).Stats().KeyN
		m.Dead = tx.Bucket(bucketDead).Stats().KeyN
		return nil
	})
	return m
}

// putJSON stores v as JSON under k.
func putJSON(b *bolt.Bucket, k []byte, v any) error {
	j, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, j)
}

// seqKey is a sequence number as a key that sorts in number order.
func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }
