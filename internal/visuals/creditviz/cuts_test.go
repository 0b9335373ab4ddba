package creditviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160 the legend and
// the totals wrap, the header drops the query time, the heap's title its
// key and the array its tail with …: no line is drawn past the edge, and
// no word is cut without a mark (at 64 columns, the pane of a 120x40
// terminal, the legend ended "query [x] thi").
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, inputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
