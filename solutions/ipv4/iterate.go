package ipv4

import "iter"

// Range returns an iterator over count addresses from start upward: start,
// the address after it, and so on. It stops early after 255.255.255.255,
// the last address, instead of wrapping to 0.0.0.0, so 255.255.255.254 with
// any count of 2 or more yields two addresses. A count of 0 or less yields
// nothing.
//
// It works on the 32-bit integer: it cuts count to the addresses left
// before the end once, then adds one a step, so each step costs O(1) and
// nothing is allocated. The iterator may be used any number of times; each
// use starts again at start. Walker.Range yields the same addresses by hand.
func Range(start Addr, count int) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if count > 0 {
			walk32(start.u, min(uint64(count), 1<<32-uint64(start.u)), 1, yield)
		}
	}
}

// RangeBackward returns an iterator over count addresses from start
// downward. It stops early after 0.0.0.0, so 0.0.0.1 with any count of 2 or
// more yields two addresses. A count of 0 or less yields nothing. It costs
// what Range costs.
func RangeBackward(start Addr, count int) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if count > 0 {
			walk32(start.u, min(uint64(count), uint64(start.u)+1), ^uint32(0), yield)
		}
	}
}

// Block returns an iterator over every address of the block p, from its
// network address (p's address AND the mask) up to its last address (the
// network OR the inverted mask). Host bits set in p's address are ignored:
// "192.168.1.5/30" walks 192.168.1.4 to 192.168.1.7. A /32 yields its one
// address, a /0 all 4294967296. The invalid zero Prefix yields nothing.
func Block(p Prefix) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if p.IsValid() {
			walk32(p.Network().u, p.NumAddrs(), 1, yield)
		}
	}
}

// BlockBackward is Block from the last address down to the network address.
func BlockBackward(p Prefix) iter.Seq[Addr] {
	return func(yield func(Addr) bool) {
		if p.IsValid() {
			walk32(p.Last().u, p.NumAddrs(), ^uint32(0), yield)
		}
	}
}

// walk32 yields n addresses from u, adding step (1, or ^0 to go down) after
// each. The caller has cut n so that the walk never passes an end of the
// address space; the add after the last address may wrap, but that value is
// never yielded.
func walk32(u uint32, n uint64, step uint32, yield func(Addr) bool) {
	for ; n > 0; n-- {
		if !yield(Addr{u}) {
			return
		}
		u += step
	}
}

// Strings returns an iterator over the dotted forms of the addresses seq
// yields, the strings the classic problem asks for. Each costs one small
// allocation.
func Strings(seq iter.Seq[Addr]) iter.Seq[string] {
	return func(yield func(string) bool) {
		for a := range seq {
			if !yield(a.String()) {
				return
			}
		}
	}
}
