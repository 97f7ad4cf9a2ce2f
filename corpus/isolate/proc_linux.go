//go:build linux

package isolate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// groupMemorySupported reports whether worker memory can be sampled here.
const groupMemorySupported = true

// setProcAttr puts the worker in a process group of its own, so that it and
// every process it starts can be killed together, and has the kernel kill
// it should the parent die.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the process group led by pid, then pid itself.
func killGroup(p *os.Process) {
	_ = syscall.Kill(-p.Pid, syscall.SIGKILL)
	_ = p.Kill()
}

// protectStdout duplicates file descriptor 1 for the protocol and points
// descriptor 1 and os.Stdout at standard error.
func protectStdout() (*os.File, error) {
	fd, err := syscall.Dup(1)
	if err != nil {
		return nil, fmt.Errorf("isolate: dup stdout: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Dup3(2, 1, 0); err != nil {
		syscall.Close(fd)
		return nil, fmt.Errorf("isolate: redirect stdout: %w", err)
	}
	os.Stdout = os.Stderr
	return os.NewFile(uintptr(fd), "protocol"), nil
}

// preferOOMKill asks the kernel to kill this process first when memory
// runs out, sparing the parent. Errors are ignored: it is only a hint.
func preferOOMKill() {
	_ = os.WriteFile("/proc/self/oom_score_adj", []byte("1000"), 0)
}

var pageSize = int64(os.Getpagesize())

// groupSampler sums the resident memory of a process group. The list of
// the group's members is refreshed at most every refresh; the leader is
// always counted.
type groupSampler struct {
	pgid    int
	members []int
	at      time.Time
	refresh time.Duration
	buf     []byte
}

func newGroupSampler(pgid int) *groupSampler {
	return &groupSampler{pgid: pgid, refresh: 500 * time.Millisecond, buf: make([]byte, 0, 512)}
}

// rss returns the group's resident set size in bytes.
func (g *groupSampler) rss() int64 {
	if g.members == nil || time.Since(g.at) >= g.refresh {
		g.members = g.scan()
		g.at = time.Now()
	}
	var total int64
	total += g.residentOf(g.pgid)
	for _, pid := range g.members {
		if pid != g.pgid {
			total += g.residentOf(pid)
		}
	}
	return total
}

// residentOf reads the resident pages of pid from /proc/PID/statm.
func (g *groupSampler) residentOf(pid int) int64 {
	b, err := readSmall("/proc/"+strconv.Itoa(pid)+"/statm", g.buf)
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	n, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return n * pageSize
}

// scan lists the processes whose process group is g.pgid.
func (g *groupSampler) scan() []int {
	d, err := os.Open("/proc")
	if err != nil {
		return nil
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil
	}
	var out []int
	for _, name := range names {
		if name[0] < '0' || name[0] > '9' {
			continue
		}
		b, err := readSmall("/proc/"+name+"/stat", g.buf)
		if err != nil {
			continue
		}
		// Fields after the command name, which ends at the last ')':
		// state ppid pgrp ...
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(b[i+1:])
		if len(f) < 3 {
			continue
		}
		if pg, err := strconv.Atoi(string(f[2])); err == nil && pg == g.pgid {
			if pid, err := strconv.Atoi(name); err == nil {
				out = append(out, pid)
			}
		}
	}
	return out
}

// readSmall reads a small /proc file into buf.
func readSmall(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf = buf[:cap(buf)]
	n, err := f.Read(buf)
	if n == 0 && err != nil {
		return nil, err
	}
	return buf[:n], nil
}
