package main

import (
	"context"
	"fmt"
	"io"
)

// evalCommands are the "dossier eval" targets; each lives in its own file.
var evalCommands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"pdf":     runEvalPDF,
	"html":    runEvalHTML,
	"legal":   runEvalLegal,
	"search":  runEvalSearch,
	"phrases": runEvalPhrases,
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: dossier eval pdf|html|legal|search|phrases [flags]", errUsage)
	}
	run, ok := evalCommands[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown eval target %q: use pdf, html, legal, search or phrases", errUsage, args[0])
	}
	return run(ctx, args[1:], stdout, stderr)
}
