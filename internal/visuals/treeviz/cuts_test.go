package treeviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the header drops its last parts, the legend and the answer wrap
// (the answer's "10 messages for 6 machines" ran past a 64-column pane,
// the header past a 53-column one, the legend's second line below a tall
// tree), and a row of the picture too wide ends in …: no line is drawn
// past the edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec(), append(goodInputs, dupInputs...), visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
