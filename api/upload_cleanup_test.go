package api

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"dossier/corpus/extract"
)

// originals lists the files kept under dir.
func originals(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestUploadsKeepOnlyDocuments checks the originals folder after each way
// an upload can fail to become a document.
func TestUploadsKeepOnlyDocuments(t *testing.T) {
	ts, orig := serveUploads(t, Options{MaxUploadBytes: 32 << 10, RatePerIP: -1}, extract.Options{})
	page := func(word string) string {
		return `<html lang="en"><head><title>` + word + ` ruling</title></head><body><article><h1>` + word + ` ruling</h1>` +
			strings.Repeat(`<p>The court ruled on the `+word+` dispute in a long opinion today.</p>`, 5) + `</article></body></html>`
	}
	send := func(body io.Reader, ct string, chunked bool) int {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/documents", body)
		req.Header.Set("Content-Type", ct)
		if chunked {
			req.ContentLength = -1
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}

	// A document and an ignored file: only the document's file stays.
	body, ct := multipartBody(t, map[string]string{"quokka.html": page("quokka"), "notes.txt": "plain text is not a document"})
	if code := send(body, ct, false); code != 200 {
		t.Fatalf("upload: %d", code)
	}
	if got := originals(t, orig); len(got) != 1 {
		t.Fatalf("after one document and one ignored file: %v", got)
	}

	// A good part, then one over the limit, sent chunked: a 413 and
	// nothing new kept.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("files", "wombat.html")
	w.Write([]byte(page("wombat")))
	w, _ = mw.CreateFormFile("files", "big.html")
	w.Write([]byte(strings.Repeat("x", 64<<10)))
	mw.Close()
	if code := send(&buf, mw.FormDataContentType(), true); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized chunked upload: %d", code)
	}
	if got := originals(t, orig); len(got) != 1 {
		t.Errorf("after a 413: %v", got)
	}

	// A good part, then a malformed one: a 400 and nothing new kept.
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	w, _ = mw.CreateFormFile("files", "numbat.html")
	w.Write([]byte(page("numbat")))
	raw := buf.String() + "--" + mw.Boundary() + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.html\"\r\n" // no end
	if code := send(strings.NewReader(raw), mw.FormDataContentType(), false); code != http.StatusBadRequest {
		t.Errorf("malformed upload: %d", code)
	}
	if got := originals(t, orig); len(got) != 1 {
		t.Errorf("after a malformed upload: %v", got)
	}

	// The same bytes as the kept document, uploaded again and ignored by
	// nothing: the one file stays.
	body, ct = multipartBody(t, map[string]string{"again.html": page("quokka")})
	if code := send(body, ct, false); code != 200 {
		t.Fatalf("second upload: %d", code)
	}
	if got := originals(t, orig); len(got) != 1 {
		t.Errorf("after uploading the same bytes again: %v", got)
	}
}

// TestDeleteDocument uploads a page, deletes it, and checks that it is gone
// from search, from the originals folder and from a second delete.
func TestDeleteDocument(t *testing.T) {
	ts, orig := serveUploads(t, Options{}, extract.Options{})
	page := `<html lang="en"><head><title>Quokka ruling</title></head><body><article><h1>Quokka ruling</h1>` +
		strings.Repeat(`<p>The court ruled on the quokka habitat dispute in a long opinion today.</p>`, 5) + `</article></body></html>`
	body, ct := multipartBody(t, map[string]string{"quokka.html": page})
	res, err := http.Post(ts.URL+"/v1/documents", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	var up UploadResponse
	json.NewDecoder(res.Body).Decode(&up)
	res.Body.Close()
	if len(up.Documents) != 1 || up.Documents[0].ID == "" {
		t.Fatalf("upload: %+v", up)
	}
	id := up.Documents[0].ID
	if code, _, body := call(t, ts, "DELETE", "/v1/documents/"+id, "", nil); code != 200 || !strings.Contains(body, `"deleted":true`) {
		t.Fatalf("delete: %d %s", code, body)
	}
	var sr SearchResponse
	if code := get(t, ts, "/v1/search?q=quokka", &sr); code != 200 || sr.Total != 0 {
		t.Errorf("after delete: %d, total %d", code, sr.Total)
	}
	if got := originals(t, orig); len(got) != 0 {
		t.Errorf("originals after delete: %v", got)
	}
	if code, ec, _ := call(t, ts, "DELETE", "/v1/documents/"+id, "", nil); code != 404 || ec != CodeNotFound {
		t.Errorf("second delete: %d %s", code, ec)
	}
}

// TestFailuresListed uploads a broken PDF and finds it in GET /v1/failures
// with its reason.
func TestFailuresListed(t *testing.T) {
	ts, _ := serveUploads(t, Options{}, extract.Options{NoPDFFallback: true})
	var out FailuresResponse
	if code := get(t, ts, "/v1/failures", &out); code != 200 || out.Total != 0 || out.Failures == nil {
		t.Fatalf("before: %d %+v", code, out)
	}
	body, ct := multipartBody(t, map[string]string{"broken.pdf": "%PDF-1.7\nnot really"})
	res, err := http.Post(ts.URL+"/v1/documents", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if code := get(t, ts, "/v1/failures", &out); code != 200 || out.Total != 1 || len(out.Failures) != 1 || out.Failures[0].Reason == "" {
		t.Fatalf("after a broken upload: %d %+v", code, out)
	}
}
