package isolate

import (
	"bufio"
	"errors"
	"fmt"

	"dossier/corpus"
	"dossier/corpus/extract"
)

// The protocol, one JSON object a line on the worker's stdin and stdout:
//
//	parent → worker  hello     {"options": {...}, "memory_limit": N}
//	worker → parent  ready     {"ready": true, "version": V, "pid": P}
//	parent → worker  request   {"id": 1, "path": "a.pdf"}
//	                 or        {"id": 2, "source": "x", "sha256": "…", "inline": true, "data_len": N}
//	                           followed by exactly N raw bytes (the file)
//	worker → parent  response  {"id": 1, "doc": {...corpus.Document...}, "tainted": false}
//
// One request is outstanding at a time. The worker exits when its stdin
// ends. Anything else on stdout is a protocol error.

// maxRequestLine bounds a hello or request line read by a worker, in bytes.
const maxRequestLine = 1 << 20

// hello is the first line a worker reads: its configuration.
type hello struct {
	Options     extract.Options `json:"options"`
	MemoryLimit int64           `json:"memory_limit"` // bytes; 0 means none
}

// ready is the first line a worker writes, once it can take requests.
type ready struct {
	Ready   bool `json:"ready"`
	Version int  `json:"version"` // corpus.ExtractorVersion of the worker
	PID     int  `json:"pid"`
}

// request asks a worker for one document.
type request struct {
	ID     uint64 `json:"id"`
	Path   string `json:"path,omitempty"`   // file to read and extract, unless Inline
	Source string `json:"source,omitempty"` // name recorded in the Document when Inline
	SHA256 string `json:"sha256,omitempty"` // hex digest of the inline bytes, or ""
	Inline bool   `json:"inline,omitempty"` // the file's DataLen bytes follow the line
	// DataLen is the number of raw bytes following the line when Inline.
	DataLen int64 `json:"data_len,omitempty"`
	// SoftLimitMS is the time in milliseconds after which the worker stops
	// extracting and answers with what it has (a partial document); 0
	// means none. It is shorter than the parent's hard timeout, so that
	// the pages already read are kept rather than killed with the worker.
	SoftLimitMS int64 `json:"soft_limit_ms,omitempty"`
}

// response carries the Document for request ID.
type response struct {
	ID  uint64          `json:"id"`
	Doc corpus.Document `json:"doc"`
	// Tainted says that extraction code is still running in the worker
	// after the answer (a PDF library call that timed out and cannot be
	// interrupted): the parent kills the worker rather than reuse it.
	Tainted bool `json:"tainted,omitempty"`
}

// errLineTooLong means a protocol line exceeded its limit.
var errLineTooLong = errors.New("isolate: protocol line too long")

// readLine reads one '\n'-terminated line of at most limit bytes, without
// the newline. A last line without '\n' is returned with io.EOF.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > limit+1 {
			return nil, fmt.Errorf("%w (over %d bytes)", errLineTooLong, limit)
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			return line[:len(line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return line, err
		}
	}
}
