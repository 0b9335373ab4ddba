package groupcacheviz

import (
	"math/rand/v2"
	"testing"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

func randFor(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 2)) }

// FuzzInput types an arbitrary line into the input box: it is refused
// with an error of one line, or it parses to an input Format writes back
// as the same input, whose run draws inside its box and traces; never a
// panic.
func FuzzInput(f *testing.F) {
	for _, args := range append(append(goodInputs, badInputs...), spec.Examples...) {
		f.Add(visual.JoinArgs(args))
	}
	f.Add("--get 'k1, ,k1' --down ' b ,B' --peers 2")
	f.Add("--get e\u0301 --missing e\u0301,e\u0301")
	v := New()
	f.Fuzz(func(t *testing.T, line string) {
		visualtest.Line(t, v, parse, format, sameInput, line)
	})
}
