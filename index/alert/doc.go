// Package alert is the engine side of saved-search alerts (issue 21):
// alerts, the matching of every alert against each committed ingest
// batch, the durable record of the matches, and their delivery to
// webhooks. It is backend-neutral: it reaches the engine only through
// index.Percolator, and ingest only as its index.CommitHook. The HTTP
// routes, the CLI and the Atom feed are built on it elsewhere.
//
// Wiring (cmd/dossier, in every command that writes: index, serve with
// uploads and watched folders; after the engine and the ingester):
//
//	st, _ := alert.Open(filepath.Join(dir, alert.FileName), alert.StoreOptions{LockTimeout: lt}, logger)
//	defer st.Close() // after in.Close
//	m, _ := alert.NewMatcher(st, ix, alert.MatcherOptions{}, logger) // ix: *bleve.Index, an index.Percolator
//	if err := in.SetCommitHook(ctx, m); err != nil { ... } // hands over batches a crash left pending
//	// serve only:
//	dl, _ := alert.NewDeliverer(st, alert.DelivererOptions{}, logger)
//	go dl.Run(ctx) // cancel ctx on shutdown, before st.Close
//
// The API and CLI call: Store.Create (with Owner set to the key's name
// and Restrict to the key's mandatory filter; show the returned
// Webhook.Secret once), Store.Get / List / Update / Delete (check
// Alert.VisibleTo; show Alert.Redacted), Store.Matches (GET
// /v1/alerts/{id}/matches?since=, and the feed, authorised by
// Alert.FeedToken), Deliverer.Test (dossier alerts test), and
// Store.Metrics for the counters (matches, deliveries, failures,
// given up, outbox depth).
//
// Invariants:
//   - An alert's Restrict (its owner key's mandatory filter when it was
//     made) is ANDed with its search for ever: Update cannot change it,
//     nor the owner, the secret or the feed token.
//   - Matching sees only a batch's new and changed searchable documents
//     (index.CommittedBatch), never the whole index; deletions and
//     skipped records never match. Alerts run strict (no forgiving AND).
//   - A match's ID hashes the alert, the document and its version
//     (index.DocumentVersion): the same document matched again, after a
//     crash or a re-import of the same content, is recorded once. A
//     document that changes matches again.
//   - Matches are appended in commit order (batches in the order ingest
//     committed them, documents in batch order, alerts by ID) with an
//     increasing Seq, together with their deliveries, in one bbolt
//     transaction: a kill -9 at any moment loses no match and records
//     none twice (ingest keeps the batch pending until the Matcher
//     returns).
//   - A delivery (one per alert and batch, at most MaxEventDocs
//     documents) has a deterministic event ID and keeps it through every
//     retry; it is removed from the outbox only after a 2xx answer, so a
//     receiver gets it at least once and can de-duplicate by event ID.
//   - Deliveries are signed: HeaderSignature "t=UNIX,v1=HEX" with
//     HMAC-SHA256(secret, t + "." + body) (Sign, Verify).
//   - Failed deliveries are retried with exponential backoff and jitter
//     (MinBackoff doubling to MaxBackoff) for GiveUpAfter (at least 24 h)
//     after their matches were recorded, then moved to the dead
//     deliveries, counted and logged at ERROR; never dropped silently.
//     An alert's deliveries go in order: while its oldest fails, the
//     later ones wait.
//   - Webhook targets must be http(s) and may not reach loopback,
//     private, link-local, unspecified, multicast or reserved addresses
//     unless AllowPrivate: checked when an alert is saved (CheckURL) and
//     at every connection after DNS (the dialer's Control), so DNS
//     rebinding cannot bypass it; redirects are not followed; no proxy.
//   - Nothing here logs document text, secrets or webhook URLs (a URL
//     may carry a receiver's token); alerts and events are logged by ID.
//
// Limits: names up to MaxNameBytes (200), webhook URLs up to MaxURLBytes
// (2048), queries as package query bounds them (4096 bytes); MaxEventDocs
// (50) documents per delivery, each with one fragment of
// MatcherOptions.FragmentSize (200) characters; Matches pages up to
// MaxMatchesPage (1000); one POST at a time, each up to Timeout (10 s),
// PassSize (200) deliveries read per pass. Every alert runs against every
// batch, and the ingest commit waits for it: 10,000 alerts took 3.1 to
// 3.3 s of CPU per 1,000-document batch of the synthetic corpus without
// fragments and about 5 s with them (BenchmarkPercolate in index/bleve),
// the same with 0, 10,000 or 100,000 documents indexed. One process at a time opens the store
// (bbolt's lock, ErrLocked). The judge pass after an ingest
// (ingest.ResolvePendingJudges) changes documents without a batch: those
// changes are not matched.
package alert
