package ratelimit_test

import (
	"fmt"
	"time"

	"tutor/solutions/ratelimit"
)

// A fixed window of 5 a second lets ten requests through in 0.1 s
// across the window edge at 1 s; the sliding log lets five.
func Example() {
	at := func(s float64) time.Time { return time.Unix(0, int64(s*1e9)) }
	fixed, _ := ratelimit.NewFixedWindow(5, time.Second)
	log, _ := ratelimit.NewSlidingLog(5, time.Second)
	var f, l int
	for _, s := range []float64{0.95, 0.96, 0.97, 0.98, 0.99, 1.00, 1.01, 1.02, 1.03, 1.04} {
		if fixed.Allow(at(s)) {
			f++
		}
		if log.Allow(at(s)) {
			l++
		}
	}
	fmt.Println("fixed window:", f, "sliding log:", l)
	// Output: fixed window: 10 sliding log: 5
}

// An observer sees every step, explained.
func ExampleTokenBucket_Observe() {
	origin := time.Unix(0, 0)
	b, _ := ratelimit.NewTokenBucket(2, time.Second, 2)
	b.Observe = func(e ratelimit.Event) { fmt.Println(e.Step+":", e.Explain(origin)) }
	b.Allow(origin.Add(100 * time.Millisecond))
	b.AllowN(origin.Add(600*time.Millisecond), 2)
	// Output:
	// bucket-arrive: a request at 0.1s; the bucket held 2 of 2 tokens after the last request
	// bucket-allow: 2 tokens are there: allowed, 1 spent, 1 left
	// bucket-arrive: 2 requests at 0.6s; the bucket held 1 of 2 tokens after the last request
	// bucket-refill: the time since then adds 1 tokens at 2 per 1s, up to 2: 2 now
	// bucket-allow: 2 tokens are there: allowed, 2 spent, 0 left
}

// Clocked puts a limiter on the wall clock, for a server.
func ExampleClocked() {
	l, _ := ratelimit.NewTokenBucket(100, time.Second, 10)
	c := ratelimit.Clocked{L: l}
	fmt.Println(c.Allow())
	// Output: true
}
