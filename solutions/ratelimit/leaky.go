package ratelimit

import (
	"fmt"
	"sync"
	"time"
)

// LeakyBucket is a queue with a drain rate: requests leave it one every
// window/limit, the first at once when the queue is empty and the last
// one left long enough ago, and a request that finds the queue full is
// dropped. Allow reports whether the request was admitted, to be served
// now or when the drain reaches it (see Departs of its Event). With a
// queue of 0 it is a policer: requests closer than window/limit to the
// previous one are dropped. It keeps the queue's departure instants, a
// ring of queue entries made once: O(queue) memory.
type LeakyBucket struct {
	// Observe, when not nil, sees every step. It runs with the limiter
	// locked, and must not call the limiter.
	Observe func(Event)

	mu     sync.Mutex
	limit  int64 // the drain: limit requests
	window int64 // per window ns
	clock
	busy bool // a request was ever served
	last at   // when the last admitted request leaves
	ring []at // departures of the requests waiting, a ring of len queue
	head int
	size int
}

// at is an exact instant: ns + frac/limit nanoseconds.
type at struct{ ns, frac int64 }

// after reports whether a is after the instant t (in whole ns).
func (a at) after(t int64) bool { return a.ns > t || (a.ns == t && a.frac > 0) }

// NewLeakyBucket returns a queue of queue places drained at limit
// requests per window.
func NewLeakyBucket(limit int, window time.Duration, queue int) (*LeakyBucket, error) {
	if err := checkRate(limit, window); err != nil {
		return nil, err
	}
	if queue < 0 || queue > MaxLimit {
		return nil, fmt.Errorf("queue %d: want 0 to %d places", queue, MaxLimit)
	}
	return &LeakyBucket{limit: int64(limit), window: int64(window), ring: make([]at, queue)}, nil
}

// Allow is AllowN(now, 1).
func (l *LeakyBucket) Allow(now time.Time) bool { return l.AllowN(now, 1) }

// next is the instant one drain interval after a.
func (l *LeakyBucket) next(a at) at {
	f := a.frac + l.window
	return at{a.ns + f/l.limit, f % l.limit}
}

// push appends a departure to the queue.
func (l *LeakyBucket) push(a at) {
	l.ring[(l.head+l.size)%len(l.ring)] = a
	l.size++
}

// time is a as a time.Time, rounded up to the nanosecond.
func (a at) time() time.Time {
	if a.frac > 0 {
		return instant(a.ns + 1)
	}
	return instant(a.ns)
}

// queue is the queue's departures, first first.
func (l *LeakyBucket) queue() []time.Time {
	out := make([]time.Time, l.size)
	for i := range out {
		out[i] = l.ring[(l.head+i)%len(l.ring)].time()
	}
	return out
}

// note reports step to the observer, if any.
func (l *LeakyBucket) note(s Step, t int64, n int, ok bool, r Reason, drained []time.Time, departs time.Time) {
	if l.Observe == nil {
		return
	}
	l.Observe(Event{
		Step: s, Limiter: KindLeaky, At: instant(t), N: n, Allowed: ok, Reason: r,
		Limit: int(l.limit), Window: time.Duration(l.window),
		Count: l.size, Burst: len(l.ring), Queue: l.queue(), Drained: drained, Departs: departs,
	})
}
