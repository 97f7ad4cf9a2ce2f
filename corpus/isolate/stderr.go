package isolate

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"unicode/utf8"
)

// Sizes of the stderr capture, in bytes.
const (
	stderrHead = 8 << 10 // kept from the start of the current document
	stderrTail = 4 << 10 // kept from the end
)

// capture keeps the first stderrHead bytes a worker wrote to standard
// error since the current document began, and the last stderrTail bytes.
// A Go crash report starts with "panic:" or "fatal error:" and may run on
// for megabytes of goroutine traces, hence the head.
type capture struct {
	mu   sync.Mutex
	head []byte
	tail []byte
}

// Write implements io.Writer; it never fails.
func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := stderrHead - len(c.head); room > 0 {
		c.head = append(c.head, p[:min(room, len(p))]...)
	}
	c.tail = append(c.tail, p...)
	if len(c.tail) > stderrTail {
		c.tail = append(c.tail[:0], c.tail[len(c.tail)-stderrTail:]...)
	}
	return len(p), nil
}

// reset forgets what was written before the current document.
func (c *capture) reset() {
	c.mu.Lock()
	c.head, c.tail = c.head[:0], c.tail[:0]
	c.mu.Unlock()
}

// summary returns the most telling line of what was captured: a Go
// "fatal error:" or "panic:" line, else the last non-empty line.
func (c *capture) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, prefix := range []string{"fatal error: ", "panic: ", "runtime: out of memory"} {
		for _, buf := range [][]byte{c.head, c.tail} {
			for _, l := range bytes.Split(buf, []byte("\n")) {
				if bytes.HasPrefix(l, []byte(prefix)) {
					return clean(string(l))
				}
			}
		}
	}
	lines := bytes.Split(bytes.TrimSpace(c.tail), []byte("\n"))
	return clean(string(lines[len(lines)-1]))
}

// maxReason bounds the detail in a skip reason, in bytes.
const maxReason = 200

// clean makes s a short, valid, single-line reason.
func clean(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "?"))
	if len(s) > maxReason {
		s = s[:maxReason]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}

// crashReason describes why a worker ended on its own.
func crashReason(state *os.ProcessState, stderr *capture) string {
	detail := stderr.summary()
	if detail == "" && state != nil {
		if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			detail = "killed by signal " + ws.Signal().String()
			if ws.Signal() == syscall.SIGKILL {
				detail += " (the system may have run out of memory)"
			}
		} else {
			detail = state.String()
		}
	}
	if detail == "" {
		detail = "worker ended without an answer"
	}
	return fmt.Sprintf("extractor crashed: %s", detail)
}
