package typeinferviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the status and a binding's path wrap (a deep path ran 130 columns
// past the edge), as does an unbound generic's reason, and the table's
// columns fit a 20-column pane: no line is drawn past the edge, and no
// word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
