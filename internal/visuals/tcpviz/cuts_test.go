package tcpviz

import (
	"testing"

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
