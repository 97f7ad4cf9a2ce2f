// Package files finds and recognises input files: the one directory walk
// of dossier (Walk: the index, serve --ingest and --watch, dossier index
// --server and the eval harnesses use it) and the one content sniffer
// (Sniff, SniffFile, IsHTML). It reads no document: no PDF library and no
// HTML parser are linked, so ingest can walk and sniff without the
// extractors.
//
// Invariants and limits:
//   - A file is recognised by its bytes, never by its name: "%PDF-" in
//     the first 1024 bytes makes a PDF, an HTML tag or doctype near the
//     start makes HTML (IsHTML); SniffFile looks inside one layer of gzip.
//   - Walk visits regular files only, in lexical order, skips names
//     starting with "." below a root, and never follows a symbolic link.
package files
