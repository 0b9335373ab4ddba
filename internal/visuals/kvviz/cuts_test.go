package kvviz

import (
	"regexp"
	"testing"

	"tutor/internal/visual/visualtest"
)

// hexRow is a row of the hex dump: a 4-digit offset, then the bytes and
// their text column, whose words are pieces of the stream by design.
var hexRow = regexp.MustCompile(`^ *[0-9a-f]{4}[ ┃]`)

// TestNothingCutWithoutMark: at every width from 20 to 160 the legend
// wraps between its items (with chunking on it ran past a 64-column pane)
// and the header drops the other phases' names and then its units: no line
// is drawn past the edge, and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{
		Floor: visualtest.CutMinWidth,
		Dump:  hexRow.MatchString,
	})
}
