package ratelimitviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the header, the limiter's numbers and the legend keep their line
// where it fits and wrap where it does not ("request 7/12 at 1.05s
// denied: queu…" at 70): no line is drawn past the edge, and no word is
// cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
