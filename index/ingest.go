package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"dossier/corpus"
)

// Outcome is what happened to one file during ingest.
type Outcome string

// Outcomes of ingest.
const (
	OutcomeIndexed   Outcome = "indexed"   // extracted and written
	OutcomeUnchanged Outcome = "unchanged" // same bytes already indexed by this extractor version
	OutcomeFailed    Outcome = "failed"    // recorded with a skip reason, not searchable
	OutcomeIgnored   Outcome = "ignored"   // neither PDF nor HTML
)

// FileResult is the outcome for one file.
type FileResult struct {
	Path    string
	ID      string // document ID, "" when the file could not be read
	Outcome Outcome
	Reason  string // why it failed or was ignored
	Pages   int
}

// IngestSummary counts the outcomes of an ingest run.
type IngestSummary struct {
	Indexed, Unchanged, Failed, Ignored int
	Pages                               int           // pages extracted from indexed PDFs
	Failures                            []FileResult  // every failed file with its reason
	Elapsed                             time.Duration // wall-clock time of the run
}

// Ingest walks paths, extracts every PDF and HTML file on opts.Workers
// goroutines and writes them in batches of opts.BatchSize. Files whose bytes
// are already indexed with the current extractor version are skipped. A file
// that fails is recorded in the index with its skip reason and reported;
// it never stops the run. progress, if non-nil, is called once per file from
// a single goroutine. Ingest returns early only when ctx ends or the index
// cannot be written.
func (ix *Index) Ingest(ctx context.Context, ex *corpus.Extractor, paths []string, progress func(FileResult)) (IngestSummary, error) {
	start := time.Now()
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	candidates := make(chan corpus.Candidate, ix.opts.Workers*2)
	type extracted struct {
		res FileResult
		doc *corpus.Document // nil when nothing is to be written
	}
	results := make(chan extracted, ix.opts.Workers*2)

	var walkErr error
	walkDone := make(chan struct{})
	go func() {
		defer close(walkDone)
		defer close(candidates)
		walkErr = corpus.Walk(ctx, paths, func(c corpus.Candidate) error {
			select {
			case candidates <- c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()

	var wg sync.WaitGroup
	for range ix.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range candidates {
				res, doc := ix.ingestOne(ctx, ex, c)
				select {
				case results <- extracted{res, doc}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var (
		sum     IngestSummary
		batch   []corpus.Document
		pending []FileResult
		err     error
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ix.Put(batch...); err != nil {
			return err
		}
		for _, r := range pending {
			sum.add(r)
			if progress != nil {
				progress(r)
			}
		}
		batch, pending = batch[:0], pending[:0]
		return nil
	}
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			if r.doc == nil {
				sum.add(r.res)
				if progress != nil {
					progress(r.res)
				}
				continue
			}
			batch = append(batch, *r.doc)
			pending = append(pending, r.res)
			if len(batch) >= ix.opts.BatchSize {
				if err = flush(); err != nil {
					break loop
				}
			}
		case <-ticker.C:
			if err = flush(); err != nil {
				break loop
			}
		}
	}
	if err == nil {
		err = flush()
	}
	cancel()
	for range results { // let workers finish
	}
	<-walkDone
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, err
	}
	if walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		return sum, fmt.Errorf("index: walk: %w", walkErr)
	}
	return sum, parent.Err()
}

func (s *IngestSummary) add(r FileResult) {
	switch r.Outcome {
	case OutcomeIndexed:
		s.Indexed++
		s.Pages += r.Pages
	case OutcomeUnchanged:
		s.Unchanged++
	case OutcomeFailed:
		s.Failed++
		s.Failures = append(s.Failures, r)
	case OutcomeIgnored:
		s.Ignored++
	}
}

// ingestOne reads and extracts one candidate. It returns the document to
// write, or nil when there is nothing to write.
func (ix *Index) ingestOne(ctx context.Context, ex *corpus.Extractor, c corpus.Candidate) (FileResult, *corpus.Document) {
	res := FileResult{Path: c.Path}
	switch {
	case c.Err != nil:
		res.Outcome, res.Reason = OutcomeFailed, c.Err.Error()
		return res, nil
	case c.Ignored:
		res.Outcome, res.Reason = OutcomeIgnored, "not a PDF or HTML file"
		return res, nil
	}
	data, sha, err := ex.ReadFile(c.Path)
	if err != nil {
		res.Outcome, res.Reason = OutcomeFailed, err.Error()
		return res, nil
	}
	res.ID = corpus.DocumentID(sha)
	if v, ok := ix.storedVersions(res.ID); ok && v.SHA256 == sha &&
		v.ExtractorVersion == corpus.ExtractorVersion && v.MappingVersion == MappingVersion {
		if v.SkipReason != "" {
			res.Outcome, res.Reason = OutcomeFailed, v.SkipReason
		} else {
			res.Outcome = OutcomeUnchanged
		}
		return res, nil
	}
	doc := ex.Extract(ctx, c.Path, data, sha)
	res.Pages = len(doc.Pages)
	if doc.Skipped() {
		res.Outcome, res.Reason = OutcomeFailed, doc.SkipReason
	} else {
		res.Outcome = OutcomeIndexed
	}
	return res, &doc
}
