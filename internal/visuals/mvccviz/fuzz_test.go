package mvccviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// FuzzInput types an arbitrary line into the input box: it must be refused
// with an error of one line, or parse to an input that Format writes back
// as the same input and whose run draws inside its box; never a panic.
func FuzzInput(f *testing.F) {
	for _, args := range append(goodInputs, badInputs...) {
		f.Add(visual.JoinArgs(args))
	}
	f.Add("--engine pg --level serializable --sql 'begin; -- T1 | select * from test where id in (3, 1) for share; -- T1'")
	f.Add("--level read-committed --script pmp-write.rr")
	v := New()
	th := visual.NewTheme(true, true)
	f.Fuzz(func(t *testing.T, line string) {
		args, err := visual.SplitArgs(line)
		if err != nil {
			return
		}
		for _, a := range args {
			if strings.HasPrefix(strings.TrimLeft(a, "-"), "file") {
				return // the fuzzer does not read files
			}
		}
		in, err := parse(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error of several lines: %q", args, err)
			}
			return
		}
		if again, err := parse(format(in)); err != nil || again != in {
			t.Fatalf("%q: parse(format(in)) = %+v, %v; want %+v", args, again, err, in)
		}
		if in.table {
			return
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
