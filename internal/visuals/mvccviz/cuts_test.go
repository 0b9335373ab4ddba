package mvccviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the title, the legend, the versions, the transactions and locks
// and Hermitage's table wrap (the table's sentences ran up to 150 columns
// past the edge), and a script row wider than its columns ends in …: no
// line is drawn past the edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
