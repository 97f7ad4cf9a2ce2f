// Package ingest fills a dossier index: it walks folders, sniffs and
// extracts their files (or imports JSON Lines of extracted documents),
// batches the documents, dedupes them by content, prunes the files that
// are gone, keeps uploads, and resolves judges from docket initials at
// the end of every run. It writes only through index.Writer (index/bleve's
// Index implements it) and never imports the engine; the engine knows
// nothing of the manifest.
//
// Open it after the engine, on the engine's directory:
//
//	ix, _ := bleve.Open(bleve.Options{Dir: dir}, logger)
//	in, _ := ingest.Open(dir, ix, ingest.Options{LockTimeout: ix.Options().LockTimeout}, logger)
//	defer ix.Close() // second
//	defer in.Close() // first: it writes through ix
//
// The Ingester owns the manifest (manifest.bolt in the index directory, a
// bbolt database: every path processed, its size, mtime, SHA-256,
// document ID, extractor and mapping versions, outcome and reason, and
// which paths hold which documents) and its file lock; the engine holds
// its own. A second process fails on either with index.ErrLocked after
// the lock timeout.
//
// Invariants:
//   - A path is recorded in the manifest only after the batch holding its
//     document is committed (index.Writer.Apply is atomic and durable), so
//     the manifest never claims more than the index holds; a run killed at
//     any point, run again, gives the same index (TestCrashResume: kill -9
//     at random moments, DOSSIER_CRASH=1).
//   - Commits and their manifest updates are serialised (one write lock),
//     so concurrent ingests (a batch run, uploads, a watched folder) agree
//     on which paths hold which documents; a document is deleted only when
//     no recorded path holds it.
//   - An unchanged file (same path, size and mtime, same extractor and
//     mapping versions) is not read again; its recorded outcome is
//     replayed. A new extractor or mapping version processes it again.
//   - The same bytes under two paths are one document held by both.
//   - Uploads are kept under Options.OriginalsDir (originals/ in the index
//     directory), named by SHA-256; a kept file that became no document is
//     removed when the last request holding it ends.
//   - The judge pass (ResolvePendingJudges) runs at the end of every
//     ingest, uploads included: callers need not remember it. The cases
//     to resolve are recorded in the manifest's pending bucket in the
//     transaction that records their filings, and cleared only after
//     resolution, so a run killed before it leaves the work to the next.
//   - With a commit hook set (SetCommitHook: alert matching, package
//     index/alert), every committed batch's searchable documents (IDs
//     and index.DocumentVersion) are recorded as pending in the manifest
//     transaction that records the batch, handed to the hook in commit
//     order, and cleared only when the hook returns nil; a batch the hook
//     refuses, or a kill -9 before it returned, is handed over again
//     (read back from the engine) before any later batch, at the next
//     commit or SetCommitHook. The hook runs inside the commit's lock:
//     its time adds to each commit's. Deletions, duplicates and the judge
//     pass's updates are not handed over.
//   - A manifest that references documents while the index holds none is
//     left from an older index and starts afresh.
//
// Limits: Options.Workers extractions at once (at most MaxWorkers, 256);
// batches of BatchSize file documents (at most MaxBatchSize, 10,000),
// BulkBatchSize JSON Lines documents or BatchTextBytes of text, committed
// at least every second (JSON Lines alone: every BulkFlushInterval); a
// JSON Lines line up to MaxJSONLLineBytes (64 MiB); the judge pass reads
// the filings of up to MaxTargetedJudgeCases (64) cases, beyond that every
// filing; the manifest grows with the files (about 24 MB at 100,000
// documents).
package ingest
