package ratelimit

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// sec is s seconds after the Unix epoch, the origin of the tests' traces.
func sec(s float64) time.Time { return time.Unix(0, int64(s*1e9)) }

// run asks l about each instant in turn and returns the decisions.
func run(l Limiter, at ...float64) []bool {
	out := make([]bool, len(at))
	for i, s := range at {
		out[i] = l.Allow(sec(s))
	}
	return out
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// edge is the defining trace: five requests just before a window edge
// and five just after, all within 0.1 s.
var edge = []float64{0.95, 0.96, 0.97, 0.98, 0.99, 1.00, 1.01, 1.02, 1.03, 1.04}

// TestFixedWindowEdgeBurst: a fixed window of 5 per second lets all ten
// through, twice the limit in a tenth of a window, because the count
// starts again at 1.0 s.
func TestFixedWindowEdgeBurst(t *testing.T) {
	l, _ := NewFixedWindow(5, time.Second)
	if got := countTrue(run(l, edge...)); got != 10 {
		t.Fatalf("fixed window let %d of the edge burst through, want all 10", got)
	}
	// And within one window it holds the limit.
	l, _ = NewFixedWindow(5, time.Second)
	got := run(l, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.99, 1.0)
	want := []bool{true, true, true, true, true, false, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("fixed window decisions %v, want %v", got, want)
		}
	}
}

// TestExactLimitersStopTheEdgeBurst: the sliding log lets five of the
// ten through; the token bucket of burst 5 at 5 per second too (0.09 s
// refills less than half a token).
func TestExactLimitersStopTheEdgeBurst(t *testing.T) {
	log, _ := NewSlidingLog(5, time.Second)
	bucket, _ := NewTokenBucket(5, time.Second, 5)
	for name, l := range map[string]Limiter{"log": log, "bucket": bucket} {
		if got := countTrue(run(l, edge...)); got != 5 {
			t.Errorf("%s let %d of the edge burst through, want 5", name, got)
		}
	}
	// The sliding counter, with the previous window full and weighed
	// 0.99 at 1.01 s, denies the second half too.
	c, _ := NewSlidingCounter(5, time.Second)
	if got := countTrue(run(c, edge...)); got != 5 {
		t.Errorf("sliding counter let %d of the edge burst through, want 5", got)
	}
}

// TestSlidingCounterCloudflareExample checks the weighted estimate on
// the worked example of Cloudflare's description: 42 requests in the
// previous minute, 18 in the current one, 15 s into it: 42×0.75 + 18 =
// 49.5.
func TestSlidingCounterCloudflareExample(t *testing.T) {
	var last Event
	l, _ := NewSlidingCounter(50, time.Minute)
	l.Observe = func(e Event) { last = e }
	for i := range 42 {
		if !l.Allow(sec(float64(i))) {
			t.Fatalf("request %d of the first minute denied", i)
		}
	}
	for i := range 18 {
		if !l.Allow(sec(74 + float64(i)*0.05)) {
			t.Fatalf("request %d of the second minute denied", i)
		}
	}
	// At 75 s: 42*0.75 + 18 = 49.5; one more is 50.5 > 50: denied.
	if l.Allow(sec(75)) {
		t.Fatal("request at 75 s allowed with an estimate of 49.5 + 1 over 50")
	}
	if last.Step != StepCounterDeny || last.Estimate != 49.5 || last.Weight != 0.75 || last.Prev != 42 || last.Count != 18 {
		t.Fatalf("deny event %+v, want estimate 49.5 = 42×0.75 + 18", last)
	}
	// At 90 s: 42*0.5 + 18 = 39: allowed.
	if !l.Allow(sec(90)) {
		t.Fatal("request at 90 s denied with an estimate of 39")
	}
}

// TestSlotCounterForgetsTheOldestSlot: with 10 slots of 0.1 s, 5
// requests at 0.05 s are forgotten at 1.0 s (their slot [0, 0.1) is out
// of the slots [0.1, 1.1)), though a true sliding window would still see
// them until 1.05 s.
func TestSlotCounterForgetsTheOldestSlot(t *testing.T) {
	l, _ := NewSlotCounter(5, time.Second, 10)
	got := run(l, 0.05, 0.05, 0.05, 0.05, 0.05, 0.99, 1.0)
	want := []bool{true, true, true, true, true, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("slot counter decisions %v, want %v", got, want)
		}
	}
	// One slot is a fixed window: the edge burst passes whole.
	one, _ := NewSlotCounter(5, time.Second, 1)
	if n := countTrue(run(one, edge...)); n != 10 {
		t.Errorf("one slot let %d of the edge burst through, want 10 like a fixed window", n)
	}
}

// TestLeakyBucketQueues: 5 per second drains one every 0.2 s; a queue
// of 2 holds two waiting requests, so of a burst of 5 at once, one is
// served, two wait and two are dropped.
func TestLeakyBucketQueues(t *testing.T) {
	l, _ := NewLeakyBucket(5, time.Second, 2)
	var departs []time.Time
	l.Observe = func(e Event) {
		if e.Step == StepLeakyAllow {
			departs = append(departs, e.Departs)
		}
	}
	got := run(l, 1, 1, 1, 1, 1, 1.2, 1.3, 1.61)
	want := []bool{true, true, true, false, false, true, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("leaky bucket decisions %v, want %v", got, want)
		}
	}
	wantDeparts := []float64{1, 1.2, 1.4, 1.6, 1.8}
	for i, d := range wantDeparts {
		if !departs[i].Equal(sec(d)) {
			t.Errorf("departure %d at %v, want %vs", i, departs[i], d)
		}
	}
	// A queue of 0 is a policer: one request per 0.2 s.
	p, _ := NewLeakyBucket(5, time.Second, 0)
	got = run(p, 0, 0.1, 0.2, 0.3, 0.39, 0.4)
	want = []bool{true, false, true, false, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("policer decisions %v, want %v", got, want)
		}
	}
}

// TestAllowNAllOrNothing: AllowN takes all n or none, 0 always passes,
// and more than the limiter could ever pass at once is denied as too
// many.
func TestAllowNAllOrNothing(t *testing.T) {
	for _, mk := range makers() {
		l, _ := mk.new(5, time.Second, 5)
		var reasons []Reason
		setObserve(l, func(e Event) {
			if !e.Allowed && e.Reason != ReasonNone {
				reasons = append(reasons, e.Reason)
			}
		})
		if !l.AllowN(sec(0), 0) {
			t.Errorf("%s: AllowN(0) denied", mk.name)
		}
		if l.AllowN(sec(0), -1) {
			t.Errorf("%s: AllowN(-1) allowed", mk.name)
		}
		if !l.AllowN(sec(0.5), 3) || l.AllowN(sec(0.5), 4) {
			t.Errorf("%s: 3 then 4 more at once, want allowed then denied", mk.name)
		}
		if l.AllowN(sec(100), 50) {
			t.Errorf("%s: AllowN(50) allowed", mk.name)
		}
		if len(reasons) != 3 || reasons[0] != ReasonTooMany || reasons[2] != ReasonTooMany {
			t.Errorf("%s: deny reasons %q, want too many, a count reason, too many", mk.name, reasons)
		}
	}
}

// TestTimeGoingBack: an instant before the latest one counts as the
// latest, so a late caller cannot reopen an old window.
func TestTimeGoingBack(t *testing.T) {
	l, _ := NewFixedWindow(1, time.Second)
	if !l.Allow(sec(1.5)) || l.Allow(sec(0.5)) {
		t.Fatal("a request stamped in the previous window was counted in it")
	}
}

func TestConstructorsRefuseBadParameters(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{second(NewFixedWindow(0, time.Second)), "limit 0"},
		{second(NewSlidingLog(5, 0)), "window 0s"},
		{second(NewSlidingCounter(MaxLimit+1, time.Second)), "limit 1000001"},
		{second(NewSlotCounter(5, time.Second, 0)), "slots 0"},
		{second(NewSlotCounter(5, time.Second, 7)), "slots 7"},
		{second(NewTokenBucket(5, time.Second, 0)), "burst 0"},
		{second(NewLeakyBucket(5, 2*time.Hour, 1)), "window 2h0m0s"},
		{second(NewLeakyBucket(5, time.Second, -1)), "queue -1"},
	} {
		if tt.err == nil || !strings.HasPrefix(tt.err.Error(), tt.want) || strings.Contains(tt.err.Error(), "\n") {
			t.Errorf("error %v, want one line starting %q", tt.err, tt.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestConcurrentCallersShareTheLimit: 8 goroutines asking 100 times each
// at one instant get exactly the limit through, every limiter.
func TestConcurrentCallersShareTheLimit(t *testing.T) {
	for _, mk := range makers() {
		l, _ := mk.new(50, time.Second, 50)
		var mu sync.Mutex
		allowed := 0
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				n := 0
				for range 100 {
					if l.Allow(sec(3)) {
						n++
					}
				}
				mu.Lock()
				allowed += n
				mu.Unlock()
			})
		}
		wg.Wait()
		want := 50
		if mk.name == "leaky" {
			want = 51 // one served at once, 50 queued
		}
		if allowed != want {
			t.Errorf("%s: %d allowed, want %d", mk.name, allowed, want)
		}
	}
}

// maker builds a limiter of limit per window; extra is the burst, the
// queue or the slots.
type maker struct {
	name string
	new  func(limit int, window time.Duration, extra int) (Limiter, error)
}

func makers() []maker {
	return []maker{
		{"fixed", func(l int, w time.Duration, _ int) (Limiter, error) { return NewFixedWindow(l, w) }},
		{"log", func(l int, w time.Duration, _ int) (Limiter, error) { return NewSlidingLog(l, w) }},
		{"counter", func(l int, w time.Duration, _ int) (Limiter, error) { return NewSlidingCounter(l, w) }},
		{"slots", func(l int, w time.Duration, _ int) (Limiter, error) { return NewSlotCounter(l, w, 10) }},
		{"bucket", func(l int, w time.Duration, b int) (Limiter, error) { return NewTokenBucket(l, w, b) }},
		{"leaky", func(l int, w time.Duration, q int) (Limiter, error) { return NewLeakyBucket(l, w, q) }},
	}
}

// setObserve sets l's observer.
func setObserve(l Limiter, f func(Event)) {
	switch l := l.(type) {
	case *FixedWindow:
		l.Observe = f
	case *SlidingLog:
		l.Observe = f
	case *SlidingCounter:
		l.Observe = f
	case *SlotCounter:
		l.Observe = f
	case *TokenBucket:
		l.Observe = f
	case *LeakyBucket:
		l.Observe = f
	}
}
