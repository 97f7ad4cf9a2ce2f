package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"dossier/corpus"
	"dossier/index"
)

// collect cuts the items of results into batches, which a writer
// goroutine commits and reports while the next batch fills; after the
// last item, and when ctx has not ended, it prunes (opts.Prune). It
// returns once every batch is written or dropped after a write error.
func (r *run) collect() {
	batches := make(chan []item, 1)
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		r.write(batches)
	}()
	var b batcher
	flush := func() {
		if items := b.take(); len(items) > 0 {
			batches <- items
		}
	}
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
loop:
	for {
		select {
		case it, ok := <-r.results:
			if !ok {
				break loop
			}
			if b.add(it, r.in.opts) {
				flush()
			}
		case <-ticker.C:
			if b.due() {
				flush()
			}
		}
	}
	if r.ctx.Err() == nil {
		flush()
		if r.opts.Prune && r.walkErr == nil {
			for _, it := range r.in.pruneItems(r.roots) {
				b.pending = append(b.pending, it)
				if len(b.pending) >= r.in.opts.BatchSize {
					flush()
				}
			}
			flush()
		}
	}
	close(batches)
	<-writerDone
}

// write commits batches in order and reports their results. After a
// failed commit it ends the run and drops the batches still coming.
func (r *run) write(batches <-chan []item) {
	for b := range batches {
		if r.writeErr != nil {
			continue
		}
		if err := r.in.commit(b); err != nil {
			r.writeErr = err
			r.cancel()
			continue
		}
		for _, it := range b {
			if it.report {
				r.report(it.res)
			}
		}
	}
}

// batcher holds the items of the next batch.
type batcher struct {
	pending            []item
	fileDocs, bulkDocs int
	textBytes          int
	firstAt            time.Time // when the oldest pending item arrived
}

// add appends it and reports whether the batch is full: BatchSize
// documents from files, BulkBatchSize from JSON Lines, BatchTextBytes of
// text, or 4*MaxBatchSize items.
func (b *batcher) add(it item, o Options) bool {
	if len(b.pending) == 0 {
		b.firstAt = time.Now()
	}
	b.pending = append(b.pending, it)
	if it.doc != nil {
		if it.jsonl != "" {
			b.bulkDocs++
		} else {
			b.fileDocs++
		}
		b.textBytes += docTextBytes(it.doc)
	}
	return b.fileDocs >= o.BatchSize || b.bulkDocs >= o.BulkBatchSize ||
		b.textBytes >= o.BatchTextBytes || len(b.pending) >= 4*MaxBatchSize
}

// due reports whether the batch should be committed on a tick of the
// one-second ticker. A batch of JSON Lines documents alone waits up to
// BulkFlushInterval to fill: cut every second, a 100,000-document import
// made 513 commits instead of 412, and every small segment costs merging.
func (b *batcher) due() bool {
	return b.fileDocs > 0 || b.bulkDocs == 0 || time.Since(b.firstAt) >= BulkFlushInterval
}

// take empties the batcher and returns its items.
func (b *batcher) take() []item {
	items := b.pending
	*b = batcher{}
	return items
}

// commit writes one batch: documents and deletions in one atomic batch of
// the engine, then the manifest records. A crash between the two leaves
// records missing, never extra: the next run redoes that work, and every
// write it repeats is idempotent.
func (in *Ingester) commit(items []item) error {
	in.writeMu.Lock()
	defer in.writeMu.Unlock()

	var (
		docs    []corpus.Document
		deletes []string
	)
	err := in.manifest.view(func(t manifestTx) error {
		written := map[string]bool{} // IDs written or referenced by this batch
		docs = in.dedupe(t, items, written)
		deletes = orphans(t, items, written)
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: read manifest: %w", err)
	}
	sort.Strings(deletes)
	if err := in.w.Apply(context.Background(), docs, deletes); err != nil {
		return err
	}
	var (
		cur  *index.CommittedBatch
		pend pendingBatch
	)
	if in.hook != nil {
		cur = &index.CommittedBatch{}
		for i := range docs {
			if docs[i].Skipped() {
				continue
			}
			v := index.DocumentVersion(&docs[i])
			cur.Docs = append(cur.Docs, docs[i])
			cur.Versions = append(cur.Versions, v)
			pend.IDs = append(pend.IDs, docs[i].ID)
			pend.Versions = append(pend.Versions, v)
		}
	}
	err = in.manifest.update(func(t manifestTx) error {
		if err := record(t, items); err != nil {
			return err
		}
		if cur == nil || len(cur.Docs) == 0 {
			return nil
		}
		var err error
		cur.Seq, err = t.addHookPending(pend)
		return err
	})
	if err != nil || cur == nil || len(cur.Docs) == 0 {
		return err
	}
	if err := in.handOver(context.Background(), cur); err != nil {
		// The batch is in the index and the manifest; it stays pending and
		// is handed over before the next batch, or on the next start.
		in.logger.Warn("commit hook failed; the batch stays pending", "batch", cur.Seq, "err", err)
	}
	return nil
}

// handOver gives the commit hook every pending batch, oldest first, and
// clears each it took; it stops at the first the hook refuses, so that
// the hook sees batches in commit order. cur, when not nil, is the batch
// just committed, handed over with its documents as written; the others
// are read back from the engine (a document deleted since is left out).
// The caller holds writeMu.
func (in *Ingester) handOver(ctx context.Context, cur *index.CommittedBatch) error {
	seqs, batches, err := in.manifest.hookPending()
	if err != nil {
		return err
	}
	for i, seq := range seqs {
		var b index.CommittedBatch
		if cur != nil && cur.Seq == seq {
			b = *cur
		} else {
			b = index.CommittedBatch{Seq: seq}
			for j, id := range batches[i].IDs {
				d, err := in.w.Document(ctx, id)
				if errors.Is(err, index.ErrNotFound) {
					continue
				}
				if err != nil {
					return err
				}
				if d.Skipped() {
					continue
				}
				b.Docs = append(b.Docs, *d)
				b.Versions = append(b.Versions, batches[i].Versions[j])
			}
		}
		if err := in.hook.Committed(ctx, b); err != nil {
			return fmt.Errorf("index: commit hook, batch %d: %w", seq, err)
		}
		if err := in.manifest.clearHookPending(seq); err != nil {
			return err
		}
	}
	return nil
}

// dedupe returns the documents of items to write: a file whose document
// another path already holds (or an earlier item of the batch writes) is
// a duplicate, recorded but not written again. written gets every ID
// written or referenced.
func (in *Ingester) dedupe(t manifestTx, items []item, written map[string]bool) []corpus.Document {
	var docs []corpus.Document
	for i := range items {
		it := &items[i]
		if it.doc == nil {
			if it.entry != nil && it.entry.ID != "" {
				written[it.entry.ID] = true
			}
			continue
		}
		id := it.doc.ID
		if it.jsonl == "" && !it.doc.Skipped() {
			if written[id] || in.heldElsewhere(t, id, it.res.Path) {
				it.res.Outcome = index.OutcomeDuplicate
				it.res.Reason = "same bytes as another indexed file"
				it.res.Pages = 0
				it.entry.Outcome = index.OutcomeIndexed
				written[id] = true
				continue
			}
		}
		written[id] = true
		docs = append(docs, *it.doc)
	}
	return docs
}

// orphans returns the documents that paths leave in this batch (dropped,
// or now holding another document) and that no other path references,
// but those written.
func orphans(t manifestTx, items []item, written map[string]bool) []string {
	// Paths leaving a document in this batch, per document.
	leaving := map[string]map[string]bool{}
	leave := func(id, path string) {
		if leaving[id] == nil {
			leaving[id] = map[string]bool{}
		}
		leaving[id][path] = true
	}
	for _, it := range items {
		if it.dropPath != "" {
			for _, id := range t.idsOf(it.dropPath) {
				leave(id, it.dropPath)
			}
		}
		if it.oldID != "" && (it.entry == nil || it.entry.ID != it.oldID) {
			leave(it.oldID, it.res.Path)
		}
	}
	var deletes []string
	for id, paths := range leaving {
		if written[id] {
			continue
		}
		remaining := 0
		for _, p := range t.refs(id) {
			if !paths[p] {
				remaining++
			}
		}
		if remaining == 0 {
			deletes = append(deletes, id)
		}
	}
	return deletes
}

// record writes the manifest records of a committed batch, with the
// cases of its filings pending for the judge pass.
func record(t manifestTx, items []item) error {
	for _, it := range items {
		if d := it.doc; d != nil && d.Kind == corpus.KindFiling && !d.Skipped() {
			// The filing's own cases, canonical: a cited "C19-92" is
			// neither this filing's case nor a number the case filter takes.
			if err := t.addJudgesPending(index.OwnCases(d)); err != nil {
				return err
			}
		}
		if it.dropPath != "" {
			if err := t.remove(it.dropPath); err != nil {
				return err
			}
		}
		if it.jsonl != "" && it.doc != nil {
			if err := t.addRef(it.doc.ID, it.jsonl); err != nil {
				return err
			}
		}
		if it.entry != nil {
			if err := t.put(it.entry); err != nil {
				return err
			}
		}
	}
	return nil
}

// heldElsewhere reports whether another file path already holds document
// id, processed by the current versions.
func (in *Ingester) heldElsewhere(t manifestTx, id, path string) bool {
	for _, p := range t.refs(id) {
		if p == path {
			continue
		}
		if e := t.get(p); e != nil && e.Kind != EntryJSONL && e.Outcome == index.OutcomeIndexed &&
			e.currentVersions(corpus.ExtractorVersion, in.mappingVersion) {
			return true
		}
	}
	return false
}

// under reports whether path is root or inside it.
func under(path, root string) bool {
	return path == root || strings.HasPrefix(path, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

// pruneItems lists the manifest records under roots whose files are gone.
func (in *Ingester) pruneItems(roots []string) []item {
	var out []item
	_ = in.manifest.each(func(e *ManifestEntry) error {
		if e.Kind == EntryUpload {
			return nil
		}
		inside := false
		for _, r := range roots {
			if under(e.Path, r) {
				inside = true
				break
			}
		}
		if !inside {
			return nil
		}
		if _, err := os.Lstat(e.Path); errors.Is(err, fs.ErrNotExist) {
			out = append(out, item{
				res:      index.FileResult{Path: e.Path, ID: e.ID, Outcome: index.OutcomePruned, Reason: "file no longer exists"},
				report:   true,
				dropPath: e.Path,
			})
		}
		return nil
	})
	return out
}
