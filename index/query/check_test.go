package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParseChecked(t *testing.T) {
	tests := []struct {
		q, err string // err: a fragment of the message, or "" for valid
		pos    int
	}{
		{"spyware AND court:cand", "", 0},
		{`judge:"phyllis hamilton"~2`, "", 0},
		{"date:[2024 TO 2025-06]", "", 0},
		{"case:19-cv-7123 OR cites:4:19-cv-07123-PJH", "", 0},
		{"case:foo", "not a case number: foo", 5},
		{"x court:ca*", "field court takes exact values only", 8},
		{"kind:filing~1", "field kind takes exact values only", 5},
		{`date:"2024"`, "field date does not take a phrase", 5},
		{`site:"a b"~3`, "field site does not take a proximity search", 5},
		{"title:[a TO b]", "ranges are supported on date only", 6},
		{"date:[2025 TO 2024]", "the range ends (2024) before it starts (2025)", 5},
		{"date:2024-13", "bad date", 5},
		{"jdge:hamilton", "did you mean judge:", 0},
	}
	for _, tt := range tests {
		_, err := ParseChecked(tt.q)
		if tt.err == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.q, err)
			}
			continue
		}
		var qe *Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.err) || qe.Pos != tt.pos || !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: error %v, want %q at %d", tt.q, err, tt.err, tt.pos)
		}
	}
}
