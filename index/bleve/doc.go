// Package bleve is dossier's search engine on bleve: the mapping, records,
// atomic batched writes (Put, Apply, Delete), stored documents, the
// compilation of the query language (parsed and checked by package
// index/query), search, export, similar documents, case pages, facets,
// highlights and stats. It owns every bleve type in dossier; it speaks the
// types of package index (requests, results, hits, the fields table) and
// is the backend package api reaches through interfaces. It takes
// corpus.Documents and answers search requests.
//
// It knows nothing of files: ingest (package index/ingest: the walk, the
// manifest, batching, dedupe, prune, uploads, JSON Lines, the judge pass)
// writes through its Index as an index.Writer, and neither package
// imports the other. Open the engine first and close it last: ingest.Open
// opens the manifest beside it, and the Ingester closes before it.
//
// Invariants:
//   - One record per document ID; writing the same ID again replaces it.
//   - A document's text is stored once (field "text", with term vectors);
//     its other metadata is stored as JSON in field "meta", with the byte
//     offset where each page starts, so highlights carry page numbers.
//   - Files that failed extraction are stored as "skipped" records with
//     their reason: never searchable, always counted in Stats.
//   - User query text never reaches bleve's query-string parser; the
//     query is parsed and checked once by query.ParseChecked and compiled
//     here (compile.go), which trusts the check.
//   - Scoring is BM25, with the true average length of each text field
//     (bm25stats.go), not bleve's distinct-terms-per-document figure. Text
//     is split into the words of Unicode's word-boundary rules and
//     lower-cased; nothing is stemmed or dropped at index time.
//     wordTokenizer gives exactly the words bleve's unicode tokenizer
//     gives, except that it goes on past invalid UTF-8.
//   - Word forms are found at query time (wordforms.go): a bare word also
//     matches the terms of the field's dictionary with the same English
//     stem and unified apostrophes, at a lower weight, except in documents
//     of another language. Phrases, prefixes and fuzzy terms stay exact.
//   - Forgiving AND (relax.go): when a query's bare words all together
//     match fewer than RelaxBelow documents, the hits are the documents
//     matching most of them, ranked by words matched, then BM25; the result
//     says so. Phrases, fields, +word, negations and a written AND are never
//     relaxed; SearchRequest.Strict turns it off.
//   - A search with fewer than SuggestBelow hits offers a respelling from
//     the index's own dictionary (suggest.go); legal shorthand is expanded
//     at query time from a fixed table (shorthand.go); words without a
//     searchable character ("§") are ignored and reported.
//   - Apply writes and deletes in one bleve batch: atomic, and on disk
//     when it returns, which is what lets ingest record a file only after
//     its batch.
//   - Facets whose filter is set are counted without it (disjunctive);
//     judge facet values merge spellings of one name (legal.JudgeKey).
//     Facets are counted from arrays of value numbers per segment and
//     field (facetcache.go), read from the segment's doc values by the
//     first faceted search that meets it; the counts are bleve's facet
//     builder's (tested). Segments are immutable, so the arrays never go
//     stale; those of merged-away segments are dropped.
//   - Fields "case" and "judge" hold a document's own roles only: a
//     filing's docket numbers and presiding or signing judges, an
//     article's mentioned ones (documents without roles count as own);
//     cited numbers are in "cites", related ones in "related". A court
//     set by inference is marked Document.CourtInferred and never
//     overrides a court read from the filing.
//   - Cursors use search-after on (date, id) or (score, id): date-sorted
//     cursors are stable while documents are added. The id is read from
//     field "key" (the ID as a doc value, mapping version 3), never from
//     bleve's "_id", which would read every match's stored document.
//     Relevance pages without a cursor are collected by score alone and
//     give the same order (see pageByScore).
//   - Phrases and proximity run on positionalSearcher, not bleve's phrase
//     searcher; highlights read locations only for the page of hits. A
//     search read with Next whose rarest word is in ParallelPhraseMinDocs
//     documents or more splits the document numbers it has left into
//     Options.SearchWorkers contiguous ranges with about equal shares of
//     that word's documents, inside segments too (positional_parallel.go;
//     when the search counts facets, the first range, the search's own,
//     holds half an equal share): goroutines search all but the first and
//     hand their matches over in document order, at most 32,768 waiting
//     each, in batches that are recycled once read; the first Advance
//     stops them and the search goes on alone. The matches, scores and
//     their order are those of one goroutine.
//   - Phrase and proximity searches without highlights read the words in
//     PositionCacheMinDocs documents of a segment or more from the
//     position cache (positioncache.go): each such word's positions,
//     norms and frequencies in the segment, decoded once by the first
//     search that reads them, into flat arrays of 16 bytes a document and
//     4 an occurrence. Entries hold deleted documents too, which searches
//     skip; they are keyed by segment, so they never go stale, and are
//     dropped least recently used first past Options.PositionCacheMB, or
//     when their segment leaves the index. Same matches and scores as the
//     postings (tested). Highlights read the postings: they need offsets.
//     Scored word searches in the text fields (cachedTermQuery,
//     termcached.go) read the same cache's entries without positions
//     (documents, norms and frequencies: 12 bytes a document) where it
//     holds the word's segments, with bleve's term scorer; unscored ones,
//     highlights and explanations use bleve's term searcher.
//   - A search whose top searcher expects SpreadMinMatches matches or
//     more is spread whole (spread.go): its query's searcher is built once
//     more per extra goroutine, the document numbers after its first match
//     are split into equal ranges, and each extra searcher walks one in a
//     goroutine, handing numbers and scores over in order (at most 32,768
//     waiting each). Not for term vectors or explanations. A phrase that
//     can spread itself (below) does so first, by its second match; the
//     search is then not spread whole, and the phrases of a search spread
//     whole do not spread again. Index.Search spreads over
//     Options.SearchWorkers less one per other Search running.
//   - Every search is one requiredQuery (required.go): the user's query and
//     the filters, less the skipped records; the user's AND with negations
//     is one too, and joins the search's own. It gives bleve's boolean
//     query's matches and scores to the bit, with one searcher less per
//     match. Filters and a restriction are one unscored filterQuery: they
//     decide what matches, never how it ranks. Its must clauses are an
//     andQuery (conjunction.go), which leads with the rarest clause and
//     gives bleve's conjunction's matches and scores to the bit; where
//     nothing is scored, a word's term searchers are joined into one
//     bitmap (joinsUnscored).
//   - Compact (settle.go) merges the index down to a segment count, with
//     no segment above CompactOptions.MaxSegmentBytes (a cap in bytes,
//     turned into documents at the index's bytes per document; a merge's
//     heap grows with the segment it writes); dossier index runs it after
//     a bulk import. Settle only waits for the merges the policy finds
//     due.
//   - ReleaseMapped (mapped.go) drops the process's mappings of the
//     segment file pages it has read, only for segments of the snapshot
//     it holds, only for zap's file-mapped segments (never in-memory ones,
//     whose bytes are Go heap) and only on Linux. The files are mapped
//     read-only and shared, so a page read again comes back unchanged from
//     the page cache. Options.ReleaseMappedEvery runs it in a loop, which
//     dossier index turns on: merges, compaction and the judge pass read
//     every segment, and their pages would otherwise stay resident. The
//     same loop drops each segment file from the page cache once, at open
//     or when the file first appears in the snapshot (evictNewSegments,
//     POSIX_FADV_DONTNEED): written files are cached in folios of up to
//     2 MiB, and a read through the mapping maps a whole folio; read back
//     from disk they come in 4 KiB pages. Pages mapped or not written
//     back stay cached; nothing is lost either way.
//   - Hits' stored fields ("meta", "text") are read by document number
//     from the snapshot the search ran on (stored.go): the search's top
//     query (pinnedQuery) takes a reference to that snapshot and the
//     reader drops it when the hits are read, so no segment it reads can
//     be closed meanwhile. The hits are bleve's; bleve's loader (an ID
//     lookup per segment and a copy of every stored field) is not used.
//   - Percolate (index.Percolator, percolate.go) matches saved searches
//     against a batch by indexing the batch alone in memory with the
//     same mapping and records, and compiling each request as Search
//     does (strict, enumerated values not checked against the index); it
//     never reads the disk index, so its cost grows with the batch and
//     the number of searches, not with the index.
//
// Limits: queries as package query bounds them (4096 bytes, 256 terms,
// 32 levels); page size up to MaxSize (100); paging
// within MaxWindow (10,000) hits; facets up to MaxFacetSize (100) values;
// fragments up to MaxFragments (50) of MaxFragmentSize (1000) characters;
// prefix and fuzzy terms expand to at most MaxTermSearchers (4096) terms;
// Export reads in steps of 500 hits growing to 1,024, and the rest in one
// step once at most 65,536 remain (a match record held per hit), with the
// metadata of 1,024 hits at a time; index.Case lists MaxCaseDocuments (1000); a
// word's forms are looked for in MaxFormScan (2048) dictionary terms and at
// most MaxForms (16) are searched; a relaxed search tries at most 7 steps.
// The facet cache holds 4 bytes per document and per value, plus each
// distinct value once, for each facet field searched (about 1.6 MB per
// field at 100,000 documents of one value each), for live segments and at
// most as many more (facetCacheSlack). The first faceted search that meets
// a segment reads its doc values: about 0.3 s for one segment of 100,000
// documents and four facet fields. The position cache holds at most
// Options.PositionCacheMB (default 256 MiB), plus the entries searches
// running still read after they were dropped; an entry larger than that
// is not kept.
package bleve
