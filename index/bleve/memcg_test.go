package bleve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// memoryCgroup is a Linux memory cgroup with a hard limit, used by the
// throughput benchmark to show that an import completes within a memory
// budget that counts the page cache of the files it maps and writes
// (DOSSIER_TP_MEMCG, in MB). The kernel then reclaims clean file pages
// instead of letting them stay resident.
type memoryCgroup struct {
	dir  string
	peak string // file holding the peak usage in bytes
}

// newMemoryCgroup creates a cgroup limited to limitMB, under cgroup v1's
// memory hierarchy or, failing that, cgroup v2 below this process's own
// cgroup. It fails where cgroups are not writable (no root, read-only
// mount).
func newMemoryCgroup(limitMB int) (*memoryCgroup, error) {
	name := fmt.Sprintf("dossier-bench-%d", os.Getpid())
	limit := strconv.Itoa(limitMB << 20)
	if st, err := os.Stat("/sys/fs/cgroup/memory"); err == nil && st.IsDir() { // v1
		dir := filepath.Join("/sys/fs/cgroup/memory", name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, fmt.Errorf("memory cgroup v1: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, "memory.limit_in_bytes"), []byte(limit), 0o644); err != nil {
			os.Remove(dir)
			return nil, fmt.Errorf("memory cgroup v1 limit: %w", err)
		}
		return &memoryCgroup{dir: dir, peak: filepath.Join(dir, "memory.max_usage_in_bytes")}, nil
	}
	self, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return nil, err
	}
	var rel string
	for _, line := range strings.Split(string(self), "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			rel = p
		}
	}
	if rel == "" {
		return nil, errors.New("no cgroup v1 memory hierarchy and no cgroup v2")
	}
	parent := filepath.Join("/sys/fs/cgroup", rel)
	_ = os.WriteFile(filepath.Join(parent, "cgroup.subtree_control"), []byte("+memory"), 0o644)
	dir := filepath.Join(parent, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("memory cgroup v2: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "memory.max"), []byte(limit), 0o644); err != nil {
		os.Remove(dir)
		return nil, fmt.Errorf("memory cgroup v2 limit: %w", err)
	}
	return &memoryCgroup{dir: dir, peak: filepath.Join(dir, "memory.peak")}, nil
}

// add moves process pid into the cgroup.
func (c *memoryCgroup) add(pid int) error {
	return os.WriteFile(filepath.Join(c.dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0o644)
}

// peakMB is the cgroup's peak memory charge (anonymous memory and page
// cache), in MB, or -1 when the kernel does not report it.
func (c *memoryCgroup) peakMB() float64 {
	b, err := os.ReadFile(c.peak)
	if err != nil {
		return -1
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	if err != nil {
		return -1
	}
	return n / (1 << 20)
}

// remove deletes the cgroup; its processes must have exited.
func (c *memoryCgroup) remove() error { return os.Remove(c.dir) }
