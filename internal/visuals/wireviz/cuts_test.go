package wireviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the header, the legend, the byte's bits and the size line wrap
// ("value to write 18446744073709551615 (0xffff…" beside the tree), and a
// field too long for a narrow pane ends in …: no line is drawn past the
// edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
