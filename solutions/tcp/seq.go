package tcp

// Sequence numbers are 32-bit and compared modulo 2^32 (RFC 9293 section
// 3.4): a is before b when b-a, as a signed 32-bit number, is positive.

// seqLT reports whether a < b modulo 2^32.
func seqLT(a, b uint32) bool { return int32(a-b) < 0 }

// seqLEQ reports whether a =< b modulo 2^32.
func seqLEQ(a, b uint32) bool { return int32(a-b) <= 0 }

// seqMax returns the later of a and b.
func seqMax(a, b uint32) uint32 {
	if seqLT(a, b) {
		return b
	}
	return a
}

// inWindow reports whether lo =< s < lo+n modulo 2^32.
func inWindow(s, lo uint32, n int) bool {
	return seqLEQ(lo, s) && seqLT(s, lo+uint32(n))
}
