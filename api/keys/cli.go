package keys

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// EnvKeysFile is the environment variable naming the keys file when
// --keys is not given.
const EnvKeysFile = "DOSSIER_KEYS"

// ErrUsage marks command-line mistakes (exit status 2).
var ErrUsage = errors.New("usage")

// CommandUsage is the synopsis of the keys command.
const CommandUsage = `usage:
  dossier keys create --keys FILE --name NAME --scopes search,read [--expires DATE] [--filter QUERY]
  dossier keys list   --keys FILE [--json]
  dossier keys revoke --keys FILE --name NAME

--keys defaults to $DOSSIER_KEYS. Scopes: search, read, ingest, admin, alerts.
--expires takes YYYY-MM-DD (end of that day, UTC), an RFC 3339 time or a
duration such as 90d. --filter is a query every request made with the key
must also satisfy, e.g. 'site:"The Bay Ledger"' or 'kind:article'.
create prints the new secret once, alone on the last line of stdout; only
its SHA-256 is stored.`

// Command runs "dossier keys ARGS". getenv reads the environment (nil:
// none); now is the current time.
func Command(args []string, stdout, stderr io.Writer, getenv func(string) string, now time.Time) error {
	return CommandChecked(args, stdout, stderr, getenv, now, nil)
}

// CommandChecked is Command with checkFilter, when not nil, vetting the
// --filter of a new key (that it parses as a query), so that a key a server
// would refuse is never created.
func CommandChecked(args []string, stdout, stderr io.Writer, getenv func(string) string, now time.Time, checkFilter func(string) error) error {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	if len(args) == 0 {
		fmt.Fprintln(stderr, CommandUsage)
		return fmt.Errorf("%w: keys needs a subcommand: create, list or revoke", ErrUsage)
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, CommandUsage)
		return flag.ErrHelp
	}
	fs := flag.NewFlagSet("keys "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, CommandUsage) }
	var file, name, scopes, expires, filter string
	var asJSON bool
	fs.StringVar(&file, "keys", getenv(EnvKeysFile), "keys file (default $"+EnvKeysFile+")")
	switch args[0] {
	case "create":
		fs.StringVar(&name, "name", "", "key name: letters, digits, '.', '_', '-'")
		fs.StringVar(&scopes, "scopes", "", "comma-separated scopes: search, read, ingest, admin, alerts")
		fs.StringVar(&expires, "expires", "", "expiry: YYYY-MM-DD, RFC 3339 or a duration like 90d (default never)")
		fs.StringVar(&filter, "filter", "", "mandatory filter query for every request made with the key")
	case "list":
		fs.BoolVar(&asJSON, "json", false, "print JSON (hashes omitted)")
	case "revoke":
		fs.StringVar(&name, "name", "", "name of the key to revoke")
	default:
		fmt.Fprintln(stderr, CommandUsage)
		return fmt.Errorf("%w: unknown keys subcommand %q", ErrUsage, args[0])
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if args[0] == "revoke" && name == "" && fs.NArg() == 1 {
		name = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", ErrUsage, fs.Arg(0))
	}
	if file == "" {
		return fmt.Errorf("%w: --keys FILE (or $%s) is required", ErrUsage, EnvKeysFile)
	}
	switch args[0] {
	case "create":
		return create(file, name, scopes, expires, filter, stdout, now, checkFilter)
	case "list":
		return list(file, asJSON, stdout, now)
	default:
		return revoke(file, name, stdout, now)
	}
}

func create(file, name, scopeList, expires, filter string, stdout io.Writer, now time.Time, checkFilter func(string) error) error {
	if name == "" || scopeList == "" {
		return fmt.Errorf("%w: create needs --name and --scopes", ErrUsage)
	}
	sc, err := ParseScopes(scopeList)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	opts := CreateOptions{Name: name, Scopes: sc, Filter: strings.TrimSpace(filter)}
	if filter != "" && opts.Filter == "" {
		return fmt.Errorf("%w: --filter is blank", ErrUsage)
	}
	if opts.Filter != "" && checkFilter != nil {
		if err := checkFilter(opts.Filter); err != nil {
			return fmt.Errorf("%w: --filter: %v", ErrUsage, err)
		}
	}
	if expires != "" {
		if opts.Expires, err = ParseExpiry(expires, now); err != nil {
			return fmt.Errorf("%w: %v", ErrUsage, err)
		}
	}
	set, err := LoadOrEmpty(file)
	if err != nil {
		return err
	}
	secret, k, err := set.Create(opts, now)
	if err != nil {
		if errors.Is(err, ErrInvalid) {
			return fmt.Errorf("%w: %v", ErrUsage, err)
		}
		return err
	}
	if err := set.Save(file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created key %q with scopes %s", k.Name, joinScopes(k.Scopes))
	if k.Expires != nil {
		fmt.Fprintf(stdout, ", expires %s", k.Expires.Format(time.RFC3339))
	}
	if k.Filter != "" {
		fmt.Fprintf(stdout, ", filter %s", k.Filter)
	}
	fmt.Fprintf(stdout, "\nsend it as \"Authorization: Bearer <secret>\"; it is shown only now:\n%s\n", secret)
	return nil
}

// listedKey is a key as "keys list --json" prints it: no hash.
type listedKey struct {
	Name    string     `json:"name"`
	Scopes  []Scope    `json:"scopes"`
	Status  string     `json:"status"` // active, expired or revoked
	Filter  string     `json:"filter,omitempty"`
	Created time.Time  `json:"created"`
	Expires *time.Time `json:"expires,omitempty"`
	Revoked *time.Time `json:"revoked,omitempty"`
}

func list(file string, asJSON bool, stdout io.Writer, now time.Time) error {
	set, err := Load(file)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]listedKey, 0, set.Len())
		for _, k := range set.keys {
			out = append(out, listedKey{Name: k.Name, Scopes: k.Scopes, Status: k.Status(now), Filter: k.Filter,
				Created: k.Created, Expires: k.Expires, Revoked: k.Revoked})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSCOPES\tSTATUS\tEXPIRES\tCREATED\tFILTER")
	for _, k := range set.keys {
		exp := "never"
		if k.Expires != nil {
			exp = k.Expires.Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.Name, joinScopes(k.Scopes), k.Status(now), exp,
			k.Created.Format(time.DateOnly), k.Filter)
	}
	return tw.Flush()
}

func revoke(file, name string, stdout io.Writer, now time.Time) error {
	if name == "" {
		return fmt.Errorf("%w: revoke needs --name", ErrUsage)
	}
	set, err := Load(file)
	if err != nil {
		return err
	}
	if err := set.Revoke(name, now); err != nil {
		return err
	}
	if err := set.Save(file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "revoked key %q\n", name)
	return nil
}

func joinScopes(sc []Scope) string {
	s := make([]string, len(sc))
	for i, x := range sc {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}
