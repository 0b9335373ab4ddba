package creditviz

import (
	"fmt"

	"tutor/internal/visual"
	"tutor/solutions/credits"
)

// status is what the replay has done to a grant so far, as its events
// told: the glyph of its bar.
type status byte

const (
	future  status = iota // not pushed (yet, or ever: it starts after the query time)
	held                  // in the heap
	popped                // popped for a charge, not pushed back yet
	usedUp                // popped with no credit left
	expired               // popped because it was no longer valid
)

// frame is one step of the replay: the solution's event, and the status
// of every grant after it, by timeline row.
type frame struct {
	ev     credits.Event
	status []status
}

// recording is a replay of the ledger to the query time, as plain data:
// the history the replay's first step reported, a frame per event, and the
// solution's own answer.
type recording struct {
	at      int64           // the query time
	grants  []credits.Grant // the timeline's rows, in the order recorded
	charges []credits.Debit // the charges, in replay order
	// replayed is how many of charges the replay reached: its StepCharge
	// steps are for the first charges, in order.
	replayed int
	rowOf    map[string]int // a grant's row, by id
	lo, hi   int64          // the timeline's range
	frames   []frame
	final    string
	palettes palettes // what Draw paints with, by theme
}

// record replays in's ledger to in.at with Observe attached and keeps a
// frame per event.
func record(in input) (*recording, error) {
	l, err := in.ledger()
	if err != nil {
		return nil, err
	}
	r := &recording{at: in.at, rowOf: map[string]int{}}
	var st []status
	l.Observe = func(ev credits.Event) {
		switch ev.Step {
		case credits.StepSort:
			r.history(ev)
			st = make([]status, len(r.grants))
		case credits.StepCharge:
			r.replayed++
		}
		if row, ok := r.rowOf[ev.Grant.ID]; ok && ev.Grant.ID != "" {
			switch ev.Step {
			case credits.StepPush, credits.StepPushBack:
				st[row] = held
			case credits.StepPop:
				st[row] = popped
				if ev.Grant.Left == 0 {
					st[row] = usedUp
				}
			case credits.StepExpire:
				st[row] = expired
			}
		}
		r.frames = append(r.frames, frame{ev: ev, status: append([]status(nil), st...)})
	}
	l.Replay(in.at)
	l.Observe = nil
	if len(r.frames) == 0 || r.frames[0].ev.Step != credits.StepSort {
		return nil, fmt.Errorf("credits: the replay did not start with its sort step")
	}
	r.final = final(l, in.at)
	return r, nil
}

// history keeps what the sort step reports of the whole history: the
// grants, the charges and the range of time they span with the query time.
func (r *recording) history(ev credits.Event) {
	r.grants, r.charges = ev.Grants, ev.Charges
	r.lo, r.hi = r.at, r.at
	for i, g := range r.grants {
		r.rowOf[g.ID] = i
		r.lo, r.hi = min(r.lo, g.Start), max(r.hi, g.Expiry)
	}
	for _, c := range r.charges {
		r.lo, r.hi = min(r.lo, c.Time), max(r.hi, c.Time)
	}
}

// final is the plain result the solution's queries give at t, from its
// index rather than the replay the frames show.
func final(l *credits.Ledger, t int64) string {
	s := fmt.Sprintf("balance %d", l.BalanceAt(t))
	if sf := l.ShortfallAt(t); sf > 0 {
		s += fmt.Sprintf("\nshortfall %d", sf)
	}
	return s
}

// Len is the number of frames.
func (r *recording) Len() int { return len(r.frames) }

// Frame is frame i's step and the solution's sentence for it.
func (r *recording) Frame(i int) visual.Frame {
	ev := &r.frames[i].ev
	return visual.Frame{Step: string(ev.Step), Explain: ev.Explain}
}

// Final is the balance, and the shortfall when there is one, at the query
// time.
func (r *recording) Final() string { return r.final }
