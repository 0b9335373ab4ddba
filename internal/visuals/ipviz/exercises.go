package ipviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// exerciseKinds are the generated exercises, each graded by solutions/ipv4,
// each with the input that shows its answer being computed.
var exerciseKinds = []visual.ExerciseKind{
	{ID: "ipv4.next", Title: "the address after x (with carries)", New: newNext},
	{ID: "ipv4.prev", Title: "the address before x (with borrows)", New: newPrev},
	{ID: "ipv4.network", Title: "the network address of a block", New: newNetwork},
	{ID: "ipv4.last", Title: "the last address of a block", New: newLast},
	{ID: "ipv4.count", Title: "the number of addresses in a /p", New: newCount},
}

// octet draws an octet, often 255 or 0 so that carries and borrows happen.
func octet(r *rand.Rand, edge byte) byte {
	if r.IntN(2) == 0 {
		return edge
	}
	return byte(r.IntN(256))
}

// addrNear draws an address whose last octets lean to edge (255 for a
// carry, 0 for a borrow), avoiding the given end of the space.
func addrNear(r *rand.Rand, edge byte) ipv4.Addr {
	for {
		a := ipv4.AddrFrom4([4]byte{byte(1 + r.IntN(223)), octet(r, edge), octet(r, edge), octet(r, edge)})
		if r.IntN(8) == 0 {
			a = ipv4.AddrFrom4([4]byte{edge, edge, edge, byte(r.IntN(256))})
		}
		if _, ok := a.Next(); ok && edge == 255 {
			return a
		}
		if _, ok := a.Prev(); ok && edge == 0 {
			return a
		}
	}
}

// squeeze drops every space and lowers the case: "10. 0.1 .0" is 10.0.1.0.
func squeeze(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// checkAddr grades a dotted answer by parsing it with the solution.
func checkAddr(want ipv4.Addr) func(string) bool {
	return func(answer string) bool {
		a, err := ipv4.ParseAddr(squeeze(answer))
		return err == nil && a == want
	}
}

// newNext asks for the address after one, often across a carry.
func newNext(r *rand.Rand) visual.Exercise {
	a := addrNear(r, 255)
	next, _ := a.Next()
	return visual.Exercise{
		Question: fmt.Sprintf("Which IPv4 address comes right after %s? (dotted form, e.g. 10.0.0.1)", a),
		Answer:   next.String(),
		Check:    checkAddr(next),
		Args:     input{from: a, count: 2}.args(),
	}
}

// newPrev asks for the address before one, often across a borrow.
func newPrev(r *rand.Rand) visual.Exercise {
	a := addrNear(r, 0)
	prev, _ := a.Prev()
	return visual.Exercise{
		Question: fmt.Sprintf("Which IPv4 address comes right before %s? (dotted form)", a),
		Answer:   prev.String(),
		Check:    checkAddr(prev),
		Args:     input{from: a, count: 2, reverse: true}.args(),
	}
}

// drawBlock draws a block with host bits set, of a size worth working out.
func drawBlock(r *rand.Rand) ipv4.Prefix {
	a := ipv4.AddrFromUint32(r.Uint32())
	return ipv4.PrefixFrom(a, 8+r.IntN(23)) // /8 to /30
}

// newNetwork asks for the network address of a block given with host bits.
func newNetwork(r *rand.Rand) visual.Exercise {
	p := drawBlock(r)
	return visual.Exercise{
		Question: fmt.Sprintf("What is the network address (the first address) of the block %s?", p),
		Answer:   p.Network().String(),
		Check:    checkAddr(p.Network()),
		Args:     input{block: p, count: 1}.args(),
	}
}

// newLast asks for the last address of a block.
func newLast(r *rand.Rand) visual.Exercise {
	p := drawBlock(r)
	return visual.Exercise{
		Question: fmt.Sprintf("What is the last address of the block %s (its broadcast address)?", p),
		Answer:   p.Last().String(),
		Check:    checkAddr(p.Last()),
		Args:     input{block: p, count: 1, reverse: true}.args(),
	}
}

// newCount asks how many addresses a /p holds.
func newCount(r *rand.Rand) visual.Exercise {
	bits := r.IntN(33)
	p := ipv4.PrefixFrom(ipv4.AddrFromUint32(r.Uint32()), bits).Masked()
	n := p.NumAddrs()
	return visual.Exercise{
		Question: fmt.Sprintf("How many IPv4 addresses are in a /%d block such as %s? (a number; 2^k is fine)", bits, p),
		Answer:   strconv.FormatUint(n, 10),
		Check: func(answer string) bool {
			got, ok := parseCount(answer)
			return ok && got == n
		},
		Args: input{block: p, count: 1}.args(),
	}
}

// parseCount reads a count leniently: "4096", "4,096", "4 096", "2^12".
func parseCount(answer string) (uint64, bool) {
	s := strings.NewReplacer(",", "", "_", "").Replace(squeeze(answer))
	if base, exp, ok := strings.Cut(s, "^"); ok {
		e, err := strconv.Atoi(exp)
		if base != "2" || err != nil || e < 0 || e > 32 {
			return 0, false
		}
		return 1 << e, true
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}
