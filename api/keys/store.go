package keys

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// DefaultReloadInterval is how often a Store looks at its file for changes.
const DefaultReloadInterval = time.Second

// Store is a keys file that a running server checks requests against. It
// notices when the file changes (by modification time and size, looked at
// most once per interval) and reloads it, so that keys created or revoked
// with the dossier keys command take effect without a restart. If a reload
// fails the previous keys stay in force and Err reports the failure.
// A Store is safe for concurrent use.
type Store struct {
	path     string
	interval time.Duration
	check    func(filter string) error

	mu      sync.RWMutex
	set     *Set
	modTime time.Time
	size    int64
	checked time.Time
	err     error
}

// OpenStore loads path. interval <= 0 means DefaultReloadInterval.
// check, if not nil, vets every key's mandatory filter (for example that
// it parses as a query); a file with a filter it rejects is not loaded.
func OpenStore(path string, interval time.Duration, check func(filter string) error) (*Store, error) {
	if interval <= 0 {
		interval = DefaultReloadInterval
	}
	st := &Store{path: path, interval: interval, check: check}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	set, err := st.load()
	var disabled *DisabledKeysError
	if err != nil && !errors.As(err, &disabled) {
		return nil, err
	}
	st.set, st.modTime, st.size, st.checked, st.err = set, fi.ModTime(), fi.Size(), time.Now(), err
	return st, nil
}

// Path is the keys file's path.
func (st *Store) Path() string { return st.path }

// Lookup finds the key for secret as Set.Lookup does, after reloading the
// file if it changed.
func (st *Store) Lookup(secret string, now time.Time) (Key, error) {
	st.maybeReload(now)
	st.mu.RLock()
	set := st.set
	st.mu.RUnlock()
	return set.Lookup(secret, now)
}

// Set returns the keys currently in force.
func (st *Store) Set() *Set {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.set
}

// Refresh reloads the file if it changed and returns the error of the last
// reload (nil when the keys in force are the file's).
func (st *Store) Refresh(now time.Time) error {
	st.maybeReload(now)
	return st.Err()
}

// Err is the error of the last reload, nil when it succeeded.
func (st *Store) Err() error {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.err
}

func (st *Store) maybeReload(now time.Time) {
	st.mu.RLock()
	due := now.Sub(st.checked) >= st.interval || now.Before(st.checked)
	st.mu.RUnlock()
	if !due {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if now.Sub(st.checked) < st.interval && !now.Before(st.checked) {
		return // another caller reloaded meanwhile
	}
	st.checked = now
	fi, err := os.Stat(st.path)
	if err != nil {
		st.err = fmt.Errorf("keys: reload: %w", err)
		return
	}
	if fi.ModTime().Equal(st.modTime) && fi.Size() == st.size {
		return
	}
	set, err := st.load()
	var disabled *DisabledKeysError
	if err != nil && !errors.As(err, &disabled) {
		st.err = fmt.Errorf("keys: reload: %w", err)
		return
	}
	st.set, st.modTime, st.size, st.err = set, fi.ModTime(), fi.Size(), err
}

// load reads the file and vets the filters of its keys that are not
// revoked. A key whose filter does not parse is left out (its requests
// are refused as unknown) and reported, rather than keeping every other
// key out: one bad key never stops a server.
func (st *Store) load() (*Set, error) {
	set, err := Load(st.path)
	if err != nil || st.check == nil {
		return set, err
	}
	var bad []string
	kept := set.keys[:0:0]
	for _, k := range set.keys {
		if k.Filter != "" && k.Revoked == nil {
			if err := st.check(k.Filter); err != nil {
				bad = append(bad, fmt.Sprintf("%q (%v)", k.Name, err))
				continue
			}
		}
		kept = append(kept, k)
	}
	set.keys = kept
	if len(bad) > 0 {
		return set, &DisabledKeysError{Keys: bad}
	}
	return set, nil
}

// DisabledKeysError lists keys left out of a loaded keys file because
// their filters are invalid; the other keys are in force.
type DisabledKeysError struct {
	Keys []string // names with the reason
}

func (e *DisabledKeysError) Error() string {
	return fmt.Sprintf("keys: %d key(s) disabled, their filters are invalid: %s", len(e.Keys), strings.Join(e.Keys, "; "))
}
