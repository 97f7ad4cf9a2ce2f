package searcheval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// Sources are the parts of the shared corpus indexed for the known-item
// evaluation, relative to the shared directory (glob patterns allowed):
// every filing, the readability pages' source HTML (not their expected
// output, which would duplicate each article), and the extraction
// benchmark's and trafilatura's pages: 1,707 searchable documents. The
// first build took 33-45 s of wall time (25 s of CPU) on two shared CPUs
// without OCR; later runs read no file and take about 0.1 s.
var Sources = []string{
	"corpus/filings",
	"corpus/articles/readability/test-pages/*/source.html",
	"corpus/articles/extraction-benchmark/html",
	"corpus/articles/trafilatura/tests/cache",
	"corpus/articles/trafilatura/tests/eval",
}

// BuildInfo describes the index a run searched.
type BuildInfo struct {
	// Dir is the index directory.
	Dir string
	// Documents is the number of searchable documents.
	Documents uint64
	// Indexed and Unchanged count the files this run (re)indexed and
	// skipped as unchanged; Failed those that failed extraction.
	Indexed, Unchanged, Failed int
	// Elapsed is the time spent bringing the index up to date.
	Elapsed time.Duration
}

// judgesMarker, in the index directory, records that judge initials were
// resolved over the whole index after the last ingest that changed it.
const judgesMarker = "searcheval-judges-resolved"

// OpenShared opens the index of Sources under opts.Index, first bringing
// it up to date with the files (an incremental ingest: unchanged files
// are not read; the ingester is closed before OpenShared returns). The
// caller closes the index.
func OpenShared(ctx context.Context, opts Options) (*bleve.Index, BuildInfo, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, BuildInfo{}, err
	}
	if err := opts.checkShared(); err != nil {
		return nil, BuildInfo{}, err
	}
	shared, err := filepath.Abs(opts.Shared)
	if err != nil {
		return nil, BuildInfo{}, fmt.Errorf("searcheval: %w", err)
	}
	var paths []string
	for _, s := range Sources {
		m, err := filepath.Glob(filepath.Join(shared, s))
		if err != nil {
			return nil, BuildInfo{}, fmt.Errorf("searcheval: %w", err)
		}
		if len(m) == 0 {
			return nil, BuildInfo{}, fmt.Errorf("%w: nothing at %s", ErrNoShared, filepath.Join(shared, s))
		}
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	var co extract.Options
	co.OCR.Disabled = !opts.OCR
	ex, err := extract.New(co)
	if err != nil {
		return nil, BuildInfo{}, fmt.Errorf("searcheval: %w", err)
	}
	if err := os.MkdirAll(opts.Index, 0o755); err != nil {
		return nil, BuildInfo{}, fmt.Errorf("searcheval: %w", err)
	}
	log := opts.logger()
	ix, err := bleve.Open(bleve.Options{Dir: opts.Index}, log)
	if err != nil {
		return nil, BuildInfo{}, fmt.Errorf("searcheval: %w", err)
	}
	info := BuildInfo{Dir: opts.Index}
	fail := func(err error) (*bleve.Index, BuildInfo, error) {
		ix.Close()
		return nil, info, err
	}
	ing, err := ingest.Open(opts.Index, ix, ingest.Options{Workers: opts.Workers}, log)
	if err != nil {
		return fail(fmt.Errorf("searcheval: %w", err))
	}
	marker := filepath.Join(opts.Index, judgesMarker)
	sum, err := ing.IngestWith(ctx, ex, paths, index.IngestOptions{})
	if cerr := ing.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(fmt.Errorf("searcheval: indexing %s: %w", shared, err))
	}
	info.Indexed, info.Unchanged, info.Failed = sum.Indexed, sum.Unchanged, sum.Failed
	if sum.Indexed > 0 || sum.Reprocessed > 0 {
		_ = os.Remove(marker)
	}
	if _, err := os.Stat(marker); err != nil {
		if _, err := ingest.ResolveJudgeInitials(ctx, ix); err != nil {
			return fail(fmt.Errorf("searcheval: %w", err))
		}
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return fail(fmt.Errorf("searcheval: %w", err))
		}
	}
	info.Elapsed = sum.Elapsed
	st, err := ix.Stats(ctx)
	if err != nil {
		return fail(fmt.Errorf("searcheval: %w", err))
	}
	info.Documents = st.Documents
	log.Info("searcheval index ready", "dir", opts.Index, "documents", st.Documents,
		"indexed", sum.Indexed, "unchanged", sum.Unchanged, "failed", sum.Failed, "elapsed", sum.Elapsed)
	return ix, info, nil
}

// FileID is the dossier document ID of a file: corpus.DocumentID of the
// SHA-256 of its bytes as stored (a .gz file is hashed compressed).
func FileID(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("searcheval: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("searcheval: %s: %w", path, err)
	}
	return corpus.DocumentID(hex.EncodeToString(h.Sum(nil))), nil
}

// searchable returns the subset of ids that are searchable documents of ix.
func searchable(ctx context.Context, ix *bleve.Index, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for i := 0; i < len(ids); i += index.MaxFilterValues {
		batch := ids[i:min(i+index.MaxFilterValues, len(ids))]
		res, err := ix.Search(ctx, index.SearchRequest{Filters: index.Filters{IDs: batch}, Size: index.MaxSize})
		if err != nil {
			return nil, fmt.Errorf("searcheval: %w", err)
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
	}
	return out, nil
}
