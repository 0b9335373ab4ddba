package ratelimitviz

import (
	"testing"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

// FuzzInput types an arbitrary line into the input box: it must be
// refused with an error of one line, or parse to an input that Format
// writes back as the same input and whose run draws inside its box and
// traces; never a panic.
func FuzzInput(f *testing.F) {
	for _, args := range append(goodInputs, badInputs...) {
		f.Add(visual.JoinArgs(args))
	}
	f.Add("--limiter leaky-bucket --burst 0 --at 0,0,0,0.0000001,999999.999999")
	f.Add("--at 1e-7,1e6 --burst-at 1@0 --window 1ms")
	f.Add("--limiter sliding-slots --slots 100 --window 1h --at 3599.99,3600")
	v := New()
	f.Fuzz(func(t *testing.T, line string) {
		visualtest.Line(t, v, parse, format, sameInput, line)
	})
}
