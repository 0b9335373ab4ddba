package ipv4

import (
	"iter"
	"net/netip"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// genAddr draws addresses, often near the ends of the space and next to an
// octet boundary, where the carries happen.
func genAddr() *rapid.Generator[Addr] {
	return rapid.Custom(func(t *rapid.T) Addr {
		octet := rapid.OneOf(rapid.Just(byte(0)), rapid.Just(byte(1)), rapid.Just(byte(254)), rapid.Just(byte(255)), rapid.Byte())
		return AddrFrom4([4]byte{octet.Draw(t, "o1"), octet.Draw(t, "o2"), octet.Draw(t, "o3"), octet.Draw(t, "o4")})
	})
}

// netipWalk is the oracle: n addresses from a by netip's Next (or Prev),
// stopping at the end of the IPv4 space.
func netipWalk(a netip.Addr, n int, reverse bool) []netip.Addr {
	var out []netip.Addr
	for ; n > 0 && a.IsValid() && a.Is4(); n-- {
		out = append(out, a)
		if reverse {
			a = a.Prev()
		} else {
			a = a.Next()
		}
	}
	return out
}

func toNetip(seq iter.Seq[Addr]) []netip.Addr {
	var out []netip.Addr
	for a := range seq {
		out = append(out, a.NetipAddr())
	}
	return out
}

func TestPropertyRangeMatchesNetip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := genAddr().Draw(t, "start")
		count := rapid.IntRange(-2, 600).Draw(t, "count")
		reverse := rapid.Bool().Draw(t, "reverse")
		want := netipWalk(start.NetipAddr(), count, reverse)
		for _, im := range impls {
			seq := im.rng(start, count)
			if reverse {
				seq = im.rngBack(start, count)
			}
			if got := toNetip(seq); !slices.Equal(got, want) {
				t.Fatalf("%s: %v count %d reverse %v: got %d addresses %v, netip %d %v",
					im.name, start, count, reverse, len(got), head(got), len(want), head(want))
			}
		}
	})
}

func head(s []netip.Addr) []netip.Addr {
	return s[:min(len(s), 4)]
}

func TestPropertyNextPrevMatchNetip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genAddr().Draw(t, "a")
		n, ok := a.Next()
		nn := a.NetipAddr().Next()
		if ok != (nn.IsValid() && nn.Is4()) || (ok && n.NetipAddr() != nn) {
			t.Fatalf("%v.Next() = %v, %v; netip %v", a, n, ok, nn)
		}
		p, ok := a.Prev()
		np := a.NetipAddr().Prev()
		if ok != (np.IsValid() && np.Is4()) || (ok && p.NetipAddr() != np) {
			t.Fatalf("%v.Prev() = %v, %v; netip %v", a, p, ok, np)
		}
		if back, _ := AddrFromNetip(a.NetipAddr()); back != a {
			t.Fatalf("netip round trip of %v gives %v", a, back)
		}
		if parsed, err := ParseAddr(a.String()); err != nil || parsed != a {
			t.Fatalf("ParseAddr(%q) = %v, %v", a.String(), parsed, err)
		}
	})
}

func TestPropertyBlockMatchesNetip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := genAddr().Draw(t, "a")
		bits := rapid.IntRange(22, 32).Draw(t, "bits") // up to 1024 addresses
		p := PrefixFrom(a, bits)
		np := p.NetipPrefix()
		if p.String() != np.String() || p.Masked().String() != np.Masked().String() {
			t.Fatalf("%v: netip %v masked %v, ours masked %v", p, np, np.Masked(), p.Masked())
		}
		// The oracle: from netip's masked address, Next while Contains.
		var want []netip.Addr
		for x := np.Masked().Addr(); x.IsValid() && np.Contains(x); x = x.Next() {
			want = append(want, x)
		}
		if uint64(len(want)) != p.NumAddrs() || want[len(want)-1] != p.Last().NetipAddr() {
			t.Fatalf("%v: netip walks %d addresses to %v; ours %d to %v", p, len(want), want[len(want)-1], p.NumAddrs(), p.Last())
		}
		backward := slices.Clone(want)
		slices.Reverse(backward)
		for _, im := range impls {
			if got := toNetip(im.block(p)); !slices.Equal(got, want) {
				t.Fatalf("%s: %v forward: %v..., want %v...", im.name, p, head(got), head(want))
			}
			if got := toNetip(im.blockBackward(p)); !slices.Equal(got, backward) {
				t.Fatalf("%s: %v backward: %v..., want %v...", im.name, p, head(got), head(backward))
			}
		}
		// Contains agrees with netip on a random address.
		x := genAddr().Draw(t, "x")
		if p.Contains(x) != np.Contains(x.NetipAddr()) {
			t.Fatalf("%v.Contains(%v) = %v, netip says %v", p, x, p.Contains(x), !p.Contains(x))
		}
	})
}

// TestPropertyObserverReplays checks that the events alone tell the walk:
// replaying each step's octets reproduces every address yielded, and every
// carry leaves its octet at 0 with the octets on its left untouched.
func TestPropertyObserverReplays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := genAddr().Draw(t, "start")
		count := rapid.IntRange(1, 300).Draw(t, "count")
		reverse := rapid.Bool().Draw(t, "reverse")
		var evs []Event
		w := Walker{Observe: func(e Event) { evs = append(evs, e) }}
		seq := w.Range(start, count)
		if reverse {
			seq = w.RangeBackward(start, count)
		}
		got := slices.Collect(seq)
		var cur [4]int
		var yielded []Addr
		for _, e := range evs {
			switch e.Step {
			case StepStart:
				cur = e.Octets
			case StepYield:
				if addrOf(cur) != e.Addr {
					t.Fatalf("yield %v but the octets so far are %v", e.Addr, cur)
				}
				yielded = append(yielded, e.Addr)
			case StepCarry, StepBorrow, StepIncrement, StepDecrement:
				wrap := map[Step]int{StepCarry: 0, StepBorrow: 255}
				if v, ok := wrap[e.Step]; ok && e.Octets[e.Octet] != v {
					t.Fatalf("%s of octet %d leaves %d", e.Step, e.Octet+1, e.Octets[e.Octet])
				}
				for i := range e.Octet {
					if e.Octets[i] != cur[i] {
						t.Fatalf("%s of octet %d changed octet %d", e.Step, e.Octet+1, i+1)
					}
				}
				cur = e.Octets
			}
		}
		if !slices.Equal(yielded, got) {
			t.Fatalf("events yield %v, the loop saw %v", yielded, got)
		}
	})
}
