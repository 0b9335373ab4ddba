package ipviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the title, the notes and the block's count wrap, a row of bits too
// wide for a narrow pane ends in …, and the wide panel's rows fit (its
// width counted "mask /30 ◀" one column short): no line is drawn past the
// edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec(), goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
