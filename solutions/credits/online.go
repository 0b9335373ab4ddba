package credits

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// blockSize is the number of events a block of the online index holds
// after a build; a block is split in two when it passes twice as many.
const blockSize = 128

// online is the balance index, kept current as events arrive in any time
// order. It rests on two facts.
//
// First, what the replay decides (how much each charge takes from each
// grant, and each charge's unpaid part) turns into balance changes over
// intervals: a grant adds its amount on [start, expiry], a charge at c that
// takes u from a grant subtracts u on [c, expiry]. Each interval is two
// point changes, +d at its start and -d the instant after its end, kept in
// a sumTree by time; the balance at t is the sum of the changes up to t,
// O(log n). The shortfalls go in a second sumTree by charge time.
//
// Second, the sweep's state between two events is the heap of grants still
// holding credits: knowing it at some point, the rest of the replay follows
// from the events after it alone. The events are kept in time order in
// blocks of about blockSize, and each block keeps the state the sweep
// reaches at its first event (its start), together with what its charges
// took. A new event goes into its block and only that block is swept again,
// from its start; the state it ends with is compared with the next block's
// start. If they are equal, nothing after can change and the write is done;
// if not, the next block becomes the new start and is swept too, and so on.
// A block's changes to the sumTrees are replaced only where they differ.
//
// A block ends only where the state carried across holds no more grants
// than the block has events (or blockSize): otherwise it takes in the next
// block. So the starts hold O(n) grants in all, and a block is longer
// where many grants are alive at once. A block passing twice its length
// (or blockSize) is split in two.
//
// The costs, for n events and blocks of B events: a write costs O(B +
// log n) to place the event, then O(B log n) for each block swept again
// (the grants carried in and out are at most B), plus O(log n) for each
// balance change that differs. How many blocks a write sweeps again is how
// far its effect travels: the credits it adds or takes move to other
// grants until they run out, expire or are not needed, so one or two when
// grants last a few blocks' worth of events; every later block in the
// worst case (a grant lasting the whole history whose leftover the write
// changes is part of every later state), which is O(n log n), a rebuild.
// Building the index from scratch is one sweep of every block, O(n log n).
// Memory is O(n).
type online struct {
	l      *Ledger
	size   int // blockSize, or less in tests
	blocks []*block
	bal    sumTree // balance changes by time
	short  sumTree // shortfalls by charge time

	// Scratch for sweeps, indexed by grant or reused between them.
	left   []int64 // credits left in each grant at the sweep's point
	heap   []int32 // a min-heap of grant indices by Grant.before
	state  []held
	mark   []mark // by grant, for sameState
	epoch  uint64
	delta  map[int64]int64
	dshort map[int64]int64

	// While the first build runs, changes are gathered here and the
	// sumTrees built from them at the end, in O(n) once sorted.
	building         bool
	points, shortPts []point
}

// point is a change of delta credits from time t on.
type point struct {
	t, delta int64
}

// block is a run of events in replay order, with what the sweep knows of
// it.
type block struct {
	events []event
	// start is the sweep's heap at events[0]: every grant pushed before
	// it that is valid at its time or later and still holds credits, in
	// no particular order. The first block's is empty.
	start []held
	// uses is what the block's charges took, in replay order: from which
	// grant, or -1 for the part no grant could pay.
	uses []use
}

// held is a grant in the sweep's heap and the credits it still holds.
type held struct {
	grant int32
	left  int64
}

// use is amount credits taken at t by a charge from grant, or left unpaid
// when grant is -1.
type use struct {
	t      int64
	grant  int32
	amount int64
}

// buildOnline sorts the events and sweeps them once, block by block.
func (l *Ledger) buildOnline() *online {
	events := l.sortedEvents()
	o := &online{l: l, size: cmp.Or(l.blockSize, blockSize), delta: map[int64]int64{}, dshort: map[int64]int64{}}
	for i := 0; i < len(events); i += o.size {
		o.blocks = append(o.blocks, &block{events: slices.Clone(events[i:min(i+o.size, len(events))])})
	}
	o.building = true
	// Two changes a grant and about two a use; a charge makes a use
	// for each grant it empties and one more.
	o.points = make([]point, 0, 2*len(l.grants)+4*len(events))
	for _, g := range l.grants {
		o.addGrant(&g.Grant)
	}
	o.resweep(0, len(o.blocks))
	o.building = false
	o.bal.build(o.points)
	o.short.build(o.shortPts)
	o.points, o.shortPts = nil, nil
	return o
}

// insert places the event e, already in the Ledger, and brings the index
// up to date.
func (o *online) insert(e event) {
	if e.isGrant() {
		o.addGrant(&o.l.grants[e.grant].Grant)
	}
	if len(o.blocks) == 0 {
		o.blocks = []*block{{events: []event{e}}}
		o.resweep(0, 1)
		return
	}
	// The last block whose first event replays before e; e sorts after
	// that event and before the next block's first.
	j := max(sort.Search(len(o.blocks), func(i int) bool { return !eventBefore(&o.blocks[i].events[0], &e) })-1, 0)
	b := o.blocks[j]
	at := sort.Search(len(b.events), func(i int) bool { return !eventBefore(&b.events[i], &e) })
	b.events = slices.Insert(b.events, at, e)
	forced := j + 1
	if n := len(b.events); n > 2*max(o.size, len(b.start)) {
		half := &block{events: slices.Clone(b.events[n/2:])}
		b.events = b.events[: n/2 : n/2]
		o.blocks = slices.Insert(o.blocks, j+1, half)
		forced = j + 2
	}
	o.resweep(j, forced)
}

// addGrant adds g's amount to the balance on [Start, Expiry].
func (o *online) addGrant(g *Grant) {
	o.addBalance(g.Start, g.Amount)
	if g.Expiry < math.MaxInt64 {
		o.addBalance(g.Expiry+1, -g.Amount)
	}
}

func (o *online) addBalance(t, delta int64) {
	if o.building {
		o.points = append(o.points, point{t, delta})
		return
	}
	o.bal.Add(t, delta)
}

// resweep sweeps block j again from its start, then each next block whose
// start the sweep changed; blocks before forced are swept whatever their
// start (a split block's second half has none yet). A block whose end
// state holds more grants than it has events (and than blockSize) takes
// in the next block, so all the starts together hold at most n grants
// plus blockSize a block.
func (o *online) resweep(j, forced int) {
	for k := j; k < len(o.blocks); k++ {
		b := o.blocks[k]
		o.load(b.start)
		uses := o.sweep(b.events, nil)
		var next *block
		for k+1 < len(o.blocks) {
			next = o.blocks[k+1]
			o.state = o.carried(next.events[0].time, o.state[:0])
			if len(o.state) <= max(o.size, len(b.events)) {
				break
			}
			uses = o.sweep(next.events, uses)
			b.events = append(b.events, next.events...)
			b.uses = append(b.uses, next.uses...)
			o.blocks = slices.Delete(o.blocks, k+1, k+2)
			forced = max(forced-1, k+1)
			next = nil
		}
		o.replaceUses(b.uses, uses)
		b.uses = uses
		if next == nil {
			return
		}
		if k+1 >= forced && o.sameState(o.state, next.start) {
			return
		}
		next.start = slices.Clone(o.state)
	}
}

// load puts the grants of start in the heap, with what they hold.
func (o *online) load(start []held) {
	if n := len(o.l.grants); len(o.left) < n {
		o.left = append(o.left, make([]int64, n-len(o.left))...)
	}
	o.heap = o.heap[:0]
	for _, h := range start {
		o.left[h.grant] = h.left
		o.heap = append(o.heap, h.grant)
	}
	for i := len(o.heap)/2 - 1; i >= 0; i-- {
		o.down(i)
	}
}

// sweep replays events on the heap as Ledger.replay does and appends what
// each charge took to uses. It costs O(len(events) log s) for s grants in
// the heap, plus one pop for each grant used up or expired.
func (o *online) sweep(events []event, uses []use) []use {
	grants := o.l.grants
	for i := range events {
		ev := &events[i]
		if ev.isGrant() {
			o.left[ev.grant] = grants[ev.grant].Amount
			o.push(int32(ev.grant))
			continue
		}
		for len(o.heap) > 0 && grants[o.heap[0]].Expiry < ev.time {
			o.pop()
		}
		owed := ev.amount
		for owed > 0 && len(o.heap) > 0 {
			g := o.heap[0]
			take := min(o.left[g], owed)
			o.left[g] -= take
			owed -= take
			uses = append(uses, use{t: ev.time, grant: g, amount: take})
			if o.left[g] == 0 {
				o.pop()
			}
			// A grant with credits left stays on top: its key is the
			// same, so the replay's pop and push back would put it there.
		}
		if owed > 0 {
			uses = append(uses, use{t: ev.time, grant: -1, amount: owed})
		}
	}
	return uses
}

// carried appends to dst the heap's grants that can still matter at t or
// later (valid at t or after), in the heap's order: the sweep's state as
// the next block, starting at t, needs it.
func (o *online) carried(t int64, dst []held) []held {
	for _, g := range o.heap {
		if o.l.grants[g].Expiry >= t {
			dst = append(dst, held{grant: g, left: o.left[g]})
		}
	}
	return dst
}

// sameState reports whether a and b hold the same grants with the same
// credits, in any order, in O(len(a)): b's grants are marked in a scratch
// array indexed by grant, with a new epoch each time.
func (o *online) sameState(a, b []held) bool {
	if len(a) != len(b) {
		return false
	}
	if n := len(o.l.grants); len(o.mark) < n {
		o.mark = append(o.mark, make([]mark, n-len(o.mark))...)
	}
	o.epoch++
	for _, h := range b {
		o.mark[h.grant] = mark{epoch: o.epoch, left: h.left}
	}
	for _, h := range a {
		if o.mark[h.grant] != (mark{epoch: o.epoch, left: h.left}) {
			return false
		}
	}
	return true
}

// mark is what sameState notes of a grant: the credits it holds in the
// state marked in epoch.
type mark struct {
	epoch uint64
	left  int64
}

// replaceUses takes the balance and shortfall changes of old out of the
// sumTrees and puts those of uses in, touching only the times where the
// two differ.
func (o *online) replaceUses(old, uses []use) {
	if slices.Equal(old, uses) {
		return
	}
	if o.building { // old is empty
		for _, u := range uses {
			if u.grant < 0 {
				o.shortPts = append(o.shortPts, point{u.t, u.amount})
				continue
			}
			o.addBalance(u.t, -u.amount)
			if exp := o.l.grants[u.grant].Expiry; exp < math.MaxInt64 {
				o.addBalance(exp+1, u.amount)
			}
		}
		return
	}
	clear(o.delta)
	clear(o.dshort)
	o.tally(old, -1)
	o.tally(uses, 1)
	for t, d := range o.delta {
		if d != 0 {
			o.bal.Add(t, d)
		}
	}
	for t, d := range o.dshort {
		if d != 0 {
			o.short.Add(t, d)
		}
	}
}

// tally adds sign times the changes of uses to the pending deltas: a use
// of u at t from a grant takes u off the balance from t through the
// grant's expiry; an unpaid part adds to the shortfall from t on.
func (o *online) tally(uses []use, sign int64) {
	for _, u := range uses {
		if u.grant < 0 {
			o.dshort[u.t] += sign * u.amount
			continue
		}
		o.delta[u.t] -= sign * u.amount
		if exp := o.l.grants[u.grant].Expiry; exp < math.MaxInt64 {
			o.delta[exp+1] += sign * u.amount
		}
	}
}

func (o *online) balanceAt(t int64) int64   { return o.bal.Prefix(t) }
func (o *online) shortfallAt(t int64) int64 { return o.short.Prefix(t) }

// The heap of grant indices, ordered as the replay's heap (Grant.before).

func (o *online) less(i, j int) bool {
	return o.l.grants[o.heap[i]].before(&o.l.grants[o.heap[j]].Grant)
}

func (o *online) push(g int32) {
	o.heap = append(o.heap, g)
	for i := len(o.heap) - 1; i > 0; {
		p := (i - 1) / 2
		if !o.less(i, p) {
			break
		}
		o.heap[i], o.heap[p] = o.heap[p], o.heap[i]
		i = p
	}
}

func (o *online) pop() {
	n := len(o.heap) - 1
	o.heap[0] = o.heap[n]
	o.heap = o.heap[:n]
	o.down(0)
}

func (o *online) down(i int) {
	for n := len(o.heap); ; {
		c := 2*i + 1
		if c >= n {
			return
		}
		if c+1 < n && o.less(c+1, c) {
			c++
		}
		if !o.less(c, i) {
			return
		}
		o.heap[i], o.heap[c] = o.heap[c], o.heap[i]
		i = c
	}
}
