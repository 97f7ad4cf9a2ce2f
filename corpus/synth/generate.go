package synth

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"dossier/corpus"
	"dossier/corpus/legal"
)

// Date range of the synthetic documents (inclusive).
var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
)

// Page length bounds for filings, in bytes.
const (
	minPageBytes = 1800
	maxPageBytes = 3200
)

// Per-court judge counts.
const (
	judgesPerCourt      = 6
	magistratesPerCourt = 3
)

// Generator makes synthetic documents. It is safe for concurrent use.
type Generator struct {
	opts   Options
	pool   *Pool
	courts []legal.Court
	judges [][]legal.Judge // by court index: district judges then magistrates
	cases  []synthCase
	// legal and news are the sentence pools of filings and articles; each
	// paragraph draws from one pool of the list. Empty pools are left out,
	// and a kind with none borrows the other kind's.
	legal, news [][]string
}

type synthCase struct {
	court      int // index into Generator.courts
	number     legal.CaseNumber
	judge      legal.Judge
	magistrate *legal.Judge
	caption    string
	criminal   bool
	opened     int // days after firstDay
}

// New loads the source pool (once per process) and prepares the case and
// judge tables for opts.
func New(opts Options) (*Generator, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	maxPDFs := opts.MaxPDFs
	if maxPDFs < 0 {
		maxPDFs = 0
	}
	pool, err := LoadPool(PoolOptions{Dir: opts.SourceDir, MaxPDFs: maxPDFs, MaxAILADocs: opts.MaxAILADocs, CacheDir: opts.CacheDir})
	if err != nil {
		return nil, err
	}
	return newGenerator(opts, pool), nil
}

// NewWithPool is New with a pool the caller loaded (or built).
func NewWithPool(opts Options, pool *Pool) (*Generator, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if pool == nil || len(pool.Judgments)+len(pool.Filings)+len(pool.News) == 0 {
		return nil, ErrNoSources
	}
	return newGenerator(opts, pool), nil
}

func newGenerator(opts Options, pool *Pool) *Generator {
	g := &Generator{opts: opts, pool: pool}
	for _, s := range [][]string{pool.Filings, pool.Judgments} {
		if len(s) > 0 {
			g.legal = append(g.legal, s)
		}
	}
	if len(pool.News) > 0 {
		g.news = [][]string{pool.News}
	}
	if len(g.legal) == 0 {
		g.legal = g.news
	}
	if len(g.news) == 0 {
		g.news = g.legal
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed_ca5e))
	// Preferred courts first (they get most cases), then every other
	// district court in table order.
	seen := map[string]bool{}
	for _, id := range preferredCourts {
		if c, ok := legal.CourtByID(id); ok {
			g.courts = append(g.courts, c)
			seen[id] = true
		}
	}
	for _, c := range legal.Courts() {
		if !seen[c.ID] && strings.HasSuffix(c.ID, "d") {
			g.courts = append(g.courts, c)
		}
	}
	usedNames := map[string]bool{}
	for _, c := range g.courts {
		var js []legal.Judge
		role := "district judge"
		if appellate(c.ID) {
			role = "circuit judge"
		}
		for k := 0; k < judgesPerCourt+magistratesPerCourt; k++ {
			name := judgeName(r, usedNames)
			jr := role
			if k >= judgesPerCourt {
				if appellate(c.ID) {
					break
				}
				jr = "magistrate judge"
			}
			js = append(js, legal.Judge{Name: name, Raw: strings.ToUpper(name), Role: jr})
		}
		g.judges = append(g.judges, js)
	}
	g.cases = make([]synthCase, opts.Cases)
	numbers := map[string]bool{}
	for k := range g.cases {
		g.cases[k] = g.newCase(r, numbers)
	}
	return g
}

// newCase draws one case: court (skewed towards the preferred courts),
// judge, number, caption and opening date.
func (g *Generator) newCase(r *rand.Rand, numbers map[string]bool) synthCase {
	var ci int
	if r.IntN(100) < 85 {
		// Zipf-like over the preferred courts: rank k has weight 1/(k+1).
		ci = int(float64(len(preferredCourts)) * r.Float64() * r.Float64())
	} else {
		ci = r.IntN(len(g.courts))
	}
	c := g.courts[ci]
	js := g.judges[ci]
	sc := synthCase{court: ci, judge: js[r.IntN(min(judgesPerCourt, len(js)))]}
	if len(js) > judgesPerCourt && r.IntN(100) < 30 {
		m := js[judgesPerCourt+r.IntN(len(js)-judgesPerCourt)]
		sc.magistrate = &m
	}
	sc.opened = r.IntN(int(lastDay.Sub(firstDay).Hours()/24) - 200)
	yy := firstDay.AddDate(0, 0, sc.opened).Year() % 100
	for {
		var raw string
		if appellate(c.ID) {
			raw = fmt.Sprintf("%02d-%05d", yy, 1+r.IntN(17000))
		} else {
			typ := "cv"
			if r.IntN(100) < 15 {
				typ, sc.criminal = "cr", true
			}
			raw = fmt.Sprintf("%d:%02d-%s-%05d-%s", 1+r.IntN(5), yy, typ, 1+r.IntN(9999), initials(sc.judge.Name))
		}
		cn, ok := legal.ParseCaseNumber(raw)
		if !ok || numbers[c.ID+cn.Canonical] {
			continue
		}
		numbers[c.ID+cn.Canonical] = true
		cn.Court = c.ID
		sc.number = cn
		break
	}
	if sc.criminal {
		sc.caption = "United States of America v. " + personName(r)
	} else {
		sc.caption = partyName(r) + " v. " + partyName(r)
	}
	return sc
}

// Generate emits opts.N documents in order, stopping at emit's first error.
func Generate(opts Options, emit func(corpus.Document) error) error {
	g, err := New(opts)
	if err != nil {
		return err
	}
	for i := range g.opts.N {
		if err := emit(g.Document(i)); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSONL writes opts.N documents to w, one JSON object per line, in the
// extraction contract (the shape of `dossier extract --json`).
func WriteJSONL(w io.Writer, opts Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := Generate(opts, func(d corpus.Document) error {
		if err := enc.Encode(&d); err != nil {
			return fmt.Errorf("synth: write: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: write: %w", err)
	}
	return nil
}

// Options returns the generator's options, defaults filled in.
func (g *Generator) Options() Options { return g.opts }

// Pool returns the sentence pool the generator samples from.
func (g *Generator) Pool() *Pool { return g.pool }

// Document returns document i (0-based); it depends only on the seed, i and
// the pool.
func (g *Generator) Document(i int) corpus.Document {
	r := rand.New(rand.NewPCG(g.opts.Seed^0x9e3779b97f4a7c15, uint64(i)))
	var key [16]byte
	binary.LittleEndian.PutUint64(key[:8], g.opts.Seed)
	binary.LittleEndian.PutUint64(key[8:], uint64(i))
	sum := sha256.Sum256(key[:])
	hexSum := hex.EncodeToString(sum[:])
	d := corpus.Document{
		ID:          hexSum[:32],
		SHA256:      hexSum,
		Language:    "en",
		ExtractedBy: "synth",
	}
	target := g.opts.MinBytes + r.IntN(g.opts.MaxBytes-g.opts.MinBytes+1)
	if g.opts.FilingPercent > 0 && r.IntN(100) < g.opts.FilingPercent {
		g.filing(r, &d, i, target)
	} else {
		g.article(r, &d, i, target)
	}
	d.Size = int64(len(d.Text))
	return d
}

// pickCase draws a case, skewed so that a few cases hold many documents.
func (g *Generator) pickCase(r *rand.Rand) *synthCase {
	u := r.Float64()
	return &g.cases[int(float64(len(g.cases))*u*u)]
}

// filing fills d as a multi-page court filing of about target text bytes.
func (g *Generator) filing(r *rand.Rand, d *corpus.Document, i, target int) {
	sc := g.pickCase(r)
	court := g.courts[sc.court]
	docType := pickWeighted(r, docTypes)
	day := sc.opened + r.IntN(1000)
	if max := int(lastDay.Sub(firstDay).Hours() / 24); day > max {
		day = max
	}
	date := firstDay.AddDate(0, 0, day)
	docNum := 1 + (day-sc.opened)/4 + r.IntN(4)
	title := filingTitle(r, docType, sc)

	pageTarget := minPageBytes + r.IntN(maxPageBytes-minPageBytes+1)
	pages := (target + pageTarget/2) / pageTarget
	if pages < 1 {
		pages = 1
	}
	per := target / pages
	stamp := func(p int) string {
		return fmt.Sprintf("Case %s Document %d Filed %s Page %d of %d", sc.number.Raw, docNum, date.Format("01/02/06"), p, pages)
	}
	tail := closing(docType, date, sc)
	var b strings.Builder
	b.Grow(target + pages*(maxSentence+100) + 512)
	starts := make([]int, pages)
	for p := 1; p <= pages; p++ {
		if p > 1 {
			b.WriteString("\n\n")
		}
		starts[p-1] = b.Len()
		b.WriteString(stamp(p))
		b.WriteByte('\n')
		if p == 1 {
			b.WriteString(strings.ToUpper(court.Name))
			b.WriteByte('\n')
			b.WriteString(sc.caption)
			b.WriteString("\nCase No. ")
			b.WriteString(sc.number.Raw)
			b.WriteByte('\n')
			b.WriteString(title)
			b.WriteByte('\n')
		}
		end := starts[p-1] + per
		if p == pages {
			end = target - len(tail)
		}
		g.paragraphs(r, &b, g.legal, end)
		if p == pages {
			b.WriteString(tail)
		}
	}
	text := b.String()
	d.Pages = make([]corpus.Page, pages)
	for p := range pages {
		end := len(text)
		if p+1 < pages {
			end = starts[p+1] - 2
		}
		d.Pages[p] = corpus.Page{Number: p + 1, Text: text[starts[p]:end], ExtractedBy: "synth"}
	}
	d.Text = text
	d.PageCount = pages
	d.Kind = corpus.KindFiling
	d.ContentType = corpus.ContentTypePDF
	d.Source = "synth/filings/" + court.ID + "/" + sc.number.Canonical + "/" + strconv.Itoa(i) + ".pdf"
	d.Title = title
	d.Date = date.Format(time.DateOnly)
	c := court
	d.Court = &c
	d.CaseNumbers = []legal.CaseNumber{sc.number}
	if r.IntN(100) < 10 {
		other := g.pickCase(r)
		if other.number.Canonical != sc.number.Canonical {
			d.CaseNumbers = append(d.CaseNumbers, other.number)
		}
	}
	d.Judges = []legal.Judge{sc.judge}
	if sc.magistrate != nil {
		d.Judges = append(d.Judges, *sc.magistrate)
	}
	d.ECF = &legal.ECFStamp{
		Raw: stamp(1), CaseNumber: sc.number.Raw, DocumentNumber: strconv.Itoa(docNum),
		Filed: d.Date, Page: 1, PageCount: pages,
	}
	d.DocType = docType
	d.Caption = sc.caption
}

// article fills d as a press article of about target text bytes.
func (g *Generator) article(r *rand.Rand, d *corpus.Document, i, target int) {
	date := firstDay.AddDate(0, 0, r.IntN(int(lastDay.Sub(firstDay).Hours()/24)+1))
	site := sites[int(float64(len(sites))*r.Float64()*r.Float64())]
	headline := pick(r, g.news)
	title := clip(strings.TrimRight(headline, ".?!\"”"), 90)

	var b strings.Builder
	b.Grow(target + maxSentence + 512)
	var mention *synthCase
	if r.IntN(100) < 35 {
		mention = g.pickCase(r)
		g.paragraphs(r, &b, g.news, min(target/4, 1500))
		court := g.courts[mention.court]
		fmt.Fprintf(&b, "\nThe case, %s, No. %s, is before %s %s of the %s.",
			mention.caption, mention.number.Raw, judgeTitle(mention.judge.Role), mention.judge.Name, court.Name)
	}
	g.paragraphs(r, &b, g.news, target)
	d.Text = b.String()
	d.Kind = corpus.KindArticle
	d.ContentType = corpus.ContentTypeHTML
	d.Title = title
	d.Date = date.Format(time.DateOnly)
	d.Author = personName(r)
	if r.IntN(100) < 20 {
		d.Author += ", " + personName(r)
	}
	d.SiteName = site.name
	d.URL = fmt.Sprintf("https://%s/%s/%s-%d", site.domain, date.Format("2006/01/02"), slug(title), i)
	d.Source = "synth/articles/" + site.domain + "/" + strconv.Itoa(i) + ".html"
	d.DocType = "article"
	if mention != nil {
		d.CaseNumbers = []legal.CaseNumber{mention.number}
		d.Judges = []legal.Judge{mention.judge}
	}
}

// pick returns a random sentence of a random pool.
func pick(r *rand.Rand, pools [][]string) string {
	p := pools[r.IntN(len(pools))]
	return p[r.IntN(len(p))]
}

// paragraphs appends paragraphs of 3–7 sentences, each paragraph from one
// of pools, until b holds at least end bytes.
func (g *Generator) paragraphs(r *rand.Rand, b *strings.Builder, pools [][]string, end int) {
	for b.Len() < end {
		pool := pools[r.IntN(len(pools))]
		n := 3 + r.IntN(5)
		for k := 0; k < n && b.Len() < end; k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(pool[r.IntN(len(pool))])
		}
		b.WriteByte('\n')
	}
}

func judgeTitle(role string) string {
	switch role {
	case "magistrate judge":
		return "Magistrate Judge"
	case "circuit judge":
		return "Circuit Judge"
	}
	return "U.S. District Judge"
}

// closing returns the last lines of a filing of docType.
func closing(docType string, date time.Time, sc *synthCase) string {
	switch docType {
	case "order", "opinion":
		return fmt.Sprintf("\nIT IS SO ORDERED.\nDated: %s\n%s\n%s\n", date.Format("January 2, 2006"), sc.judge.Raw, strings.ToUpper(judgeTitle(sc.judge.Role)))
	case "transcript":
		return "\n(Proceedings adjourned.)\nCERTIFICATE OF REPORTER\n"
	}
	return fmt.Sprintf("\nDated: %s\nRespectfully submitted,\n/s/ Counsel of record\n", date.Format("January 2, 2006"))
}

// filingTitle returns the caption title of a filing, in upper case.
func filingTitle(r *rand.Rand, docType string, sc *synthCase) string {
	ts := titles[docType]
	t := ts[r.IntN(len(ts))]
	if strings.Contains(t, "%s") {
		t = fmt.Sprintf(t, strings.ToUpper(personName(r)))
	}
	return t
}

type weighted struct {
	value  string
	weight int
}

func pickWeighted(r *rand.Rand, ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.value
		}
		n -= w.weight
	}
	return ws[len(ws)-1].value
}

func appellate(id string) bool {
	return strings.HasPrefix(id, "ca") && (id == "cadc" || id == "cafc" || (len(id) > 2 && id[2] >= '0' && id[2] <= '9'))
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		b.WriteByte(w[0])
	}
	return strings.ToUpper(b.String())
}

func judgeName(r *rand.Rand, used map[string]bool) string {
	for {
		n := firstNames[r.IntN(len(firstNames))] + " " + string(rune('A'+r.IntN(26))) + ". " + lastNames[r.IntN(len(lastNames))]
		if !used[n] {
			used[n] = true
			return n
		}
	}
}

func personName(r *rand.Rand) string {
	return firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
}

func partyName(r *rand.Rand) string {
	if r.IntN(100) < 25 {
		return personName(r)
	}
	return companyWords[r.IntN(len(companyWords))] + " " + companyNouns[r.IntN(len(companyNouns))] + companySuffixes[r.IntN(len(companySuffixes))]
}

// clip cuts s to at most n bytes at a word boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	return s[:n]
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.TrimRight(b.String(), "-")
}
