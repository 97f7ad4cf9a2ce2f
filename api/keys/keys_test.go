package keys

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func TestCreateLookupRevoke(t *testing.T) {
	var s Set
	secret, k, err := s.Create(CreateOptions{Name: "alice", Scopes: []Scope{ScopeSearch, ScopeRead}, Filter: "site:ledger"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, SecretPrefix) || len(secret) != len(SecretPrefix)+43 {
		t.Errorf("secret %q: want %s and 43 characters", secret, SecretPrefix)
	}
	if k.Hash != HashSecret(secret) || strings.Contains(k.Hash, secret) {
		t.Errorf("stored hash %q is not the secret's SHA-256", k.Hash)
	}
	expSecret, _, err := s.Create(CreateOptions{Name: "bob", Scopes: []Scope{ScopeAdmin}, Expires: now.Add(time.Hour)}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Create(CreateOptions{Name: "alice", Scopes: []Scope{ScopeSearch}}, now); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate name: err %v, want ErrDuplicate", err)
	}
	cases := []struct {
		name   string
		secret string
		at     time.Time
		want   error
		key    string
	}{
		{"valid", secret, now, nil, "alice"},
		{"valid before expiry", expSecret, now.Add(59 * time.Minute), nil, "bob"},
		{"expired", expSecret, now.Add(time.Hour), ErrExpired, ""},
		{"unknown", SecretPrefix + "nope", now, ErrUnknownKey, ""},
		{"empty", "", now, ErrUnknownKey, ""},
		{"secret with a suffix", secret + "x", now, ErrUnknownKey, ""},
		{"hash instead of secret", k.Hash, now, ErrUnknownKey, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Lookup(c.secret, c.at)
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			if got.Name != c.key {
				t.Errorf("key %q, want %q", got.Name, c.key)
			}
		})
	}
	got, _ := s.Lookup(secret, now)
	if !got.Has(ScopeSearch) || !got.Has(ScopeRead) || got.Has(ScopeAdmin) || got.Filter != "site:ledger" {
		t.Errorf("looked-up key %+v", got)
	}
	if err := s.Revoke("alice", now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lookup(secret, now); !errors.Is(err, ErrRevoked) {
		t.Errorf("after revoke: err %v, want ErrRevoked", err)
	}
	if err := s.Revoke("carol", now); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke unknown: err %v, want ErrNotFound", err)
	}
	if st := s.Keys()[0].Status(now); st != "revoked" {
		t.Errorf("status %q", st)
	}
}

func TestCreateRejects(t *testing.T) {
	cases := []struct {
		name string
		opts CreateOptions
	}{
		{"no name", CreateOptions{Scopes: []Scope{ScopeSearch}}},
		{"bad name", CreateOptions{Name: "a b", Scopes: []Scope{ScopeSearch}}},
		{"long name", CreateOptions{Name: strings.Repeat("a", MaxNameLength+1), Scopes: []Scope{ScopeSearch}}},
		{"no scopes", CreateOptions{Name: "a"}},
		{"unknown scope", CreateOptions{Name: "a", Scopes: []Scope{"everything"}}},
		{"public is not a key scope", CreateOptions{Name: "a", Scopes: []Scope{"public"}}},
		{"repeated scope", CreateOptions{Name: "a", Scopes: []Scope{ScopeRead, ScopeRead}}},
		{"past expiry", CreateOptions{Name: "a", Scopes: []Scope{ScopeRead}, Expires: now.Add(-time.Second)}},
		{"blank filter", CreateOptions{Name: "a", Scopes: []Scope{ScopeRead}, Filter: "  "}},
		{"control in filter", CreateOptions{Name: "a", Scopes: []Scope{ScopeRead}, Filter: "site:a\x00"}},
		{"long filter", CreateOptions{Name: "a", Scopes: []Scope{ScopeRead}, Filter: strings.Repeat("a ", MaxFilterBytes)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var s Set
			if _, _, err := s.Create(c.opts, now); !errors.Is(err, ErrInvalid) {
				t.Errorf("err %v, want ErrInvalid", err)
			}
			if s.Len() != 0 {
				t.Errorf("a rejected key was added")
			}
		})
	}
}

func TestParseScopes(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"search,read", "search,read", true},
		{" Search , ADMIN ", "search,admin", true},
		{"search,ingest,read,admin", "search,ingest,read,admin", true},
		{"", "", false},
		{",", "", false},
		{"search,write", "", false},
	}
	for _, c := range cases {
		got, err := ParseScopes(c.in)
		if (err == nil) != c.ok {
			t.Errorf("%q: err %v", c.in, err)
			continue
		}
		var s []string
		for _, sc := range got {
			s = append(s, string(sc))
		}
		if strings.Join(s, ",") != c.want {
			t.Errorf("%q: got %v, want %s", c.in, s, c.want)
		}
	}
}

func TestParseExpiry(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-12-31", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2026-12-31T10:00:00+01:00", time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC), true},
		{"90d", now.Add(90 * 24 * time.Hour), true},
		{"12h", now.Add(12 * time.Hour), true},
		{"0d", time.Time{}, false},
		{"-3d", time.Time{}, false},
		{"+3d", time.Time{}, false},
		{"tomorrow", time.Time{}, false},
		{"2026-13-01", time.Time{}, false},
	}
	for _, c := range cases {
		got, err := ParseExpiry(c.in, now)
		if (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("%q: got %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestSaveLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	s, err := LoadOrEmpty(path)
	if err != nil || s.Len() != 0 {
		t.Fatalf("missing file: %v, %d keys", err, s.Len())
	}
	secret, _, err := s.Create(CreateOptions{Name: "ci", Scopes: []Scope{ScopeIngest}, Expires: now.Add(48 * time.Hour), Filter: "kind:filing"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), secret) || strings.Contains(string(data), secret[len(SecretPrefix):]) {
		t.Fatalf("the keys file contains the secret")
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	k, err := back.Lookup(secret, now)
	if err != nil {
		t.Fatal(err)
	}
	if k.Name != "ci" || !k.Has(ScopeIngest) || k.Filter != "kind:filing" || k.Expires == nil || !k.Expires.Equal(now.Add(48*time.Hour)) {
		t.Errorf("round trip: %+v", k)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestParseRejects(t *testing.T) {
	good := HashSecret("x")
	cases := map[string]string{
		"not json":      `{`,
		"wrong version": `{"version":2,"keys":[]}`,
		"unknown field": `{"version":1,"keys":[],"secret":"x"}`,
		"short hash":    `{"version":1,"keys":[{"name":"a","sha256":"abcd","scopes":["search"]}]}`,
		"upper hash":    `{"version":1,"keys":[{"name":"a","sha256":"` + strings.ToUpper(good) + `","scopes":["search"]}]}`,
		"no scopes":     `{"version":1,"keys":[{"name":"a","sha256":"` + good + `","scopes":[]}]}`,
		"dup name": `{"version":1,"keys":[{"name":"a","sha256":"` + good + `","scopes":["search"]},` +
			`{"name":"a","sha256":"` + HashSecret("y") + `","scopes":["search"]}]}`,
		"dup hash": `{"version":1,"keys":[{"name":"a","sha256":"` + good + `","scopes":["search"]},` +
			`{"name":"b","sha256":"` + good + `","scopes":["search"]}]}`,
	}
	for name, data := range cases {
		if _, err := Parse([]byte(data)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", name, err)
		}
	}
	if _, err := Parse([]byte(`{"version":1,"keys":[{"name":"a","sha256":"` + good + `","scopes":["search"]}]}`)); err != nil {
		t.Errorf("valid file: %v", err)
	}
}

func TestStoreReloads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	var s Set
	secret, _, err := s.Create(CreateOptions{Name: "a", Scopes: []Scope{ScopeSearch}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(path, time.Millisecond, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Lookup(secret, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.Revoke("a", now); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if _, err := st.Lookup(secret, time.Now()); !errors.Is(err, ErrRevoked) {
		t.Errorf("after revoke on disk: err %v, want ErrRevoked", err)
	}
	// A broken file keeps the previous keys in force and is reported.
	if err := os.WriteFile(path, []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if _, err := st.Lookup(secret, time.Now()); !errors.Is(err, ErrRevoked) {
		t.Errorf("after a broken reload: err %v, want ErrRevoked", err)
	}
	if st.Err() == nil {
		t.Errorf("a broken reload was not reported")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":1,"keys":[{"name":"a","sha256":"` + HashSecret("x") + `","scopes":["search"],"filter":"site:x"}]}`))
	f.Add([]byte(`{"version":1,"keys":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		// Whatever parses must survive a round trip and still validate.
		out, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("round trip of a valid file fails: %v", err)
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprint(n, "keys"), func(b *testing.B) {
			var s Set
			var last string
			for i := range n {
				sec, _, err := s.Create(CreateOptions{Name: fmt.Sprint("k", i), Scopes: []Scope{ScopeSearch}}, now)
				if err != nil {
					b.Fatal(err)
				}
				last = sec
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.Lookup(last, now); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestStoreChecksFilters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	var s Set
	if _, _, err := s.Create(CreateOptions{Name: "a", Scopes: []Scope{ScopeSearch}, Filter: "(site:x"}, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	bad := func(f string) error {
		if strings.Count(f, "(") != strings.Count(f, ")") {
			return errors.New("unbalanced")
		}
		return nil
	}
	st, err := OpenStore(path, 0, bad)
	var disabled *DisabledKeysError
	if err != nil || !errors.As(st.Err(), &disabled) || st.Set().Len() != 0 {
		t.Errorf("a file with a bad filter: %v, %v, %d keys in force", err, st.Err(), st.Set().Len())
	}
	if _, err := OpenStore(path, 0, nil); err != nil {
		t.Errorf("without a check: %v", err)
	}
}
