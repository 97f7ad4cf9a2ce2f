package isolate

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unicode/utf8"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/files"
)

// Timing of worker shutdown.
const (
	// exitGrace is how long a worker whose stdin was closed may take to
	// exit before it is killed.
	exitGrace = 2 * time.Second
	// waitDelay bounds the wait for a killed worker's output pipes, should
	// a grandchild that left the process group hold them open.
	waitDelay = time.Second
)

// ErrStart means a worker process could not be started or did not answer
// its hello.
var ErrStart = errors.New("isolate: worker did not start")

// Pool extracts documents in worker processes. It is safe for concurrent
// use; at most Options.Workers workers are alive at once, each extracting
// one document at a time.
type Pool struct {
	opts  Options
	hello []byte             // the hello line sent to every worker
	local *extract.Extractor // reads files in the parent; never extracts

	slots chan struct{}   // one per document in flight
	idle  chan *worker    // started workers waiting for a document
	ctx   context.Context // ended by Close
	stop  context.CancelFunc
	procs sync.WaitGroup // one per worker process not yet reaped
	reqID atomic.Uint64

	closeOnce sync.Once

	stats struct {
		started, recycled, crashed, timedOut, overMemory, tainted, docs atomic.Int64
		peakRSS                                                         atomic.Int64
	}
}

// Stats count what a Pool has done so far.
type Stats struct {
	Started    int64 // worker processes started
	Recycled   int64 // workers stopped after MaxDocsPerWorker documents
	Crashed    int64 // workers that died during a document
	TimedOut   int64 // workers killed for exceeding Timeout
	OverMemory int64 // workers killed for exceeding MemoryLimit
	Tainted    int64 // workers killed after an answer because extraction code was still running in them
	Docs       int64 // documents answered by a worker
	// PeakRSS is the largest resident set, in bytes, seen for one worker
	// with its child processes: sampled while busy, and each worker's
	// own peak as the kernel reports it when it exits.
	PeakRSS int64
}

// New starts a Pool and one worker, to check that Command works. opts are
// completed with SetDefaults and checked with Validate.
func New(opts Options) (*Pool, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	local, err := extract.New(opts.Extract)
	if err != nil {
		return nil, err
	}
	h, err := json.Marshal(hello{Options: opts.Extract, MemoryLimit: opts.MemoryLimit})
	if err != nil {
		return nil, fmt.Errorf("isolate: encode worker options: %w", err)
	}
	p := &Pool{
		opts:  opts,
		hello: append(h, '\n'),
		local: local,
		slots: make(chan struct{}, opts.Workers),
		idle:  make(chan *worker, opts.Workers),
	}
	p.ctx, p.stop = context.WithCancel(context.Background())
	sctx, cancel := context.WithTimeout(context.Background(), opts.Timeout)
	w, err := p.start(sctx)
	cancel()
	if err != nil {
		p.stop()
		return nil, err
	}
	p.idle <- w
	return p, nil
}

// Options returns the options in use, defaults filled in.
// TimeLimit is the wall-clock time one document may take (Options.Timeout).
func (p *Pool) TimeLimit() time.Duration { return p.opts.Timeout }

func (p *Pool) Options() Options { return p.opts }

// Stats returns the counters so far.
func (p *Pool) Stats() Stats {
	return Stats{
		Started: p.stats.started.Load(), Recycled: p.stats.recycled.Load(), Tainted: p.stats.tainted.Load(),
		Crashed: p.stats.crashed.Load(), TimedOut: p.stats.timedOut.Load(),
		OverMemory: p.stats.overMemory.Load(), Docs: p.stats.docs.Load(),
		PeakRSS: p.stats.peakRSS.Load(),
	}
}

// ReadFile reads path in the parent, within Extract.MaxFileBytes, and
// returns its bytes and hex SHA-256, as extract.Extractor.ReadFile does.
func (p *Pool) ReadFile(path string) ([]byte, string, error) { return p.local.ReadFile(path) }

// ExtractFile extracts the file at path in a worker, which reads it. It
// always returns a Document; SkipReason says why when extraction failed,
// timed out, crashed the worker or exceeded the memory cap.
func (p *Pool) ExtractFile(ctx context.Context, path string) corpus.Document {
	if !utf8.ValidString(path) { // JSON cannot carry the name: send the bytes
		data, sha, err := p.local.ReadFile(path)
		if err != nil {
			return corpus.Document{Source: path, SkipReason: reasonOf(err), Warnings: []string{}}
		}
		return p.Extract(ctx, path, data, sha)
	}
	doc, reason := p.do(ctx, request{Path: path}, nil)
	if reason != "" {
		doc = p.failedFile(path, reason)
	}
	return doc
}

// Extract extracts data, read from source, in a worker; the bytes are sent
// over the worker's stdin. sha is the hex SHA-256 of data, or "" to
// compute it. It always returns a Document, as ExtractFile does.
func (p *Pool) Extract(ctx context.Context, source string, data []byte, sha string) corpus.Document {
	if sha == "" {
		sha = hexSHA(data)
	}
	doc, reason := p.do(ctx, request{Source: source, SHA256: sha, Inline: true, DataLen: int64(len(data))}, data)
	if reason != "" {
		doc = failedDoc(source, data, sha, reason)
	}
	doc.Source = source
	return doc
}

// Close stops every worker and waits until they have exited. Documents in
// flight end with the skip reason "extraction pool closed". Close is
// idempotent; extraction after it returns that reason at once.
func (p *Pool) Close() error {
	p.closeOnce.Do(func() {
		p.stop()
		p.drainIdle()
		// Workers busy when Close began are killed by their requests,
		// which see p.ctx end; a request may still return a healthy worker
		// to idle, so take every slot before the last drain.
		for range p.opts.Workers {
			p.slots <- struct{}{}
		}
		p.drainIdle()
		p.procs.Wait()
	})
	return nil
}

// drainIdle stops every idle worker.
func (p *Pool) drainIdle() {
	for {
		select {
		case w := <-p.idle:
			w.retire()
		default:
			return
		}
	}
}

// Skip reasons that are not crashes.
const (
	reasonClosed = "extraction pool closed"
)

// do runs one request and returns the Document, or a skip reason when no
// Document came back.
func (p *Pool) do(ctx context.Context, req request, data []byte) (corpus.Document, string) {
	if p.ctx.Err() != nil {
		return corpus.Document{}, reasonClosed
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return corpus.Document{}, "extraction canceled: " + ctx.Err().Error()
	case <-p.ctx.Done():
		return corpus.Document{}, reasonClosed
	}
	defer func() { <-p.slots }()
	if p.ctx.Err() != nil {
		return corpus.Document{}, reasonClosed
	}
	if ctx.Err() != nil {
		return corpus.Document{}, "extraction canceled: " + ctx.Err().Error()
	}

	deadline := time.Now().Add(p.opts.Timeout)
	var w *worker
	for w == nil {
		select {
		case w = <-p.idle:
			if w.dead() {
				w.retire()
				w = nil
			}
		default:
			dctx, cancel := context.WithDeadline(ctx, deadline)
			var err error
			w, err = p.start(dctx)
			cancel()
			if err != nil {
				if time.Now().After(deadline) {
					p.stats.timedOut.Add(1)
					return corpus.Document{}, p.timeoutReason()
				}
				return corpus.Document{}, "extractor did not start: " + clean(err.Error())
			}
		}
	}

	doc, reason, healthy := p.exchange(ctx, w, req, data, deadline)
	if !healthy {
		w.kill()
		w.retire()
		return doc, reason
	}
	p.stats.docs.Add(1)
	w.docs++
	if w.docs >= p.opts.MaxDocsPerWorker || p.ctx.Err() != nil {
		p.stats.recycled.Add(1)
		w.retire()
	} else {
		p.idle <- w
	}
	return doc, reason
}

// softLimit returns the time a worker may extract before it answers with
// what it has, given the time left before it is killed: the remaining time
// less a grace of an eighth of it (at least 2 s, at most half), for the
// steps after OCR and the answer. With the default 120 s timeout the
// worker stops at 105 s.
func softLimit(remaining time.Duration) time.Duration {
	grace := min(max(remaining/8, 2*time.Second), remaining/2)
	return max(remaining-grace, 0)
}

func (p *Pool) timeoutReason() string {
	return fmt.Sprintf("extraction timed out after %v", p.opts.Timeout)
}

// exchange sends req to w and waits for its answer, the deadline, the
// memory cap or the worker's death. healthy is false when w must not be
// used again.
func (p *Pool) exchange(ctx context.Context, w *worker, req request, data []byte, deadline time.Time) (doc corpus.Document, reason string, healthy bool) {
	req.ID = p.reqID.Add(1)
	req.SoftLimitMS = softLimit(time.Until(deadline)).Milliseconds()
	w.stderr.reset()
	line, err := json.Marshal(req)
	if err != nil {
		return doc, "extraction request: " + clean(err.Error()), true
	}
	wrote := make(chan error, 1)
	go func() {
		_, err := w.stdin.Write(append(line, '\n'))
		if err == nil && req.Inline {
			_, err = w.stdin.Write(data)
		}
		wrote <- err
	}()

	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	var tick <-chan time.Time
	var sampler *groupSampler
	if groupMemorySupported {
		t := time.NewTicker(p.opts.PollInterval)
		defer t.Stop()
		tick = t.C
		sampler = newGroupSampler(w.pid)
	}
	crashed := func() (corpus.Document, string, bool) {
		w.kill() // the group may outlive its leader
		w.awaitExit()
		p.stats.crashed.Add(1)
		return doc, crashReason(w.state, w.stderr), false
	}
	answer := func(r lineResult) (corpus.Document, string, bool) {
		if r.err != nil {
			if errors.Is(r.err, errLineTooLong) {
				p.stats.crashed.Add(1)
				return doc, "extractor answer too large: over " + fmt.Sprint(p.opts.MaxResponseBytes) + " bytes", false
			}
			return crashed()
		}
		var resp response
		if err := json.Unmarshal(r.line, &resp); err != nil || resp.ID != req.ID {
			p.stats.crashed.Add(1)
			return doc, "extractor protocol error: unexpected output from the worker", false
		}
		if resp.Tainted {
			// The answer stands; the worker, still spinning on the
			// document, is killed instead of going back to the pool.
			p.stats.tainted.Add(1)
			p.stats.docs.Add(1)
			return resp.Doc, "", false
		}
		return resp.Doc, "", true
	}
	for {
		select {
		case r := <-w.lines:
			return answer(r)
		case err := <-wrote:
			wrote = nil
			if err != nil {
				return crashed()
			}
		case <-w.exited:
			// The reader may have queued what ended the worker (an answer
			// over the limit closes the pipe, and the worker dies writing
			// it): that, not the exit, is the reason.
			select {
			case r := <-w.lines:
				return answer(r)
			default:
				return crashed()
			}
		case <-timer.C:
			p.stats.timedOut.Add(1)
			return doc, p.timeoutReason(), false
		case <-tick:
			rss := sampler.rss()
			p.notePeak(rss)
			if rss > p.opts.MemoryLimit {
				p.stats.overMemory.Add(1)
				return doc, fmt.Sprintf("extractor exceeded the %d MiB memory cap", p.opts.MemoryLimit>>20), false
			}
		case <-ctx.Done():
			return doc, "extraction canceled: " + ctx.Err().Error(), false
		case <-p.ctx.Done():
			return doc, reasonClosed, false
		}
	}
}

func (p *Pool) notePeak(rss int64) {
	for {
		old := p.stats.peakRSS.Load()
		if rss <= old || p.stats.peakRSS.CompareAndSwap(old, rss) {
			return
		}
	}
}

// worker is one extraction process.
type worker struct {
	pool   *Pool
	cmd    *exec.Cmd
	pid    int
	stdin  *os.File
	lines  chan lineResult // from the reader goroutine
	quit   chan struct{}   // closed when the worker is retired
	exited chan struct{}   // closed once the process is reaped
	state  *os.ProcessState
	stderr *capture
	docs   int
	once   sync.Once
}

// lineResult is one line read from a worker, or the error that ended
// reading.
type lineResult struct {
	line []byte
	err  error
}

// start starts a worker and waits for its ready line.
func (p *Pool) start(ctx context.Context) (*worker, error) {
	argv := p.opts.Command
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), p.opts.Env...)
	setProcAttr(cmd)
	cmd.WaitDelay = waitDelay
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrStart, err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("%w: %v", ErrStart, err)
	}
	w := &worker{
		pool: p, cmd: cmd, stdin: inW,
		lines:  make(chan lineResult, 1),
		quit:   make(chan struct{}),
		exited: make(chan struct{}),
		stderr: &capture{},
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, w.stderr
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("%w: %v", ErrStart, err)
	}
	w.pid = cmd.Process.Pid
	p.stats.started.Add(1)
	p.procs.Add(1)
	go func() {
		defer p.procs.Done()
		_ = cmd.Wait()
		w.state = cmd.ProcessState
		if ru, ok := w.state.SysUsage().(*syscall.Rusage); ok && ru != nil {
			p.notePeak(int64(ru.Maxrss) * 1024) // kilobytes on Linux
		}
		close(w.exited)
	}()
	go w.read(outR, p.opts.MaxResponseBytes)

	if _, err := inW.Write(p.hello); err != nil {
		w.kill()
		w.retire()
		return nil, fmt.Errorf("%w: %s", ErrStart, crashReason(w.state, w.stderr))
	}
	select {
	case r := <-w.lines:
		var rd ready
		if r.err == nil && json.Unmarshal(r.line, &rd) == nil && rd.Ready {
			if rd.Version != corpus.ExtractorVersion {
				w.kill()
				w.retire()
				return nil, fmt.Errorf("%w: worker has extractor version %d, this process %d", ErrStart, rd.Version, corpus.ExtractorVersion)
			}
			return w, nil
		}
		w.kill()
		w.awaitExit()
		w.retire()
		if r.err == nil {
			return nil, fmt.Errorf("%w: unexpected first line %q", ErrStart, clean(string(r.line)))
		}
		return nil, fmt.Errorf("%w: %s", ErrStart, crashReason(w.state, w.stderr))
	case <-ctx.Done():
		w.kill()
		w.retire()
		return nil, fmt.Errorf("%w: %v", ErrStart, ctx.Err())
	}
}

// read forwards the worker's stdout lines until it ends or the worker is
// retired.
func (w *worker) read(r *os.File, limit int) {
	defer r.Close()
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := readLine(br, limit)
		if err != nil && len(bytes.TrimSpace(line)) == 0 || errors.Is(err, errLineTooLong) {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			select {
			case w.lines <- lineResult{err: err}:
			case <-w.quit:
			}
			return
		}
		select {
		case w.lines <- lineResult{line: line}:
		case <-w.quit:
			return
		}
		if err != nil {
			select {
			case w.lines <- lineResult{err: err}:
			case <-w.quit:
			}
			return
		}
	}
}

// dead reports whether the process has exited.
func (w *worker) dead() bool {
	select {
	case <-w.exited:
		return true
	default:
		return false
	}
}

// kill kills the worker's process group.
func (w *worker) kill() { killGroup(w.cmd.Process) }

// awaitExit waits until the process is reaped, at most exitGrace plus
// waitDelay.
func (w *worker) awaitExit() {
	select {
	case <-w.exited:
	case <-time.After(exitGrace + waitDelay):
	}
}

// retire closes the worker's stdin, so that a healthy worker exits, waits
// for it (killing it after exitGrace) and releases its reader.
func (w *worker) retire() {
	w.once.Do(func() {
		w.stdin.Close()
		select {
		case <-w.exited:
		case <-time.After(exitGrace):
			w.kill()
			<-w.exited
		}
		close(w.quit)
	})
}

// failedFile builds the Document for a file whose extraction failed in a
// worker: identity from the file's bytes, read in the parent.
func (p *Pool) failedFile(path, reason string) corpus.Document {
	f, err := os.Open(path)
	if err != nil {
		return corpus.Document{Source: path, SkipReason: reason, Warnings: []string{}}
	}
	defer f.Close()
	h := sha256.New()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	h.Write(head[:n])
	rest, _ := io.Copy(h, f)
	sha := hex.EncodeToString(h.Sum(nil))
	doc := failedDoc(path, head[:n], sha, reason)
	doc.Size = int64(n) + rest
	return doc
}

// failedDoc builds the Document for data whose extraction failed.
func failedDoc(source string, data []byte, sha, reason string) corpus.Document {
	doc := corpus.Document{
		ID: corpus.DocumentID(sha), Source: source, SHA256: sha, Size: int64(len(data)),
		ContentType: files.Sniff(data), SkipReason: reason, Warnings: []string{},
	}
	// Nothing was extracted to classify: the kind is the format's default.
	if doc.Kind = extract.DefaultKind(doc.ContentType); doc.Kind == "" {
		doc.ContentType = ""
	}
	return doc
}

func hexSHA(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// reasonOf turns a read error into a skip reason, as corpus words them.
func reasonOf(err error) string {
	return clean(strings.ReplaceAll(err.Error(), "corpus: ", ""))
}
