package ipviz

import (
	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// knobs are the visual's keys: v walks the same addresses the other way.
// A block is walked from its other end; a range starts again from the
// last address it reached, so that the carry a walk up made comes back as
// the borrow of the walk down (10.0.255.254 up 4 gives 10.1.0.1, and
// 10.1.0.1 down 4 borrows into 10.0.255.255).
var knobs = []visual.Knob[input, *recording]{{
	Key: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "walk the same addresses back")),
	Turn: func(in input, _ *recording, _ int, _ string) (input, error) {
		// in is a copy: the caller's stays as it was.
		if !in.isBlock() {
			in.from = lastOf(in)
		}
		in.reverse = !in.reverse
		return in, nil
	},
}}

// lastOf is the last address the range walk of in yields: count-1
// addresses on from its start, or the end of the address space if that
// comes first.
func lastOf(in input) ipv4.Addr {
	a := in.from
	for range in.count - 1 {
		next, ok := a.Next()
		if in.reverse {
			next, ok = a.Prev()
		}
		if !ok {
			break
		}
		a = next
	}
	return a
}
