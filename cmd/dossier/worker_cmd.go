package main

import (
	"context"
	"fmt"
	"io"

	"dossier/corpus/isolate"
)

// runExtractWorker runs one extraction worker for an isolate.Pool: it
// speaks the isolate protocol on the process's own stdin and stdout (not
// on the writers given, which main sets to them anyway) and exits when its
// stdin ends. It takes no arguments; a person has no reason to run it.
func runExtractWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: extract-worker takes no arguments; it is started by dossier itself", errUsage)
	}
	return isolate.RunWorker(ctx)
}
