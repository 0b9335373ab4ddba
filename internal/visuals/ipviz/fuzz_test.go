package ipviz

import (
	"slices"
	"strings"
	"testing"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// FuzzInput types a line into the input box: Parse never panics and
// refuses with one line; an input it takes formats back to itself, and its
// run ends on a step that ends a walk, with the by-hand Walker yielding
// exactly what the package's 32-bit iterators give (Final).
func FuzzInput(f *testing.F) {
	for _, args := range append(goodInputs, badInputs...) {
		f.Add(visual.JoinArgs(args))
	}
	f.Add("--from 255.255.255.255 --count 3")
	f.Add("--from 0.0.0.0 --reverse --count 2")
	f.Add("--cidr 255.255.255.255/0 --count 1024 --reverse")
	f.Fuzz(func(t *testing.T, line string) {
		args, err := visual.SplitArgs(line)
		if err != nil {
			return
		}
		in, err := parse(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("%q: error of more than one line: %q", args, err)
			}
			return
		}
		if again, err := parse(in.args()); err != nil || again != in {
			t.Fatalf("%q: formatted %q, parsed back %+v, %v; want %+v", args, in.args(), again, err, in)
		}
		r, err := record(in)
		if err != nil || r.Len() < 1 {
			t.Fatalf("%q: %d frames, %v", args, r.Len(), err)
		}
		switch end := r.views[r.Len()-1].ev.Step; end {
		case ipv4.StepDone, ipv4.StepStopped, ipv4.StepOverflow, ipv4.StepUnderflow:
		default:
			t.Fatalf("%q: the walk ends on %s", args, end)
		}
		if !slices.Equal(r.yielded, r.final) {
			t.Fatalf("%q: the Walker yields %v, the iterators %v", args, r.yielded, r.final)
		}
		if n := len(r.final); n < 1 || n > maxAddrs {
			t.Fatalf("%q: %d addresses", args, n)
		}
	})
}
