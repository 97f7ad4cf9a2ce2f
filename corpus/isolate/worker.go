package isolate

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"dossier/corpus"
	"dossier/corpus/extract"
	"dossier/corpus/pdftext"
)

// Extractor is what a worker runs; *extract.Extractor implements it.
type Extractor interface {
	// ExtractFile reads and extracts the file at path.
	ExtractFile(ctx context.Context, path string) corpus.Document
	// Extract extracts data read from source; sha is its hex SHA-256 or "".
	Extract(ctx context.Context, source string, data []byte, sha string) corpus.Document
}

// NewCorpusExtractor builds the standard worker Extractor from opts.
func NewCorpusExtractor(opts extract.Options) (Extractor, error) {
	return extract.New(opts)
}

// ErrProtocol means the other side broke the worker protocol.
var ErrProtocol = errors.New("isolate: protocol error")

// Serve runs the worker side of the protocol: it reads the hello line from
// in, builds an Extractor with newExtractor (nil means NewCorpusExtractor),
// answers ready, then extracts one document per request until in ends, when
// it returns nil. It writes only protocol lines to out. It applies the
// hello's memory limit as the Go soft memory limit (7/8 of it).
func Serve(ctx context.Context, in io.Reader, out io.Writer, newExtractor func(extract.Options) (Extractor, error)) error {
	if newExtractor == nil {
		newExtractor = NewCorpusExtractor
	}
	br := bufio.NewReaderSize(in, 64<<10)
	line, err := readLine(br, maxRequestLine)
	if err != nil {
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return fmt.Errorf("%w: no hello line", ErrProtocol)
		}
		if !errors.Is(err, io.EOF) {
			return fmt.Errorf("isolate: read hello: %w", err)
		}
	}
	var h hello
	if err := json.Unmarshal(line, &h); err != nil {
		return fmt.Errorf("%w: hello: %v", ErrProtocol, err)
	}
	if h.MemoryLimit > 0 {
		debug.SetMemoryLimit(h.MemoryLimit - h.MemoryLimit/8)
	}
	ex, err := newExtractor(h.Options)
	if err != nil {
		return fmt.Errorf("isolate: extractor: %w", err)
	}
	maxData := h.Options.MaxFileBytes
	if maxData <= 0 {
		maxData = extract.DefaultMaxFileBytes
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	send := func(v any) error {
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("isolate: write: %w", err)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("isolate: write: %w", err)
		}
		return nil
	}
	if err := send(ready{Ready: true, Version: corpus.ExtractorVersion, PID: os.Getpid()}); err != nil {
		return err
	}
	for {
		line, err := readLine(br, maxRequestLine)
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("isolate: read request: %w", err)
		}
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			return fmt.Errorf("%w: request: %v", ErrProtocol, err)
		}
		doc, err := serveOne(ctx, ex, br, req, maxData)
		if err != nil {
			return err
		}
		if err := send(response{ID: req.ID, Doc: doc, Tainted: pdftext.Running() > 0}); err != nil {
			return err
		}
		releaseMemory(h.MemoryLimit)
	}
}

// serveOne extracts the document of req, reading its inline data from br,
// within the request's soft time limit.
func serveOne(ctx context.Context, ex Extractor, br *bufio.Reader, req request, maxData int64) (corpus.Document, error) {
	if req.SoftLimitMS > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(req.SoftLimitMS)*time.Millisecond)
		defer cancel()
	}
	if !req.Inline {
		return ex.ExtractFile(ctx, req.Path), nil
	}
	if req.DataLen < 0 || req.DataLen > maxData {
		return corpus.Document{}, fmt.Errorf("%w: inline data of %d bytes out of range 0..%d", ErrProtocol, req.DataLen, maxData)
	}
	data := make([]byte, req.DataLen)
	if _, err := io.ReadFull(br, data); err != nil {
		return corpus.Document{}, fmt.Errorf("isolate: read inline data: %w", err)
	}
	return ex.Extract(ctx, req.Source, data, req.SHA256), nil
}

// releaseMemory returns freed heap to the OS after a large document, so
// that the memory the parent samples reflects the next document.
func releaseMemory(limit int64) {
	if limit <= 0 {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if int64(ms.HeapSys-ms.HeapReleased) > limit/4 {
		debug.FreeOSMemory()
	}
}

// RunWorker is the body of the "dossier extract-worker" command. It keeps
// the protocol on the process's original standard output and points file
// descriptor 1 (and os.Stdout) at standard error, so that stray prints by
// libraries or child processes cannot corrupt the protocol. It makes the
// worker the kernel's first choice under memory pressure, then runs Serve on
// standard input.
func RunWorker(ctx context.Context) error {
	proto, err := protectStdout()
	if err != nil {
		return err
	}
	defer proto.Close()
	preferOOMKill()
	return Serve(ctx, os.Stdin, proto, nil)
}
