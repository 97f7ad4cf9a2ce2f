package keys

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCLI(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Command(args, &out, &errOut, func(k string) string { return env[k] }, now)
	return out.String(), err
}

func TestCommandCreateListRevoke(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keys.json")
	out, err := runCLI(t, nil, "create", "--keys", file, "--name", "press", "--scopes", "search,read",
		"--expires", "2027-01-31", "--filter", `kind:article`)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	secret := lines[len(lines)-1]
	if !strings.HasPrefix(secret, SecretPrefix) || strings.ContainsAny(secret, " \t") {
		t.Fatalf("last line %q is not the secret alone", secret)
	}
	if strings.Count(out, secret) != 1 {
		t.Errorf("the secret is printed more than once")
	}
	data, _ := os.ReadFile(file)
	if bytes.Contains(data, []byte(secret)) {
		t.Fatal("keys file holds the secret")
	}
	set, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	k, err := set.Lookup(secret, now)
	if err != nil || k.Filter != "kind:article" || !k.Has(ScopeRead) || k.Has(ScopeIngest) ||
		!k.Expires.Equal(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("created key: %+v, %v", k, err)
	}
	// $DOSSIER_KEYS stands in for --keys.
	env := map[string]string{EnvKeysFile: file}
	if _, err := runCLI(t, env, "create", "--name", "ops", "--scopes", "admin"); err != nil {
		t.Fatal(err)
	}
	out, err = runCLI(t, env, "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NAME", "press", "search,read", "active", "kind:article", "ops", "never"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, k.Hash) {
		t.Errorf("list prints hashes")
	}
	if _, err := runCLI(t, env, "revoke", "press"); err != nil {
		t.Fatal(err)
	}
	out, _ = runCLI(t, env, "list", "--json")
	if !strings.Contains(out, `"status": "revoked"`) || strings.Contains(out, "sha256") {
		t.Errorf("list --json after revoke:\n%s", out)
	}
	set, _ = Load(file)
	if _, err := set.Lookup(secret, now); !errors.Is(err, ErrRevoked) {
		t.Errorf("revoked key still works: %v", err)
	}
}

func TestCommandErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keys.json")
	cases := []struct {
		args []string
		want error
	}{
		{nil, ErrUsage},
		{[]string{"rotate"}, ErrUsage},
		{[]string{"create", "--name", "a", "--scopes", "search"}, ErrUsage}, // no file
		{[]string{"create", "--keys", file, "--scopes", "search"}, ErrUsage},
		{[]string{"create", "--keys", file, "--name", "a", "--scopes", "write"}, ErrUsage},
		{[]string{"create", "--keys", file, "--name", "a", "--scopes", "search", "--expires", "soon"}, ErrUsage},
		{[]string{"create", "--keys", file, "--name", "a", "--scopes", "search", "--expires", "2001-01-01"}, ErrUsage},
		{[]string{"create", "--keys", file, "--name", "a b", "--scopes", "search"}, ErrUsage},
		{[]string{"create", "--keys", file, "--name", "a", "--scopes", "search", "extra"}, ErrUsage},
		{[]string{"list", "--keys", file}, os.ErrNotExist},
		{[]string{"revoke", "--keys", file}, ErrUsage},
		{[]string{"--help"}, flag.ErrHelp},
	}
	for _, c := range cases {
		if _, err := runCLI(t, nil, c.args...); !errors.Is(err, c.want) {
			t.Errorf("%v: err %v, want %v", c.args, err, c.want)
		}
	}
	if _, err := runCLI(t, nil, "create", "--keys", file, "--name", "a", "--scopes", "search"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, nil, "create", "--keys", file, "--name", "a", "--scopes", "read"); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	if _, err := runCLI(t, nil, "revoke", "--keys", file, "--name", "zz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke unknown: %v", err)
	}
}
