//go:build !linux

package isolate

import (
	"os"
	"os/exec"
)

// groupMemorySupported reports whether worker memory can be sampled here.
const groupMemorySupported = false

// setProcAttr does nothing outside Linux.
func setProcAttr(cmd *exec.Cmd) {}

// killGroup kills the worker; its children may survive outside Linux.
func killGroup(p *os.Process) { _ = p.Kill() }

// protectStdout returns standard output unchanged outside Linux.
func protectStdout() (*os.File, error) { return os.NewFile(1, "protocol"), nil }

// preferOOMKill does nothing outside Linux.
func preferOOMKill() {}

// groupSampler cannot sample memory outside Linux.
type groupSampler struct{}

func newGroupSampler(int) *groupSampler { return &groupSampler{} }

// rss returns 0: unknown.
func (g *groupSampler) rss() int64 { return 0 }
