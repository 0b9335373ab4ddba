package visual

import (
	"fmt"
	"io"
	"strings"
)

// Trace writes r as plain text, the output of `tutor trace`: one block a
// step (its number, step id, explanation, and the state indented: only
// Trace asks a run for State), then a blank line and r.Final().
func Trace(w io.Writer, r Run) error {
	n := r.Len()
	var b strings.Builder
	for i := range n {
		f := r.Frame(i)
		fmt.Fprintf(&b, "step %d/%d  %s\n", i+1, n, f.Step)
		fmt.Fprintf(&b, "  %s\n", f.Explain)
		if s := strings.TrimRight(r.State(i), "\n"); s != "" {
			for line := range strings.SplitSeq(s, "\n") {
				fmt.Fprintf(&b, "    %s\n", line)
			}
		}
		b.WriteByte('\n')
	}
	b.WriteString(strings.TrimRight(r.Final(), "\n"))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}
