package credits

// radixSort sorts s stably by key with a least-significant-digit radix
// sort, a byte at a time: O(n) per byte that varies among the keys, at most
// 8 passes, and no comparisons. tmp is scratch space, grown as needed and
// returned for reuse.
func radixSort[T any](s []T, key func(*T) uint64, tmp []T) []T {
	n := len(s)
	if n < 2 {
		return tmp
	}
	if cap(tmp) < n {
		tmp = make([]T, n)
	}
	tmp = tmp[:n]
	// Only the bytes where some keys differ need a pass.
	first, diff := key(&s[0]), uint64(0)
	for i := range s {
		diff |= key(&s[i]) ^ first
	}
	src, dst := s, tmp
	for shift := 0; shift < 64; shift += 8 {
		if byte(diff>>shift) == 0 {
			continue
		}
		var count [256]int
		for i := range src {
			count[byte(key(&src[i])>>shift)]++
		}
		pos := 0
		for b, c := range count {
			count[b] = pos
			pos += c
		}
		for i := range src {
			b := byte(key(&src[i]) >> shift)
			dst[count[b]] = src[i]
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
	return tmp
}

// timeKey maps a signed time to an unsigned key in the same order.
func timeKey(t int64) uint64 { return uint64(t) ^ 1<<63 }

// sortEvents puts events in replay order, stably: a stable partition puts
// grants before charges, then a stable radix sort by time. Events of one
// time and kind keep their order, which is the order recorded (the slice
// is sorted but for events appended since the last sort, which have later
// sequence numbers). It costs O(n) for times that differ in few bytes.
func sortEvents(events, tmp []event) []event {
	if cap(tmp) < len(events) {
		tmp = make([]event, len(events))
	}
	tmp = tmp[:0]
	for _, e := range events {
		if e.isGrant() {
			tmp = append(tmp, e)
		}
	}
	for _, e := range events {
		if !e.isGrant() {
			tmp = append(tmp, e)
		}
	}
	copy(events, tmp)
	return radixSort(events, func(e *event) uint64 { return timeKey(e.time) }, tmp)
}
