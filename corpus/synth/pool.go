package synth

import (
	"archive/tar"
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ulikunitz/xz"
)

// ErrNoSources is returned when the source directory holds none of the
// texts the generator samples from.
var ErrNoSources = errors.New("synth: no source texts found")

// Paths of the sources, relative to the shared directory.
const (
	ailaArchive     = "eval/ir-aila2019/AILA_2019_dataset.tar.xz"
	articlesTruth   = "corpus/articles/extraction-benchmark/ground-truth.json"
	filingsDir      = "corpus/filings"
	pdftotextBudget = 20 * time.Second // per PDF
)

// Sentence length bounds, in bytes; sentences outside are dropped.
const (
	minSentence = 30
	maxSentence = 600
)

// Pool holds the sentences the generator samples from. It is read-only
// after LoadPool and safe for concurrent use.
type Pool struct {
	// Judgments holds sentences from the AILA judgments (Indian courts).
	Judgments []string
	// Filings holds sentences from US court filings (pdftotext).
	Filings []string
	// News holds sentences from press articles.
	News []string
	// Files counts the source files read, by source name.
	Files map[string]int
}

// PoolOptions say where to read sources and how much.
type PoolOptions struct {
	// Dir is the shared directory (see SharedDir).
	Dir string
	// MaxPDFs caps pdftotext conversions of filings; 0 reads none.
	MaxPDFs int
	// MaxAILADocs caps the AILA judgments read; 0 reads all 2,914.
	MaxAILADocs int
	// CacheDir, when set, keeps the pool as a gob file keyed by these
	// options and the sources' sizes and modification times, so later
	// processes skip decompression and pdftotext. "" disables the cache.
	CacheDir string
}

type poolKey PoolOptions

var (
	poolMu    sync.Mutex
	poolCache = map[poolKey]*poolEntry{}
)

type poolEntry struct {
	once sync.Once
	pool *Pool
	err  error
}

// LoadPool reads the sources once per process for the same options and
// returns the cached pool afterwards. It fails with ErrNoSources when Dir
// holds no usable text.
func LoadPool(o PoolOptions) (*Pool, error) {
	if abs, err := filepath.Abs(o.Dir); err == nil {
		o.Dir = abs
	}
	poolMu.Lock()
	e, ok := poolCache[poolKey(o)]
	if !ok {
		e = &poolEntry{}
		poolCache[poolKey(o)] = e
	}
	poolMu.Unlock()
	e.once.Do(func() { e.pool, e.err = loadCached(o) })
	return e.pool, e.err
}

func loadPool(o PoolOptions) (*Pool, error) {
	p := &Pool{Files: map[string]int{}}
	if st, err := os.Stat(o.Dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrNoSources, o.Dir)
	}
	if err := p.readAILA(filepath.Join(o.Dir, ailaArchive), o.MaxAILADocs); err != nil {
		return nil, err
	}
	if err := p.readArticles(filepath.Join(o.Dir, articlesTruth)); err != nil {
		return nil, err
	}
	if o.MaxPDFs > 0 {
		if err := p.readPDFs(filepath.Join(o.Dir, filingsDir), o.MaxPDFs); err != nil {
			return nil, err
		}
	}
	if len(p.Judgments)+len(p.Filings)+len(p.News) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoSources, o.Dir)
	}
	return p, nil
}

// readAILA adds the sentences of the AILA prior-case documents, in archive
// order. A missing archive is not an error.
func (p *Pool) readAILA(path string, maxDocs int) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	xr, err := xz.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	tr := tar.NewReader(xr)
	n := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("synth: %s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg || !strings.Contains(h.Name, "Object_casedocs/") || !strings.HasSuffix(h.Name, ".txt") {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(tr, 4<<20))
		if err != nil {
			return fmt.Errorf("synth: %s: %s: %w", path, h.Name, err)
		}
		p.Judgments = appendSentences(p.Judgments, string(b))
		p.Files["aila"]++
		n++
		if maxDocs > 0 && n >= maxDocs {
			break
		}
	}
	return nil
}

// readArticles adds the sentences of the extraction benchmark's article
// bodies, in key order. A missing file is not an error.
func (p *Pool) readArticles(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p.News = appendSentences(p.News, truth[k].ArticleBody)
		p.Files["articles"]++
	}
	return nil
}

// readPDFs adds the sentences of up to max PDFs under dir (lexical order)
// as extracted by pdftotext. Nothing is read when pdftotext is missing;
// a PDF that fails or times out is skipped.
func (p *Pool) readPDFs(dir string, max int) error {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil
	}
	var paths []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipAll
			}
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") && len(paths) < max {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("synth: walk %s: %w", dir, err)
	}
	texts := make([]string, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, path := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), pdftotextBudget)
			defer cancel()
			out, err := exec.CommandContext(ctx, bin, "-q", "-enc", "UTF-8", path, "-").Output()
			if err == nil {
				texts[i] = string(out)
			}
		}()
	}
	wg.Wait()
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		p.Filings = appendSentences(p.Filings, t)
		p.Files["filings"]++
	}
	return nil
}

// appendSentences splits text into sentences and appends the ones that look
// like prose: long enough, mostly letters, few digits.
func appendSentences(dst []string, text string) []string {
	text = strings.ToValidUTF8(text, " ")
	flat := strings.Join(strings.Fields(text), " ")
	start := 0
	for i := 0; i < len(flat); i++ {
		c := flat[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		// A boundary is ". X" with X an upper-case letter or a quote.
		if i+2 >= len(flat) || flat[i+1] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(flat[i+2:])
		if !unicode.IsUpper(r) && r != '"' && r != '“' {
			continue
		}
		if isAbbreviation(flat[start : i+1]) {
			continue
		}
		if s := flat[start : i+1]; prose(s) {
			dst = append(dst, strings.Clone(s))
		}
		start = i + 2
	}
	if s := flat[start:]; prose(s) && strings.ContainsAny(s[len(s)-1:], ".?!") {
		dst = append(dst, strings.Clone(s))
	}
	return dst
}

// isAbbreviation reports whether s ends with a short abbreviation such as
// "v.", "No.", "U.S." or "Mr." rather than a sentence.
func isAbbreviation(s string) bool {
	sp := strings.LastIndexByte(s, ' ')
	last := s[sp+1:]
	switch strings.ToLower(last) {
	case "v.", "vs.", "no.", "nos.", "mr.", "mrs.", "ms.", "dr.", "st.", "inc.", "co.", "corp.", "ltd.", "j.", "jj.", "hon.", "cir.", "cal.", "supp.", "art.", "sec.", "s.", "ss.", "e.g.", "i.e.", "cf.", "id.", "para.", "p.", "pp.", "ex.", "dkt.", "ecf.":
		return true
	}
	// Single letters and dotted initials ("U.S.", "A.").
	return len(last) <= 2 || strings.Count(last, ".") > 1
}

// prose reports whether s is a sentence worth sampling.
func prose(s string) bool {
	if len(s) < minSentence || len(s) > maxSentence {
		return false
	}
	var letters, digits, other int
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		case r == ' ':
		default:
			other++
		}
	}
	n := letters + digits + other
	return letters*10 >= n*8 && digits*20 <= n && strings.Count(s, " ") >= 4
}
