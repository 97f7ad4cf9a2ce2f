package synth

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// poolFormat versions the cache file and the sentence splitter; bump it
// when either changes.
const poolFormat = 1

// loadCached returns the pool from o.CacheDir when a file for the same
// options and sources is there, else reads the sources and writes that
// file. Cache problems are never fatal: the pool is then read afresh.
func loadCached(o PoolOptions) (*Pool, error) {
	if o.CacheDir == "" {
		return loadPool(o)
	}
	key, err := cacheKey(o)
	if err != nil {
		return loadPool(o)
	}
	path := filepath.Join(o.CacheDir, "pool-"+key+".gob")
	if f, err := os.Open(path); err == nil {
		var p Pool
		err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&p)
		f.Close()
		if err == nil {
			return &p, nil
		}
	}
	p, err := loadPool(o)
	if err != nil {
		return nil, err
	}
	_ = writeCache(o.CacheDir, path, p)
	return p, nil
}

// writeCache writes p to path atomically.
func writeCache(dir, path string, p *Pool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "pool-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err := gob.NewEncoder(bw).Encode(p); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// cacheKey hashes the options and the name, size and modification time of
// every source file.
func cacheKey(o PoolOptions) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "format=%d dir=%s pdfs=%d aila=%d\n", poolFormat, o.Dir, o.MaxPDFs, o.MaxAILADocs)
	stat := func(path string) {
		if st, err := os.Stat(path); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", path, st.Size(), st.ModTime().UnixNano())
		}
	}
	stat(filepath.Join(o.Dir, ailaArchive))
	stat(filepath.Join(o.Dir, articlesTruth))
	if o.MaxPDFs > 0 {
		n := 0
		err := filepath.WalkDir(filepath.Join(o.Dir, filingsDir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || n >= o.MaxPDFs {
				return filepath.SkipAll
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				stat(path)
				n++
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}
