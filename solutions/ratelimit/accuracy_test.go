package ratelimit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

// arrival is one request of a source in the accuracy trace.
type arrival struct {
	t      time.Time
	source int
	class  int // 0 under the limit, 1 near it, 2 over it
}

// mix is the share of sources well under the limit (5% to 80% of it),
// near it (80% to 120%) and well over it (120% to 300%).
type mix struct{ under, near, over float64 }

// accuracyTrace is a random arrival trace in the manner of the one
// Cloudflare measured its sliding counter on: many sources, each
// sending at random instants (a Poisson process) for ten minutes, at a
// rate drawn from m against the limit of 50 a minute.
func accuracyTrace(m mix, seed uint64) (trace []arrival, sources int) {
	const (
		n       = 1000
		limit   = 50.0
		minutes = 10
	)
	rng := rand.New(rand.NewPCG(seed, 6))
	for s := range n {
		var perMin float64
		class := 0
		switch u := rng.Float64(); {
		case u < m.under:
			perMin = limit * (0.05 + 0.75*rng.Float64())
		case u < m.under+m.near:
			perMin, class = limit*(0.8+0.4*rng.Float64()), 1
		default:
			perMin, class = limit*(1.2+1.8*rng.Float64()), 2
		}
		at := 0.0
		for {
			at += rng.ExpFloat64() * 60 / perMin
			if at >= minutes*60 {
				break
			}
			trace = append(trace, arrival{origin.Add(time.Duration(at * 1e9)), s, class})
		}
	}
	sort.Slice(trace, func(i, j int) bool { return trace[i].t.Before(trace[j].t) })
	return trace, n
}

// accuracy is what measureAccuracy found for one approximate limiter.
type accuracy struct {
	requests, wrong, falseAllow, falseDeny int
	// byClass are the requests and the wrong decisions of the sources
	// under, near and over the limit.
	byClass [3][2]int
	// worst is the largest count of allowed requests of one source in
	// any window of a minute, against the limit of 50.
	worst int
}

// measureAccuracy runs one limiter per source over the trace and counts
// the decisions that differ from the exact one: allow when the source's
// own allowed requests in the minute before, plus this one, are within
// the limit. Each limiter is judged on its own history, so one wrong
// decision is counted once rather than dragging the later ones with it.
func measureAccuracy(t *testing.T, trace []arrival, sources int, mk func() Limiter) accuracy {
	t.Helper()
	const limit = 50
	ls := make([]Limiter, sources)
	logs := make([][]time.Time, sources) // allowed instants, a window's worth
	for i := range ls {
		ls[i] = mk()
	}
	var a accuracy
	for _, r := range trace {
		log := logs[r.source]
		k := 0
		for k < len(log) && !log[k].After(r.t.Add(-time.Minute)) {
			k++
		}
		log = log[k:]
		exact := len(log)+1 <= limit
		got := ls[r.source].Allow(r.t)
		a.requests++
		a.byClass[r.class][0]++
		if got != exact {
			a.wrong++
			a.byClass[r.class][1]++
			if got {
				a.falseAllow++
			} else {
				a.falseDeny++
			}
		}
		if got {
			log = append(log, r.t)
			a.worst = max(a.worst, len(log))
		}
		logs[r.source] = log
	}
	return a
}

// TestSlidingCounterAccuracy measures the approximate limiters' error
// on two random arrival traces of 1,000 sources for ten minutes, 50 a
// minute allowed. "quiet": 97% of the sources send 5% to 80% of the
// limit, 2% hover near it, 1% send up to three times it (Cloudflare,
// measuring real traffic of this kind, reported 0.003% of 400 million
// requests wrongly allowed or denied). "at the limit": every source
// hovers near it, the worst case for an estimate. A decision is wrong
// when it differs from the exact one on the limiter's own history.
//
// Measured (go test -v -run Accuracy): quiet, the two-window counter
// 2.99% wrong (0.44% of the requests of the sources under the limit,
// 39% of those over it), ten slots 1.54%, the fixed window 2.70%; at
// the limit 13.4%, 11.1% and 25.6%. The most one source got through in
// a minute: 61 (counter), 58 (slots), 78 (fixed), never over 50 (log).
// The bounds hold these figures with a little room; the lesson quotes
// them.
func TestSlidingCounterAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("half a million requests")
	}
	for _, tr := range []struct {
		name string
		m    mix
		// most wrong, in percent: sliding counter, 10 slots
		counter, slots float64
	}{
		{"quiet", mix{0.97, 0.02, 0.01}, 3.5, 2},
		{"at the limit", mix{0, 1, 0}, 15, 12.5},
	} {
		trace, sources := accuracyTrace(tr.m, 2017)
		for _, tt := range []struct {
			name  string
			mk    func() Limiter
			bound float64
		}{
			{"sliding counter", func() Limiter { l, _ := NewSlidingCounter(50, time.Minute); return l }, tr.counter},
			{"10 slots", func() Limiter { l, _ := NewSlotCounter(50, time.Minute, 10); return l }, tr.slots},
			{"fixed window", func() Limiter { l, _ := NewFixedWindow(50, time.Minute); return l }, 100},
			{"sliding log", func() Limiter { l, _ := NewSlidingLog(50, time.Minute); return l }, 0},
		} {
			a := measureAccuracy(t, trace, sources, tt.mk)
			pct := 100 * float64(a.wrong) / float64(a.requests)
			t.Logf("%s: %-15s %d requests, %d wrong (%.3f%%): %d wrongly allowed, %d wrongly denied; at most %d of a source in a minute; wrong by class under/near/over: %s",
				tr.name, tt.name, a.requests, a.wrong, pct, a.falseAllow, a.falseDeny, a.worst, classes(a))

			if pct > tt.bound || math.IsNaN(pct) {
				t.Errorf("%s, %s: %.3f%% wrong, over the bound of %.1f%%", tr.name, tt.name, pct, tt.bound)
			}
			if tt.bound == 0 && a.worst > 50 {
				t.Errorf("%s, %s let %d through in a minute", tr.name, tt.name, a.worst)
			}
		}
	}
}

// classes writes the wrong share of each class of source.
func classes(a accuracy) string {
	var parts []string
	for _, c := range a.byClass {
		if c[0] == 0 {
			parts = append(parts, "-")
			continue
		}
		parts = append(parts, fmt.Sprintf("%.2f%% of %d", 100*float64(c[1])/float64(c[0]), c[0]))
	}
	return strings.Join(parts, " / ")
}
