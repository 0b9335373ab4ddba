package ipv4

import (
	"iter"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func collect(seq iter.Seq[Addr]) []string {
	return slices.Collect(Strings(seq))
}

// impl is one way of walking: the package functions on a 32-bit integer, or
// the classic Walker by hand.
type impl struct {
	name                 string
	rng, rngBack         func(Addr, int) iter.Seq[Addr]
	block, blockBackward func(Prefix) iter.Seq[Addr]
}

var impls = []impl{
	{"32-bit", Range, RangeBackward, Block, BlockBackward},
	{"by hand", Walker{}.Range, Walker{}.RangeBackward, Walker{}.Block, Walker{}.BlockBackward},
}

func TestWalkEnds(t *testing.T) {
	for _, im := range impls {
		for _, tc := range []struct {
			name string
			seq  iter.Seq[Addr]
			want string
		}{
			{"forward off the top", im.rng(MustParseAddr("255.255.255.254"), 5), "255.255.255.254 255.255.255.255"},
			{"forward exactly to the top", im.rng(MustParseAddr("255.255.255.254"), 2), "255.255.255.254 255.255.255.255"},
			{"forward at the top", im.rng(MustParseAddr("255.255.255.255"), 3), "255.255.255.255"},
			{"backward off the bottom", im.rngBack(MustParseAddr("0.0.0.1"), 5), "0.0.0.1 0.0.0.0"},
			{"backward at the bottom", im.rngBack(MustParseAddr("0.0.0.0"), 3), "0.0.0.0"},
			{"count 0", im.rng(MustParseAddr("1.2.3.4"), 0), ""},
			{"count negative", im.rngBack(MustParseAddr("1.2.3.4"), -3), ""},
			{"count 1", im.rng(MustParseAddr("1.2.3.4"), 1), "1.2.3.4"},
			{"huge count", im.rng(MustParseAddr("255.255.255.253"), math.MaxInt), "255.255.255.253 255.255.255.254 255.255.255.255"},
		} {
			if got := strings.Join(collect(tc.seq), " "); got != tc.want {
				t.Errorf("%s, %s: got %q, want %q", im.name, tc.name, got, tc.want)
			}
		}
	}
}

func TestWalkCarries(t *testing.T) {
	for _, tc := range []struct {
		start   string
		count   int
		reverse bool
		want    string
	}{
		{"10.0.0.254", 4, false, "10.0.0.254 10.0.0.255 10.0.1.0 10.0.1.1"},
		{"10.0.0.255", 2, false, "10.0.0.255 10.0.1.0"},
		{"10.255.255.255", 2, false, "10.255.255.255 11.0.0.0"},
		{"0.255.255.255", 2, false, "0.255.255.255 1.0.0.0"},
		{"10.0.1.1", 4, true, "10.0.1.1 10.0.1.0 10.0.0.255 10.0.0.254"},
		{"11.0.0.0", 2, true, "11.0.0.0 10.255.255.255"},
		{"1.0.0.0", 2, true, "1.0.0.0 0.255.255.255"},
	} {
		for _, im := range impls {
			start := MustParseAddr(tc.start)
			seq := im.rng(start, tc.count)
			if tc.reverse {
				seq = im.rngBack(start, tc.count)
			}
			if got := strings.Join(collect(seq), " "); got != tc.want {
				t.Errorf("%s: %s count %d reverse %v: got %q, want %q", im.name, tc.start, tc.count, tc.reverse, got, tc.want)
			}
		}
	}
}

func TestBlock(t *testing.T) {
	for _, tc := range []struct {
		cidr     string
		forward  string
		backward string
	}{
		{"192.168.1.0/30", "192.168.1.0 192.168.1.1 192.168.1.2 192.168.1.3", "192.168.1.3 192.168.1.2 192.168.1.1 192.168.1.0"},
		{"192.168.1.6/30", "192.168.1.4 192.168.1.5 192.168.1.6 192.168.1.7", "192.168.1.7 192.168.1.6 192.168.1.5 192.168.1.4"},
		{"10.0.0.255/32", "10.0.0.255", "10.0.0.255"},
		{"10.0.0.255/31", "10.0.0.254 10.0.0.255", "10.0.0.255 10.0.0.254"},
		{"10.0.0.254/29", "10.0.0.248 10.0.0.249 10.0.0.250 10.0.0.251 10.0.0.252 10.0.0.253 10.0.0.254 10.0.0.255",
			"10.0.0.255 10.0.0.254 10.0.0.253 10.0.0.252 10.0.0.251 10.0.0.250 10.0.0.249 10.0.0.248"},
		{"255.255.255.255/30", "255.255.255.252 255.255.255.253 255.255.255.254 255.255.255.255",
			"255.255.255.255 255.255.255.254 255.255.255.253 255.255.255.252"},
		{"0.0.0.3/31", "0.0.0.2 0.0.0.3", "0.0.0.3 0.0.0.2"},
		{"0.0.0.0/32", "0.0.0.0", "0.0.0.0"},
		{"255.255.255.255/32", "255.255.255.255", "255.255.255.255"},
	} {
		p := MustParsePrefix(tc.cidr)
		for _, im := range impls {
			if got := strings.Join(collect(im.block(p)), " "); got != tc.forward {
				t.Errorf("%s: %s forward: got %q, want %q", im.name, tc.cidr, got, tc.forward)
			}
			if got := strings.Join(collect(im.blockBackward(p)), " "); got != tc.backward {
				t.Errorf("%s: %s backward: got %q, want %q", im.name, tc.cidr, got, tc.backward)
			}
		}
		if got := strings.Join(collect(p.All()), " "); got != tc.forward {
			t.Errorf("%s All: got %q", tc.cidr, got)
		}
		if got := strings.Join(collect(p.Backward()), " "); got != tc.backward {
			t.Errorf("%s Backward: got %q", tc.cidr, got)
		}
	}
}

// firstLast reports the first n and the last n addresses seq yields, and
// how many it yields in all.
func firstLast(seq iter.Seq[Addr], n int) (first, last []Addr, total uint64) {
	ring := make([]Addr, n)
	for a := range seq {
		if len(first) < n {
			first = append(first, a)
		}
		ring[total%uint64(n)] = a
		total++
	}
	for i := range min(uint64(n), total) {
		last = append(last, ring[(total-min(uint64(n), total)+i)%uint64(n)])
	}
	return first, last, total
}

func TestBlockSlash12Whole(t *testing.T) {
	p := MustParsePrefix("10.20.30.40/12")
	for _, im := range impls {
		first, last, total := firstLast(im.block(p), 2)
		if total != 1<<20 || first[0].String() != "10.16.0.0" || first[1].String() != "10.16.0.1" ||
			last[0].String() != "10.31.255.254" || last[1].String() != "10.31.255.255" {
			t.Errorf("%s: /12 forward: %v ... %v, %d addresses", im.name, first, last, total)
		}
		first, last, total = firstLast(im.blockBackward(p), 1)
		if total != 1<<20 || first[0].String() != "10.31.255.255" || last[0].String() != "10.16.0.0" {
			t.Errorf("%s: /12 backward: %v ... %v, %d addresses", im.name, first, last, total)
		}
	}
}

func TestBlockSlash0(t *testing.T) {
	p := MustParsePrefix("0.0.0.0/0")
	// The whole space is 2^32 addresses: walk its ends by breaking early.
	for _, im := range impls {
		var got []string
		for a := range im.block(p) {
			got = append(got, a.String())
			if len(got) == 3 {
				break
			}
		}
		for a := range im.blockBackward(p) {
			got = append(got, a.String())
			if len(got) == 6 {
				break
			}
		}
		want := "0.0.0.0 0.0.0.1 0.0.0.2 255.255.255.255 255.255.255.254 255.255.255.253"
		if s := strings.Join(got, " "); s != want {
			t.Errorf("%s: /0 ends: %q, want %q", im.name, s, want)
		}
	}
	// Walking the whole /0 takes seconds (the by-hand walk a minute): the
	// count that ends it is checked here, the stop at the end in TestWalkEnds.
	if n := p.NumAddrs(); n != 1<<32 {
		t.Errorf("/0 holds %d addresses", n)
	}
}

func TestBreakStopsAtOnce(t *testing.T) {
	calls := 0
	var last Event
	w := Walker{Observe: func(e Event) {
		if e.Step == StepIncrement || e.Step == StepCarry {
			calls++
		}
		last = e
	}}
	for a := range w.Range(MustParseAddr("10.0.0.255"), 100) {
		if a.String() != "10.0.0.255" {
			t.Fatalf("first address %v", a)
		}
		break
	}
	if calls != 0 {
		t.Errorf("the walk stepped %d times after the loop broke", calls)
	}
	if last.Step != StepStopped || last.Index != 1 || last.Addr.String() != "10.0.0.255" {
		t.Errorf("the last event is %+v, want a stopped event after address 1", last)
	}
}

func TestStrings(t *testing.T) {
	var got []string
	for s := range Strings(Range(MustParseAddr("10.0.0.254"), 4)) {
		got = append(got, s)
		if len(got) == 2 {
			break
		}
	}
	if strings.Join(got, " ") != "10.0.0.254 10.0.0.255" {
		t.Errorf("Strings with break: %q", got)
	}
}

// events runs seq with a recording observer set on w by mk and returns the
// steps as "step[octet]" words and the addresses yielded.
func events(t *testing.T, run func(w Walker) iter.Seq[Addr]) (steps string, evs []Event) {
	t.Helper()
	w := Walker{Observe: func(e Event) { evs = append(evs, e) }}
	var yielded []Addr
	for a := range run(w) {
		yielded = append(yielded, a)
	}
	var words []string
	k := 0
	for _, e := range evs {
		if e.Octet >= 0 {
			words = append(words, string(e.Step)+string(rune('1'+e.Octet)))
		} else {
			words = append(words, string(e.Step))
		}
		if strings.TrimSpace(e.Explain) == "" || strings.Contains(e.Explain, "\n") {
			t.Errorf("event %s: explanation %q", e.Step, e.Explain)
		}
		if e.Step == StepYield {
			if k >= len(yielded) || e.Addr != yielded[k] || addrOf(e.Octets) != e.Addr || e.Index != uint64(k+1) {
				t.Errorf("yield event %d: %+v, yielded %v", k, e, yielded)
			}
			k++
		}
	}
	if k != len(yielded) {
		t.Errorf("%d yield events for %d addresses", k, len(yielded))
	}
	return strings.Join(words, " "), evs
}

func TestObserverCarry(t *testing.T) {
	steps, evs := events(t, func(w Walker) iter.Seq[Addr] { return w.Range(MustParseAddr("10.255.255.255"), 2) })
	want := "start yield carry4 carry3 carry2 increment1 yield done"
	if steps != want {
		t.Fatalf("steps %q, want %q", steps, want)
	}
	// After each carry the octet is 0 and the ones on its left are untouched.
	if evs[2].Octets != [4]int{10, 255, 255, 0} || evs[4].Octets != [4]int{10, 0, 0, 0} || evs[5].Octets != [4]int{11, 0, 0, 0} {
		t.Errorf("octets after the carries: %v %v %v", evs[2].Octets, evs[4].Octets, evs[5].Octets)
	}
	for _, s := range []string{"wraps to 0 and carries 1 into octet 3", "add 1 to octet 1: 10 becomes 11"} {
		if !strings.Contains(evs[2].Explain+evs[5].Explain, s) {
			t.Errorf("explanations %q / %q lack %q", evs[2].Explain, evs[5].Explain, s)
		}
	}
}

func TestObserverBorrowAndEnds(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(w Walker) iter.Seq[Addr]
		want string
	}{
		{"borrow", func(w Walker) iter.Seq[Addr] { return w.RangeBackward(MustParseAddr("10.1.0.0"), 2) },
			"start yield borrow4 borrow3 decrement2 yield done"},
		{"overflow", func(w Walker) iter.Seq[Addr] { return w.Range(MustParseAddr("255.255.255.254"), 9) },
			"start yield increment4 yield carry4 carry3 carry2 carry1 overflow"},
		{"underflow", func(w Walker) iter.Seq[Addr] { return w.RangeBackward(MustParseAddr("0.0.0.1"), 9) },
			"start yield decrement4 yield borrow4 borrow3 borrow2 borrow1 underflow"},
		{"count met at the top", func(w Walker) iter.Seq[Addr] { return w.Range(MustParseAddr("255.255.255.255"), 1) },
			"start yield done"},
		{"block", func(w Walker) iter.Seq[Addr] { return w.Block(MustParsePrefix("192.168.1.5/31")) },
			"mask network last start yield increment4 yield done"},
		{"block backward", func(w Walker) iter.Seq[Addr] { return w.BlockBackward(MustParsePrefix("192.168.1.0/31")) },
			"mask network last start yield decrement4 yield done"},
	} {
		if steps, _ := events(t, tc.run); steps != tc.want {
			t.Errorf("%s: steps %q, want %q", tc.name, steps, tc.want)
		}
	}
}

func TestObserverMask(t *testing.T) {
	_, evs := events(t, func(w Walker) iter.Seq[Addr] { return w.Block(MustParsePrefix("192.168.1.5/30")) })
	mask, network, last := evs[0], evs[1], evs[2]
	if mask.Mask.String() != "255.255.255.252" || mask.Octets != [4]int{255, 255, 255, 252} {
		t.Errorf("mask event %+v", mask)
	}
	if network.Network.String() != "192.168.1.4" || !strings.Contains(network.Explain, "192.168.1.5 AND 255.255.255.252 = 192.168.1.4") {
		t.Errorf("network event %+v", network)
	}
	if last.Last.String() != "192.168.1.7" || last.Count != 4 || !strings.Contains(last.Explain, "192.168.1.4 OR 0.0.0.3") {
		t.Errorf("last event %+v", last)
	}
}

func TestNilObserverAllocatesNothing(t *testing.T) {
	p := MustParsePrefix("10.0.0.0/22")
	var sum uint64
	n := testing.AllocsPerRun(20, func() {
		for a := range (Walker{}).Block(p) {
			sum += uint64(a.Octets()[3])
		}
		for a := range (Walker{}).RangeBackward(MustParseAddr("10.0.4.0"), 600) {
			sum += uint64(a.Octets()[3])
		}
		for a := range Block(p) {
			sum += uint64(a.Octets()[3])
		}
	})
	if n != 0 {
		t.Errorf("walking without an observer allocates %v times a run", n)
	}
	if sum == 0 {
		t.Error("nothing walked")
	}
}

// TestStepMarkers checks that every step a Walker reports is marked exactly
// once in walk.go, the file the source pane shows, and nothing else is.
func TestStepMarkers(t *testing.T) {
	src, err := os.ReadFile("walk.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`// step: (\S+)`)
	seen := map[string]int{}
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		seen[m[1]]++
	}
	steps := []Step{StepStart, StepYield, StepIncrement, StepCarry, StepOverflow, StepDecrement,
		StepBorrow, StepUnderflow, StepDone, StepStopped, StepMask, StepNetwork, StepLast}
	for _, s := range steps {
		if seen[string(s)] != 1 {
			t.Errorf("step %q is marked %d times in walk.go", s, seen[string(s)])
		}
		delete(seen, string(s))
	}
	for s := range seen {
		t.Errorf("walk.go marks %q, which is no Step constant", s)
	}
}
