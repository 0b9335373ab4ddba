package kvviz

import (
	"testing"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

// FuzzInput types an arbitrary line into the input box: it must be refused
// with an error of one line, or parse to an input that Format writes back
// as the same input and whose run draws inside its box and traces; never
// a panic.
func FuzzInput(f *testing.F) {
	for _, args := range append(goodInputs, badInputs...) {
		f.Add(visual.JoinArgs(args))
	}
	f.Add("--put = --put =x --chunk 1")
	f.Add("--put '名字=值' --chunk 99999999999")
	f.Add("--put=a=b --chunk=+2 --put b=")
	v := New()
	f.Fuzz(func(t *testing.T, line string) {
		visualtest.Line(t, v, parse, format, sameInput, line)
	})
}
