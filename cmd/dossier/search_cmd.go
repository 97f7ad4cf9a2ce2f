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
	"time"

	"dossier/api"
	"dossier/index"
)

// searchOptions are the flags of "dossier search".
type searchOptions struct {
	Server string
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
	fs.BoolVar(&o.Strict, "strict", false, "require every word, even when that finds fewer than 3 documents (relax=false)")
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
		ixOpts index.Options
		opts   searchOptions
	)
	fs.StringVar(&ixOpts.Dir, "index", index.DefaultDir, "index directory")
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
	var resp api.SearchResponse
	if opts.Server != "" {
		err = searchRemote(ctx, opts.Server, params, &resp)
	} else {
		err = searchLocal(ctx, ixOpts, params, &resp)
	}
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	printHits(stdout, resp)
	return nil
}

// searchLocal opens the index and runs the search through the same
// handler the server uses, so that both paths validate alike.
func searchLocal(ctx context.Context, ixOpts index.Options, params url.Values, out *api.SearchResponse) error {
	ixOpts.SetDefaults()
	if !index.Exists(ixOpts.Dir) {
		return fmt.Errorf("%w: no index in %s: build one with dossier index, or search a running server with --server URL", errUsage, ixOpts.Dir)
	}
	ix, err := index.Open(ixOpts, nil)
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("%w (a dossier serve using it? search it with --server URL)", err)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	srv, err := api.New(ix, api.Options{}, nil)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "/v1/search?"+params.Encode(), nil)
	if err != nil {
		return err
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return decodeSearch(rec.Code, rec.Body.Bytes(), out)
}

func searchRemote(ctx context.Context, server string, params url.Values, out *api.SearchResponse) error {
	u, err := url.Parse(strings.TrimRight(server, "/") + "/v1/search")
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%w: --server must be an http(s) URL", errUsage)
	}
	u.RawQuery = params.Encode()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("search %s: %w", server, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("search %s: %w", server, err)
	}
	return decodeSearch(res.StatusCode, body, out)
}

func decodeSearch(status int, body []byte, out *api.SearchResponse) error {
	if status != http.StatusOK {
		var eb api.ErrorBody
		if json.Unmarshal(body, &eb) == nil && eb.Error.Code != "" {
			msg := eb.Error.Message
			if eb.Error.Position != nil {
				msg += fmt.Sprintf(" (at position %d)", *eb.Error.Position)
			}
			return fmt.Errorf("%w: %s: %s", errUsage, eb.Error.Code, msg)
		}
		return fmt.Errorf("search failed with HTTP status %d", status)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return errors.New("search: the response is not valid JSON")
	}
	return nil
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
