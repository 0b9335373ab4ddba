package ipviz

import (
	"net/netip"
	"strings"
	"testing"

	"tutor/solutions/ipv4"
)

// TestDefaultRipplesACarry: the first walk a learner sees is the lesson's
// hard case, a carry that wraps more than one octet. net/netip, not the
// solution, says where the walk crosses: some address and the next differ
// in three octets or more (two wrap to 0 and a third takes the one), and
// the frames show the carries one after another.
func TestDefaultRipplesACarry(t *testing.T) {
	v := New()
	r, err := v.Run(v.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	in, err := parse(v.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	if in.isBlock() || in.reverse {
		t.Fatalf("default %q: want a forward range", v.DefaultArgs())
	}
	a, err := netip.ParseAddr(in.from.String())
	if err != nil {
		t.Fatal(err)
	}
	wrapped := 0
	for range in.count - 1 {
		b := a.Next()
		x, y := a.As4(), b.As4()
		n := 0
		for k := range 4 {
			if x[k] != y[k] {
				n++
			}
		}
		wrapped = max(wrapped, n-1)
		a = b
	}
	if wrapped < 2 {
		t.Errorf("default %q: no step wraps more than %d octet(s); want a carry through two", v.DefaultArgs(), wrapped)
	}
	run, most := 0, 0
	var steps []string
	for i := range r.Len() {
		s := r.Frame(i).Step
		steps = append(steps, s)
		if s == string(ipv4.StepCarry) {
			run++
			most = max(most, run)
		} else {
			run = 0
		}
	}
	if most < 2 {
		t.Errorf("default %q: frames %s carry at most %d time(s) in a row", v.DefaultArgs(), strings.Join(steps, " "), most)
	}
}
