package ratelimitviz

import (
	"fmt"
	"strings"
	"time"

	"tutor/solutions/ratelimit"
)

// State is the plain-text state after frame i, for `tutor trace`: the
// request, the limiter's state as its event reports it, and the
// decisions so far.
func (r *recording) State(i int) string {
	f := r.frames[i]
	e := f.ev
	var b strings.Builder
	if len(r.at) == 0 {
		return "no arrivals"
	}
	fmt.Fprintf(&b, "request %d of %d at %s\n", f.req+1, len(r.at), ratelimit.Seconds(r.at[f.req]))
	switch e.Limiter {
	case ratelimit.KindFixed:
		fmt.Fprintf(&b, "window [%s, %s) count %d of %d", at(e.WindowStart), at(e.WindowStart.Add(e.Window)), e.Count, e.Limit)
	case ratelimit.KindLog:
		fmt.Fprintf(&b, "log %d of %d: %s", e.Count, e.Limit, instants(e.Log))
	case ratelimit.KindCounter:
		fmt.Fprintf(&b, "window [%s, %s) previous %d current %d weight %s estimate %s", at(e.WindowStart), at(e.WindowStart.Add(e.Window)), e.Prev, e.Count, num(e.Weight), num(e.Estimate))
	case ratelimit.KindSlots:
		parts := make([]string, len(e.Slots))
		for k, s := range e.Slots {
			parts[k] = fmt.Sprintf("%s:%d", at(s.Start), s.Count)
		}
		fmt.Fprintf(&b, "slots %s sum %d of %d", strings.Join(parts, " "), e.Count, e.Limit)
	case ratelimit.KindBucket:
		fmt.Fprintf(&b, "tokens %s of %d", num(e.Tokens), e.Burst)
	case ratelimit.KindLeaky:
		fmt.Fprintf(&b, "queue %d of %d: %s", e.Count, e.Burst, instants(e.Queue))
	}
	a, d := 0, 0
	var marks []string
	for k := range f.decided {
		if r.allowed[k] {
			a++
			marks = append(marks, "+")
		} else {
			d++
			marks = append(marks, "x")
		}
	}
	if f.decided > 0 {
		fmt.Fprintf(&b, "\ndecided %s: allowed %d · denied %d", strings.Join(marks, ""), a, d)
	}
	return b.String()
}

// at writes an instant in seconds after origin.
func at(t time.Time) string { return ratelimit.Seconds(t.Sub(origin)) }

// instants writes instants in seconds, or (empty).
func instants(ts []time.Time) string {
	if len(ts) == 0 {
		return "(empty)"
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = at(t)
	}
	return strings.Join(parts, " ")
}

// num writes x with at most three decimals.
func num(x float64) string {
	return strings.TrimSuffix(ratelimit.Seconds(time.Duration(x*1e9)), "s")
}
