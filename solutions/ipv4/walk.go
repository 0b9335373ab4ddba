package ipv4

import "iter"

// Walker walks IPv4 addresses the way the classic interview answer does: it
// holds the address as four integers, one an octet, and steps by hand, adding
// one to the last octet and carrying from 255 to 0 into the octet on its left
// (walking backward: subtracting one and borrowing, 0 to 255).
//
// Walker is the answer the tutor's visualization shows. The package functions
// Range, Block and the others give the same addresses the better way, on a
// 32-bit integer. The zero Walker has no hook; a Walker with Observe set runs
// the same code and reports each step; without it the cost is one nil check
// a step and nothing is allocated.
type Walker struct {
	// Observe, when not nil, receives each step of a walk as it happens:
	// a yield event before the address is handed to the loop body, the
	// increment, carries and borrows before the next address is yielded.
	Observe func(Event)
}

// Range is the package function Range, walked by hand, reporting to
// w.Observe.
func (w Walker) Range(start Addr, count int) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if count > 0 {
			w.walk(start, uint64(count), false, yield)
		}
	}
}

// RangeBackward is the package function RangeBackward, walked by hand,
// reporting to w.Observe.
func (w Walker) RangeBackward(start Addr, count int) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if count > 0 {
			w.walk(start, uint64(count), true, yield)
		}
	}
}

// Block is the package function Block, walked by hand, reporting to
// w.Observe: first the mask, the network and the last address, then the
// walk.
func (w Walker) Block(p Prefix) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if p.IsValid() {
			network, last := w.bounds(p)
			w.walk(network, uint64(last.u-network.u)+1, false, yield)
		}
	}
}

// BlockBackward is the package function BlockBackward, walked by hand,
// reporting to w.Observe.
func (w Walker) BlockBackward(p Prefix) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if p.IsValid() {
			network, last := w.bounds(p)
			w.walk(last, uint64(last.u-network.u)+1, true, yield)
		}
	}
}

// walk yields up to n >= 1 addresses from start, stepping by hand on four
// octets, and stops after the n-th without computing the one after it.
func (w Walker) walk(start Addr, n uint64, reverse bool, yield func(Addr) bool) {
	b := start.Octets()
	o := [4]int{int(b[0]), int(b[1]), int(b[2]), int(b[3])} // step: start
	if w.Observe != nil {
		w.Observe(startEvent(o, n, reverse))
	}
	for k := uint64(1); ; k++ {
		a := Addr{uint32(o[0])<<24 | uint32(o[1])<<16 | uint32(o[2])<<8 | uint32(o[3])}
		if w.Observe != nil {
			w.Observe(yieldEvent(o, a, k, n, reverse))
		}
		if !yield(a) { // step: yield
			if w.Observe != nil {
				w.Observe(stoppedEvent(o, a, k, reverse))
			}
			return // step: stopped
		}
		if k == n { // step: done
			if w.Observe != nil {
				w.Observe(doneEvent(o, n, reverse))
			}
			return // the count is met: stop before stepping past the end
		}
		i := 3 // the octet that takes the one (or gives it up), last first
		if !reverse {
			for ; i >= 0 && o[i] == 255; i-- {
				o[i] = 0 // step: carry
				if w.Observe != nil {
					w.Observe(stepEvent(StepCarry, o, i, false))
				}
			}
			if i < 0 {
				if w.Observe != nil {
					w.Observe(stepEvent(StepOverflow, o, -1, false))
				}
				return // step: overflow
			}
			o[i]++ // step: increment
			if w.Observe != nil {
				w.Observe(stepEvent(StepIncrement, o, i, false))
			}
		} else {
			for ; i >= 0 && o[i] == 0; i-- {
				o[i] = 255 // step: borrow
				if w.Observe != nil {
					w.Observe(stepEvent(StepBorrow, o, i, true))
				}
			}
			if i < 0 {
				if w.Observe != nil {
					w.Observe(stepEvent(StepUnderflow, o, -1, true))
				}
				return // step: underflow
			}
			o[i]-- // step: decrement
			if w.Observe != nil {
				w.Observe(stepEvent(StepDecrement, o, i, true))
			}
		}
	}
}

// mask returns the mask of p as an address: Bits one bits, then zeros.
func (w Walker) mask(p Prefix) Addr {
	// A uint32 shifted by 32 is 0 in Go, the right mask for a /0. (In C a
	// shift by the type's width is undefined; Java takes the count mod 32;
	// and a 64-bit 0xFFFFFFFF<<n needs cutting back to 32 bits.)
	m := Addr{^uint32(0) << (32 - p.Bits())} // step: mask
	if w.Observe != nil {
		w.Observe(maskEvent(p, m))
	}
	return m
}

// bounds returns the first and last address of the block p.
func (w Walker) bounds(p Prefix) (network, last Addr) {
	m := w.mask(p)
	network = Addr{p.a.u & m.u} // step: network
	if w.Observe != nil {
		w.Observe(networkEvent(p, m, network))
	}
	last = Addr{network.u | ^m.u} // step: last
	if w.Observe != nil {
		w.Observe(lastEvent(p, m, network, last))
	}
	return network, last
}
