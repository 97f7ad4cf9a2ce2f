package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"dossier/api"
	"dossier/index/alert"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// alertsUsage is the synopsis of the alerts command.
const alertsUsage = `usage:
  dossier alerts create [--index DIR | --server URL] --name NAME [--webhook URL] [--kind K] [--court C]
                        [--case N] [--cites N] [--site S] [--from DATE] [--to DATE] [--json] [QUERY...]
  dossier alerts create [--index DIR | --server URL] --follow CASE [--court C] [--name NAME] [--webhook URL]
  dossier alerts list   [--index DIR | --server URL] [--json]
  dossier alerts delete [--index DIR | --server URL] ID...
  dossier alerts test   [--index DIR | --server URL] [--size N] [--webhook] ID

Alerts are saved searches: every document an index, upload or watched folder
adds or changes that matches one is recorded, POSTed to its webhook (signed,
see README) and listed in its feed. --follow makes a docket alert on a case's
own filings. create prints the webhook secret and the feed token once. test
runs the alert over the whole index now and prints what it matches; with
--webhook (local index only) it also sends a test delivery.
Locally the index must not be in use by a server: use --server URL and
--api-key (default $DOSSIER_API_KEY, a key with the alerts scope) then.`

// alertsFlags are the flags of the alerts subcommands.
type alertsFlags struct {
	Index        string
	Server       string
	APIKey       string
	AllowPrivate bool
	JSON         bool
	Name         string
	Webhook      string
	Follow       string
	Kind         string
	Court        string
	Case         string
	Cites        string
	Site         string
	From         string
	To           string
	Size         int
	TestWebhook  bool
}

// RegisterFlags adds the flags of subcommand sub to fs.
func (o *alertsFlags) RegisterFlags(fs *flag.FlagSet, sub string) {
	fs.StringVar(&o.Index, "index", bleve.DefaultDir, "index directory (its alerts are in "+alert.FileName+" there)")
	fs.StringVar(&o.Server, "server", "", "manage the alerts of a running server at this URL instead of a local index")
	fs.StringVar(&o.APIKey, "api-key", "", "API key for --server, with the alerts scope (default $"+envAPIKey+")")
	switch sub {
	case "create":
		fs.StringVar(&o.Name, "name", "", "the alert's name (default for --follow: Case NUMBER)")
		fs.StringVar(&o.Webhook, "webhook", "", "http(s) URL the matches are POSTed to, signed")
		fs.StringVar(&o.Follow, "follow", "", "follow this case: a docket alert on its own filings")
		fs.StringVar(&o.Kind, "kind", "", "filter: filing or article")
		fs.StringVar(&o.Court, "court", "", "filter: court id, e.g. cand (comma-separated)")
		fs.StringVar(&o.Case, "case", "", "filter: case number in any spelling")
		fs.StringVar(&o.Cites, "cites", "", "filter: filings that cite this case number")
		fs.StringVar(&o.Site, "site", "", "filter: article site name")
		fs.StringVar(&o.From, "from", "", "filter: earliest date (YYYY-MM-DD)")
		fs.StringVar(&o.To, "to", "", "filter: latest date (YYYY-MM-DD)")
		fs.BoolVar(&o.JSON, "json", false, "print the API's JSON answer")
		fs.BoolVar(&o.AllowPrivate, "alerts-allow-private", false, "local index: let the webhook name a loopback, private or link-local address")
	case "list":
		fs.BoolVar(&o.JSON, "json", false, "print the API's JSON answer")
	case "test":
		fs.IntVar(&o.Size, "size", 10, "matches to print (1-100)")
		fs.BoolVar(&o.TestWebhook, "webhook", false, "also send a test delivery to the alert's webhook (local index only)")
		fs.BoolVar(&o.AllowPrivate, "alerts-allow-private", false, "with --webhook: let the delivery reach a loopback, private or link-local address")
	}
}

// SetDefaults fills zero fields.
func (o *alertsFlags) SetDefaults() {
	if o.Index == "" {
		o.Index = bleve.DefaultDir
	}
	if o.Size == 0 {
		o.Size = 10
	}
}

// Validate reports the first invalid flag.
func (o alertsFlags) Validate() error {
	if o.Size < 1 || o.Size > 100 {
		return fmt.Errorf("%w: --size must be between 1 and 100", errUsage)
	}
	if o.TestWebhook && o.Server != "" {
		return fmt.Errorf("%w: --webhook tests a local index's alert; a server delivers its own", errUsage)
	}
	return nil
}

// apiDoer sends one request to the JSON API: status and body.
type apiDoer func(ctx context.Context, method, path string, params url.Values, body []byte) (int, []byte, error)

// runAlerts creates, lists, deletes and tests alerts: see alertsUsage.
func runAlerts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, alertsUsage)
		return fmt.Errorf("%w: alerts needs a subcommand: create, list, delete or test", errUsage)
	}
	sub := args[0]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprintln(stderr, alertsUsage)
		return flag.ErrHelp
	case "create", "list", "delete", "test":
	default:
		fmt.Fprintln(stderr, alertsUsage)
		return fmt.Errorf("%w: unknown alerts subcommand %q", errUsage, sub)
	}
	fs := flag.NewFlagSet("alerts "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o alertsFlags
	o.RegisterFlags(fs, sub)
	fs.Usage = func() {
		fmt.Fprintln(stderr, alertsUsage)
		fs.PrintDefaults()
	}
	rest, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	o.SetDefaults()
	if err := o.Validate(); err != nil {
		return err
	}
	switch {
	case sub == "delete" && len(rest) == 0:
		return fmt.Errorf("%w: give at least one alert ID", errUsage)
	case sub == "test" && len(rest) != 1:
		return fmt.Errorf("%w: give one alert ID", errUsage)
	case sub == "list" && len(rest) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	do, store, closeAll, err := openAlertsAPI(o)
	if err != nil {
		return err
	}
	defer closeAll()
	switch sub {
	case "create":
		err = alertsCreate(ctx, do, o, strings.Join(rest, " "), stdout)
	case "list":
		err = alertsList(ctx, do, o, stdout)
	case "delete":
		err = alertsDelete(ctx, do, rest, stdout)
	default:
		err = alertsTest(ctx, do, store, o, rest[0], stdout)
	}
	if cerr := closeAll(); err == nil {
		err = cerr
	}
	return err
}

// openAlertsAPI gives the alerts command one way to ask the API: the
// server at o.Server, or the local index with its alerts store through the
// server's own handlers (as an administrator: no keys). Locally it also
// returns the store (for test --webhook). It never creates an index.
func openAlertsAPI(o alertsFlags) (apiDoer, *alert.Store, func() error, error) {
	if o.Server != "" {
		do, err := remoteDoer(o.Server, apiKeyOrEnv(o.APIKey))
		return do, nil, func() error { return nil }, err
	}
	ixOpts := bleve.Options{Dir: o.Index}
	ixOpts.SetDefaults()
	if !bleve.Exists(ixOpts.Dir) {
		return nil, nil, nil, fmt.Errorf("%w: no index in %s: build one with dossier index, or manage a running server's alerts with --server URL", errUsage, ixOpts.Dir)
	}
	ix, ing, err := openIndex(ixOpts, ingest.Options{}, nil, " (a dossier serve using it? manage its alerts with --server URL)")
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := alert.Open(filepath.Join(ix.Options().Dir, alert.FileName),
		alert.StoreOptions{LockTimeout: ix.Options().LockTimeout, AllowPrivate: o.AllowPrivate}, nil)
	if err != nil {
		ing.Close()
		ix.Close()
		return nil, nil, nil, fmt.Errorf("alerts: %w", err)
	}
	closed := false
	closeAll := func() error {
		if closed {
			return nil
		}
		closed = true
		return errors.Join(ing.Close(), st.Close(), ix.Close())
	}
	srv, err := api.New(ix, api.Options{Ingest: ing, Alerts: st}, nil)
	if err != nil {
		closeAll()
		return nil, nil, nil, err
	}
	do := func(ctx context.Context, method, path string, params url.Values, body []byte) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, method, path+"?"+params.Encode(), bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Body.Bytes(), nil
	}
	return do, st, closeAll, nil
}

// remoteDoer asks the server at server over HTTP, 60 s a request.
func remoteDoer(server, apiKey string) (apiDoer, error) {
	base, err := url.Parse(strings.TrimRight(server, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("%w: --server must be an http(s) URL", errUsage)
	}
	return func(ctx context.Context, method, path string, params url.Values, body []byte) (int, []byte, error) {
		u := *base
		u.Path += path
		u.RawQuery = params.Encode()
		ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if apiKey != "" {
			req.Header.Set("Authorization", "Bearer "+apiKey)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", server, err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
		if err != nil {
			return 0, nil, fmt.Errorf("%s: %w", server, err)
		}
		return res.StatusCode, b, nil
	}, nil
}

// errAlertNotFound is an alert ID the API does not know (or the key may
// not see).
var errAlertNotFound = errors.New("alert not found")

// callAlerts sends one request and decodes a 2xx answer into out (when
// not nil). An error the API answers is the caller's (errUsage), with its
// code and message; a 404 wraps errAlertNotFound too.
func callAlerts(ctx context.Context, do apiDoer, method, path string, params url.Values, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	status, resp, err := do(ctx, method, path, params, body)
	if err != nil {
		return fmt.Errorf("alerts: %w", err)
	}
	if status < 200 || status > 299 {
		if code, msg, ok := errorAnswer(resp); ok {
			if status == http.StatusNotFound {
				return fmt.Errorf("%w: %w: %s", errUsage, errAlertNotFound, msg)
			}
			return fmt.Errorf("%w: %s: %s", errUsage, code, msg)
		}
		return fmt.Errorf("alerts: %s %s failed with HTTP status %d", method, path, status)
	}
	if out != nil {
		if err := json.Unmarshal(resp, out); err != nil {
			return fmt.Errorf("alerts: the response is not valid JSON")
		}
	}
	return nil
}

// splitFlag splits a comma-separated flag value; "" is none.
func splitFlag(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func alertsCreate(ctx context.Context, do apiDoer, o alertsFlags, query string, stdout io.Writer) error {
	var made api.AlertResponse
	if o.Follow != "" {
		if query != "" || o.Kind != "" || o.Case != "" || o.Cites != "" || o.Site != "" || o.From != "" || o.To != "" {
			return fmt.Errorf("%w: --follow takes only --court, --name and --webhook", errUsage)
		}
		body := api.FollowBody{Name: o.Name, Court: o.Court, WebhookURL: o.Webhook}
		if err := callAlerts(ctx, do, http.MethodPost, "/v1/cases/"+url.PathEscape(o.Follow)+"/follow", nil, body, &made); err != nil {
			return err
		}
	} else {
		if o.Name == "" {
			return fmt.Errorf("%w: create needs --name (or --follow CASE)", errUsage)
		}
		body := api.AlertBody{Name: o.Name, Q: query, AlertFilters: api.AlertFilters{Kind: splitFlag(o.Kind), Court: splitFlag(o.Court),
			Site: splitFlag(o.Site), From: o.From, To: o.To}}
		if o.Case != "" {
			body.Case = []string{o.Case}
		}
		if o.Cites != "" {
			body.Cites = []string{o.Cites}
		}
		if o.Webhook != "" {
			body.WebhookURL = &o.Webhook
		}
		if err := callAlerts(ctx, do, http.MethodPost, "/v1/alerts", nil, body, &made); err != nil {
			return err
		}
	}
	if o.JSON {
		return printJSON(stdout, made)
	}
	fmt.Fprintf(stdout, "created alert %s %q\n", made.ID, made.Name)
	fmt.Fprintf(stdout, "feed (a feed reader needs no key; keep the token private): %s\n", made.FeedURL)
	fmt.Fprintf(stdout, "webhook secret, shown only now (verifies the Dossier-Signature header):\n%s\n", made.WebhookSecret)
	return nil
}

func alertsList(ctx context.Context, do apiDoer, o alertsFlags, stdout io.Writer) error {
	var list api.AlertList
	if err := callAlerts(ctx, do, http.MethodGet, "/v1/alerts", nil, nil, &list); err != nil {
		return err
	}
	if o.JSON {
		return printJSON(stdout, list)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tOWNER\tSEARCH\tWEBHOOK\tCREATED")
	for _, a := range list.Alerts {
		search := a.Q
		if a.Case != "" {
			search = "case " + a.Case
		}
		if search == "" {
			search = "(any document)"
		}
		hook := "-"
		if a.WebhookURL != "" {
			hook = "yes"
		}
		owner := a.Owner
		if owner == "" {
			owner = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.Name, owner, search, hook, a.Created.Format(time.DateOnly))
	}
	return tw.Flush()
}

func alertsDelete(ctx context.Context, do apiDoer, ids []string, stdout io.Writer) error {
	missing := 0
	for _, id := range ids {
		err := callAlerts(ctx, do, http.MethodDelete, "/v1/alerts/"+url.PathEscape(id), nil, nil, nil)
		switch {
		case errors.Is(err, errAlertNotFound):
			fmt.Fprintf(stdout, "not found: %s\n", id)
			missing++
		case err != nil:
			return err
		default:
			fmt.Fprintf(stdout, "deleted: %s\n", id)
		}
	}
	if missing > 0 {
		return fmt.Errorf("%w: %d of %d alerts not found", errSomeFailed, missing, len(ids))
	}
	return nil
}

func alertsTest(ctx context.Context, do apiDoer, st *alert.Store, o alertsFlags, id string, stdout io.Writer) error {
	var resp api.SearchResponse
	params := url.Values{"size": {strconv.Itoa(o.Size)}}
	if err := callAlerts(ctx, do, http.MethodGet, "/v1/alerts/"+url.PathEscape(id)+"/preview", params, nil, &resp); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "alert %s run over the whole index now, newest first:\n", id)
	printHits(stdout, resp)
	if !o.TestWebhook {
		return nil
	}
	dl, err := alert.NewDeliverer(st, alert.DelivererOptions{AllowPrivate: o.AllowPrivate}, nil)
	if err != nil {
		return err
	}
	if err := dl.Test(ctx, id); err != nil {
		if errors.Is(err, alert.ErrInvalid) || errors.Is(err, alert.ErrURLRefused) {
			return fmt.Errorf("%w: test delivery: %w", errUsage, err)
		}
		return fmt.Errorf("test delivery: %w", err)
	}
	fmt.Fprintln(stdout, "\ntest delivery accepted by the webhook (2xx)")
	return nil
}
