package credits

import (
	"math"
	"sort"
)

// recording is what a replay notes for the index, in time order: every
// change to the balance from a grant's start or a use by a charge, with the
// time the change is undone (the grant's expiry plus one), and each charge's
// unpaid part.
type recording struct {
	changes []change
	shorts  []change
}

// change is delta credits from time t through until.
type change struct {
	t, until, delta int64
}

// index answers balance and shortfall queries in O(log n).
//
// One replay of all events fixes how much every charge takes from every
// grant: a charge only looks at events at or before its own time, so no
// query can change it. The balance at t is then a sum over intervals: each
// grant adds its amount on [start, expiry], and each use of u credits from
// a grant by a charge at c subtracts u on [c, expiry]. The index keeps that
// sum as a step function: the times where it changes, and its value from
// each such time to the next. The shortfall at t is a running total over
// the charges in time order.
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

// buildIndex replays all events once, O(n log n), and turns what the replay
// recorded into the step functions: the starts come in time order, the
// ends are sorted, O(n log n), and the two are merged.
func (l *Ledger) buildIndex() *index {
	events := l.sortedEvents()
	// A charge empties every grant it pops but the last: at most one
	// partial use per charge, so grants plus uses fit in 2n.
	rec := recording{changes: make([]change, 0, 2*len(events))}
	if len(events) > 0 {
		l.replay(events[len(events)-1].time, nil, &rec)
	}

	ends := make([]point, 0, len(rec.changes))
	for _, c := range rec.changes {
		if c.until < math.MaxInt64 { // valid through until: undone at until+1
			ends = append(ends, point{c.until + 1, -c.delta})
		}
	}
	radixSort(ends, func(p *point) uint64 { return timeKey(p.t) }, nil)

	idx := &index{
		times: make([]int64, 0, len(rec.changes)+len(ends)),
		bal:   make([]int64, 0, len(rec.changes)+len(ends)),
	}
	var sum int64
	i, j := 0, 0
	for i < len(rec.changes) || j < len(ends) {
		t := int64(math.MaxInt64)
		if i < len(rec.changes) {
			t = rec.changes[i].t
		}
		if j < len(ends) {
			t = min(t, ends[j].t)
		}
		for ; i < len(rec.changes) && rec.changes[i].t == t; i++ {
			sum += rec.changes[i].delta
		}
		for ; j < len(ends) && ends[j].t == t; j++ {
			sum += ends[j].delta
		}
		if n := len(idx.bal); n > 0 && idx.bal[n-1] == sum {
			continue
		}
		idx.times = append(idx.times, t)
		idx.bal = append(idx.bal, sum)
	}

	var short int64
	for _, s := range rec.shorts {
		short += s.delta
		if n := len(idx.shortTimes); n > 0 && idx.shortTimes[n-1] == s.t {
			idx.shorts[n-1] = short
			continue
		}
		idx.shortTimes = append(idx.shortTimes, s.t)
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
