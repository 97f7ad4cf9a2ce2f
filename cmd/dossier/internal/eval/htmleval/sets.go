package htmleval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"dossier/corpus/htmltext"
)

// Names of the evaluation sets under <shared>/corpus/articles.
const (
	SetBenchmark   = "extraction-benchmark"
	SetReadability = "readability"
	SetTrafilatura = "trafilatura"
)

// AllSets lists every set Run knows, in the order it runs them.
var AllSets = []string{SetBenchmark, SetReadability, SetTrafilatura}

// ErrNoData means a set's files were not found under the shared folder.
var ErrNoData = errors.New("htmleval: evaluation data not found")

// maxGunzip bounds a decompressed page (bytes); larger pages are read up
// to this size and then fail extraction with htmltext.ErrTooLarge.
const maxGunzip = 64 << 20

// ExtractFunc extracts one page; pageURL is the page's original URL or "".
type ExtractFunc func(ctx context.Context, data []byte, pageURL string) (htmltext.Article, error)

// Options configures Run.
type Options struct {
	// Shared is the shared folder (it holds corpus/articles/...).
	Shared string
	// Sets are the sets to score; empty means AllSets.
	Sets []string
	// Workers is the number of pages extracted at once; 0 means GOMAXPROCS.
	Workers int
	// Limit caps the pages scored per set (0 = all); for quick runs.
	Limit int
	// HTML bounds each extraction when Extract is nil.
	HTML htmltext.Options
	// Extract replaces htmltext.Extract, to compare extractors; nil means
	// htmltext.Extract with HTML.
	Extract ExtractFunc
	// MaxMisses caps the misses listed per set in the report (0 = 50).
	MaxMisses int
}

// SetDefaults fills zero fields.
func (o *Options) SetDefaults() {
	if len(o.Sets) == 0 {
		o.Sets = slices.Clone(AllSets)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxMisses == 0 {
		o.MaxMisses = 50
	}
	if o.Extract == nil {
		hopts := o.HTML
		o.Extract = func(ctx context.Context, data []byte, pageURL string) (htmltext.Article, error) {
			return htmltext.Extract(ctx, data, pageURL, hopts)
		}
	}
}

// Validate reports unusable options.
func (o Options) Validate() error {
	if o.Shared == "" {
		return errors.New("htmleval: invalid options: Shared folder not set")
	}
	for _, s := range o.Sets {
		if !slices.Contains(AllSets, s) {
			return fmt.Errorf("htmleval: invalid options: unknown set %q (known: %s)", s, strings.Join(AllSets, ", "))
		}
	}
	if o.Workers < 0 || o.Limit < 0 || o.MaxMisses < 0 {
		return errors.New("htmleval: invalid options: negative Workers, Limit or MaxMisses")
	}
	return o.HTML.Validate()
}

// Rate is a count of successes among the pages where the truth has a value.
type Rate struct {
	// OK is the number of pages that matched.
	OK int `json:"ok"`
	// N is the number of pages scored.
	N int `json:"n"`
	// Rate is OK/N, or 0 when N is 0.
	Rate float64 `json:"rate"`
}

func (r *Rate) add(ok bool) {
	r.N++
	if ok {
		r.OK++
	}
	r.Rate = float64(r.OK) / float64(r.N)
}

// String prints "ok/n = rate".
func (r Rate) String() string { return fmt.Sprintf("%d/%d = %.3f", r.OK, r.N, r.Rate) }

// Miss is one scored field that did not match.
type Miss struct {
	// Page names the page (folder, file or id).
	Page string `json:"page"`
	// Field is the field compared ("title", "date", "with", ...).
	Field string `json:"field"`
	// Got is what was extracted.
	Got string `json:"got"`
	// Want is the ground truth.
	Want string `json:"want"`
}

// Halves of the trafilatura set (see SplitOf).
const (
	SplitDev  = "dev"
	SplitTest = "test"
)

// SplitRule describes SplitOf for reports.
const SplitRule = "FNV-1a 32-bit hash of the page file name: even = dev, odd = test"

// SplitOf assigns a page to the DEV or TEST half by the FNV-1a (32-bit)
// hash of its file name: even hashes are SplitDev, odd ones SplitTest.
// The split is fixed, so rules designed on DEV misses can be checked on
// TEST pages nobody looked at.
func SplitOf(file string) string {
	h := fnv.New32a()
	h.Write([]byte(file))
	if h.Sum32()%2 == 0 {
		return SplitDev
	}
	return SplitTest
}

// validDay reports whether s starts with a real calendar day YYYY-MM-DD.
func validDay(s string) bool {
	if len(s) < 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s[:10])
	return err == nil
}

// BodyReport is the score on extraction-benchmark.
type BodyReport struct {
	PRF
	// Pages is the number of pages scored.
	Pages int `json:"pages"`
	// Errors counts pages whose extraction failed (scored as empty text).
	Errors int `json:"errors"`
	// Worst lists the pages with the lowest F1, worst first.
	Worst []PageF1 `json:"worst,omitempty"`
}

// PageF1 is one page's body score.
type PageF1 struct {
	// Page is the benchmark's item id.
	Page string `json:"page"`
	// Precision, Recall and F1 are this page's scores (0..1).
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Err is the extraction error, if any.
	Err string `json:"error,omitempty"`
}

// MetaReport is the score on the readability set.
type MetaReport struct {
	// Pages is the number of pages read; Errors those whose extraction failed.
	Pages  int `json:"pages"`
	Errors int `json:"errors"`
	// Each Rate counts the pages whose truth has the field.
	Title    Rate `json:"title"`
	Byline   Rate `json:"byline"`
	Date     Rate `json:"date"`
	SiteName Rate `json:"site_name"`
	Language Rate `json:"language"`
	// Mojibake counts pages whose title or text show a wrong character set.
	Mojibake int `json:"mojibake"`
	// Misses lists mismatches (up to Options.MaxMisses).
	Misses []Miss `json:"misses,omitempty"`
}

// SnippetReport is the score on the trafilatura set.
type SnippetReport struct {
	// Pages is the number of pages read; Errors those whose extraction failed.
	Pages  int `json:"pages"`
	Errors int `json:"errors"`
	// Found counts must-contain snippets present in the text.
	Found Rate `json:"found"`
	// Leaked counts must-not-contain snippets present in the text (lower
	// is better).
	Leaked Rate `json:"leaked"`
	// Title, Author and Date count pages whose truth has the field.
	Title  Rate `json:"title"`
	Author Rate `json:"author"`
	Date   Rate `json:"date"`
	// Split is SplitRule; DevPages and TestPages count the pages of each
	// half.
	Split     string `json:"split"`
	DevPages  int    `json:"dev_pages"`
	TestPages int    `json:"test_pages"`
	// DateDev and DateTest are Date on each half (SplitOf).
	DateDev  Rate `json:"date_dev"`
	DateTest Rate `json:"date_test"`
	// DateInvalidTruth counts pages whose truth date is not a calendar
	// day (e.g. month 29); they stay in Date, and DateValid leaves them
	// out (a secondary figure).
	DateInvalidTruth int  `json:"date_invalid_truth"`
	DateValid        Rate `json:"date_valid"`
	// DateMisses lists the date mismatches of DEV pages only (up to
	// Options.MaxMisses); TEST misses are never listed, so that rules are
	// not tuned on them. Date mismatches are not in Misses.
	DateMisses []Miss `json:"date_misses_dev,omitempty"`
	// Mojibake counts pages whose title or text show a wrong character set.
	Mojibake int `json:"mojibake"`
	// Misses lists mismatches (up to Options.MaxMisses).
	Misses []Miss `json:"misses,omitempty"`
}

// Report is the result of Run.
type Report struct {
	// Benchmark, Readability and Trafilatura are nil when not run.
	Benchmark   *BodyReport    `json:"extraction_benchmark,omitempty"`
	Readability *MetaReport    `json:"readability,omitempty"`
	Trafilatura *SnippetReport `json:"trafilatura,omitempty"`
	// Pages is the number of pages extracted over all sets.
	Pages int `json:"pages"`
	// Workers is the number of concurrent extractions.
	Workers int `json:"workers"`
	// ExtractSeconds is the wall-clock time spent extracting (s), reading
	// and scoring excluded.
	ExtractSeconds float64 `json:"extract_seconds"`
	// PagesPerSecond is Pages / ExtractSeconds.
	PagesPerSecond float64 `json:"pages_per_second"`
	// CPUSeconds is the process's user+system CPU time during extraction
	// (s); 0 where the system does not report it.
	CPUSeconds float64 `json:"cpu_seconds"`
	// CPUMillisPerPage is CPUSeconds*1000 / Pages: the cost of one page,
	// independent of other load on the machine.
	CPUMillisPerPage float64 `json:"cpu_ms_per_page"`
}

// page is one input page.
type page struct {
	name string
	path string
	url  string
}

// outcome is one page's extraction.
type outcome struct {
	a   htmltext.Article
	err error
}

// Run scores the extractor on the selected sets. A missing set fails with
// ErrNoData.
func Run(ctx context.Context, opts Options) (*Report, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	rep := &Report{Workers: opts.Workers}
	var elapsed, cpu time.Duration
	root := filepath.Join(opts.Shared, "corpus", "articles")
	for _, set := range opts.Sets {
		var err error
		var n int
		var d, c time.Duration
		switch set {
		case SetBenchmark:
			rep.Benchmark, n, d, c, err = runBenchmark(ctx, filepath.Join(root, SetBenchmark), opts)
		case SetReadability:
			rep.Readability, n, d, c, err = runReadability(ctx, filepath.Join(root, SetReadability), opts)
		case SetTrafilatura:
			rep.Trafilatura, n, d, c, err = runTrafilatura(ctx, filepath.Join(root, SetTrafilatura), opts)
		}
		if err != nil {
			return rep, err
		}
		rep.Pages += n
		elapsed += d
		cpu += c
	}
	rep.ExtractSeconds = elapsed.Seconds()
	rep.CPUSeconds = cpu.Seconds()
	if rep.Pages > 0 {
		rep.CPUMillisPerPage = 1000 * rep.CPUSeconds / float64(rep.Pages)
	}
	if elapsed > 0 {
		rep.PagesPerSecond = float64(rep.Pages) / elapsed.Seconds()
	}
	return rep, nil
}

// extractAll reads every page into memory first, then extracts them with
// opts.Workers goroutines, and returns the outcomes in page order and the
// wall-clock and process CPU time of the extraction alone (reading is not
// timed). A read error becomes the page's error.
func extractAll(ctx context.Context, pages []page, opts Options) ([]outcome, time.Duration, time.Duration, error) {
	out := make([]outcome, len(pages))
	data := make([][]byte, len(pages))
	for i, p := range pages {
		b, err := readPage(p.path)
		if err != nil {
			out[i] = outcome{err: err}
			continue
		}
		data[i] = b
	}
	var wg sync.WaitGroup
	next := make(chan int)
	cpu0 := processCPU()
	start := time.Now()
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if data[i] == nil && out[i].err != nil {
					continue
				}
				a, err := opts.Extract(ctx, data[i], pages[i].url)
				out[i] = outcome{a, err}
				data[i] = nil
			}
		}()
	}
	for i := range pages {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	wall := time.Since(start)
	cpu := processCPU() - cpu0
	if err := ctx.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("htmleval: %w", err)
	}
	return out, wall, cpu, nil
}

// readPage reads a page, gunzipping names ending in .gz.
func readPage(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("htmleval: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("htmleval: gunzip %s: %w", path, err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxGunzip))
	if err != nil {
		return nil, fmt.Errorf("htmleval: gunzip %s: %w", path, err)
	}
	return out, nil
}

// limit truncates pages to opts.Limit.
func limit(pages []page, n int) []page {
	if n > 0 && len(pages) > n {
		return pages[:n]
	}
	return pages
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrNoData, path)
		}
		return fmt.Errorf("htmleval: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("htmleval: %s: %w", path, err)
	}
	return nil
}

// runBenchmark scores body text on extraction-benchmark.
func runBenchmark(ctx context.Context, dir string, opts Options) (*BodyReport, int, time.Duration, time.Duration, error) {
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, 0, 0, 0, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages []page
	for _, id := range ids {
		pages = append(pages, page{name: id, path: filepath.Join(dir, "html", id+".html.gz"), url: truth[id].URL})
	}
	pages = limit(pages, opts.Limit)
	outs, d, c, err := extractAll(ctx, pages, opts)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	rep := &BodyReport{Pages: len(pages)}
	var m [][3]float64
	var all []PageF1
	for i, p := range pages {
		o := outs[i]
		pf := PageF1{Page: p.name}
		if o.err != nil {
			rep.Errors++
			pf.Err = o.err.Error()
		}
		tp, fp, fn := ShingleMatch(truth[p.name].ArticleBody, o.a.Text)
		m = append(m, [3]float64{tp, fp, fn})
		pf.Precision, pf.Recall = precisionScore(tp, fp, fn), recallScore(tp, fp, fn)
		if pf.Precision+pf.Recall > 0 {
			pf.F1 = 2 * pf.Precision * pf.Recall / (pf.Precision + pf.Recall)
		}
		all = append(all, pf)
	}
	rep.PRF = Aggregate(m)
	sort.SliceStable(all, func(i, j int) bool { return all[i].F1 < all[j].F1 })
	rep.Worst = all[:min(len(all), opts.MaxMisses)]
	return rep, len(pages), d, c, nil
}

// readabilityTruth is expected-metadata.json.
type readabilityTruth struct {
	Title         *string `json:"title"`
	Byline        *string `json:"byline"`
	Lang          *string `json:"lang"`
	SiteName      *string `json:"siteName"`
	PublishedTime *string `json:"publishedTime"`
}

// ReadabilityPageURL is the URL the readability test pages were saved
// under in their test suite.
const ReadabilityPageURL = "http://fakehost/test/page.html"

// runReadability scores metadata on the readability set.
func runReadability(ctx context.Context, dir string, opts Options) (*MetaReport, int, time.Duration, time.Duration, error) {
	root := filepath.Join(dir, "test-pages")
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, 0, 0, 0, fmt.Errorf("%w: %v", ErrNoData, err)
	}
	var pages []page
	var truths []readabilityTruth
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		var t readabilityTruth
		if err := readJSON(filepath.Join(root, e.Name(), "expected-metadata.json"), &t); err != nil {
			if errors.Is(err, ErrNoData) {
				continue
			}
			return nil, 0, 0, 0, err
		}
		pages = append(pages, page{name: e.Name(), path: filepath.Join(root, e.Name(), "source.html"), url: ReadabilityPageURL})
		truths = append(truths, t)
	}
	if len(pages) == 0 {
		return nil, 0, 0, 0, fmt.Errorf("%w: no pages under %s", ErrNoData, root)
	}
	pages = limit(pages, opts.Limit)
	outs, d, c, err := extractAll(ctx, pages, opts)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	rep := &MetaReport{Pages: len(pages)}
	miss := func(p, field, got, want string) {
		if len(rep.Misses) < opts.MaxMisses {
			rep.Misses = append(rep.Misses, Miss{p, field, got, want})
		}
	}
	for i, p := range pages {
		a, t := outs[i].a, truths[i]
		if outs[i].err != nil {
			rep.Errors++
		}
		if HasMojibake(a.Title) || HasMojibake(a.Text) {
			rep.Mojibake++
			miss(p.name, "mojibake", a.Title, "")
		}
		if s := str(t.Title); s != "" {
			ok := TitleMatch(a.Title, s)
			rep.Title.add(ok)
			if !ok {
				miss(p.name, "title", a.Title, s)
			}
		}
		if s := str(t.Byline); s != "" {
			ok := BylineMatch(a.Authors, s)
			rep.Byline.add(ok)
			if !ok {
				miss(p.name, "byline", strings.Join(a.Authors, "; "), Collapse(s))
			}
		}
		if s := str(t.PublishedTime); len(s) >= 10 {
			ok := a.Published == s[:10]
			rep.Date.add(ok)
			if !ok {
				miss(p.name, "date", a.Published, s)
			}
		}
		if s := str(t.SiteName); s != "" {
			ok := SiteMatch(a.SiteName, s)
			rep.SiteName.add(ok)
			if !ok {
				miss(p.name, "site_name", a.SiteName, s)
			}
		}
		if s := str(t.Lang); s != "" {
			want := strings.ToLower(strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })[0])
			ok := a.Language == want
			rep.Language.add(ok)
			if !ok {
				miss(p.name, "language", a.Language, s)
			}
		}
	}
	return rep, len(pages), d, c, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

// trafilaturaTruth is one entry of tests/evaldata.json.
type trafilaturaTruth struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
	Title   string   `json:"title"`
	Author  names    `json:"author"`
	Date    string   `json:"date"`
}

// names is an author field: one string or a list of strings.
type names []string

// UnmarshalJSON accepts a string, a list of strings or null.
func (n *names) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		if s = strings.TrimSpace(s); s != "" {
			*n = names{s}
		}
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("htmleval: author is neither a string nor a list: %w", err)
	}
	*n = l
	return nil
}

// runTrafilatura scores snippets and metadata on the trafilatura set.
func runTrafilatura(ctx context.Context, dir string, opts Options) (*SnippetReport, int, time.Duration, time.Duration, error) {
	tests := filepath.Join(dir, "tests")
	var truth map[string]trafilaturaTruth
	if err := readJSON(filepath.Join(tests, "evaldata.json"), &truth); err != nil {
		return nil, 0, 0, 0, err
	}
	urls := make([]string, 0, len(truth))
	for u := range truth {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var pages []page
	var truths []trafilaturaTruth
	for _, u := range urls {
		t := truth[u]
		path := ""
		for _, sub := range []string{"eval", "cache"} {
			for _, name := range []string{t.File + ".gz", t.File} {
				if p := filepath.Join(tests, sub, name); fileExists(p) {
					path = p
					break
				}
			}
			if path != "" {
				break
			}
		}
		if path == "" {
			continue
		}
		pages = append(pages, page{name: t.File, path: path, url: u})
		truths = append(truths, t)
	}
	if len(pages) == 0 {
		return nil, 0, 0, 0, fmt.Errorf("%w: no pages under %s", ErrNoData, tests)
	}
	pages = limit(pages, opts.Limit)
	outs, d, c, err := extractAll(ctx, pages, opts)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	rep := &SnippetReport{Pages: len(pages), Split: SplitRule}
	miss := func(p, field, got, want string) {
		if len(rep.Misses) < opts.MaxMisses {
			rep.Misses = append(rep.Misses, Miss{p, field, got, want})
		}
	}
	for i, p := range pages {
		a, t := outs[i].a, truths[i]
		if outs[i].err != nil {
			rep.Errors++
		}
		if HasMojibake(a.Title) || HasMojibake(a.Text) {
			rep.Mojibake++
			miss(p.name, "mojibake", a.Title, "")
		}
		text := Collapse(a.Text)
		for _, s := range t.With {
			ok := ContainsSnippet(text, s)
			rep.Found.add(ok)
			if !ok {
				miss(p.name, "with", "", s)
			}
		}
		for _, s := range t.Without {
			leak := ContainsSnippet(text, s)
			rep.Leaked.add(leak)
			if leak {
				miss(p.name, "without", s, "")
			}
		}
		if t.Title != "" {
			ok := TitleMatch(a.Title, t.Title)
			rep.Title.add(ok)
			if !ok {
				miss(p.name, "title", a.Title, t.Title)
			}
		}
		if want := strings.Join(t.Author, " "); strings.TrimSpace(want) != "" {
			ok := BylineMatch(a.Authors, want)
			rep.Author.add(ok)
			if !ok {
				miss(p.name, "author", strings.Join(a.Authors, "; "), strings.Join(t.Author, "; "))
			}
		}
		split := SplitOf(p.name)
		if split == SplitDev {
			rep.DevPages++
		} else {
			rep.TestPages++
		}
		if len(t.Date) >= 10 {
			ok := a.Published == t.Date[:10]
			rep.Date.add(ok)
			if validDay(t.Date) {
				rep.DateValid.add(ok)
			} else {
				rep.DateInvalidTruth++
			}
			if split == SplitDev {
				rep.DateDev.add(ok)
				if !ok && len(rep.DateMisses) < opts.MaxMisses {
					rep.DateMisses = append(rep.DateMisses, Miss{p.name, "date", a.Published, t.Date})
				}
			} else {
				rep.DateTest.add(ok)
			}
		}
	}
	return rep, len(pages), d, c, nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
