package ipviz

import (
	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// knobs are the visual's keys: v turns the walk around, from the same
// start (or over the same block).
var knobs = []visual.Knob[input, *recording]{{
	Key: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "reverse direction")),
	Turn: func(in input, _ *recording, _ int, _ string) (input, error) {
		in.reverse = !in.reverse // in is a copy: the caller's stays as it was
		return in, nil
	},
}}
