// Command dossier indexes court filings and press articles and serves
// searches over them. Run "dossier help" for the subcommands.
//
// Invariants:
//   - The commands only parse flags into the packages' option structs and
//     wire them: the search engine (index/bleve) opens first, then the
//     ingest side (index/ingest) beside it, then extraction workers
//     (corpus/isolate); they close in reverse order.
//   - Reading commands (search, stats) never create an index; a missing
//     one is an error, and a locked one suggests --server URL.
//   - Exit status: 0 done; 1 an error stopped the command; 2 a usage error;
//     3 finished, but some files failed or were indexed partial.
//   - The eval subcommands run the harnesses under internal/eval against
//     ../shared (or $DOSSIER_SHARED); no product package imports them.
package main
