package ipv4

import (
	"fmt"
	"strconv"
)

// Step names one step of a walk, as Event.Step. Its value is the id in the
// comment "// step: <id>" on the line of walk.go that performs it, so a
// visualization can highlight that line.
type Step string

// The steps a Walker reports.
const (
	// StepStart: the four octets are set from the start address.
	StepStart Step = "start"
	// StepYield: an address is handed to the loop body.
	StepYield Step = "yield"
	// StepIncrement: an octet below 255 takes the one, with no further
	// carry.
	StepIncrement Step = "increment"
	// StepCarry: an octet at 255 wraps to 0 and carries one left.
	StepCarry Step = "carry"
	// StepOverflow: the carry left octet 1, past 255.255.255.255; the walk
	// ends.
	StepOverflow Step = "overflow"
	// StepDecrement: an octet above 0 gives up one, with no further
	// borrow.
	StepDecrement Step = "decrement"
	// StepBorrow: an octet at 0 wraps to 255 and borrows one from the
	// left.
	StepBorrow Step = "borrow"
	// StepUnderflow: the borrow left octet 1, before 0.0.0.0; the walk
	// ends.
	StepUnderflow Step = "underflow"
	// StepDone: the count is met; the walk stops.
	StepDone Step = "done"
	// StepStopped: the loop body broke out; the walk stops at once.
	StepStopped Step = "stopped"
	// StepMask: the mask of a block is computed.
	StepMask Step = "mask"
	// StepNetwork: network = address AND mask.
	StepNetwork Step = "network"
	// StepLast: last = network OR NOT mask.
	StepLast Step = "last"
)

// Event is one step of a walk, as a Walker reports it to its Observe hook.
// The zero value is not an event a Walker sends.
type Event struct {
	// Step is the step taken, one of the Step constants.
	Step Step
	// Octets are the four octets after the step, octet 1 at index 0. For
	// the mask, network and last steps they are the value computed.
	Octets [4]int
	// Octet is the index (0 to 3) of the octet the step changed, or -1
	// when it changed none.
	Octet int
	// Reverse reports whether the walk goes downward.
	Reverse bool
	// Addr is the address the four octets spell: after a walking step
	// the address yielded (yield), started from (start), or reached; for
	// the mask, network and last steps the value computed.
	Addr Addr
	// Index is the position, from 1, of the address yielded (yield).
	Index uint64
	// Count is the number of addresses the walk yields unless it reaches
	// an end of the address space first (start, yield, done), or the
	// number of addresses in the block (last).
	Count uint64
	// Prefix, Mask, Network and Last describe the block (mask, network,
	// last), each set from the step that computes it on.
	Prefix              Prefix
	Mask, Network, Last Addr
	// Inverted is NOT Mask, the host bits (last).
	Inverted Addr
	// Explain is one sentence for a learner, with the actual values.
	Explain string
}

func octetsOf(a Addr) [4]int {
	b := a.Octets()
	return [4]int{int(b[0]), int(b[1]), int(b[2]), int(b[3])}
}

func addrOf(o [4]int) Addr {
	return Addr{uint32(o[0])<<24 | uint32(o[1])<<16 | uint32(o[2])<<8 | uint32(o[3])}
}

func direction(reverse bool) string {
	if reverse {
		return "downward"
	}
	return "upward"
}

func startEvent(o [4]int, n uint64, reverse bool) Event {
	a := addrOf(o)
	return Event{Step: StepStart, Octets: o, Octet: -1, Reverse: reverse, Addr: a, Count: n,
		Explain: fmt.Sprintf("start at %s as four integers %d, %d, %d and %d, walking %s for at most %d addresses",
			a, o[0], o[1], o[2], o[3], direction(reverse), n)}
}

func yieldEvent(o [4]int, a Addr, k, n uint64, reverse bool) Event {
	return Event{Step: StepYield, Octets: o, Octet: -1, Reverse: reverse, Addr: a, Index: k, Count: n,
		Explain: fmt.Sprintf("yield %s, address %d of the %d to walk", a, k, n)}
}

func stoppedEvent(o [4]int, a Addr, k uint64, reverse bool) Event {
	return Event{Step: StepStopped, Octets: o, Octet: -1, Reverse: reverse, Addr: a, Index: k,
		Explain: fmt.Sprintf("the loop body stopped after %s, address %d: yield returned false, so the walk returns at once without stepping further", a, k)}
}

func doneEvent(o [4]int, n uint64, reverse bool) Event {
	return Event{Step: StepDone, Octets: o, Octet: -1, Reverse: reverse, Addr: addrOf(o), Count: n,
		Explain: fmt.Sprintf("all %d addresses yielded: stop here, without stepping to the next address", n)}
}

// stepEvent describes an increment, carry, overflow, decrement, borrow or
// underflow; o are the octets after it and i the octet changed.
func stepEvent(step Step, o [4]int, i int, reverse bool) Event {
	e := Event{Step: step, Octets: o, Octet: i, Reverse: reverse, Addr: addrOf(o)}
	n := strconv.Itoa(i + 1)
	switch step {
	case StepIncrement:
		e.Explain = fmt.Sprintf("add 1 to octet %s: %d becomes %d, no carry, so the octets on its left stay and the address is %s",
			n, o[i]-1, o[i], e.Addr)
	case StepDecrement:
		e.Explain = fmt.Sprintf("subtract 1 from octet %s: %d becomes %d, no borrow, so the octets on its left stay and the address is %s",
			n, o[i]+1, o[i], e.Addr)
	case StepCarry:
		if i == 0 {
			e.Explain = "octet 1 was 255, the most 8 bits hold: it wraps to 0, and the carry has no octet on its left to go to"
		} else {
			e.Explain = fmt.Sprintf("octet %s was 255, the most 8 bits hold: it wraps to 0 and carries 1 into octet %d on its left", n, i)
		}
	case StepBorrow:
		if i == 0 {
			e.Explain = "octet 1 was 0: it wraps to 255, and there is no octet on its left to borrow from"
		} else {
			e.Explain = fmt.Sprintf("octet %s was 0: it wraps to 255 and borrows 1 from octet %d on its left", n, i)
		}
	case StepOverflow:
		e.Explain = "the carry fell off the left end: 255.255.255.255 was the last IPv4 address, so the walk ends instead of wrapping to 0.0.0.0"
	case StepUnderflow:
		e.Explain = "the borrow fell off the left end: 0.0.0.0 was the first IPv4 address, so the walk ends instead of wrapping to 255.255.255.255"
	}
	return e
}

func maskEvent(p Prefix, m Addr) Event {
	host := 32 - p.Bits()
	return Event{Step: StepMask, Octets: octetsOf(m), Octet: -1, Addr: m, Prefix: p, Mask: m,
		Explain: fmt.Sprintf("the /%d mask is %d one bits then %d zero bits, 0xFFFFFFFF shifted left by %d within 32 bits: %s",
			p.Bits(), p.Bits(), host, host, m)}
}

func networkEvent(p Prefix, m, network Addr) Event {
	e := Event{Step: StepNetwork, Octets: octetsOf(network), Octet: -1, Addr: network, Prefix: p, Mask: m, Network: network}
	e.Explain = fmt.Sprintf("network = %s AND %s = %s: the AND keeps the %d network bits and clears the %d host bits",
		p.a, m, network, p.Bits(), 32-p.Bits())
	if p.a != network {
		e.Explain += fmt.Sprintf(" (%s had host bits set)", p.a)
	}
	return e
}

func lastEvent(p Prefix, m, network, last Addr) Event {
	n := uint64(last.u-network.u) + 1
	e := Event{Step: StepLast, Octets: octetsOf(last), Octet: -1, Addr: last, Prefix: p, Mask: m, Network: network, Last: last, Count: n,
		Inverted: Addr{^m.u}}
	var note string
	switch p.Bits() {
	case 32:
		note = "a /32 is a single address"
	case 31:
		note = "a /31 has no broadcast address, both are usable (RFC 3021)"
	default:
		note = "on a subnet it is the broadcast address"
	}
	e.Explain = fmt.Sprintf("last = %s OR %s (the inverted mask) = %s: the OR sets all %d host bits, so the block holds %d addresses; %s",
		network, e.Inverted, last, 32-p.Bits(), n, note)
	return e
}
