package tcp

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Network is the path between the ends, the same both ways. Losses,
// duplicates and reorders are scripted (Drop, DropSeg) or drawn from
// Seed with the given percentages; the same Network and the same
// segments always give the same fates.
type Network struct {
	// Delay is the one-way propagation delay.
	Delay time.Duration
	// Bandwidth is the link's rate in bytes per second (a segment takes
	// its data and 40 header bytes); 0 is unlimited.
	Bandwidth int
	// Queue is how many segments may wait for the link; a segment that
	// finds it full is dropped. 0 is unlimited.
	Queue int
	// Loss, Dup and Reorder are the percentages of segments lost,
	// delivered twice and delayed past later ones.
	Loss, Dup, Reorder float64
	// Seed seeds the draws.
	Seed uint64
	// Drop lists data segments to lose, by their place among the
	// segments that carry data, from 1 ("drop the 3rd data segment").
	Drop []int
	// DropSeg lists segments to lose by their place among all segments,
	// from 1.
	DropSeg []int
}

// check reports the first figure out of range.
func (n Network) check() error {
	switch {
	case n.Delay < 0:
		return fmt.Errorf("delay %v: want 0 or more", n.Delay)
	case n.Bandwidth < 0:
		return fmt.Errorf("bandwidth %d: want 0 (unlimited) or more", n.Bandwidth)
	case n.Queue < 0:
		return fmt.Errorf("queue %d: want 0 (unlimited) or more", n.Queue)
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"loss", n.Loss}, {"dup", n.Dup}, {"reorder", n.Reorder}} {
		if !(p.v >= 0 && p.v <= 100) {
			return fmt.Errorf("%s %v%%: want 0 to 100", p.name, p.v)
		}
	}
	for _, d := range append(slices.Clone(n.Drop), n.DropSeg...) {
		if d < 1 {
			return fmt.Errorf("drop %d: segments count from 1", d)
		}
	}
	return nil
}

// arrival is a copy of a segment on its way to side to.
type arrival struct {
	at    time.Duration
	order int // sending order, to break ties
	to    Side
	seg   Segment
}

// network carries segments between the ends: a link each way and the
// arrivals in time order.
type network struct {
	cfg      Network
	rng      *rand.Rand
	sent     int // segments taken
	dataSent int // of them, with data
	busy     [2]time.Duration
	waiting  [2][]time.Duration // when each queued segment starts out
	q        []arrival          // a min-heap on (at, order)
	pushed   int
}

func newNetwork(cfg Network) *network {
	return &network{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x7463702d73696d))}
}

// send takes s from side from at now and decides its fate.
func (n *network) send(from Side, now time.Duration, s Segment) Delivery {
	n.sent++
	s.Num = n.sent
	d := Delivery{Num: n.sent}
	if len(s.Data) > 0 {
		n.dataSent++
	}
	// The draws are made for every segment, so that a script changes
	// the fates of no other segment.
	lose := n.rng.Float64()*100 < n.cfg.Loss
	dup := n.rng.Float64()*100 < n.cfg.Dup
	late := n.rng.Float64()*100 < n.cfg.Reorder
	if slices.Contains(n.cfg.DropSeg, n.sent) || (len(s.Data) > 0 && slices.Contains(n.cfg.Drop, n.dataSent)) {
		lose = true
	}
	start := now
	if n.cfg.Bandwidth > 0 {
		w := n.waiting[from][:0]
		for _, t := range n.waiting[from] {
			if t > now {
				w = append(w, t)
			}
		}
		n.waiting[from] = w
		if n.cfg.Queue > 0 && len(w) >= n.cfg.Queue {
			d.Fate = QueueDrop
			return d
		}
		start = max(now, n.busy[from])
		n.busy[from] = start + time.Duration(int64(len(s.Data)+40)*int64(time.Second)/int64(n.cfg.Bandwidth))
		if start > now {
			n.waiting[from] = append(n.waiting[from], start)
		}
	}
	if lose {
		d.Fate = Lost
		return d
	}
	d.At = n.busy[from] + n.cfg.Delay
	if n.cfg.Bandwidth == 0 {
		d.At = start + n.cfg.Delay
	}
	switch {
	case late:
		d.Fate = Reordered
		d.At += n.cfg.Delay/2 + time.Millisecond
	case dup:
		d.Fate = Duplicated
		n.push(arrival{at: d.At + time.Millisecond, to: 1 - from, seg: s})
	}
	n.push(arrival{at: d.At, to: 1 - from, seg: s})
	return d
}

// push adds a to the heap.
func (n *network) push(a arrival) {
	n.pushed++
	a.order = n.pushed
	n.q = append(n.q, a)
	for i := len(n.q) - 1; i > 0; {
		p := (i - 1) / 2
		if !n.before(i, p) {
			break
		}
		n.q[i], n.q[p] = n.q[p], n.q[i]
		i = p
	}
}

func (n *network) before(i, j int) bool {
	a, b := n.q[i], n.q[j]
	return a.at < b.at || (a.at == b.at && a.order < b.order)
}

// next is the time of the first arrival, and false if none is due.
func (n *network) next() (time.Duration, bool) {
	if len(n.q) == 0 {
		return 0, false
	}
	return n.q[0].at, true
}

// pop removes and returns the first arrival.
func (n *network) pop() arrival {
	a := n.q[0]
	last := len(n.q) - 1
	n.q[0] = n.q[last]
	n.q = n.q[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(n.q) && n.before(l, m) {
			m = l
		}
		if r < len(n.q) && n.before(r, m) {
			m = r
		}
		if m == i {
			break
		}
		n.q[i], n.q[m] = n.q[m], n.q[i]
		i = m
	}
	return a
}
