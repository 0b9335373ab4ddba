package ipv4

import (
	"net/netip"
	"testing"
)

// sinkSum keeps the benchmark loops' work observable.
var sinkSum uint64

// BenchmarkIterate walks all 16,777,216 addresses of 10.0.0.0/8 per op,
// summing the last octet of each: ipv4 with Block (the 32-bit walk),
// netip stepping with Addr.Next, counted to the block's size
// (the cheapest end test netip allows: it has no last-address method).
func BenchmarkIterate(b *testing.B) {
	const want = 16777216 / 256 * (255 * 256 / 2) // each last octet 0..255, 65536 times
	b.Run("ipv4", func(b *testing.B) {
		b.ReportAllocs()
		p := MustParsePrefix("10.0.0.0/8")
		for b.Loop() {
			var sum uint64
			for a := range Block(p) {
				sum += uint64(a.Octets()[3])
			}
			if sum != want {
				b.Fatalf("sum %d, want %d", sum, want)
			}
			sinkSum += sum
		}
	})
	b.Run("netip", func(b *testing.B) {
		b.ReportAllocs()
		p := netip.MustParsePrefix("10.0.0.0/8")
		for b.Loop() {
			var sum uint64
			a := p.Masked().Addr()
			for range 1 << (32 - p.Bits()) {
				sum += uint64(a.As4()[3])
				a = a.Next()
			}
			if sum != want {
				b.Fatalf("sum %d, want %d", sum, want)
			}
			sinkSum += sum
		}
	})
}

// BenchmarkWalker walks the same /8 with the classic by-hand Walker and no
// observer: the hooks cost a nil check a step and allocate nothing.
func BenchmarkWalker(b *testing.B) {
	b.Run("nil-observer", func(b *testing.B) {
		b.ReportAllocs()
		p := MustParsePrefix("10.0.0.0/8")
		for b.Loop() {
			var sum uint64
			for a := range (Walker{}).Block(p) {
				sum += uint64(a.Octets()[3])
			}
			sinkSum += sum
		}
	})
}
