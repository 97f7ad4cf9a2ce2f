package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"index", "index PDF and HTML files and folders: dossier index [--index DIR] PATH...", runIndex},
	{"serve", "serve the JSON API: dossier serve [--index DIR] [--addr 127.0.0.1:8080] [--ingest PATH]...", runServe},
	{"search", "search from the terminal: dossier search [--index DIR | --server URL] QUERY", runSearch},
	{"stats", "what the index holds and its failed files: dossier stats [--index DIR | --server URL] [--failures N] [--json]", runStats},
	{"extract", "print what would be indexed: dossier extract [--json] FILE...", runExtract},
	{"delete", "delete documents from a local index: dossier delete [--index DIR] ID...", runDelete},
	{"eval", "measure extraction and search quality against ../shared: dossier eval pdf|html|legal|search|phrases [flags]", runEval},
	{"keys", "manage API keys: dossier keys create|list|revoke --keys FILE ...", runKeys},
	{"alerts", "saved searches that report new matches: dossier alerts create|list|delete|test [--index DIR | --server URL] ...", runAlerts},
}

// hiddenCommands run but are not listed by usage.
var hiddenCommands = []command{
	{"extract-worker", "internal: extraction worker process spoken to over stdin/stdout", runExtractWorker},
}

// errUsage marks errors that are the caller's: exit status 2.
var errUsage = errors.New("usage")

// errSomeFailed marks a command that finished but could not process some
// of its files, or some in full (each reported with its reason): exit
// status 3, so that a
// script can tell it from success (0), a failure (1) and misuse (2).
var errSomeFailed = errors.New("finished with failures")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range append(commands[:len(commands):len(commands)], hiddenCommands...) {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "dossier %s: %v\n", c.name, err)
			return 2
		case errors.Is(err, errSomeFailed):
			fmt.Fprintf(stderr, "dossier %s: %v\n", c.name, err)
			return 3
		default:
			fmt.Fprintf(stderr, "dossier %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dossier: search court filings and press articles")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"dossier COMMAND -h\" for a command's flags.")
}

// parseInterleaved parses flags that may come before or after positional
// arguments, and returns the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// logOptions configure the process logger.
type logOptions struct {
	Level  string // debug, info, warn, error
	Format string // text or json
}

func (o *logOptions) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Level, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&o.Format, "log-format", "text", "log format: text or json")
}

func (o logOptions) logger(w io.Writer) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(o.Level)); err != nil {
		return nil, fmt.Errorf("%w: --log-level %q: use debug, info, warn or error", errUsage, o.Level)
	}
	hopts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(o.Format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, hopts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, hopts)), nil
	}
	return nil, fmt.Errorf("%w: --log-format %q: use text or json", errUsage, o.Format)
}

// isTerminal reports whether w is a character device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
