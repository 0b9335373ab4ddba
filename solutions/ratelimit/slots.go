package ratelimit

import (
	"fmt"
	"sync"
	"time"
)

// SlotCounter cuts the window into slots of equal length and lets a
// request through when the counts of the slots that make up the last
// window, the current one included, sum to less than the limit. It keeps
// one count per slot: O(slots) memory, made once. The slots cover from
// the start of the oldest one to now, which is less than a window: the
// part of the slot before the oldest that a true sliding window would
// still see is forgotten, so it may let through more than the limit in
// a window, by at most one slot's count. One slot is a fixed window;
// more slots forget less.
type SlotCounter struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int
	window int64
	slot   int64 // a slot's length, window / slots
	clock
	counts []int   // a ring: counts[i] is the count of slot index starts[i]
	starts []int64 // slot indexes (Unix ns / slot)
}

// NewSlotCounter returns a limiter of limit requests in any window,
// counted in slots of window/slots, which must be a whole number of
// nanoseconds.
func NewSlotCounter(limit int, window time.Duration, slots int) (*SlotCounter, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	if slots < 1 || slots > MaxSlots {
		return nil, fmt.Errorf("slots %d: want 1 to %d", slots, MaxSlots)
	}
	if int64(window)%int64(slots) != 0 {
		return nil, fmt.Errorf("slots %d: the window %v is not a whole number of nanoseconds times %d", slots, window, slots)
	}
	l := &SlotCounter{
		limit: limit, window: int64(window), slot: int64(window) / int64(slots),
		counts: make([]int, slots), starts: make([]int64, slots),
	}
	for i := range l.starts {
		l.starts[i] = -1 << 62 // long expired
	}
	return l, nil
}

// Allow is AllowN(now, 1).
func (l *SlotCounter) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// live are the slots of the window ending in slot index cur, oldest
// first, with their counts (zero for one not used).
func (l *SlotCounter) live(cur int64) []Slot {
	n := int64(len(l.counts))
	out := make([]Slot, n)
	for k := range n {
		idx := cur - n + 1 + k
		c := 0
		if j := floorMod(idx, n); l.starts[j] == idx {
			c = l.counts[j]
		}
		out[k] = Slot{Start: instant(idx * l.slot), Count: c}
	}
	return out
}

// floorMod is a mod b in 0..b-1, for b > 0.
func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// note reports step to the observer, if any: sum is the live slots' sum
// after the step, expired the slots the step emptied.
func (l *SlotCounter) note(s Step, t int64, n int, ok bool, r Reason, sum int, expired []Slot) {
	if l.Observe == nil {
		return
	}
	l.Observe(Event{
		Step: s, Limiter: KindSlots, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: l.limit, Window: time.Duration(l.window),
		WindowStart: instant(t - l.window), Count: sum,
		Slots: l.live(floorDiv(t, l.slot)), ExpiredSlots: expired,
	})
}
