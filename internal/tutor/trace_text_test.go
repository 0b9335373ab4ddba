package tutor

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestTraceTreeOfThousands: tutor trace takes trees the picture does not,
// by the visual's name and by its lesson's id, step by step and in
// summary, and ends with the machine and message counts; a tree larger
// than even the trace takes is a usage error naming it.
func TestTraceTreeOfThousands(t *testing.T) {
	var chain strings.Builder
	const n = 3000
	for k := 1; k <= n; k++ {
		if k > 1 {
			chain.WriteByte('(')
		}
		chain.WriteString(strconv.Itoa(k))
	}
	chain.WriteString(strings.Repeat(")", n-1))
	end := "count 3000\nmachines 3000\nmessages 5998\n"
	for _, args := range [][]string{
		{"tree", "--tree", chain.String(), "--op", "count", "--summary"},
		{"machinetree", "--random", "3000", "--op", "count", "--summary"},
		{"tree", "--tree", chain.String(), "--op", "count"},
	} {
		var out bytes.Buffer
		e := Env{Stdout: &out, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }, Now: time.Now}
		if err := Trace(e, args); err != nil {
			t.Fatalf("%.40q: %v", args, err)
		}
		if !strings.HasSuffix(out.String(), end) {
			t.Errorf("%.40q: the trace ends %q, want %q", args, out.String()[max(out.Len()-80, 0):], end)
		}
	}
	e := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: func(string) string { return "" }, Now: time.Now}
	err := Trace(e, []string{"tree", "--random", "1000001", "--summary"})
	var u UsageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), "1000001") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a tree too large even for the trace: %v, want a one-line usage error naming 1000001", err)
	}
}
