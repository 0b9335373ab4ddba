package ratelimitviz

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/ratelimit"
)

// knobs: m switches the limiter on the same arrivals; [ and ] lower and
// raise the limit.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "next limiter, same arrivals")),
		Turn: nextLimiter,
	},
	{
		Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "limit -1")),
		Turn: changeLimit(-1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "limit +1")),
		Turn: changeLimit(+1),
	},
}

// nextLimiter switches to the next limiter of limiters; a window the
// slots do not cut is given slots that do.
func nextLimiter(in input, _ *recording, _ int, _ string) (input, error) {
	k := slices.Index(limiters, in.kind)
	in.kind = limiters[(k+1)%len(limiters)]
	in.at = slices.Clone(in.at)
	if in.kind == ratelimit.KindSlots && in.window%time.Duration(in.slotsOr()) != 0 {
		in.slots = 1
	}
	return in, nil
}

// changeLimit moves the limit by d, at least 1.
func changeLimit(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		in.limit = max(1, min(in.limit+d, ratelimit.MaxLimit))
		in.at = slices.Clone(in.at)
		return in, nil
	}
}
