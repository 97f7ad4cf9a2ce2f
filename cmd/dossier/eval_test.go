package main

import (
	"strings"
	"testing"
)

func TestEvalUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eval"}, "eval pdf|html|legal"},
		{[]string{"eval", "colour"}, "unknown eval target"},
		{[]string{"eval", "html", "--sets", "nope"}, "unknown set"},
		{[]string{"eval", "legal", "--sets", "nope"}, "unknown set"},
		{[]string{"eval", "pdf", "--nope"}, "not defined"},
	} {
		code, _, errOut := runCmd(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q (want 2 and %q)", c.args, code, errOut, c.want)
		}
	}
}
