package ratelimit

import (
	"sync"
	"time"
)

// SlidingLog lets through at most a limit of requests in any window of
// the given length: it keeps the instant of every request it allowed
// less than a window ago, and allows a request when fewer than the limit
// remain. Exact, and O(limit) memory: a ring of limit instants, made
// once, so a call does not allocate.
type SlidingLog struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int
	window int64
	clock
	ring []int64 // the instants, a ring of len limit
	head int     // the oldest entry
	size int     // entries in use
}

// NewSlidingLog returns a limiter of limit requests in any window.
func NewSlidingLog(limit int, window time.Duration) (*SlidingLog, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	return &SlidingLog{limit: limit, window: int64(window), ring: make([]int64, limit)}, nil
}

// Allow is AllowN(now, 1).
func (l *SlidingLog) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// entry is the i-th oldest instant of the log.
func (l *SlidingLog) entry(i int) int64 { return l.ring[(l.head+i)%len(l.ring)] }

// entries are the instants of the log, oldest first.
func (l *SlidingLog) entries() []time.Time {
	out := make([]time.Time, l.size)
	for i := range out {
		out[i] = instant(l.entry(i))
	}
	return out
}

// note reports step to the observer, if any, with expired the instants
// the step removed.
func (l *SlidingLog) note(s Step, t int64, n int, ok bool, r Reason, expired []time.Time) {
	if l.Observe == nil {
		return
	}
	l.Observe(Event{
		Step: s, Limiter: KindLog, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: l.limit, Window: time.Duration(l.window),
		WindowStart: instant(t - l.window), Count: l.size,
		Log: l.entries(), Expired: expired,
	})
}
