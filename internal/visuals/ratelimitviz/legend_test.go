package ratelimitviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// TestLegendNamesTheQuestionMark is the tester's finding: the chart marks
// the request being decided with "?", which the legend did not name.
// Every frame that draws a "?" has "? deciding" in its legend.
func TestLegendNamesTheQuestionMark(t *testing.T) {
	seen := false
	for _, args := range append([][]string{New().DefaultArgs()}, goodInputs...) {
		r, err := New().Run(args)
		if err != nil {
			t.Fatal(err)
		}
		for i := range r.Len() {
			out := ansi.Strip(r.Render(i, 120, 40, visual.NewTheme(true, true)))
			if !strings.Contains(out, "?") {
				continue
			}
			seen = true
			if !strings.Contains(out, "? deciding") {
				t.Fatalf("%q frame %d draws ? and its legend does not name it:\n%s", args, i+1, out)
			}
		}
	}
	if !seen {
		t.Fatal("no frame draws ?: the test proves nothing")
	}
}
