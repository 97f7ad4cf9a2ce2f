package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/corpus/files"
)

// uploadOptions configure `dossier index --server URL`.
type uploadOptions struct {
	Server string // base URL of a running dossier server
	APIKey string // bearer token, "" for none
	// BatchFiles is the most files sent in one request. Default 16.
	BatchFiles int
	// BatchBytes is the most file bytes sent in one request. Default 32 MiB.
	BatchBytes int64
	// Timeout bounds one request. Default 10 minutes.
	Timeout time.Duration
}

func (o *uploadOptions) SetDefaults() {
	if o.BatchFiles == 0 {
		o.BatchFiles = 16
	}
	if o.BatchBytes == 0 {
		o.BatchBytes = 32 << 20
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Minute
	}
}

func (o uploadOptions) Validate() error {
	u, err := url.Parse(o.Server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --server %q: want http(s)://host:port", errUsage, o.Server)
	}
	if o.BatchFiles < 1 || o.BatchBytes < 1 || o.Timeout <= 0 {
		return fmt.Errorf("%w: upload batch limits must be positive", errUsage)
	}
	return nil
}

// uploadResult mirrors api.UploadResult (cmd may import api, but the
// client speaks the wire format only).
type uploadResult struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
	Pages   int    `json:"pages"`
}

type localFile struct {
	path string
	size int64
}

// uploadPaths sends every regular file under paths (as files.Walk finds
// them: hidden names skipped, symbolic links not followed) to
// opts.Server's POST /v1/documents in batches, and prints a summary like a
// local index run.
func uploadPaths(ctx context.Context, opts uploadOptions, paths []string, stdout, stderr io.Writer, logger *slog.Logger) error {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return err
	}
	var found []localFile
	err := files.Walk(ctx, paths, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		found = append(found, localFile{p, info.Size()})
		return nil
	})
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	client := &http.Client{Timeout: opts.Timeout}
	endpoint := strings.TrimSuffix(opts.Server, "/") + "/v1/documents"
	counts := map[string]int{}
	var failures []string
	start := time.Now()
	record := func(path string, r uploadResult) {
		counts[r.Outcome]++
		if r.Outcome == "failed" {
			failures = append(failures, fmt.Sprintf("%s: %s", path, r.Reason))
		}
	}
	send := func(batch []localFile) error {
		res, err := postFiles(ctx, client, endpoint, opts.APIKey, batch)
		var tooLarge *errTooLarge
		switch {
		case errors.As(err, &tooLarge) && len(batch) > 1:
			// Find the file that is too large: send them one by one.
			for _, f := range batch {
				r, err := postFiles(ctx, client, endpoint, opts.APIKey, []localFile{f})
				if errors.As(err, &tooLarge) {
					record(f.path, uploadResult{Outcome: "failed", Reason: "larger than the server's upload limit"})
					continue
				}
				if err != nil {
					return err
				}
				record(f.path, r[0])
			}
			return nil
		case errors.As(err, &tooLarge):
			record(batch[0].path, uploadResult{Outcome: "failed", Reason: "larger than the server's upload limit"})
			return nil
		case err != nil:
			return err
		}
		for i, r := range res {
			record(batch[i].path, r)
		}
		return nil
	}
	var (
		batch []localFile
		bytes int64
		done  int
	)
	for _, f := range found {
		if len(batch) > 0 && (len(batch) >= opts.BatchFiles || bytes+f.size > opts.BatchBytes) {
			if err := send(batch); err != nil {
				return err
			}
			done += len(batch)
			logger.Debug("uploaded", "files", done, "of", len(found))
			batch, bytes = nil, 0
		}
		batch = append(batch, f)
		bytes += f.size
	}
	if len(batch) > 0 {
		if err := send(batch); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "sent %d files to %s: indexed %d, unchanged %d, duplicate %d, failed %d, ignored %d in %s\n",
		len(found), opts.Server, counts["indexed"], counts["unchanged"], counts["duplicate"], counts["failed"],
		counts["ignored"], time.Since(start).Round(time.Millisecond))
	for _, f := range failures {
		fmt.Fprintf(stdout, "  failed: %s\n", f)
	}
	return nil
}

// errTooLarge is a 413 answer.
type errTooLarge struct{}

func (*errTooLarge) Error() string { return "upload: request too large for the server" }

// postFiles sends files in one multipart request, streaming them from disk.
func postFiles(ctx context.Context, client *http.Client, endpoint, apiKey string, files []localFile) ([]uploadResult, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		var err error
		for _, f := range files {
			if err = copyPart(mw, f.path); err != nil {
				break
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, pr)
	if err != nil {
		pr.Close()
		return nil, fmt.Errorf("upload: %w", err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+apiKey)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("upload: read answer: %w", err)
	}
	if resp.StatusCode == http.StatusRequestEntityTooLarge {
		return nil, &errTooLarge{}
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
			return nil, fmt.Errorf("upload: server answered %d %s: %s", resp.StatusCode, e.Error.Code, e.Error.Message)
		}
		return nil, fmt.Errorf("upload: server answered %s", resp.Status)
	}
	var out struct {
		Documents []uploadResult `json:"documents"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("upload: decode answer: %w", err)
	}
	if len(out.Documents) != len(files) {
		return nil, fmt.Errorf("upload: server answered %d results for %d files", len(out.Documents), len(files))
	}
	return out.Documents, nil
}

func copyPart(mw *multipart.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := mw.CreateFormFile("file", filepath.Base(path))
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}
