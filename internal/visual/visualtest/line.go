package visualtest

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// Line is the body of a visualization's FuzzInput: it types line into v's
// input box. A line that does not split or parse must be refused with an
// error of one line. One that parses must be written back by format as an
// input that parses to the same (same reports whether two inputs are
// equal), and must run, or be refused in one line; its first, middle and
// last frames must draw inside boxes from 7x3 to 130x40 and give their
// trace text. Line returns the run, or the run's error; (nil, nil) when
// the line did not parse.
func Line[In any](t *testing.T, v visual.Visual, parse func([]string) (In, error), format func(In) []string, same func(a, b In) bool, line string) (visual.Run, error) {
	t.Helper()
	args, err := visual.SplitArgs(line)
	if err != nil {
		return nil, nil
	}
	in, err := parse(args)
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("%q: error of several lines: %q", args, err)
		}
		return nil, nil
	}
	if again, err := parse(format(in)); err != nil || !same(in, again) {
		t.Fatalf("%q: parse(format(in)) = %+v, %v; want %+v", args, again, err, in)
	}
	r, err := v.Run(args)
	if err != nil {
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("%q: error of several lines: %q", args, err)
		}
		return nil, err
	}
	th := visual.NewTheme(true, false)
	for _, i := range []int{0, r.Len() / 2, r.Len() - 1} {
		for _, sz := range [][2]int{{7, 3}, {33, 9}, {80, 24}, {130, 40}} {
			out := r.Render(i, sz[0], sz[1], th)
			if n := strings.Count(out, "\n") + 1; n > sz[1] {
				t.Fatalf("%q frame %d at %dx%d: %d lines", args, i, sz[0], sz[1], n)
			}
			for _, l := range strings.Split(out, "\n") {
				if ansi.StringWidth(l) > sz[0] {
					t.Fatalf("%q frame %d at %dx%d: a line of %d columns", args, i, sz[0], sz[1], ansi.StringWidth(l))
				}
			}
		}
		_ = r.State(i)
	}
	return r, nil
}
