package ratelimitviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
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
