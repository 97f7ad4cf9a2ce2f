package main

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

	"dossier/api/keys"
	ql "dossier/index/query"
)

// runKeys creates, lists and revokes API keys: see keys.CommandUsage.
func runKeys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := keys.CommandChecked(args, stdout, stderr, os.Getenv, time.Now(), checkFilter)
	if errors.Is(err, keys.ErrUsage) {
		return keysUsageError{err}
	}
	return err
}

// keysUsageError marks a keys.ErrUsage error as errUsage (exit status 2).
type keysUsageError struct{ error }

func (e keysUsageError) Unwrap() error      { return e.error }
func (keysUsageError) Is(target error) bool { return target == errUsage }

// checkFilter reports the error of a key's mandatory filter in the query
// language, as searches would.
func checkFilter(q string) error {
	_, err := ql.ParseChecked(q)
	return err
}
