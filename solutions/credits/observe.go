package credits

import "fmt"

// Step names a step of the replay. Each value is the id of a comment
// "// step: <id>" on the line of replay.go that performs it.
type Step string

// The steps of a replay, in the order they can first occur.
const (
	// StepSort takes the events up to the query time, in replay order.
	StepSort Step = "sort"
	// StepPush pushes a grant onto the heap at its start.
	StepPush Step = "push"
	// StepCharge is a charge arriving.
	StepCharge Step = "charge"
	// StepExpire pops a grant no longer valid at the time of the charge
	// or the query: its credits are lost.
	StepExpire Step = "expire"
	// StepPop pops the valid grant that expires first to pay a charge.
	StepPop Step = "pop"
	// StepPushBack pushes a partly used grant back.
	StepPushBack Step = "push-back"
	// StepShortfall keeps what no valid grant could pay of a charge.
	StepShortfall Step = "shortfall"
	// StepSum is the balance: what the heap holds at the query time.
	StepSum Step = "sum"
)

// Event is one step of a replay, with what a picture of it needs. The
// Ledger's Observe field receives them.
type Event struct {
	// Step is the step taken.
	Step Step
	// Time is the time of the event being replayed; for StepSort,
	// StepSum and an expiry at the end it is the query time.
	Time int64
	// Grant is the grant the step touched, with Left as the step left it;
	// the zero Grant for StepSort, StepCharge, StepShortfall and StepSum.
	Grant Grant
	// Index is Grant's position in Heap after the step, or -1 when it is
	// not in the heap (popped, expired) or there is no grant.
	Index int
	// Amount is the number the step is about: the events replayed
	// (StepSort), the credits granted (StepPush), the charge (StepCharge),
	// the credits lost (StepExpire) or taken (StepPop), the credits left
	// (StepPushBack), the part of the charge left unpaid (StepShortfall),
	// the balance (StepSum).
	Amount int64
	// Owed is what the charge being paid still owes after the step; zero
	// outside a charge.
	Owed int64
	// Held is the sum of the credits left in the heap after the step,
	// counting a grant popped by StepPop that is about to be pushed back.
	Held int64
	// Shortfall is the total unpaid so far.
	Shortfall int64
	// Charging reports whether the step is part of paying the charge at
	// Time: StepCharge and the StepExpire, StepPop, StepPushBack and
	// StepShortfall steps that follow it, but not the expiries at the
	// query time that end the replay.
	Charging bool
	// Heap is the heap's contents after the step, in the order of the
	// array behind it: Heap[0] is the top, the children of i are 2i+1 and
	// 2i+2. It is a copy the observer may keep.
	Heap []Grant
	// Grants, for StepSort only, is every grant recorded, in the order
	// recorded, as granted (Left is Amount): the whole history's grants,
	// those after the query time too, for a picture of it. Ask a grant
	// whether it is valid at a time with Grant.ValidAt. Nil for the other
	// steps.
	Grants []Grant
	// Charges, for StepSort only, is every charge recorded, in replay
	// order (by time, then as recorded), those after the query time too:
	// the replay's StepCharge steps are for the first of them, in order.
	// Nil for the other steps.
	Charges []Debit
	// Explain is one sentence that says what happened, with the values.
	Explain string
}

// event returns an Event with the heap copied.
func (l *Ledger) event(step Step, t int64, g *entry, amount, owed, held, short int64, explain string) Event {
	e := Event{Step: step, Time: t, Index: -1, Amount: amount, Owed: owed, Held: held, Shortfall: short, Explain: explain}
	if g != nil {
		e.Grant = g.Grant
		e.Index = g.index
	}
	e.Heap = l.heap.appendTo(make([]Grant, 0, l.heap.len()))
	return e
}

// sortEvent reports the sort of all, the events in replay order, of which
// the first n are at or before t, with the history's grants and charges.
func (l *Ledger) sortEvent(t int64, all []event, n int) Event {
	e := l.event(StepSort, t, nil, int64(n), 0, 0, 0, fmt.Sprintf(
		"took the %d of %d events at or before t=%d in time order, grants before charges at one time, to replay them on a min-heap of grants keyed by expiry",
		n, len(all), t))
	e.Grants = l.Grants()
	e.Charges = make([]Debit, 0, len(all)-len(l.grants))
	for i := range all {
		if !all[i].isGrant() {
			e.Charges = append(e.Charges, Debit{Amount: all[i].amount, Time: all[i].time})
		}
	}
	return e
}

func (l *Ledger) pushEvent(t int64, g *entry, held, short int64) Event {
	return l.event(StepPush, t, g, g.Amount, 0, held, short, fmt.Sprintf(
		"at t=%d grant %s (%d credits, valid through t=%d) is pushed with key %d, its expiry, and sits at index %d; the heap holds %d credits",
		t, g.ID, g.Amount, g.Expiry, g.Expiry, g.index, held))
}

func (l *Ledger) chargeEvent(t, amount, held, short int64) Event {
	return l.chargingEvent(StepCharge, t, nil, amount, amount, held, short, fmt.Sprintf(
		"at t=%d a charge of %d arrives: it is paid from the valid grants in order of expiry, starting at the top of the heap",
		t, amount))
}

// expireEvent reports g expired at t, while paying a charge at t when
// charging is set, else at the end of the replay.
func (l *Ledger) expireEvent(t int64, g *entry, held, short int64, charging bool) Event {
	e := l.event(StepExpire, t, g, g.Left, 0, held, short, fmt.Sprintf(
		"grant %s was valid only through t=%d, before t=%d: it is popped and its %d unused credits are lost",
		g.ID, g.Expiry, t, g.Left))
	e.Charging = charging
	return e
}

func (l *Ledger) popEvent(t int64, g *entry, take, owed, held, short int64) Event {
	return l.chargingEvent(StepPop, t, g, take, owed, held, short, fmt.Sprintf(
		"popped grant %s, the valid grant that expires first (t=%d): took %d of its %d credits, %d left in it, and the charge still owes %d",
		g.ID, g.Expiry, take, g.Left+take, g.Left, owed))
}

func (l *Ledger) pushBackEvent(t int64, g *entry, held, short int64) Event {
	return l.chargingEvent(StepPushBack, t, g, g.Left, 0, held, short, fmt.Sprintf(
		"grant %s still has %d credits, so it is pushed back with the same key %d and sits at index %d",
		g.ID, g.Left, g.Expiry, g.index))
}

func (l *Ledger) shortfallEvent(t, owed, held, short int64) Event {
	return l.chargingEvent(StepShortfall, t, nil, owed, owed, held, short, fmt.Sprintf(
		"no valid grant is left and the charge at t=%d still owes %d: it is kept as a shortfall (total %d) and the balance stays %d, never negative",
		t, owed, short, held))
}

// chargingEvent is event for a step of paying a charge.
func (l *Ledger) chargingEvent(step Step, t int64, g *entry, amount, owed, held, short int64, explain string) Event {
	e := l.event(step, t, g, amount, owed, held, short, explain)
	e.Charging = true
	return e
}

func (l *Ledger) sumEvent(t int64, r Result) Event {
	return l.event(StepSum, t, nil, r.Balance, 0, r.Balance, r.Shortfall, fmt.Sprintf(
		"every grant left in the heap is valid at t=%d, so the balance is their sum, %d credits, and the shortfall is %d",
		t, r.Balance, r.Shortfall))
}
