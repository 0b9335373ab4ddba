package ratelimit

import (
	"fmt"
	"time"
)

// Limiter is what every limiter of this package offers. now is the
// request's instant; a limiter never reads a clock of its own.
type Limiter interface {
	// Allow reports whether one request at now is let through, and
	// counts it if so.
	Allow(now time.Time) bool
	// AllowN reports whether n requests at now are let through together,
	// all or none, and counts them if so. AllowN(now, 0) is true.
	AllowN(now time.Time, n int) bool
}

// The bounds of a limiter's parameters, so that the exact integer
// arithmetic of every limiter fits in 64 bits.
const (
	MaxLimit  = 1_000_000 // most requests per window, burst or queue
	MinWindow = time.Microsecond
	MaxWindow = time.Hour
	MaxSlots  = 1000 // most slots of a SlotCounter
)

// Clocked is a Limiter on the wall clock, for use in a server: Allow
// asks L about the instant Now returns (time.Now when Now is nil).
type Clocked struct {
	L   Limiter
	Now func() time.Time
}

// Allow reports whether one request now is let through.
func (c Clocked) Allow() bool { return c.AllowN(1) }

// AllowN reports whether n requests now are let through together.
func (c Clocked) AllowN(n int) bool {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return c.L.AllowN(now(), n)
}

// checkRate validates a limit of requests per window.
func checkRate(limit int, window time.Duration) error {
	if limit < 1 || limit > MaxLimit {
		return fmt.Errorf("limit %d: want 1 to %d requests", limit, MaxLimit)
	}
	if window < MinWindow || window > MaxWindow {
		return fmt.Errorf("window %v: want %v to %v", window, MinWindow, MaxWindow)
	}
	return nil
}

// floorDiv is a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// clock keeps the latest instant a limiter saw, in Unix nanoseconds, so
// that an instant before it (two goroutines racing to the lock with
// instants they read a moment apart) counts as the latest.
type clock struct {
	seen   bool
	latest int64
}

// at returns now in Unix nanoseconds, never before the latest instant,
// and makes it the latest.
func (c *clock) at(now time.Time) int64 {
	t := now.UnixNano()
	if c.seen && t < c.latest {
		t = c.latest
	}
	c.seen, c.latest = true, t
	return t
}

// instant is Unix nanoseconds t as a time.Time.
func instant(t int64) time.Time { return time.Unix(0, t) }
