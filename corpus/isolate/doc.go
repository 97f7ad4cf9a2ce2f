// Package isolate runs document extraction in worker processes, so that a
// hostile file cannot take the caller down: a Go "fatal error: stack
// overflow" or an out-of-memory abort cannot be recovered in-process, and
// a runaway page can hold a core or gigabytes for as long as it likes.
//
// A Pool starts workers on demand — by default this executable re-run as
// the hidden "dossier extract-worker" command (see RunWorker) — and hands
// each one document at a time over a JSON-lines protocol on its stdin and
// stdout (see protocol.go). Each worker runs an extract.Extractor with the
// extract.Options the Pool sends it at start-up.
//
// Invariants:
//   - ExtractFile and Extract always return a corpus.Document. When a worker
//     fails, the Document carries the file's ID, SHA-256, size and type (read
//     in the parent), the type's default kind (extract.DefaultKind: there
//     is no text to classify) and a SkipReason: "extraction timed out after 2m0s",
//     "extractor crashed: fatal error: stack overflow" (the first "fatal
//     error:" or "panic:" line of the worker's stderr, else its last line or
//     the signal), "extractor exceeded the 1024 MiB memory cap",
//     "extraction canceled: …" or "extraction pool closed".
//   - The parent never runs extraction code; it only reads files (ReadFile,
//     and the hash of a file whose worker failed).
//   - At most Options.Workers worker processes are alive at once; a worker
//     handles one document at a time, so answers cannot be mixed up (each
//     also carries its request's ID, which is checked).
//   - A worker that fails, times out or breaks the protocol is killed with
//     its whole process group (workers run with Setpgid, so pdftotext or
//     tesseract children die with them) and is never reused; the next
//     document gets a fresh worker. A worker is also replaced, gracefully,
//     after MaxDocsPerWorker documents. Close kills busy workers and waits
//     until every worker has been reaped.
//   - Workers get SIGKILL if the parent dies (Linux Pdeathsig) and exit when
//     their stdin closes. They raise their own oom_score_adj to 1000, so
//     that a kernel out-of-memory kill picks a worker, not the parent.
//   - A worker keeps the protocol on its original stdout and points file
//     descriptor 1 at stderr, so stray prints cannot corrupt answers.
//   - The package is silent: it logs nothing; a worker's stderr is kept
//     (first 8 KiB and last 4 KiB per document) only to word a skip reason,
//     which is bounded to 200 bytes.
//
// Memory cap: the parent samples, every PollInterval (50 ms), the resident
// set (/proc/PID/statm) of every process in the worker's process group and
// kills the group when the sum exceeds MemoryLimit (1 GiB by default). The
// worker also sets Go's soft memory limit to 7/8 of the cap, so garbage is
// collected before the cap is reached, and returns freed memory to the OS
// after a large document. RLIMIT_AS was rejected: it limits address space,
// not memory, which the Go runtime and WebAssembly engines reserve in large
// amounts, and it would not cover the children's sum; cgroups need
// privileges a plain process lacks. The cost of sampling is that a very
// fast allocator can overshoot the cap by what it allocates in one
// interval (about 100 MiB at 2 GB/s) before it is killed.
//
// Timeouts: Options.Timeout (120 s) is a wall-clock backstop per document,
// counted from when a worker is taken or started; the extractor's own
// timeouts (Extract.PDF: 60 s a file) should normally fire first.
//
// Limits: process groups, Pdeathsig, oom_score_adj and memory sampling are
// Linux-only; elsewhere a worker is killed alone and memory is not capped.
// One answer (a Document as JSON) may be at most MaxResponseBytes (512 MiB).
package isolate
