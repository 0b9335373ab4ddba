package credits

import (
	"container/heap"
	"slices"
)

// reference is a faithful port of the classic interview answer, kept as the
// oracle for the Ledger. Recording appends; every query copies the events,
// sorts them by (timestamp, type) so grants (type 0) come before charges
// (type 1) at one time, and replays all of them up to the query time on a
// min-heap keyed by expiry. Each query costs O(n log n).
//
// The classic answer is, in Python:
//
//	def get_balance(self, timestamp):
//	    heap = []
//	    for ev in sorted(self.events):
//	        if ev.time > timestamp: break
//	        if ev.type == ADD:
//	            heappush(heap, [ev.time + ev.expire, ev.amount, ev.id])
//	        else:
//	            while heap and heap[0][0] <= ev.time: heappop(heap)
//	            need = ev.amount
//	            while need > 0 and heap:
//	                exp, left, gid = heappop(heap)
//	                take = min(left, need)
//	                need -= take
//	                if left > take: heappush(heap, [exp, left - take, gid])
//	    while heap and heap[0][0] <= timestamp: heappop(heap)
//	    return sum(left for _, left, _ in heap)
//
// Two changes, both marked: halfOpen false (the default) turns the two
// "<=" expiry tests into "<", the closed interval [timestamp,
// timestamp+expire] this project picks; and the unpaid "need" is summed as
// the shortfall instead of being dropped. The heap key stays the classic
// [expiry, amount, id]: ties on expiry do not change any sum.
type reference struct {
	events   []refEvent
	halfOpen bool // the classic "<=": a grant is gone at timestamp+expire
}

type refEvent struct {
	time   int64
	kind   int // 0 add, 1 charge
	amount int64
	expire int64
	id     string
}

type refGrant struct {
	expiry, left int64
	id           string
}

type refHeap []refGrant

func (h refHeap) Len() int { return len(h) }
func (h refHeap) Less(i, j int) bool {
	if h[i].expiry != h[j].expiry {
		return h[i].expiry < h[j].expiry
	}
	if h[i].left != h[j].left {
		return h[i].left < h[j].left
	}
	return h[i].id < h[j].id
}
func (h refHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *refHeap) Push(x any)   { *h = append(*h, x.(refGrant)) }
func (h *refHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (r *reference) addCredit(id string, amount, timestamp, expire int64) {
	r.events = append(r.events, refEvent{time: timestamp, kind: 0, amount: amount, expire: expire, id: id})
}

func (r *reference) charge(amount, timestamp int64) {
	r.events = append(r.events, refEvent{time: timestamp, kind: 1, amount: amount})
}

// expired is the classic "heap[0][0] <= now", or "<" for the closed
// interval.
func (r *reference) expired(expiry, now int64) bool {
	if r.halfOpen {
		return expiry <= now
	}
	return expiry < now
}

// balance returns the balance and the shortfall at timestamp.
func (r *reference) balance(timestamp int64) (balance, shortfall int64) {
	events := slices.Clone(r.events)
	slices.SortStableFunc(events, func(a, b refEvent) int {
		if a.time != b.time {
			if a.time < b.time {
				return -1
			}
			return 1
		}
		return a.kind - b.kind
	})
	h := &refHeap{}
	for _, ev := range events {
		if ev.time > timestamp {
			break
		}
		if ev.kind == 0 {
			heap.Push(h, refGrant{expiry: ev.time + ev.expire, left: ev.amount, id: ev.id})
			continue
		}
		for h.Len() > 0 && r.expired((*h)[0].expiry, ev.time) {
			heap.Pop(h)
		}
		need := ev.amount
		for need > 0 && h.Len() > 0 {
			g := heap.Pop(h).(refGrant)
			take := min(g.left, need)
			need -= take
			if g.left > take {
				heap.Push(h, refGrant{expiry: g.expiry, left: g.left - take, id: g.id})
			}
		}
		shortfall += need // the classic drops it
	}
	for h.Len() > 0 && r.expired((*h)[0].expiry, timestamp) {
		heap.Pop(h)
	}
	for _, g := range *h {
		balance += g.left
	}
	return balance, shortfall
}
