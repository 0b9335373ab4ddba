package creditviz

import (
	"fmt"
	"strings"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/credits"
)

// status is what the replay has done to a grant so far, as its events told.
type status byte

const (
	future  status = iota // not pushed yet (or after the query time)
	held                  // in the heap
	popped                // popped for a charge, not pushed back yet
	usedUp                // every credit used
	expired               // popped because it expired
)

// view is what Render needs for one frame, worked out when the run is
// recorded: everything comes from the observer's event.
type view struct {
	ev       credits.Event
	charging bool     // the step is part of paying a charge
	status   []status // by grant row
	left     []int64  // credits left by grant row, as last reported
	nodes    []string // heap labels in array order
	rows     []int    // grant row of each heap node
	header   string
	state    string // the status line
}

// run is a recorded replay.
type run struct {
	in     input
	grants []credits.Credit // rows of the timeline, in input order
	rowOf  map[string]int
	frames []visual.Frame
	views  []view
	final  string
	lo, hi int64 // the timeline's range
}

// record replays l to in.at with the observer attached and keeps a frame
// per event.
func record(in input, l *credits.Ledger) *run {
	r := &run{in: in, rowOf: map[string]int{}}
	r.lo, r.hi = in.at, in.at
	for _, o := range in.ops {
		t := o.time()
		r.lo, r.hi = min(r.lo, t), max(r.hi, t)
		if o.grant {
			r.rowOf[o.credit.ID] = len(r.grants)
			r.grants = append(r.grants, o.credit)
			r.hi = max(r.hi, sat(o.credit.Time, o.credit.Expire))
		}
	}
	st := make([]status, len(r.grants))
	left := make([]int64, len(r.grants))
	for i, g := range r.grants {
		left[i] = g.Amount
	}
	charging := false
	l.Replay(in.at, func(ev credits.Event) {
		switch ev.Step {
		case credits.StepCharge:
			charging = true
		case credits.StepPush, credits.StepSum:
			charging = false
		}
		if row, ok := r.rowOf[ev.Grant.ID]; ok && ev.Grant.ID != "" {
			left[row] = ev.Grant.Left
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
		v := view{ev: ev, charging: charging, status: append([]status(nil), st...), left: append([]int64(nil), left...)}
		for _, g := range ev.Heap {
			v.nodes = append(v.nodes, fmt.Sprintf("%s:%d≤%d", g.ID, g.Left, g.Expiry))
			v.rows = append(v.rows, r.rowOf[g.ID])
		}
		v.header = fmt.Sprintf("replay to t=%d · %s at t=%d", in.at, ev.Step, ev.Time)
		v.state = stateLine(ev)
		r.views = append(r.views, v)
		r.frames = append(r.frames, visual.Frame{Step: string(ev.Step), Explain: ev.Explain, State: stateText(ev)})
	})
	r.final = final(l, in.at)
	return r
}

// stateLine is the one-line summary under the heap.
func stateLine(ev credits.Event) string {
	switch ev.Step {
	case credits.StepSum:
		return fmt.Sprintf("balance %d · shortfall %d", ev.Amount, ev.Shortfall)
	case credits.StepCharge, credits.StepPop, credits.StepShortfall:
		return fmt.Sprintf("held %d · owed %d · shortfall %d", ev.Held, ev.Owed, ev.Shortfall)
	}
	return fmt.Sprintf("held %d · shortfall %d", ev.Held, ev.Shortfall)
}

// stateText is the frame's state for `tutor trace`: the time, the heap in
// array order, and the totals; the last frame ends with the result in the
// form of Final.
func stateText(ev credits.Event) string {
	var b strings.Builder
	fmt.Fprintf(&b, "t=%d\nheap", ev.Time)
	if len(ev.Heap) == 0 {
		b.WriteString(" (empty)")
	}
	for i, g := range ev.Heap {
		fmt.Fprintf(&b, " [%d]%s:%d/%d exp %d", i, g.ID, g.Left, g.Amount, g.Expiry)
	}
	b.WriteByte('\n')
	if ev.Step == credits.StepSum {
		fmt.Fprintf(&b, "balance %d", ev.Amount)
		if ev.Shortfall > 0 {
			fmt.Fprintf(&b, "\nshortfall %d", ev.Shortfall)
		}
		return b.String()
	}
	b.WriteString(stateLine(ev))
	return b.String()
}

func (r *run) Len() int { return len(r.frames) }

func (r *run) Frame(i int) visual.Frame {
	return r.frames[clamp(i, 0, len(r.frames)-1)]
}

func (r *run) Final() string { return r.final }

func clamp(i, lo, hi int) int {
	return max(lo, min(i, hi))
}
