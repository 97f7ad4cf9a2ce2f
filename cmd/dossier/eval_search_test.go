package main

import (
	"strings"
	"testing"
)

func TestEvalSearchUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "search", "--split", "train"}, "split"},
		{[]string{"eval", "search", "--depth", "1000"}, "depth"},
		{[]string{"eval", "search", "extra"}, "takes no arguments"},
		{[]string{"eval", "search", "--nope"}, "not defined"},
	} {
		code, _, errOut := runCmd(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q (want 2 and %q)", c.args, code, errOut, c.want)
		}
	}
}

func TestEvalSearchNoShared(t *testing.T) {
	code, _, errOut := runCmd(t, "eval", "search", "--shared", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "shared corpus not found") {
		t.Errorf("exit %d, %q (want 1 and a missing-corpus message)", code, errOut)
	}
}
