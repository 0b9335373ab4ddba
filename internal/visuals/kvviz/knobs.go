package kvviz

import (
	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// defaultChunk is the chunk size the x knob turns chunking on with.
const defaultChunk = 8

// knobs: x turns chunking on and off; [ and ] make the chunks smaller and
// larger, turning chunking on when it is off.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "chunking on/off")),
		Turn: toggle,
	},
	{
		Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "smaller chunks")),
		Turn: resize(-1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "larger chunks")),
		Turn: resize(+1),
	},
}

// toggle turns chunking off, or on at defaultChunk bytes.
func toggle(in input, _ *recording, _ int, _ string) (input, error) {
	if in.chunk > 0 {
		in.chunk = 0
	} else {
		in.chunk = defaultChunk
	}
	return in, nil
}

// resize changes the chunk size by d, at least 1, turning chunking on at
// defaultChunk bytes when it is off.
func resize(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		if in.chunk == 0 {
			in.chunk = defaultChunk
		} else {
			in.chunk = max(1, in.chunk+d)
		}
		return in, nil
	}
}
