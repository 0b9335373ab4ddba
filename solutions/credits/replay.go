package credits

import "math"

// Result is what a replay up to a time ends with.
type Result struct {
	// Balance is the sum of the credits left in grants still valid at
	// the time: never negative.
	Balance int64
	// Shortfall is the sum of the charges, at or before the time, that
	// no valid grant could pay.
	Shortfall int64
}

// Replay replays every event at or before t, in time order with grants
// before charges at one time, on a min-heap of grants keyed by expiry, and
// returns the balance and shortfall at t. This is the classic algorithm;
// BalanceAt and ShortfallAt give the same answers from an index.
//
// When l.Observe is non-nil, Replay calls it once for each step (see Step
// and Ledger.Observe).
//
// Replay costs O(n log n) for the n events at or before t, plus the sort of
// all events after a change.
func (l *Ledger) Replay(t int64) Result {
	return l.replay(t, l.Observe, nil)
}

// replay is the sweep behind Replay: obs, when non-nil, hears each step;
// with rec non-nil it also records each grant pushed, how much each charge
// took from each grant, and each shortfall: the record the tests hold the
// online index to (online.go keeps its own blocks and never calls this).
func (l *Ledger) replay(t int64, obs func(Event), rec *recording) Result {
	all := l.sortedEvents()
	events := all[:upTo(all, t)] // step: sort
	if obs != nil {
		obs(l.sortEvent(t, all, len(events)))
	}
	h := &l.heap
	h.reset()
	var held, short int64
	for i := range events {
		ev := &events[i]
		if ev.isGrant() {
			g := l.grants[ev.grant]
			g.Left = g.Amount
			h.push(g) // step: push
			held += g.Amount
			if rec != nil {
				rec.changes = append(rec.changes, change{t: ev.time, until: g.Expiry, delta: g.Amount})
			}
			if obs != nil {
				obs(l.pushEvent(ev.time, g, held, short))
			}
			continue
		}
		owed := ev.amount // step: charge
		if obs != nil {
			obs(l.chargeEvent(ev.time, owed, held, short))
		}
		held -= l.expire(ev.time, obs, held, short, true)
		for owed > 0 && h.len() > 0 {
			g := h.pop() // step: pop
			take := min(g.Left, owed)
			g.Left -= take
			owed -= take
			held -= take
			if rec != nil {
				rec.changes = append(rec.changes, change{t: ev.time, until: g.Expiry, delta: -take})
			}
			if obs != nil {
				obs(l.popEvent(ev.time, g, take, owed, held, short))
			}
			if g.Left > 0 {
				h.push(g) // step: push-back
				if obs != nil {
					obs(l.pushBackEvent(ev.time, g, held, short))
				}
			}
		}
		if owed > 0 {
			short += owed // step: shortfall
			if rec != nil {
				rec.shorts = append(rec.shorts, change{t: ev.time, until: math.MaxInt64, delta: owed})
			}
			if obs != nil {
				obs(l.shortfallEvent(ev.time, owed, held, short))
			}
		}
	}
	held -= l.expire(t, obs, held, short, false)
	res := Result{Balance: held, Shortfall: short} // step: sum
	if obs != nil {
		obs(l.sumEvent(t, res))
	}
	return res
}

// expire pops the grants no longer valid at t, the ones a charge or a
// query at t can no longer use, and returns the credits they still held.
// Every grant in the heap started at or before t, so those are the ones
// whose expiry is before t, and they are at the top: the heap is ordered by
// expiry. charging tells the observer whether a charge at t is being paid.
func (l *Ledger) expire(t int64, obs func(Event), held, short int64, charging bool) (lost int64) {
	h := &l.heap
	for h.len() > 0 && !h.top().ValidAt(t) {
		g := h.pop() // step: expire
		lost += g.Left
		if obs != nil {
			obs(l.expireEvent(t, g, held-lost, short, charging))
		}
	}
	return lost
}
