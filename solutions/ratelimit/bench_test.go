package ratelimit

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// BenchmarkAllow asks each limiter about a request every 500 ns of its
// clock, at a limit of 1,000 per millisecond (one per µs, burst 1,000),
// so about half pass once the first burst is spent; the same work for
// golang.org/x/time/rate's Limiter (x-time-rate), the token bucket's
// peer. "1" is one goroutine; "8" is eight contending for the one
// limiter (b.RunParallel with SetParallelism), each with its own clock.
// Compare ns/op with the peer's in the same run, and allocs/op.
func BenchmarkAllow(b *testing.B) {
	const limit, window = 1000, time.Millisecond
	kinds := []struct {
		name string
		new  func() Limiter
	}{
		{"fixed", func() Limiter { l, _ := NewFixedWindow(limit, window); return l }},
		{"slidinglog", func() Limiter { l, _ := NewSlidingLog(limit, window); return l }},
		{"slidingcounter", func() Limiter { l, _ := NewSlidingCounter(limit, window); return l }},
		{"slidingslots", func() Limiter { l, _ := NewSlotCounter(limit, window, 10); return l }},
		{"tokenbucket", func() Limiter { l, _ := NewTokenBucket(limit, window, limit); return l }},
		{"leakybucket", func() Limiter { l, _ := NewLeakyBucket(limit, window, 100); return l }},
		{"x-time-rate", func() Limiter { return peer{rate.NewLimiter(rate.Every(window/limit), limit)} }},
	}
	for _, k := range kinds {
		for _, par := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/%d", k.name, par), func(b *testing.B) {
				l := k.new()
				b.ReportAllocs()
				if par == 1 {
					now := origin
					for b.Loop() {
						now = now.Add(500 * time.Nanosecond)
						l.Allow(now)
					}
					return
				}
				// RunParallel runs SetParallelism × GOMAXPROCS goroutines:
				// ask for 8 in all.
				b.SetParallelism(max(1, 8/gomaxprocs()))
				b.RunParallel(func(pb *testing.PB) {
					now := origin
					for pb.Next() {
						now = now.Add(500 * time.Nanosecond)
						l.Allow(now)
					}
				})
			})
		}
	}
}

// peer is x/time/rate's Limiter as a Limiter.
type peer struct{ l *rate.Limiter }

func (p peer) Allow(now time.Time) bool         { return p.l.AllowN(now, 1) }
func (p peer) AllowN(now time.Time, n int) bool { return p.l.AllowN(now, n) }

func gomaxprocs() int { return runtime.GOMAXPROCS(0) }
