package tcpviz

import (
	"strings"
	"testing"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the header and the legend wrap, the panel's figures wrap between
// them, and what is cut ends in … (tcpviz cut "[client CLOSED] [ser" with
// no mark at 20 columns, and a 61.204s row ran a column past the edge at
// 96): no line is drawn past the edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}

func TestShorterKeepsTheValue(t *testing.T) {
	for in, want := range map[string]string{"▸61.204s": "▸61.20s", "61.204s": "61.204s", "▸1.5s": "▸1.5s", "▸1000000s": "▸1000000s", "▸12.5s": "▸12.5s", "▸123.45s": "▸123.4s", "▸1234.56s": "▸1234s"} {
		if got := shorter(in, 7); got != want {
			t.Errorf("shorter(%q, 7) = %q, want %q", in, got, want)
		}
	}
}

// TestShortPaneKeepsADiagramRow: on a pane of three rows too narrow for
// the header on one line, the header does not wrap into the diagram's
// room (at 40x12 the wrapped header left no row of the diagram).
func TestShortPaneKeepsADiagramRow(t *testing.T) {
	in, err := parse([]string{"--send", "5000", "--drop", "2"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 10, len(rec.frames) - 1} {
		lines := rec.Draw(i, 40, 3, visual.NewTheme(true, true))
		if len(lines) < 2 || !strings.Contains(lines[1], "│") {
			t.Errorf("frame %d at 40x3: %q, want the header and a row of the diagram", i+1, lines)
		}
	}
}
