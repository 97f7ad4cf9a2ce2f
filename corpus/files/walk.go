package files

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk calls fn for every regular file under roots: the one directory
// walk of dossier (index, serve --ingest and --watch, dossier index
// --server and the eval harnesses all use it). Its rules:
//
//   - Roots are visited in the order given; each directory's entries in
//     lexical order.
//   - A root that is a regular file is visited; a root that is a
//     directory is walked; any other root (a symbolic link, a device, a
//     pipe) is skipped without a call.
//   - Below a root, names starting with "." are skipped: a hidden file,
//     and a hidden directory with everything in it. A root is walked
//     whatever its own name.
//   - Symbolic links are never followed, neither as roots nor inside;
//     only regular files are visited (no links, devices, pipes, sockets).
//   - A root or entry that cannot be read (it is gone, or a directory
//     cannot be listed) is passed to fn with its error and a nil info;
//     the walk goes on unless fn returns an error, which stops the walk
//     and is returned.
//   - ctx is checked before each entry of a directory; when it ends, Walk
//     returns ctx.Err().
//   - Walk opens no file: callers sniff (SniffFile) only the files they
//     need, so an unchanged file can be skipped without being read.
func Walk(ctx context.Context, roots []string, fn func(path string, info fs.FileInfo, err error) error) error {
	for _, root := range roots {
		info, err := os.Lstat(root)
		if err != nil {
			if err := fn(root, nil, err); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if info.Mode().IsRegular() {
				if err := fn(root, info, nil); err != nil {
					return err
				}
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return ctxErr
			}
			if err != nil {
				return fn(path, nil, err)
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return fn(path, nil, err)
			}
			return fn(path, info, nil)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
