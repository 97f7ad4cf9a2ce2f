package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"dossier/index"
	"dossier/index/bleve"
	"dossier/index/ingest"
)

// runDelete deletes documents from a local index by ID: "dossier delete
// [--index DIR] ID...". A running server deletes with DELETE
// /v1/documents/{id} instead (it holds the index).
func runDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("delete", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ixOpts bleve.Options
	fs.StringVar(&ixOpts.Dir, "index", bleve.DefaultDir, "index directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dossier delete [--index DIR] ID...\n\nDeletes documents and forgets the files that held them (a file under a folder indexed again comes back).")
		fs.PrintDefaults()
	}
	ids, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("%w: give at least one document ID", errUsage)
	}
	ixOpts.SetDefaults()
	if !bleve.Exists(ixOpts.Dir) {
		return fmt.Errorf("%w: no index in %s", errUsage, ixOpts.Dir)
	}
	// Documents are removed by the ingester, which forgets their files in
	// the manifest too; it closes before the engine.
	ix, ing, err := openIndex(ixOpts, ingest.Options{}, nil, " (a dossier serve using it? delete with DELETE /v1/documents/ID there)")
	if err != nil {
		return err
	}
	defer ix.Close()
	defer ing.Close()
	missing := 0
	for _, id := range ids {
		switch err := ing.Remove(ctx, id); {
		case errors.Is(err, index.ErrNotFound):
			fmt.Fprintf(stdout, "not found: %s\n", id)
			missing++
		case err != nil:
			return err
		default:
			fmt.Fprintf(stdout, "deleted: %s\n", id)
		}
	}
	if err := ing.Close(); err != nil {
		return err
	}
	if err := ix.Close(); err != nil {
		return err
	}
	if missing > 0 {
		return fmt.Errorf("%w: %d of %d documents not found", errSomeFailed, missing, len(ids))
	}
	return nil
}
