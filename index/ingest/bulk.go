package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"dossier/corpus"
	"dossier/index"
)

// MaxJSONLLineBytes bounds one line of a JSON Lines import, in bytes; a
// longer line is reported as failed and skipped.
const MaxJSONLLineBytes = 64 << 20

// importJSONL imports the documents of one JSON Lines file, one per line
// in the extraction contract (as `dossier extract --json` prints). It
// resumes at the offset the manifest recorded for an interrupted import of
// the same file; a changed file first drops the documents it held. Each
// document's item carries the manifest record of the file up to that line,
// so the manifest advances only with committed batches.
func (in *Ingester) importJSONL(ctx context.Context, t task, send func(item) bool) error {
	var offset int64
	line := 0
	if e := t.entry; e != nil {
		if e.sameFile(t.size, t.mtime) && e.currentVersions(corpus.ExtractorVersion, in.mappingVersion) && e.Outcome == "" {
			offset, line = e.Offset, e.Docs
		} else if !send(item{dropPath: t.path}) {
			return nil
		}
	}
	f, err := os.Open(t.path)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return fmt.Errorf("index: seek %s: %w", t.path, err)
	}
	r := bufio.NewReaderSize(io.LimitReader(f, t.size-offset), 1<<20)
	entry := func(outcome index.Outcome) *ManifestEntry {
		e := in.newEntry(t, EntryJSONL)
		e.Offset, e.Docs, e.Outcome = offset, line, outcome
		return e
	}
	var lineBuf []byte
	for {
		if ctx.Err() != nil {
			return nil
		}
		chunk, err := r.ReadSlice('\n')
		lineBuf = append(lineBuf[:0], chunk...)
		lineLen := len(chunk)
		for errors.Is(err, bufio.ErrBufferFull) {
			chunk, err = r.ReadSlice('\n')
			lineLen += len(chunk)
			if len(lineBuf) <= MaxJSONLLineBytes {
				lineBuf = append(lineBuf, chunk...)
			}
		}
		if lineLen == 0 && err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("index: read %s: %w", t.path, err)
		}
		offset += int64(lineLen)
		line++
		it := item{jsonl: t.path, report: true, res: index.FileResult{
			Path: fmt.Sprintf("%s:%d", t.path, line), Reprocessed: t.reprocess, Bytes: int64(lineLen),
		}}
		if trimmed := bytes.TrimSpace(lineBuf); len(trimmed) == 0 {
			it.report = false
		} else if doc, derr := decodeDocument(trimmed); derr != nil {
			it.res.Outcome, it.res.Reason = index.OutcomeFailed, derr.Error()
		} else {
			it.doc = doc
			it.res.ID, it.res.Pages = doc.ID, len(doc.Pages)
			it.res.Outcome = index.OutcomeIndexed
			if doc.Skipped() {
				it.res.Outcome, it.res.Reason = index.OutcomeFailed, doc.SkipReason
			}
		}
		it.entry = entry("")
		if !send(it) {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("index: read %s: %w", t.path, err)
		}
	}
	send(item{entry: entry(index.OutcomeIndexed)})
	return nil
}

// decodeDocument parses one document of the extraction contract.
func decodeDocument(line []byte) (*corpus.Document, error) {
	if len(line) > MaxJSONLLineBytes {
		return nil, fmt.Errorf("line longer than %d bytes", MaxJSONLLineBytes)
	}
	var d corpus.Document
	if err := json.Unmarshal(line, &d); err != nil {
		return nil, fmt.Errorf("not a document: %v", err)
	}
	if d.ID == "" && d.SHA256 != "" {
		d.ID = corpus.DocumentID(d.SHA256)
	}
	if d.ID == "" {
		return nil, errors.New("document has neither id nor sha256")
	}
	if len(d.ID) > 128 {
		return nil, errors.New("document id longer than 128 bytes")
	}
	return &d, nil
}
