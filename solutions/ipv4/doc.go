// Package ipv4 walks IPv4 addresses and CIDR blocks, the interview problem
// "iterate over IP addresses from a start address, or over a block a.b.c.d/p".
//
// Addr is a small comparable value holding an address as a 32-bit integer,
// in the manner of net/netip; Prefix is an address with a prefix length.
// ParseAddr and ParsePrefix read the dotted forms and say what is wrong with
// a bad one. Range, RangeBackward, Block and BlockBackward return iterators
// (iter.Seq[Addr]); Strings turns them into dotted strings, the form the
// classic problem asks for. Conversions to and from netip.Addr and
// netip.Prefix let the values meet the standard library.
//
// The iterators work on the 32-bit integer: they cut the count at the end
// of the address space once, then add one a step (iterate.go). Walker is
// the classic answer, kept for the lesson and the visualization: four
// integers, one an octet, incremented by hand with a carry from 255 to 0
// into the octet on the left (a borrow from the left when walking
// backward). Both yield the same addresses. A Walker with an Observe hook
// reports every step (start, yield, increment, carry, borrow, the mask, the
// network and last address of a block) as an Event with a sentence a
// learner can read; Event.Step is one of the Step constants, whose value is
// the id in the comment "// step: <id>" on the line of walk.go that
// performs the step. Without a hook the cost is one nil check a step
// and no allocation.
package ipv4
