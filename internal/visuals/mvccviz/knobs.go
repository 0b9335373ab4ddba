package mvccviz

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/mvcc"
)

// knobs: i switches engine, [ and ] the isolation level, { and } the
// Hermitage script; each re-runs the same interleaving.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "InnoDB/PostgreSQL, same script")),
		Turn: switchEngine,
	},
	{
		Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "weaker isolation level")),
		Turn: shiftLevel(-1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "stronger isolation level")),
		Turn: shiftLevel(+1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous Hermitage script")),
		Turn: shiftScript(-1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next Hermitage script")),
		Turn: shiftScript(+1),
	},
}

var errTable = fmt.Errorf("the table runs every engine, level and script; type an input with --script to turn this")

// switchEngine runs the script on the other engine at the same level, or
// at read committed when PostgreSQL has no such level.
func switchEngine(in input, _ *recording, _ int, _ string) (input, error) {
	if in.table {
		return in, errTable
	}
	in.engine = map[mvcc.Engine]mvcc.Engine{mvcc.InnoDB: mvcc.Postgres, mvcc.Postgres: mvcc.InnoDB}[in.engine]
	if !slices.Contains(in.engine.Levels(), in.level) {
		in.level = mvcc.ReadCommitted
	}
	if in.script != "" {
		if _, ok := in.hermitage(); !ok {
			in.script = "g-single"
		}
	}
	return in, nil
}

// shiftLevel moves to the next weaker or stronger level of the engine.
func shiftLevel(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		if in.table {
			return in, errTable
		}
		ls := in.engine.Levels()
		i := slices.Index(ls, in.level) + d
		if i < 0 || i >= len(ls) {
			return in, fmt.Errorf("%s has no level %s than %s", in.engine, map[int]string{-1: "weaker", 1: "stronger"}[d], in.level)
		}
		in.level = ls[i]
		return in, nil
	}
}

// shiftScript moves to the previous or next of Hermitage's scripts.
func shiftScript(d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		if in.table {
			return in, errTable
		}
		ns := names()
		i := slices.Index(ns, in.script)
		if i < 0 {
			if c, ok := in.hermitage(); ok {
				i = slices.Index(ns, c.Short())
			}
		}
		i = ((i+d)%len(ns) + len(ns)) % len(ns)
		in.script, in.file, in.sql = ns[i], "", ""
		return in, nil
	}
}
