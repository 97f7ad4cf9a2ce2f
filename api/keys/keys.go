package keys

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Scope is an action a key may perform.
type Scope string

// Scopes a key can hold. They are independent: admin does not imply the
// others.
const (
	ScopeSearch Scope = "search" // searches, facets, export, batch search
	ScopeRead   Scope = "read"   // documents, their text and original files
	ScopeIngest Scope = "ingest" // uploads
	ScopeAdmin  Scope = "admin"  // statistics and metrics
	ScopeAlerts Scope = "alerts" // saved-search alerts: create, list, change, delete, matches, follow a case
)

// AllScopes lists every scope a key can hold, in display order.
var AllScopes = []Scope{ScopeSearch, ScopeRead, ScopeIngest, ScopeAdmin, ScopeAlerts}

// Limits on the keys file.
const (
	MaxKeys        = 10000   // keys per file, revoked ones included
	MaxNameLength  = 64      // bytes per key name
	MaxFilterBytes = 4096    // bytes per mandatory filter (the query limit)
	MaxFileBytes   = 8 << 20 // bytes per keys file
	// SecretPrefix starts every secret, so that leaked secrets are easy
	// to recognise (for example by secret scanners).
	SecretPrefix = "dsk_"
	fileVersion  = 1
)

// Errors callers branch on.
var (
	ErrUnknownKey = errors.New("keys: unknown key") // no key has this secret
	ErrExpired    = errors.New("keys: key expired")
	ErrRevoked    = errors.New("keys: key revoked")
	ErrNotFound   = errors.New("keys: no key with that name")
	ErrDuplicate  = errors.New("keys: a key with that name exists")
	ErrInvalid    = errors.New("keys: invalid")
)

// Key is one named API key as stored in the keys file.
type Key struct {
	Name    string     `json:"name"`
	Hash    string     `json:"sha256"` // hex SHA-256 of the secret
	Scopes  []Scope    `json:"scopes"`
	Filter  string     `json:"filter,omitempty"`  // mandatory filter, dossier query language
	Created time.Time  `json:"created"`           // UTC
	Expires *time.Time `json:"expires,omitempty"` // UTC; nil never expires
	Revoked *time.Time `json:"revoked,omitempty"` // UTC; nil while active
}

// Has reports whether k holds scope.
func (k Key) Has(scope Scope) bool { return slices.Contains(k.Scopes, scope) }

// Expired reports whether k has expired at now.
func (k Key) Expired(now time.Time) bool { return k.Expires != nil && !now.Before(*k.Expires) }

// Status is "active", "expired" or "revoked" at now.
func (k Key) Status(now time.Time) string {
	switch {
	case k.Revoked != nil:
		return "revoked"
	case k.Expired(now):
		return "expired"
	}
	return "active"
}

// Set is the content of a keys file. The zero value is an empty set.
// A Set is not safe for concurrent modification; Lookup may run
// concurrently with other Lookups.
type Set struct {
	keys []Key
}

// fileFormat is the JSON layout of a keys file.
type fileFormat struct {
	Version int   `json:"version"`
	Keys    []Key `json:"keys"`
}

// Keys returns a copy of every key, revoked and expired ones included.
func (s *Set) Keys() []Key { return slices.Clone(s.keys) }

// Len is the number of keys, revoked ones included.
func (s *Set) Len() int { return len(s.keys) }

// Load reads and checks a keys file. A missing file is an error wrapping
// fs.ErrNotExist.
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("keys: read %s: %w", path, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrInvalid, path, MaxFileBytes)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Parse decodes and checks the content of a keys file.
func Parse(data []byte) (*Set, error) {
	var ff fileFormat
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ff); err != nil {
		return nil, fmt.Errorf("%w: keys file: %v", ErrInvalid, err)
	}
	if ff.Version != fileVersion {
		return nil, fmt.Errorf("%w: keys file version %d (want %d)", ErrInvalid, ff.Version, fileVersion)
	}
	s := &Set{keys: ff.Keys}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// Validate checks every key: names, hashes, scopes, filters, and that
// names and hashes are unique.
func (s *Set) Validate() error {
	if len(s.keys) > MaxKeys {
		return fmt.Errorf("%w: %d keys (max %d)", ErrInvalid, len(s.keys), MaxKeys)
	}
	names := map[string]bool{}
	hashes := map[string]bool{}
	var errs []error
	for i, k := range s.keys {
		if err := checkName(k.Name); err != nil {
			errs = append(errs, fmt.Errorf("key %d: %w", i+1, err))
		}
		if names[k.Name] {
			errs = append(errs, fmt.Errorf("%w: key name %q appears twice", ErrInvalid, k.Name))
		}
		names[k.Name] = true
		if b, err := hex.DecodeString(k.Hash); err != nil || len(b) != sha256.Size || k.Hash != strings.ToLower(k.Hash) {
			errs = append(errs, fmt.Errorf("%w: key %q: sha256 must be 64 lower-case hex digits", ErrInvalid, k.Name))
		}
		if hashes[k.Hash] {
			errs = append(errs, fmt.Errorf("%w: key %q: the same secret hash appears twice", ErrInvalid, k.Name))
		}
		hashes[k.Hash] = true
		if err := checkScopes(k.Scopes); err != nil {
			errs = append(errs, fmt.Errorf("key %q: %w", k.Name, err))
		}
		if err := checkFilter(k.Filter); err != nil {
			errs = append(errs, fmt.Errorf("key %q: %w", k.Name, err))
		}
	}
	return errors.Join(errs...)
}

func checkName(name string) error {
	if name == "" || len(name) > MaxNameLength {
		return fmt.Errorf("%w: name must be 1 to %d characters", ErrInvalid, MaxNameLength)
	}
	for _, r := range name {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("%w: name %q: use letters, digits, '.', '_' and '-'", ErrInvalid, name)
		}
	}
	return nil
}

func checkScopes(scopes []Scope) error {
	if len(scopes) == 0 {
		return fmt.Errorf("%w: a key needs at least one scope (%s)", ErrInvalid, scopeList())
	}
	seen := map[Scope]bool{}
	for _, sc := range scopes {
		if !slices.Contains(AllScopes, sc) {
			return fmt.Errorf("%w: unknown scope %q (known: %s)", ErrInvalid, sc, scopeList())
		}
		if seen[sc] {
			return fmt.Errorf("%w: scope %q given twice", ErrInvalid, sc)
		}
		seen[sc] = true
	}
	return nil
}

func checkFilter(f string) error {
	if len(f) > MaxFilterBytes {
		return fmt.Errorf("%w: filter is longer than %d bytes", ErrInvalid, MaxFilterBytes)
	}
	if f != "" && strings.TrimSpace(f) == "" {
		return fmt.Errorf("%w: filter is blank", ErrInvalid)
	}
	for _, r := range f {
		if unicode.IsControl(r) {
			return fmt.Errorf("%w: filter contains a control character", ErrInvalid)
		}
	}
	return nil
}

func scopeList() string {
	s := make([]string, len(AllScopes))
	for i, sc := range AllScopes {
		s[i] = string(sc)
	}
	return strings.Join(s, ",")
}

// ParseScopes parses a comma-separated scope list such as "search,read".
func ParseScopes(list string) ([]Scope, error) {
	var out []Scope
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, Scope(strings.ToLower(p)))
		}
	}
	if err := checkScopes(out); err != nil {
		return nil, err
	}
	return out, nil
}

// ParseExpiry parses an expiry: a date (YYYY-MM-DD, the key expires at the
// end of that day, UTC), an RFC 3339 time, or a duration from now with a
// d (days) or h (hours) suffix such as "90d".
func ParseExpiry(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.AddDate(0, 0, 1).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if n := len(s); n > 1 && (s[n-1] == 'd' || s[n-1] == 'h') {
		var v int
		if _, err := fmt.Sscanf(s[:n-1], "%d", &v); err == nil && v > 0 && fmt.Sprint(v) == s[:n-1] {
			d := time.Duration(v) * time.Hour
			if s[n-1] == 'd' {
				d *= 24
			}
			return now.Add(d).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: expiry %q: use YYYY-MM-DD, an RFC 3339 time, or a duration such as 90d or 12h", ErrInvalid, s)
}

// CreateOptions describe a new key.
type CreateOptions struct {
	Name    string
	Scopes  []Scope
	Expires time.Time // zero: never expires
	Filter  string    // mandatory filter; "" for none
}

// HashSecret returns the hex SHA-256 of a secret, as stored in the file.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// NewSecret returns a fresh random secret: SecretPrefix and 43 characters
// of URL-safe base64 (256 random bits).
func NewSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("keys: random: %w", err)
	}
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// Create adds a key and returns its secret, which is not kept anywhere.
func (s *Set) Create(opts CreateOptions, now time.Time) (string, Key, error) {
	if err := checkName(opts.Name); err != nil {
		return "", Key{}, err
	}
	if err := checkScopes(opts.Scopes); err != nil {
		return "", Key{}, err
	}
	if err := checkFilter(opts.Filter); err != nil {
		return "", Key{}, err
	}
	if !opts.Expires.IsZero() && !opts.Expires.After(now) {
		return "", Key{}, fmt.Errorf("%w: expiry %s is not in the future", ErrInvalid, opts.Expires.Format(time.RFC3339))
	}
	if len(s.keys) >= MaxKeys {
		return "", Key{}, fmt.Errorf("%w: the file already has %d keys", ErrInvalid, MaxKeys)
	}
	for _, k := range s.keys {
		if k.Name == opts.Name {
			return "", Key{}, fmt.Errorf("%w: %q", ErrDuplicate, opts.Name)
		}
	}
	secret, err := NewSecret()
	if err != nil {
		return "", Key{}, err
	}
	k := Key{
		Name: opts.Name, Hash: HashSecret(secret), Scopes: slices.Clone(opts.Scopes),
		Filter: opts.Filter, Created: now.UTC().Truncate(time.Second),
	}
	if !opts.Expires.IsZero() {
		e := opts.Expires.UTC().Truncate(time.Second)
		k.Expires = &e
	}
	s.keys = append(s.keys, k)
	return secret, k, nil
}

// Revoke marks the key called name as revoked at now. Revoking a revoked
// key is not an error.
func (s *Set) Revoke(name string, now time.Time) error {
	for i := range s.keys {
		if s.keys[i].Name == name {
			if s.keys[i].Revoked == nil {
				t := now.UTC().Truncate(time.Second)
				s.keys[i].Revoked = &t
			}
			return nil
		}
	}
	return fmt.Errorf("%w: %q", ErrNotFound, name)
}

// Lookup returns the key whose secret this is. It fails with ErrUnknownKey,
// ErrRevoked or ErrExpired. Hashes are compared in constant time and every
// key is compared, whichever matches.
func (s *Set) Lookup(secret string, now time.Time) (Key, error) {
	sum := sha256.Sum256([]byte(secret))
	var want [sha256.Size]byte
	found := -1
	for i := range s.keys {
		// Hashes were checked by Validate; a decoding error leaves want
		// zeroed, which matches nothing real.
		_, _ = hex.Decode(want[:], []byte(s.keys[i].Hash))
		if subtle.ConstantTimeCompare(sum[:], want[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Key{}, ErrUnknownKey
	}
	k := s.keys[found]
	switch {
	case k.Revoked != nil:
		return Key{}, ErrRevoked
	case k.Expired(now):
		return Key{}, ErrExpired
	}
	return k, nil
}

// Marshal encodes the set in the keys file format.
func (s *Set) Marshal() ([]byte, error) {
	keys := s.keys
	if keys == nil {
		keys = []Key{}
	}
	b, err := json.MarshalIndent(fileFormat{Version: fileVersion, Keys: keys}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("keys: encode: %w", err)
	}
	return append(b, '\n'), nil
}

// Save writes the set to path atomically with mode 0600.
func (s *Set) Save(path string) error {
	if err := s.Validate(); err != nil {
		return err
	}
	data, err := s.Marshal()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("keys: save: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: save: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: save: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("keys: save: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("keys: save: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("keys: save: %w", err)
	}
	return nil
}

// LoadOrEmpty loads path, or returns an empty set when it does not exist.
func LoadOrEmpty(path string) (*Set, error) {
	s, err := Load(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Set{}, nil
	}
	return s, err
}
