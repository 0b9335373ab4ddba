package kvviz

import (
	"charm.land/bubbles/v2/key"

	visual "tutor/internal/visual/legacy"
)

// defaultChunk is the chunk size the c knob turns chunking on with.
const defaultChunk = 8

// Knobs: c turns chunking on and off; [ and ] make the chunks smaller and
// larger.
func (viz) Knobs() []visual.Knob {
	return []visual.Knob{
		{
			Key: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "chunking on/off")),
			Turn: func(_ visual.Run, _ int, args []string) ([]string, error) {
				in, err := parse(args)
				if err != nil {
					return nil, err
				}
				if in.chunk > 0 {
					in.chunk = 0
				} else {
					in.chunk = defaultChunk
				}
				return in.args(), nil
			},
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
}

// resize changes the chunk size by d, at least 1, turning chunking on.
func resize(d int) func(visual.Run, int, []string) ([]string, error) {
	return func(_ visual.Run, _ int, args []string) ([]string, error) {
		in, err := parse(args)
		if err != nil {
			return nil, err
		}
		if in.chunk == 0 {
			in.chunk = defaultChunk
		} else {
			in.chunk = max(1, in.chunk+d)
		}
		return in.args(), nil
	}
}
