package lruviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestNothingCutWithoutMark: at every width from 20 to 160, short and
// tall, the header drops the other policies, then the capacity; the
// titles, the eviction's reason and the cells wrap; a chart row too wide
// ends in …: no line is drawn past the edge ("[lru] lfu redis-lru
// redis-lfu  op 1/6 p…" at 40), and no word is cut without a mark.
func TestNothingCutWithoutMark(t *testing.T) {
	visualtest.Cuts(t, spec, goodInputs, visualtest.CutRules{Floor: visualtest.CutMinWidth})
}
