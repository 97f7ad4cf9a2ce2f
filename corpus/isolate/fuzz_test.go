package isolate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"dossier/corpus"
	"dossier/corpus/extract"
)

// echoExtractor answers every request with its path or source as text.
type echoExtractor struct{}

func (echoExtractor) ExtractFile(_ context.Context, path string) corpus.Document {
	return corpus.Document{Source: path, Text: path}
}

func (echoExtractor) Extract(_ context.Context, source string, data []byte, _ string) corpus.Document {
	return corpus.Document{Source: source, Text: string(data)}
}

// FuzzServe feeds arbitrary request streams to a worker: it must neither
// panic nor write anything but protocol lines, and must answer each
// well-formed request it reads.
func FuzzServe(f *testing.F) {
	f.Add([]byte(`{"id":1,"path":"a.pdf"}` + "\n"))
	f.Add([]byte(`{"id":2,"source":"s","inline":true,"data_len":3}` + "\nabc" + `{"id":3,"path":"b"}` + "\n"))
	f.Add([]byte(`{"id":4,"inline":true,"data_len":99999999}` + "\n"))
	f.Add([]byte(`{"id":5,"inline":true,"data_len":-1}` + "\n"))
	f.Add([]byte("not json\n"))
	f.Add([]byte(`{"id":6,"path":"no newline"}`))
	hello := []byte(`{"options":{"MaxFileBytes":4096},"memory_limit":0}` + "\n")
	newEx := func(extract.Options) (Extractor, error) { return echoExtractor{}, nil }
	f.Fuzz(func(t *testing.T, stream []byte) {
		var out bytes.Buffer
		in := append(append([]byte{}, hello...), stream...)
		_ = Serve(context.Background(), bytes.NewReader(in), &out, newEx)
		sc := bufio.NewScanner(&out)
		sc.Buffer(nil, 1<<20)
		first := true
		for sc.Scan() {
			if first {
				var r ready
				if err := json.Unmarshal(sc.Bytes(), &r); err != nil || !r.Ready {
					t.Fatalf("first line %q is not ready", sc.Bytes())
				}
				first = false
				continue
			}
			var resp response
			if err := json.Unmarshal(sc.Bytes(), &resp); err != nil {
				t.Fatalf("output line %q: %v", sc.Bytes(), err)
			}
		}
		if first {
			t.Fatal("no ready line")
		}
	})
}

// TestServeRejects checks the worker's answers to bad streams.
func TestServeRejects(t *testing.T) {
	hello := `{"options":{"MaxFileBytes":4096}}` + "\n"
	newEx := func(extract.Options) (Extractor, error) { return echoExtractor{}, nil }
	tests := []struct {
		name    string
		in      string
		wantErr bool
		answers int
	}{
		{"no hello", "", true, 0},
		{"bad hello", "{\n", true, 0},
		{"empty stream", hello, false, 0},
		{"two requests", hello + `{"id":1,"path":"a"}` + "\n" + `{"id":2,"source":"s","inline":true,"data_len":2}` + "\nxy", false, 2},
		{"data over the file limit", hello + `{"id":1,"inline":true,"data_len":5000}` + "\n", true, 0},
		{"short data", hello + `{"id":1,"inline":true,"data_len":10}` + "\nab", true, 0},
		{"bad request", hello + "[]\n", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Serve(context.Background(), bytes.NewReader([]byte(tt.in)), &out, newEx)
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
			lines := bytes.Count(out.Bytes(), []byte("\n"))
			if want := tt.answers + 1; tt.name != "no hello" && tt.name != "bad hello" && lines != want {
				t.Errorf("%d lines out, want %d: %s", lines, want, out.Bytes())
			}
		})
	}
}
