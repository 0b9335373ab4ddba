package lruviz

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
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
	th := visual.NewTheme(true, false)
	f.Fuzz(func(t *testing.T, line string) {
		args, err := visual.SplitArgs(line)
		if err != nil {
			return
		}
		in, err := parse(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error of several lines: %q", args, err)
			}
			return
		}
		if again, err := parse(format(in)); err != nil || !sameInput(in, again) {
			t.Fatalf("%q: parse(format(in)) = %+v, %v; want %+v", args, again, err, in)
		}
		r, err := v.Run(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error of several lines: %q", args, err)
			}
			return
		}
		for _, i := range []int{0, r.Len() / 2, r.Len() - 1} {
			for _, sz := range [][2]int{{7, 3}, {33, 9}, {80, 24}} {
				for _, l := range strings.Split(r.Render(i, sz[0], sz[1], th), "\n") {
					if ansi.StringWidth(l) > sz[0] {
						t.Fatalf("%q frame %d at %dx%d: a line of %d columns", args, i, sz[0], sz[1], ansi.StringWidth(l))
					}
				}
			}
			_ = r.State(i)
		}
	})
}
