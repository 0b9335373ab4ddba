package ipviz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// exerciseKinds are the generated exercises, each graded by solutions/ipv4,
// each with the input that shows its answer being computed. Each draws an
// instance its title fits: the address after x always carries out of the
// last octet, the address before x always borrows, and a block's address
// always has host bits set, so its network and last address differ from
// it.
var exerciseKinds = []visual.ExerciseKind{
	{ID: "ipv4.next", Title: "the address after x (with carries)", New: newNext},
	{ID: "ipv4.prev", Title: "the address before x (with borrows)", New: newPrev},
	{ID: "ipv4.network", Title: "the network address of a block", New: newNetwork},
	{ID: "ipv4.last", Title: "the last address of a block", New: newLast},
	{ID: "ipv4.count", Title: "the number of addresses in a /p", New: newCount},
}

// octet draws an octet, often 255 or 0 so that carries and borrows go on.
func octet(r *rand.Rand, edge byte) byte {
	if r.IntN(2) == 0 {
		return edge
	}
	return byte(r.IntN(256))
}

// addrNear draws an address whose last octet is edge (255: the next
// address carries; 0: the previous one borrows) and whose middle octets
// lean to it, so that the carry or borrow often runs on. Its first octet,
// 1 to 223, keeps it off both ends of the space.
func addrNear(r *rand.Rand, edge byte) ipv4.Addr {
	return ipv4.AddrFrom4([4]byte{byte(1 + r.IntN(223)), octet(r, edge), octet(r, edge), edge})
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
		Hint:     addrHint,
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
		Hint:     addrHint,
		Args:     input{from: a, count: 2, reverse: true}.args(),
	}
}

// drawBlock draws a block of a size worth working out, /8 to /30, given by
// an address that is neither its network address nor its last one: some
// host bits are set and some are not.
func drawBlock(r *rand.Rand) ipv4.Prefix {
	for {
		p := ipv4.PrefixFrom(ipv4.AddrFromUint32(r.Uint32()), 8+r.IntN(23))
		if p.Addr() != p.Network() && p.Addr() != p.Last() {
			return p
		}
	}
}

// newNetwork asks for the network address of a block given with host bits.
func newNetwork(r *rand.Rand) visual.Exercise {
	p := drawBlock(r)
	return visual.Exercise{
		Question: fmt.Sprintf("What is the network address (the first address) of the block %s?", p),
		Answer:   p.Network().String(),
		Check:    checkAddr(p.Network()),
		Hint:     addrHint,
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
		Hint:     addrHint,
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
		Hint: func(answer string) string {
			if _, ok := parseCount(answer); ok {
				return ""
			}
			return "write the count in digits (4096, or 4,096) or as a power of two (2^12)"
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

// addrHint says what to change in an answer that is not a dotted address,
// as the solution's parser refuses it; "" for an address, right or wrong.
func addrHint(answer string) string {
	s := squeeze(answer)
	if s == "" {
		return ""
	}
	if a, _, ok := strings.Cut(s, "/"); ok {
		if _, err := ipv4.ParseAddr(a); err == nil {
			return "write the address alone, without the /" + strings.SplitN(s, "/", 2)[1] + ": the question asks for one address, not a block"
		}
	}
	_, err := ipv4.ParseAddr(s)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ipv4.ErrLeadingZero):
		return "write each octet without leading zeros (062 is written 62): a leading zero can read as octal"
	case errors.Is(err, ipv4.ErrOctetRange):
		return "each of the four octets is 0 to 255"
	}
	return "write a dotted address: four numbers 0 to 255 joined by dots, e.g. 10.0.0.1"
}
