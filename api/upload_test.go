package api

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"dossier/corpus/extract"
)

func multipartBody(t *testing.T, files map[string]string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, content := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestUploadIndexesAndIsSearchable(t *testing.T) {
	ts, _ := serveUploads(t, Options{MaxUploadBytes: 64 << 10}, extract.Options{})

	page := `<html lang="en"><head><title>Quokka ruling</title></head><body><article><h1>Quokka ruling</h1>` +
		strings.Repeat(`<p>The court ruled on the quokka habitat dispute in a long opinion today.</p>`, 5) + `</article></body></html>`
	body, ct := multipartBody(t, map[string]string{"quokka.html": page, "notes.txt": "plain text is not a document"})
	res, err := http.Post(ts.URL+"/v1/documents", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	var up UploadResponse
	json.NewDecoder(res.Body).Decode(&up)
	res.Body.Close()
	if res.StatusCode != 200 || len(up.Documents) != 2 {
		t.Fatalf("upload: %d %+v", res.StatusCode, up)
	}
	outcomes := map[string]string{}
	for _, d := range up.Documents {
		outcomes[d.Name] = d.Outcome
	}
	if outcomes["quokka.html"] != "indexed" || outcomes["notes.txt"] == "indexed" {
		t.Errorf("outcomes: %+v", up.Documents)
	}
	var sr SearchResponse
	if code := get(t, ts, "/v1/search?q=quokka", &sr); code != 200 || sr.Total != 1 {
		t.Errorf("uploaded page not searchable: %d %+v", code, sr)
	}

	// An uploaded JSON Lines file is never imported: importing documents
	// by ID (which may replace any document) is for the index command and
	// watched folders an administrator sets up, not the ingest scope.
	quokkaID := sr.Hits[0].ID
	forged := `{"id":"` + quokkaID + `","kind":"article","content_type":"text/html","title":"forged","text":"forged wombat"}` + "\n"
	body, ct = multipartBody(t, map[string]string{"forged.jsonl": forged})
	res, err = http.Post(ts.URL+"/v1/documents", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	up = UploadResponse{}
	json.NewDecoder(res.Body).Decode(&up)
	res.Body.Close()
	if res.StatusCode != 200 || len(up.Documents) != 1 || up.Documents[0].Outcome == "indexed" {
		t.Errorf("JSON Lines upload: %d %+v", res.StatusCode, up)
	}
	if code := get(t, ts, "/v1/search?q=wombat", &sr); code != 200 || sr.Total != 0 {
		t.Errorf("a JSON Lines upload replaced a document: %d %+v", code, sr)
	}
	if code := get(t, ts, "/v1/search?q=quokka", &sr); code != 200 || sr.Total != 1 || sr.Hits[0].Title != "Quokka ruling" {
		t.Errorf("the uploaded page changed: %d %+v", code, sr)
	}

	big, ct := multipartBody(t, map[string]string{"big.html": strings.Repeat("x", 128<<10)})
	res, err = http.Post(ts.URL+"/v1/documents", ct, big)
	if err != nil {
		t.Fatal(err)
	}
	var eb ErrorBody
	json.NewDecoder(res.Body).Decode(&eb)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge || eb.Error.Code != CodeTooLarge {
		t.Errorf("oversized upload: %d %+v", res.StatusCode, eb)
	}
}

func TestUploadWithoutExtractorIs501(t *testing.T) {
	ts := newTestServer(t)
	body, ct := multipartBody(t, map[string]string{"a.html": "<p>x</p>"})
	res, err := http.Post(ts.URL+"/v1/documents", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	var eb ErrorBody
	json.NewDecoder(res.Body).Decode(&eb)
	res.Body.Close()
	if res.StatusCode != http.StatusNotImplemented || eb.Error.Code != CodeNotImplemented {
		t.Errorf("no extractor: %d %+v", res.StatusCode, eb)
	}
}
