package credits

import (
	"math"
	"slices"
	"sort"
)

// recording is what a replay to the end notes for the index: how much each
// charge took from each grant, and each charge's unpaid part, in time order.
type recording struct {
	uses   []use
	shorts []use
}

// use is credits taken at time from a grant valid through expiry.
type use struct {
	time, amount, expiry int64
}

// index answers balance and shortfall queries in O(log n).
//
// One replay of all events fixes how much every charge takes from every
// grant: a charge only looks at events at or before its own time, so no
// later query can change it. The balance at t is then a sum of intervals:
// each grant adds its amount on [start, expiry], and each use of u credits
// from a grant at time c subtracts u on [c, expiry]. The index keeps the
// sum as a step function: times where it changes, and its value from each
// such time to the next. The shortfall at t is a running total over the
// charges in time order.
type index struct {
	times []int64 // ascending; the balance changes at each
	bal   []int64 // the balance on [times[i], times[i+1])

	shortTimes []int64 // ascending times of charges with a shortfall
	shorts     []int64 // the total shortfall on [shortTimes[i], shortTimes[i+1])
}

// point is a change of delta credits to the balance from time t on.
type point struct {
	t, delta int64
}

func (l *Ledger) index() *index {
	if l.idx == nil {
		l.idx = l.buildIndex()
	}
	return l.idx
}

// buildIndex replays all events once, O(n log n), and turns the result into
// the step functions, O(n log n) to sort the interval ends.
func (l *Ledger) buildIndex() *index {
	var rec recording
	l.replay(math.MaxInt64, nil, &rec)

	pts := make([]point, 0, 2*(len(l.events)+len(rec.uses)))
	add := func(start, end, delta int64) {
		pts = append(pts, point{start, delta})
		if end < math.MaxInt64 { // valid through end: gone from end+1
			pts = append(pts, point{end + 1, -delta})
		}
	}
	for i := range l.events {
		if g := l.events[i].grant; g != nil {
			add(g.Start, g.Expiry, g.Amount)
		}
	}
	for _, u := range rec.uses {
		add(u.time, u.expiry, -u.amount)
	}
	slices.SortFunc(pts, func(a, b point) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})

	idx := &index{}
	var sum int64
	for i := 0; i < len(pts); {
		t := pts[i].t
		for ; i < len(pts) && pts[i].t == t; i++ {
			sum += pts[i].delta
		}
		if n := len(idx.bal); n > 0 && idx.bal[n-1] == sum {
			continue
		}
		idx.times = append(idx.times, t)
		idx.bal = append(idx.bal, sum)
	}

	var short int64
	for _, s := range rec.shorts {
		short += s.amount
		if n := len(idx.shortTimes); n > 0 && idx.shortTimes[n-1] == s.time {
			idx.shorts[n-1] = short
			continue
		}
		idx.shortTimes = append(idx.shortTimes, s.time)
		idx.shorts = append(idx.shorts, short)
	}
	return idx
}

// at returns the value of the step function (times, vals) at t: the value
// from the last time at or before t, or 0 before the first.
func at(times, vals []int64, t int64) int64 {
	i := sort.Search(len(times), func(i int) bool { return times[i] > t })
	if i == 0 {
		return 0
	}
	return vals[i-1]
}

func (x *index) balanceAt(t int64) int64   { return at(x.times, x.bal, t) }
func (x *index) shortfallAt(t int64) int64 { return at(x.shortTimes, x.shorts, t) }
