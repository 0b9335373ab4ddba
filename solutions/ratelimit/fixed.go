package ratelimit

import (
	"sync"
	"time"
)

// FixedWindow lets through at most a limit of requests in each window,
// the windows aligned to multiples of the window length since the Unix
// epoch. Its state is one window's start and one count: O(1) memory. Its
// fault is the edge: limit requests at the end of one window and limit
// more at the start of the next all pass, twice the limit within one
// window length.
type FixedWindow struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int
	window int64
	clock
	start int64 // the current window's start, Unix ns
	count int   // requests allowed in it
}

// NewFixedWindow returns a limiter of limit requests per window.
func NewFixedWindow(limit int, window time.Duration) (*FixedWindow, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	return &FixedWindow{limit: limit, window: int64(window)}, nil
}

// Allow is AllowN(now, 1).
func (l *FixedWindow) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// note reports step to the observer, if any.
func (l *FixedWindow) note(s Step, t int64, n int, ok bool, r Reason) {
	if l.Observe == nil {
		return
	}
	l.Observe(Event{
		Step: s, Limiter: KindFixed, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: l.limit, Window: time.Duration(l.window),
		WindowStart: instant(l.start), Count: l.count,
	})
}
