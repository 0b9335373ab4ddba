// Package creditviz draws the credit ledger of solutions/credits: a
// timeline of the grants and charges with the query time as a cursor, above
// the min-heap of grants keyed by expiry, drawn as a tree and as the array
// behind it. Each frame is one step of the ledger's replay to the query
// time, as its observer reported it.
package creditviz

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions"
	"tutor/solutions/credits"
)

// sourceFile is the solution file whose lines carry the step marks.
const sourceFile = "credits/replay.go"

// maxEvents bounds an input: a picture of more is unreadable.
const maxEvents = 500

type viz struct{}

// New returns the credits visualization, named "credits".
func New() visual.Visual { return viz{} }

func (viz) Name() string { return "credits" }

func (viz) Usage() string {
	return "--add ID:AMOUNT@TIME+EXPIRE ... --charge AMOUNT@TIME ... [--at TIME]"
}

func (viz) DefaultArgs() []string {
	return []string{"--add", "a:100@0+10", "--add", "b:50@2+30", "--add", "c:40@4+4",
		"--charge", "120@5", "--charge", "60@14", "--at", "16"}
}

func (viz) Source() (file, text string) {
	src, err := solutions.Source(sourceFile)
	if err != nil {
		return sourceFile, ""
	}
	return sourceFile, src
}

// op is one event of the input, in the order given.
type op struct {
	grant  bool
	credit credits.Credit
	debit  credits.Debit
}

// input is a parsed command line.
type input struct {
	ops   []op
	at    int64
	atSet bool
}

// parse reads the input words with a flag.FlagSet, so that the command
// line and the app's input box take the same words. Without --at the query
// time is the latest event time.
func parse(args []string) (input, error) {
	var in input
	fs := flag.NewFlagSet("credits", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Func("add", "a grant ID:AMOUNT@TIME+EXPIRE", func(s string) error {
		c, err := credits.ParseCredit(s)
		if err == nil {
			in.ops = append(in.ops, op{grant: true, credit: c})
		}
		return err
	})
	fs.Func("charge", "a charge AMOUNT@TIME", func(s string) error {
		d, err := credits.ParseDebit(s)
		if err == nil {
			in.ops = append(in.ops, op{debit: d})
		}
		return err
	})
	fs.Func("at", "the query time", func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("query time %q is not an integer", s)
		}
		in.at, in.atSet = n, true
		return nil
	})
	if err := visual.ParseFlags(fs, args, viz{}.Usage()); err != nil {
		return in, err
	}
	if len(in.ops) == 0 {
		return in, fmt.Errorf("nothing to replay: give --add ID:AMOUNT@TIME+EXPIRE or --charge AMOUNT@TIME")
	}
	if len(in.ops) > maxEvents {
		return in, fmt.Errorf("%d events: at most %d fit in a picture", len(in.ops), maxEvents)
	}
	if !in.atSet {
		in.at = in.ops[0].time()
		for _, o := range in.ops {
			in.at = max(in.at, o.time())
		}
	}
	return in, nil
}

func (o op) time() int64 {
	if o.grant {
		return o.credit.Time
	}
	return o.debit.Time
}

// ledger records in's events in the order given. The error names the
// event the ledger refused.
func (in input) ledger() (*credits.Ledger, error) {
	var l credits.Ledger
	for _, o := range in.ops {
		if o.grant {
			c := o.credit
			if err := l.AddCredit(c.ID, c.Amount, c.Time, c.Expire); err != nil {
				return nil, fmt.Errorf("--add %s: %v", c, err)
			}
		} else if err := l.Charge(o.debit.Amount, o.debit.Time); err != nil {
			return nil, fmt.Errorf("--charge %s: %v", o.debit, err)
		}
	}
	return &l, nil
}

// args writes in back as words, with the query time at.
func (in input) args(at int64) []string {
	var a []string
	for _, o := range in.ops {
		if o.grant {
			a = append(a, "--add", o.credit.String())
		} else {
			a = append(a, "--charge", o.debit.String())
		}
	}
	return append(a, "--at", strconv.FormatInt(at, 10))
}

func (viz) Run(args []string) (visual.Run, error) {
	in, err := parse(args)
	if err != nil {
		return nil, err
	}
	l, err := in.ledger()
	if err != nil {
		return nil, err
	}
	return record(in, l), nil
}

// final is the plain result the solution gives for a query at t.
func final(l *credits.Ledger, t int64) string {
	s := fmt.Sprintf("balance %d", l.BalanceAt(t))
	if sf := l.ShortfallAt(t); sf > 0 {
		s += fmt.Sprintf("\nshortfall %d", sf)
	}
	return s
}

// Knobs move the query time: [ and ] by one, { and } to the previous or
// next time where something starts, ends or is charged.
func (viz) Knobs() []visual.Knob {
	move := func(next func(in input) int64) func(visual.Run, int, []string) ([]string, error) {
		return func(_ visual.Run, _ int, args []string) ([]string, error) {
			in, err := parse(args)
			if err != nil {
				return nil, err
			}
			return in.args(next(in)), nil
		}
	}
	return []visual.Knob{
		{Key: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "query time -1")),
			Turn: move(func(in input) int64 { return sat(in.at, -1) })},
		{Key: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "query time +1")),
			Turn: move(func(in input) int64 { return sat(in.at, 1) })},
		{Key: key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous event time")),
			Turn: move(func(in input) int64 { return in.jump(-1) })},
		{Key: key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next event time")),
			Turn: move(func(in input) int64 { return in.jump(1) })},
	}
}

// sat returns t+d without wrapping around.
func sat(t, d int64) int64 {
	if (d > 0 && t > t+d) || (d < 0 && t < t+d) {
		return t
	}
	return t + d
}

// jump returns the nearest time before (dir < 0) or after the query time
// where the picture changes: an event, an expiry or the instant after it.
// It returns the query time when there is none.
func (in input) jump(dir int) int64 {
	var ts []int64
	for _, o := range in.ops {
		ts = append(ts, o.time())
		if o.grant {
			end := sat(o.credit.Time, o.credit.Expire)
			ts = append(ts, end, sat(end, 1))
		}
	}
	slices.Sort(ts)
	if dir < 0 {
		for i := len(ts) - 1; i >= 0; i-- {
			if ts[i] < in.at {
				return ts[i]
			}
		}
		return in.at
	}
	for _, t := range ts {
		if t > in.at {
			return t
		}
	}
	return in.at
}
