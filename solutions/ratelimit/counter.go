package ratelimit

import (
	"sync"
	"time"
)

// SlidingCounter estimates the count of a sliding window from two fixed
// windows, as Cloudflare described: the previous window's count weighed
// by the share of it the sliding window still covers, plus the current
// window's count. At a quarter into the current window, with 40 in the
// previous one and 10 so far, the estimate is 40*0.75 + 10 = 40. It
// assumes the previous window's requests were spread evenly; O(1)
// memory, two counts.
type SlidingCounter struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int
	window int64
	clock
	start int64 // the current window's start, Unix ns
	prev  int   // requests allowed in the window before it
	count int   // requests allowed in it
}

// NewSlidingCounter returns a limiter of an estimated limit requests in
// any window.
func NewSlidingCounter(limit int, window time.Duration) (*SlidingCounter, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	return &SlidingCounter{limit: limit, window: int64(window)}, nil
}

// Allow is AllowN(now, 1).
func (l *SlidingCounter) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// note reports step to the observer, if any; left is the part of the
// current window still to come at t, in ns, which weighs the previous
// count.
func (l *SlidingCounter) note(s Step, t int64, n int, ok bool, r Reason, left int64, count int) {
	if l.Observe == nil {
		return
	}
	w := float64(left) / float64(l.window)
	l.Observe(Event{
		Step: s, Limiter: KindCounter, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: l.limit, Window: time.Duration(l.window),
		WindowStart: instant(l.start), Count: l.count, Prev: l.prev,
		Weight: w, Estimate: float64(l.prev)*w + float64(count),
	})
}
