package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"

	"dossier/api"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// searchOptions are the flags of "dossier search".
type searchOptions struct {
	Server string
	APIKey string // bearer token for Server; default $DOSSIER_API_KEY
	JSON   bool
	Size   int
	Page   int
	Sort   string
	Kind   string
	Court  string
	Case   string
	Cites  string
	From   string
	To     string
	Facets string
	Strict bool
}

func (o *searchOptions) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Server, "server", "", "search a running server at this URL instead of the local index")
	fs.StringVar(&o.APIKey, "api-key", "", "API key for --server (default $"+envAPIKey+")")
	fs.BoolVar(&o.JSON, "json", false, "print the API's JSON response")
	fs.IntVar(&o.Size, "size", 10, "hits per page (1-100)")
	fs.IntVar(&o.Page, "page", 1, "page number")
	fs.StringVar(&o.Sort, "sort", "relevance", "relevance, date or -date")
	fs.StringVar(&o.Kind, "kind", "", "filter: filing or article")
	fs.StringVar(&o.Court, "court", "", "filter: court id, e.g. cand")
	fs.StringVar(&o.Case, "case", "", "filter: case number in any spelling (the case's own filings, articles mentioning it)")
	fs.StringVar(&o.Cites, "cites", "", "filter: filings that cite this case number (any spelling)")
	fs.StringVar(&o.From, "from", "", "filter: earliest date (YYYY-MM-DD or -30d)")
	fs.StringVar(&o.To, "to", "", "filter: latest date (YYYY-MM-DD)")
	fs.StringVar(&o.Facets, "facets", "kind,court,judge,year", "facets to count, comma-separated")
	fs.BoolVar(&o.Strict, "strict", false, fmt.Sprintf("require every word, even when that finds fewer than %d documents (relax=false)", bleve.RelaxBelow))
}

// values renders the options and query as /v1/search parameters.
func (o searchOptions) values(q string) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q)
	set("size", strconv.Itoa(o.Size))
	set("page", strconv.Itoa(o.Page))
	set("sort", o.Sort)
	set("kind", o.Kind)
	set("court", o.Court)
	set("case", o.Case)
	set("cites", o.Cites)
	set("from", o.From)
	set("to", o.To)
	set("facets", o.Facets)
	if o.Strict {
		v.Set("relax", "false")
	}
	return v
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		ixOpts bleve.Options
		opts   searchOptions
	)
	fs.StringVar(&ixOpts.Dir, "index", bleve.DefaultDir, "index directory")
	opts.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier search [--index DIR | --server URL] [flags] QUERY")
		fs.PrintDefaults()
	}
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	params := opts.values(strings.Join(words, " "))
	get, closeAPI, err := openAPI(ixOpts, opts.Server, apiKeyOrEnv(opts.APIKey), "search")
	if err != nil {
		return err
	}
	defer closeAPI()
	var resp api.SearchResponse
	if err := callAPI(ctx, get, "search", "/v1/search", params, &resp); err != nil {
		return err
	}
	if opts.JSON {
		return printJSON(stdout, resp)
	}
	printHits(stdout, resp)
	return nil
}

// apiGetter answers a GET of the JSON API: status and body.
type apiGetter func(ctx context.Context, path string, params url.Values) (int, []byte, error)

// openAPI gives reading commands one way to ask the API: the server at
// server with apiKey (sent as a bearer token when not empty), or, when
// server is "", the local index in ixOpts.Dir through the same handlers
// the server uses, so that both paths validate and answer alike. It never
// creates an index; verb says in messages how to use a server instead
// ("search" it). Locally it opens the engine and its ingester (for the
// failures list), and the returned close closes them in that order
// reversed. The caller calls it.
func openAPI(ixOpts bleve.Options, server, apiKey, verb string) (apiGetter, func() error, error) {
	if server != "" {
		get, err := remoteAPI(server, apiKey)
		return get, func() error { return nil }, err
	}
	ixOpts.SetDefaults()
	if !bleve.Exists(ixOpts.Dir) {
		return nil, nil, fmt.Errorf("%w: no index in %s: build one with dossier index, or %s a running server with --server URL", errUsage, ixOpts.Dir, verb)
	}
	ix, ing, err := openIndex(ixOpts, ingest.Options{}, nil, fmt.Sprintf(" (a dossier serve using it? %s it with --server URL)", verb))
	if err != nil {
		return nil, nil, err
	}
	closeAll := func() error { return errors.Join(ing.Close(), ix.Close()) }
	srv, err := api.New(ix, api.Options{Ingest: ing}, nil)
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	get := func(ctx context.Context, path string, params url.Values) (int, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, path+"?"+params.Encode(), nil)
		if err != nil {
			return 0, nil, err
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Body.Bytes(), nil
	}
	return get, closeAll, nil
}

// remoteAPI asks the server at server over HTTP with GET, 60 s a request
// (see remoteDoer).
func remoteAPI(server, apiKey string) (apiGetter, error) {
	do, err := remoteDoer(server, apiKey)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, path string, params url.Values) (int, []byte, error) {
		return do(ctx, http.MethodGet, path, params, nil)
	}, nil
}

// callAPI gets path with params and decodes the answer into out; what
// names the request in errors. An error the API answers is the caller's
// (errUsage), with its code and message.
func callAPI(ctx context.Context, get apiGetter, what, path string, params url.Values, out any) error {
	status, body, err := get(ctx, path, params)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if status != http.StatusOK {
		if code, msg, ok := errorAnswer(body); ok {
			return fmt.Errorf("%w: %s: %s", errUsage, code, msg)
		}
		return fmt.Errorf("%s failed with HTTP status %d", what, status)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("%s: the response is not valid JSON", what)
	}
	return nil
}

// errorAnswer reads the API's JSON error body: its code and its message
// (with the query position when it has one); ok is false for any other
// body.
func errorAnswer(body []byte) (code, msg string, ok bool) {
	var eb api.ErrorBody
	if json.Unmarshal(body, &eb) != nil || eb.Error.Code == "" {
		return "", "", false
	}
	msg = eb.Error.Message
	if eb.Error.Position != nil {
		msg += fmt.Sprintf(" (at position %d)", *eb.Error.Position)
	}
	return eb.Error.Code, msg, true
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printHits writes hits for a person: matched words in [brackets].
func printHits(w io.Writer, r api.SearchResponse) {
	fmt.Fprintf(w, "%d matching documents (%.1f ms)\n", r.Total, r.TookMS)
	if r.Relaxed != nil {
		fmt.Fprintf(w, "no document has all %d words: showing documents with at least %d (--strict for all)\n", r.Relaxed.Words, r.Relaxed.MinWords)
		if len(r.Relaxed.Dropped) > 0 {
			fmt.Fprintf(w, "not found in these hits: %s\n", strings.Join(r.Relaxed.Dropped, ", "))
		}
	}
	for _, e := range r.Expanded {
		fmt.Fprintf(w, "%s also searched as: %s\n", e.From, strings.Join(e.To, "; "))
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "ignored: %s\n", strings.Join(r.Ignored, " "))
	}
	if r.Suggestion != nil {
		fmt.Fprintf(w, "did you mean: %s (%d documents)\n", r.Suggestion.Q, r.Suggestion.Total)
	}
	for i, h := range r.Hits {
		n := (r.Page-1)*r.Size + i + 1
		fmt.Fprintf(w, "\n%d. %s\n", n, h.Title)
		meta := []string{h.Kind}
		for _, s := range []string{h.Date, h.Court, strings.Join(h.CaseNumbers, " "), h.SiteName} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		if len(h.Judges) > 0 {
			meta = append(meta, "judge "+strings.Join(h.Judges, ", "))
		}
		fmt.Fprintf(w, "   %s · score %.2f\n   %s  id %s\n", strings.Join(meta, " · "), h.Score, h.Source, h.ID)
		if len(h.Missing) > 0 {
			fmt.Fprintf(w, "   missing: %s\n", strings.Join(h.Missing, ", "))
		}
		for _, hl := range h.Highlights {
			where := hl.Field
			if hl.Page > 0 {
				where = fmt.Sprintf("p.%d", hl.Page)
			}
			frag := strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(hl.Fragment)
			fmt.Fprintf(w, "   %s: %s\n", where, html.UnescapeString(frag))
		}
	}
	for _, name := range index.FacetNames {
		f, ok := r.Facets[name]
		if !ok {
			continue
		}
		parts := make([]string, 0, len(f.Values)+1)
		for _, v := range f.Values {
			parts = append(parts, fmt.Sprintf("%s (%d)", v.Value, v.Count))
		}
		if f.Other > 0 {
			parts = append(parts, fmt.Sprintf("other (%d)", f.Other))
		}
		fmt.Fprintf(w, "\n%-9s %s", name+":", strings.Join(parts, ", "))
	}
	if len(r.Facets) > 0 {
		fmt.Fprintln(w)
	}
}
