package creditviz

import (
	"fmt"
	"strings"

	"tutor/solutions/credits"
)

// State is frame i's state for `tutor trace`, made when asked: the time,
// the heap in array order, and the totals; the last frame ends with the
// result in the form of Final.
func (r *recording) State(i int) string {
	ev := &r.frames[i].ev
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
	b.WriteString(totals(ev))
	return b.String()
}

// totals is the one-line summary of an event's numbers, under the heap in
// the picture and last in the trace.
func totals(ev *credits.Event) string {
	switch ev.Step {
	case credits.StepSum:
		return fmt.Sprintf("balance %d · shortfall %d", ev.Amount, ev.Shortfall)
	case credits.StepCharge, credits.StepPop, credits.StepShortfall:
		return fmt.Sprintf("held %d · owed %d · shortfall %d", ev.Held, ev.Owed, ev.Shortfall)
	}
	return fmt.Sprintf("held %d · shortfall %d", ev.Held, ev.Shortfall)
}
