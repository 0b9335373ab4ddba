package typeinferviz

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/typeinfer"
)

// knob is a knob of this visual.
type knob = visual.Knob[input, *recording]

// knobs: ] and [ load the next or previous canned call (one for each way
// a call ends); > and < pick the next or previous argument to edit; t
// changes the type of that argument (or, with none picked, of the one the
// step on screen is in), so the learner sees the walk break where it no
// longer matches.
var knobs = []knob{
	{Key: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next example call")), Turn: cycleCall(1)},
	{Key: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous example call")), Turn: cycleCall(-1)},
	{Key: key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "edit the next argument")), Turn: moveEdit(1)},
	{Key: key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "edit the previous argument")), Turn: moveEdit(-1)},
	{Key: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "change the edited argument's type")), Turn: changeType},
}

// cycleCall loads the canned call d places after the one on screen (the
// first when the call on screen is none of them).
func cycleCall(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		cur := -1
		for j, c := range calls {
			if c[0] == in.fn.String() && c[1] == typeinfer.TupleOf(in.args...).String() {
				cur = j
			}
		}
		next := 0
		if cur >= 0 {
			next = ((cur+d)%len(calls) + len(calls)) % len(calls)
		}
		out, err := parse([]string{"--fn", calls[next][0], "--args", calls[next][1]})
		if err != nil {
			return in, err
		}
		return out, nil
	}
}

// moveEdit picks the argument d places after the one picked, wrapping.
func moveEdit(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		n := len(in.args)
		if n == 0 {
			return in, fmt.Errorf("the call has no argument to edit")
		}
		e := in.edit
		if e == 0 && d < 0 {
			e = 1
		}
		in.edit = ((e-1+d)%n+n)%n + 1
		return in, nil
	}
}

// ring is the types the t knob cycles an argument through.
var ring = []string{"int", "str", "float", "[int, str]", "[int, [str, int]]", "[]"}

// changeType gives the edited argument (or the one of the step on screen,
// or the first) the next type of ring after its own, or ring's first.
func changeType(in input, rec *recording, frame int, _ string) (input, error) {
	if len(in.args) == 0 {
		return in, fmt.Errorf("the call has no argument to edit")
	}
	k := in.edit
	if k == 0 {
		k = max(1, min(rec.frames[frame].param, len(in.args)))
	}
	cur := slices.Index(ring, in.args[k-1].String())
	t, err := typeinfer.Parse(ring[(cur+1)%len(ring)])
	if err != nil {
		return in, err
	}
	in.args = slices.Clone(in.args)
	in.args[k-1] = t
	in.edit = k
	return in, nil
}
