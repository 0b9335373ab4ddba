package lruviz

import (
	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// knobs: p runs the same trace on the next policy; [ and ] take one
// sample fewer or more (maxmemory-samples, 1 to 64), which only the Redis
// policies use.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "next policy, same trace")),
		Turn: nextPolicy,
	},
	{
		Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "fewer samples")),
		Turn: resample(-1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "more samples")),
		Turn: resample(+1),
	},
}

// nextPolicy moves to the next policy of policies, wrapping.
func nextPolicy(in input, _ *recording, _ int, _ string) (input, error) {
	in.policy = policies[(indexOf(policies, in.policy)+1)%len(policies)]
	return in, nil
}

// resample changes the samples by d, kept in 1..64.
func resample(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		in.samples = max(1, min(64, in.samples+d))
		return in, nil
	}
}
