package legaleval

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/infer"
	"dossier/corpus/legal"
)

// AllSets lists every set in report order.
var AllSets = []string{SetDockets, SetNibi, SetRecap, SetLabels}

// Options configure Run.
type Options struct {
	// Shared is the shared corpus directory (holding corpus/filings).
	Shared string
	// Labels is the labelled set (JSONL, see Label).
	Labels string
	// Sets are the sets to score; default AllSets.
	Sets []string
	// Workers is how many files are extracted at once; default
	// min(2, GOMAXPROCS).
	Workers int
	// Extract configures the PDF and HTML extraction.
	Extract extract.Options
}

// DefaultLabels is the labelled set's path relative to the module root.
const DefaultLabels = "cmd/dossier/internal/eval/legaleval/testdata/labels.jsonl"

// RegisterFlags adds the options' flags to fs.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Shared, "shared", "", "shared corpus directory (default $DOSSIER_SHARED or ../shared)")
	fs.StringVar(&o.Labels, "labels", DefaultLabels, "labelled filings (JSONL)")
	fs.Func("sets", "comma list of sets to score: dockets,nibi-v-doe,recap-xray,labels (default all)", func(s string) error {
		o.Sets = nil
		for _, x := range strings.Split(s, ",") {
			if x = strings.TrimSpace(x); x != "" {
				o.Sets = append(o.Sets, x)
			}
		}
		return nil
	})
	fs.IntVar(&o.Workers, "workers", 0, "files extracted at once (default min(2, GOMAXPROCS))")
}

// SetDefaults fills zero fields.
func (o *Options) SetDefaults() {
	if o.Shared == "" {
		o.Shared = os.Getenv("DOSSIER_SHARED")
	}
	if o.Shared == "" {
		o.Shared = filepath.Join("..", "shared")
	}
	if o.Labels == "" {
		o.Labels = DefaultLabels
	}
	if len(o.Sets) == 0 {
		o.Sets = append([]string(nil), AllSets...)
	}
	if o.Workers == 0 {
		o.Workers = min(2, runtime.GOMAXPROCS(0))
	}
	o.Extract.SetDefaults()
}

// Validate reports invalid options.
func (o Options) Validate() error {
	var errs []error
	for _, s := range o.Sets {
		if !contains(AllSets, s) {
			errs = append(errs, fmt.Errorf("legaleval: unknown set %q (use %s)", s, strings.Join(AllSets, ",")))
		}
	}
	if o.Workers < 1 || o.Workers > 64 {
		errs = append(errs, fmt.Errorf("legaleval: workers %d out of range 1..64", o.Workers))
	}
	if st, err := os.Stat(filepath.Join(o.Shared, "corpus")); err != nil || !st.IsDir() {
		errs = append(errs, fmt.Errorf("%w at %s (set --shared or DOSSIER_SHARED)", ErrNoShared, o.Shared))
	}
	if err := o.Extract.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Miss is one scored disagreement, for inspection.
type Miss struct {
	Set, Rel, Field string
	// Pred and Truth are the values compared, joined with "; ".
	Pred, Truth string
}

// Result is the outcome of Run.
type Result struct {
	// BySet holds the scores of each set.
	BySet map[string]Scores
	// Total adds all sets.
	Total Scores
	// Docs counts the documents scored per set.
	Docs map[string]int
	// BySplit holds the scores of the labelled set per split (SplitDev,
	// SplitTest), and SplitDocs their document counts.
	BySplit   map[string]Scores
	SplitDocs map[string]int
	// Misses lists every document and field with FP or FN.
	Misses []Miss
}

// Run loads the chosen sets, extracts each document and scores it.
func Run(ctx context.Context, opts Options) (Result, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	var items []Item
	for _, s := range opts.Sets {
		var got []Item
		var err error
		switch s {
		case SetDockets:
			got, err = DocketItems(opts.Shared)
		case SetNibi:
			got, err = NibiItems(opts.Shared)
		case SetRecap:
			got, err = RecapItems(opts.Shared)
		case SetLabels:
			got, err = LabelItems(opts.Labels)
		}
		if err != nil {
			return Result{}, err
		}
		items = append(items, got...)
	}
	ex, err := extract.New(opts.Extract)
	if err != nil {
		return Result{}, fmt.Errorf("legaleval: %w", err)
	}
	preds := make([]Prediction, len(items))
	docs := make([]*corpus.Document, len(items))
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if items[i].Docket {
					preds[i], errs[i] = Predict(ctx, ex, filepath.Join(opts.Shared, items[i].Rel), true)
					continue
				}
				doc := ex.ExtractFile(ctx, filepath.Join(opts.Shared, items[i].Rel))
				preds[i] = PredictDocument(&doc)
				docs[i] = &corpus.Document{Kind: doc.Kind, Court: doc.Court, CaseNumbers: doc.CaseNumbers}
			}
		}()
	}
feed:
	for i := range items {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	infer.Courts(docs)
	for i, d := range docs {
		if d != nil && d.Court != nil {
			preds[i].CourtInferred = d.Court.ID
		}
	}
	res := Result{BySet: map[string]Scores{}, Total: Scores{}, Docs: map[string]int{}, BySplit: map[string]Scores{}, SplitDocs: map[string]int{}}
	for i, it := range items {
		if errs[i] != nil {
			return Result{}, errs[i]
		}
		s := Score(preds[i], it.Truth)
		if it.Split != "" {
			if res.BySplit[it.Split] == nil {
				res.BySplit[it.Split] = Scores{}
			}
			res.BySplit[it.Split].Merge(s)
			res.SplitDocs[it.Split]++
		}
		if res.BySet[it.Set] == nil {
			res.BySet[it.Set] = Scores{}
		}
		res.BySet[it.Set].Merge(s)
		res.Total.Merge(s)
		res.Docs[it.Set]++
		res.Misses = append(res.Misses, misses(it, preds[i], s)...)
	}
	sort.SliceStable(res.Misses, func(i, j int) bool { return res.Misses[i].Field < res.Misses[j].Field })
	return res, nil
}

// misses lists the fields of one document that have FP or FN.
func misses(it Item, p Prediction, s Scores) []Miss {
	var out []Miss
	str := func(v *string) string {
		if v == nil {
			return ""
		}
		return *v
	}
	for _, f := range Fields {
		c := s[f]
		if c == nil || c.FP+c.FN == 0 {
			continue
		}
		m := Miss{Set: it.Set, Rel: it.Rel, Field: f}
		switch f {
		case FieldCase:
			m.Pred, m.Truth = strings.Join(p.CaseNumbers, "; "), strings.Join(it.Truth.CaseNumbers, "; ")
		case FieldECFDoc:
			m.Pred, m.Truth = p.ECFDoc, str(it.Truth.ECFDoc)
		case FieldFiled:
			m.Pred, m.Truth = p.Filed, str(it.Truth.Filed)
		case FieldCourt:
			m.Pred, m.Truth = p.Court, str(it.Truth.Court)
		case FieldJudges:
			m.Pred, m.Truth = strings.Join(p.Judges, "; "), strings.Join(it.Truth.Judges, "; ")
		case FieldDocType:
			m.Pred, m.Truth = p.DocType+" (title: "+p.Title+")", str(it.Truth.DocType)
		case FieldCaption:
			m.Pred, m.Truth = p.Caption, str(it.Truth.Caption)
		case FieldCaseDocket:
			m.Pred, m.Truth = strings.Join(p.DocketCases, "; "), strings.Join(it.Truth.DocketCases, "; ")
		case FieldCaseRelated:
			m.Pred, m.Truth = strings.Join(p.RelatedCases, "; "), strings.Join(it.Truth.RelatedCases, "; ")
		case FieldCaseCited:
			m.Pred, m.Truth = strings.Join(p.CitedCases, "; "), strings.Join(it.Truth.CitedCases, "; ")
		case FieldCourtInferred:
			m.Pred, m.Truth = p.CourtInferred, str(it.Truth.Court)
		case FieldJudgeOwn:
			m.Pred, m.Truth = strings.Join(p.OwnJudges, "; "), strings.Join(it.Truth.OwnJudges, "; ")
		case FieldJudgeCited:
			m.Pred, m.Truth = strings.Join(p.CitedJudges, "; "), strings.Join(it.Truth.CitedJudges, "; ")
		}
		out = append(out, m)
	}
	return out
}

// Predict extracts one file and returns what would be scored: for a PDF
// the corpus.Document's fields (case numbers from its first page only);
// for a docket page legal.Analyze over the text of its header.
func Predict(ctx context.Context, ex *extract.Extractor, path string, docket bool) (Prediction, error) {
	if docket {
		return predictDocket(path)
	}
	doc := ex.ExtractFile(ctx, path)
	return PredictDocument(&doc), nil
}

// PredictDocument reads the scored fields from an extracted filing. Case
// numbers are those on the first page, so that every number the truth
// lists was read by a person.
func PredictDocument(doc *corpus.Document) Prediction {
	var p Prediction
	if len(doc.Pages) > 0 {
		for _, c := range legal.FindCaseNumbers(doc.Pages[0].Text) {
			p.CaseNumbers = append(p.CaseNumbers, c.Canonical)
		}
	}
	if doc.ECF != nil {
		p.ECFDoc = doc.ECF.DocumentNumber
	}
	p.Filed = doc.Date
	if doc.Court != nil {
		p.Court = doc.Court.ID
	}
	for _, j := range doc.Judges {
		p.Judges = append(p.Judges, j.Name)
		switch {
		case j.Own():
			p.OwnJudges = append(p.OwnJudges, j.Name)
		case j.Capacity == legal.CapacityCited:
			p.CitedJudges = append(p.CitedJudges, j.Name)
		}
	}
	for _, c := range doc.CaseNumbers {
		switch c.Role {
		case legal.RoleDocket:
			p.DocketCases = append(p.DocketCases, c.Canonical)
		case legal.RoleRelated:
			p.RelatedCases = append(p.RelatedCases, c.Canonical)
		case legal.RoleCited:
			p.CitedCases = append(p.CitedCases, c.Canonical)
		}
	}
	if doc.Court != nil {
		p.CourtInferred = doc.Court.ID
	}
	p.DocType = doc.DocType
	p.Caption = doc.Caption
	p.Title = doc.Title
	return p
}

// predictDocket reads a saved docket page's header.
func predictDocket(path string) (Prediction, error) {
	f, err := os.Open(path)
	if err != nil {
		return Prediction{}, fmt.Errorf("legaleval: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return Prediction{}, fmt.Errorf("legaleval: %s: %w", path, err)
	}
	text, err := HTMLText(zr)
	if err != nil {
		return Prediction{}, fmt.Errorf("legaleval: %s: %w", path, err)
	}
	return PredictDocket(text), nil
}

// DocketHeader returns the part of a docket page's text before its docket
// entries table ("Docket Text"), or the whole text when there is none.
func DocketHeader(text string) string {
	if i := strings.Index(strings.ToLower(text), "docket text"); i >= 0 {
		return text[:i]
	}
	return text
}

// PredictDocket scores a docket page's text: legal.Analyze over its
// header, the first case number only, the "Date Filed:" date and the
// caption.
func PredictDocket(text string) Prediction {
	h := DocketHeader(text)
	md := legal.Analyze(h)
	var p Prediction
	if len(md.CaseNumbers) > 0 {
		p.CaseNumbers = []string{md.CaseNumbers[0].Canonical}
	}
	if md.Court != nil {
		p.Court = md.Court.ID
	}
	for _, j := range md.Judges {
		p.Judges = append(p.Judges, j.Name)
	}
	p.Filed, _ = legal.FindDateFiled(h)
	p.Caption = legal.FindCaption(h)
	return p
}
