package ratelimit

import (
	"math/big"
	"testing"
	"time"

	"golang.org/x/time/rate"
	"pgregory.net/rapid"
)

// origin is where the random traces start: a real-looking instant, so
// window alignment is not at zero.
var origin = time.Unix(1_764_547_200, 123_456_789)

// request is one call of a trace: n requests at t.
type request struct {
	t time.Time
	n int
}

// drawTrace draws size calls at increasing instants (some equal), gaps
// of up to about 2*window/limit, each of 0 to most requests (1 mostly).
func drawTrace(t *rapid.T, size int, window time.Duration, limit, most int) []request {
	gap := max(int64(window)/int64(limit)*2, 1)
	at := origin.Add(time.Duration(rapid.Int64Range(0, int64(window)).Draw(t, "start")))
	var tr []request
	for i := range size {
		if rapid.IntRange(0, 9).Draw(t, "same") > 0 {
			at = at.Add(time.Duration(rapid.Int64Range(1, gap).Draw(t, "gap")))
		}
		n := 1
		if rapid.IntRange(0, 4).Draw(t, "many") == 0 {
			n = rapid.IntRange(0, most).Draw(t, "n")
		}
		tr = append(tr, request{at, n})
		_ = i
	}
	return tr
}

// TestTokenBucketAgreesWithXTimeRate: on random traces the token bucket
// makes the same decision as golang.org/x/time/rate's Limiter.AllowN at
// the same instants, with the rate limit/window and the same burst. The
// one difference allowed is an exact tie, where the tokens asked for
// come in exactly one nanosecond after the request: the bucket, exact,
// denies (rate rounds a wait down to whole nanoseconds, and a wait of 1
// ns is not 0), and rate's float64 may compute the wait a hair under
// 1 ns and allow. Random traces drawn to the nanosecond almost never
// tie; the shrinker finds ties when something else fails.
func TestTokenBucketAgreesWithXTimeRate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := rapid.IntRange(1, 50).Draw(t, "limit")
		window := time.Duration(rapid.Int64Range(int64(time.Millisecond), int64(10*time.Second)).Draw(t, "window"))
		burst := rapid.IntRange(1, 20).Draw(t, "burst")
		mine, err := NewTokenBucket(limit, window, burst)
		if err != nil {
			t.Fatal(err)
		}
		peer := rate.NewLimiter(rate.Limit(float64(limit)/window.Seconds()), burst)
		for i, r := range drawTrace(t, 300, window, limit, burst+1) {
			got, want := mine.AllowN(r.t, r.n), peer.AllowN(r.t, r.n)
			if !got && want && r.n <= burst && int64(r.n)*mine.window-mine.level == mine.limit {
				// An exact tie: the tokens come in exactly one ns, and
				// rate's float64 wait rounds to just under it. The
				// states part here; the trace ends.
				return
			}
			if got != want {
				t.Fatalf("call %d, AllowN(%v, %d): token bucket %v, x/time/rate %v (%d per %v, burst %d; rate has %.12f tokens)",
					i, r.t.Sub(origin), r.n, got, want, limit, window, burst, peer.TokensAt(r.t))
			}
		}
	})
}

// overLimit reports the first window [s, s+w) of the instants allowed
// (in increasing order) that holds more than limit, by brute force over
// every window that starts at an allowed instant.
func overLimit(allowed []time.Time, w time.Duration, limit int) (time.Time, int, bool) {
	for i, s := range allowed {
		c := 0
		for _, a := range allowed[i:] {
			if a.Before(s.Add(w)) {
				c++
			}
		}
		if c > limit {
			return s, c, true
		}
	}
	return time.Time{}, 0, false
}

// TestSlidingLogIsExactAndGreedy: against a brute-force checker of "no
// more than limit requests in any window of length window", the log
// never lets a window overflow, and it denies only a call that would
// overflow one.
func TestSlidingLogIsExactAndGreedy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := rapid.IntRange(1, 12).Draw(t, "limit")
		window := time.Duration(rapid.Int64Range(int64(time.Millisecond), int64(5*time.Second)).Draw(t, "window"))
		l, _ := NewSlidingLog(limit, window)
		var allowed []time.Time
		for i, r := range drawTrace(t, 120, window, limit, limit+1) {
			cand := append(append([]time.Time(nil), allowed...), repeat(r.t, r.n)...)
			_, _, over := overLimit(cand, window, limit)
			got := l.AllowN(r.t, r.n)
			if got == over {
				t.Fatalf("call %d, %d at %v: log says %v, brute force says a window would overflow: %v", i, r.n, r.t.Sub(origin), got, over)
			}
			if got {
				allowed = cand
			}
		}
	})
}

func repeat(t time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = t
	}
	return out
}

// countIn is how many of allowed are in [from, to).
func countIn(allowed []time.Time, from, to time.Time) int {
	c := 0
	for _, a := range allowed {
		if !a.Before(from) && a.Before(to) {
			c++
		}
	}
	return c
}

// TestSlidingCounterEstimate: against the estimate computed by brute
// force in rationals (the allowed requests of the previous fixed window
// weighed by the share of it the sliding window covers, plus those of
// the current one), the counter decides the same, its events report
// that estimate, and the estimate lies between the current window's
// count and the current plus the previous one, as the theory says.
func TestSlidingCounterEstimate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := rapid.IntRange(1, 12).Draw(t, "limit")
		window := time.Duration(rapid.Int64Range(int64(time.Millisecond), int64(5*time.Second)).Draw(t, "window"))
		l, _ := NewSlidingCounter(limit, window)
		var seen Event
		l.Observe = func(e Event) { seen = e }
		var allowed []time.Time
		for i, r := range drawTrace(t, 150, window, limit, limit+1) {
			ns := r.t.UnixNano()
			start := time.Unix(0, floorDiv(ns, int64(window))*int64(window))
			end := start.Add(window)
			prev := countIn(allowed, start.Add(-window), start)
			cur := countIn(allowed, start, end)
			est := new(big.Rat).SetFrac64(int64(prev)*int64(end.Sub(r.t)), int64(window))
			est.Add(est, big.NewRat(int64(cur), 1))
			want := new(big.Rat).Add(est, big.NewRat(int64(r.n), 1)).Cmp(big.NewRat(int64(limit), 1)) <= 0
			got := l.AllowN(r.t, r.n)
			if got != want {
				t.Fatalf("call %d: counter %v, brute-force estimate %s + %d against %d says %v", i, got, est.FloatString(6), r.n, limit, want)
			}
			f, _ := est.Float64()
			if diff := seen.Estimate - f; diff > 1e-9 || diff < -1e-9 {
				t.Fatalf("call %d: event estimate %v, brute force %v", i, seen.Estimate, f)
			}
			if f < float64(cur)-1e-9 || f > float64(cur+prev)+1e-9 {
				t.Fatalf("call %d: estimate %v outside [%d, %d]", i, f, cur, cur+prev)
			}
			if got {
				allowed = append(allowed, repeat(r.t, r.n)...)
			}
		}
	})
}

// TestSlotCounterBound: against a brute-force count of the allowed
// requests since the start of the oldest slot of the window, the slot
// counter decides the same, and no window of length window ever holds
// more than the limit plus the largest slot's count.
func TestSlotCounterBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := rapid.IntRange(1, 12).Draw(t, "limit")
		slots := rapid.IntRange(1, 10).Draw(t, "slots")
		window := time.Duration(rapid.Int64Range(1, 5000).Draw(t, "window")) * time.Millisecond * time.Duration(slots)
		l, err := NewSlotCounter(limit, window, slots)
		if err != nil {
			t.Fatal(err)
		}
		slot := int64(window) / int64(slots)
		var allowed []time.Time
		biggest := 0
		perSlot := map[int64]int{}
		for i, r := range drawTrace(t, 150, window, limit, limit+1) {
			cur := floorDiv(r.t.UnixNano(), slot)
			from := time.Unix(0, (cur-int64(slots)+1)*slot)
			c := countIn(allowed, from, r.t.Add(1))
			want := c+r.n <= limit
			if got := l.AllowN(r.t, r.n); got != want {
				t.Fatalf("call %d: slots %v, brute force %d + %d against %d", i, got, c, r.n, limit)
			}
			if want {
				allowed = append(allowed, repeat(r.t, r.n)...)
				perSlot[cur] += r.n
				biggest = max(biggest, perSlot[cur])
			}
		}
		if s, c, over := overLimit(allowed, window, limit+biggest); over {
			t.Fatalf("the window from %v holds %d, over %d + the largest slot %d", s.Sub(origin), c, limit, biggest)
		}
	})
}

// TestLeakyBucketDrains: on random traces the leaky bucket never serves
// two requests closer than window/limit, never serves one before it
// arrives, and at each arrival holds at most queue waiting; a request
// is dropped only when serving it would break one of those. Instants are
// compared exactly, in rationals.
func TestLeakyBucketDrains(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		limit := rapid.IntRange(1, 12).Draw(t, "limit")
		window := time.Duration(rapid.Int64Range(int64(time.Millisecond), int64(5*time.Second)).Draw(t, "window"))
		queue := rapid.IntRange(0, 8).Draw(t, "queue")
		l, _ := NewLeakyBucket(limit, window, queue)
		var departs []time.Time
		l.Observe = func(e Event) {
			if e.Step == StepLeakyAllow && e.N > 0 {
				departs = append(departs, e.Departs)
			}
		}
		interval := big.NewRat(int64(window), int64(limit))
		var last *big.Rat // the exact departure of the last served
		var waiting []*big.Rat
		for i, r := range drawTrace(t, 150, window, limit, queue+2) {
			now := big.NewRat(r.t.UnixNano(), 1)
			kept := waiting[:0]
			for _, d := range waiting {
				if d.Cmp(now) > 0 {
					kept = append(kept, d)
				}
			}
			waiting = kept
			// The earliest the next can leave: at once, or an interval
			// after the last.
			first := now
			if last != nil {
				if nx := new(big.Rat).Add(last, interval); nx.Cmp(now) > 0 {
					first = nx
				}
			}
			var mine []*big.Rat
			d := first
			for k := range r.n {
				if k > 0 {
					d = new(big.Rat).Add(d, interval)
				}
				if d.Cmp(now) > 0 {
					mine = append(mine, d)
				}
			}
			want := len(waiting)+len(mine) <= queue
			before := len(departs)
			if got := l.AllowN(r.t, r.n); got != want {
				t.Fatalf("call %d: %d at %v with %d waiting of %d: leaky %v, want %v", i, r.n, r.t.Sub(origin), len(waiting), queue, got, want)
			}
			if want && r.n > 0 {
				waiting, last = append(waiting, mine...), d
				// The event rounds the exact departure up to the ns.
				ceil := new(big.Int).Neg(new(big.Int).Div(new(big.Int).Neg(d.Num()), d.Denom()))
				if got := departs[before].UnixNano(); got != ceil.Int64() {
					t.Fatalf("call %d: departs at %d ns, want %s", i, got, ceil)
				}
			}
		}
	})
}
