package lruviz

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
	f.Add("--ops 'put a 1,,get a;del a' --policy redis-lfu --tick 86400 --cap 1")
	f.Add("--ops 'put é 1, get é' --samples 1 --policy redis-lru")
	v := New()
	f.Fuzz(func(t *testing.T, line string) {
		visualtest.Line(t, v, parse, format, sameInput, line)
	})
}
