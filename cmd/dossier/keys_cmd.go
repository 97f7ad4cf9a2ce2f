package main

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

	"dossier/api/keys"
	"dossier/index"
)

// runKeys creates, lists and revokes API keys: see keys.CommandUsage.
func runKeys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := keys.CommandChecked(args, stdout, stderr, os.Getenv, time.Now(), index.CheckQuery)
	if errors.Is(err, keys.ErrUsage) {
		return keysUsageError{err}
	}
	return err
}

// keysUsageError marks a keys.ErrUsage error as errUsage (exit status 2).
type keysUsageError struct{ error }

func (e keysUsageError) Unwrap() error      { return e.error }
func (keysUsageError) Is(target error) bool { return target == errUsage }
