package creditviz

import (
	"slices"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// knobs move the query time: [ and ] by one, { and } to the previous or
// next time where the picture changes.
var knobs = []visual.Knob[input, *recording]{
	{Key: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "query time -1")),
		Turn: move(func(in input, _ *recording) int64 { return sat(in.at, -1) })},
	{Key: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "query time +1")),
		Turn: move(func(in input, _ *recording) int64 { return sat(in.at, 1) })},
	{Key: key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous event time")),
		Turn: move(func(in input, rec *recording) int64 { return rec.jump(in.at, -1) })},
	{Key: key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next event time")),
		Turn: move(func(in input, rec *recording) int64 { return rec.jump(in.at, 1) })},
}

// move is a knob's Turn that sets the query time to to(in, rec), whatever
// the frame and the key.
func move(to func(in input, rec *recording) int64) func(input, *recording, int, string) (input, error) {
	return func(in input, rec *recording, _ int, _ string) (input, error) {
		return in.withAt(to(in, rec)), nil
	}
}

// withAt returns in with the query time at. The events are shared, never
// changed.
func (in input) withAt(at int64) input {
	in.at = at
	return in
}

// sat returns t+d without wrapping around.
func sat(t, d int64) int64 {
	if (d > 0 && t > t+d) || (d < 0 && t < t+d) {
		return t
	}
	return t + d
}

// jump returns the nearest time before (dir < 0) or after at where the
// picture changes: a charge, a grant's start, its expiry or the instant it
// lapses, as the solution reports them. It returns at when there is none.
func (r *recording) jump(at int64, dir int) int64 {
	var ts []int64
	for _, c := range r.charges {
		ts = append(ts, c.Time)
	}
	for i := range r.grants {
		g := &r.grants[i]
		ts = append(ts, g.Start, g.Expiry)
		if end, ok := g.Lapses(); ok {
			ts = append(ts, end)
		}
	}
	slices.Sort(ts)
	if dir < 0 {
		for i := len(ts) - 1; i >= 0; i-- {
			if ts[i] < at {
				return ts[i]
			}
		}
		return at
	}
	for _, t := range ts {
		if t > at {
			return t
		}
	}
	return at
}
