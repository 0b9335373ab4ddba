package visuals

import (
	"flag"
	"testing"

	"tutor/internal/visual/visualtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden pins every visual's traces on the inputs of
// testdata/golden/NAME.inputs.jsonl (the README's among them), its first,
// middle and last frames at 40, 80 and 120 columns, and what its knobs
// give.
func TestGolden(t *testing.T) {
	for _, v := range All() {
		t.Run(v.Name(), func(t *testing.T) { visualtest.Golden(t, v, "testdata/golden", *update) })
	}
}

// TestSteps holds every visual to both directions of the step contract:
// each step a frame names is marked "// step:" in the solution's source,
// and each marked step is reached by the default input or an example.
func TestSteps(t *testing.T) {
	for _, v := range All() {
		t.Run(v.Name(), func(t *testing.T) { visualtest.Steps(t, v) })
	}
}
