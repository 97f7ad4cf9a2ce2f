package alert

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// This file holds the Store methods the HTTP API and the CLI need beyond
// the core's: the latest matches (for the Atom feed) and rotating an
// alert's webhook secret and feed token.

// Recent returns the latest n matches of alert id (1..MaxMatchesPage),
// newest first, or an error wrapping ErrNotFound when there is no such
// alert.
func (s *Store) Recent(id string, n int) ([]Match, error) {
	if n < 1 || n > MaxMatchesPage {
		return nil, fmt.Errorf("%w: n must be between 1 and %d", ErrInvalid, MaxMatchesPage)
	}
	out := []Match{}
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAlerts).Get([]byte(id)) == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		prefix := append([]byte(id), 0)
		matches := tx.Bucket(bucketMatches)
		c := tx.Bucket(bucketByAlert).Cursor()
		// The key just past every key of the alert: prefix with the
		// largest sequence number, then one step back from there.
		k, _ := c.Seek(binary.BigEndian.AppendUint64(slices.Clone(prefix), ^uint64(0)))
		if k == nil {
			k, _ = c.Last()
		} else if !bytes.Equal(k, binary.BigEndian.AppendUint64(slices.Clone(prefix), ^uint64(0))) {
			k, _ = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(out) < n; k, _ = c.Prev() {
			m, err := readMatch(matches, k[len(prefix):])
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("alert: recent matches of %s: %w", id, err)
	}
	return out, nil
}

// Rotate gives the alert id a new webhook secret and a new feed token
// (the old ones stop working at once) and returns the alert whole, to
// show them once; an error wraps ErrNotFound when there is no such alert.
// Deliveries already waiting are signed with the new secret when sent.
func (s *Store) Rotate(id string) (Alert, error) {
	var out Alert
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAlerts)
		v := b.Get([]byte(id))
		if v == nil {
			return fmt.Errorf("%w: %s", ErrNotFound, id)
		}
		var a Alert
		if err := json.Unmarshal(v, &a); err != nil {
			return err
		}
		a.Webhook.Secret = "whsec_" + randomHex(32)
		a.FeedToken = newFeedToken()
		a.Updated = s.opts.Now().UTC().Truncate(time.Second)
		out = a
		return putJSON(b, []byte(id), a)
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Alert{}, err
		}
		return Alert{}, fmt.Errorf("alert: rotate %s: %w", id, err)
	}
	return out, nil
}
