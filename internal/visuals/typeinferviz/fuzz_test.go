package typeinferviz

import (
	"strings"
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
	f.Add("--fn '[T1,T1]->T1' --args '[[int],[[int]]]'")
	f.Add("--fn '[[]]->[]' --args '[[]]' --edit 1")
	f.Add("--fn='[T] -> T' --args='[T]'")
	v := New()
	f.Fuzz(func(t *testing.T, line string) {
		r, err := visualtest.Line(t, v, parse, format, sameInput, line)
		if err != nil {
			// An ill-typed call is an answer, not a refusal.
			t.Fatalf("%q: parsed but does not run: %v", line, err)
		}
		if r == nil {
			return
		}
		if !strings.HasPrefix(r.Final(), "returns ") && !strings.Contains(r.Final(), "error: ") {
			t.Fatalf("%q: Final %q", line, r.Final())
		}
	})
}
