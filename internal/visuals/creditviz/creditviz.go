// Package creditviz draws the credit ledger of solutions/credits: a
// timeline of the grants and charges with the query time as a cursor, above
// the min-heap of grants keyed by expiry, drawn as a tree and as the array
// behind it. Each frame is one step of the ledger's replay to the query
// time, as the ledger's Observe field reported it.
//
// The input is the history and the query time:
//
//	--add ID:AMOUNT@TIME+EXPIRE ... --charge AMOUNT@TIME ... [--at TIME]
//
// Everything the picture shows comes from the replay's events: the grants
// (their start and expiry), the charges, the heap after each step and what
// each step did. Whether a grant is valid at a time is asked of the
// solution (credits.Grant.ValidAt, Grant.Lapses), never worked out here.
package creditviz

import (
	"flag"
	"fmt"
	"strconv"

	"tutor/internal/visual"
	"tutor/solutions/credits"
)

// usage is the input syntax.
const usage = "--add ID:AMOUNT@TIME+EXPIRE ... --charge AMOUNT@TIME ... [--at TIME]"

// maxEvents bounds an input: a picture of more is unreadable.
const maxEvents = 500

// spec is the credits visualization.
var spec = visual.Spec[input, *recording]{
	Name:   "credits",
	Usage:  usage,
	Source: "credits/replay.go",
	Default: []string{"--add", "a:100@0+10", "--add", "b:50@2+30", "--add", "c:40@4+4",
		"--charge", "120@5", "--charge", "60@14", "--at", "16"},
	Examples: [][]string{
		// The README's.
		{"--add", "a:100@0+10", "--add", "b:50@2+30", "--charge", "120@5", "--at", "12"},
	},
	Parse:     parse,
	Format:    input.format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the credits visualization, named "credits".
func New() visual.Visual { return spec.Visual() }

// op is one event of the input: a grant or a charge.
type op struct {
	grant  bool
	credit credits.Credit // when grant
	debit  credits.Debit  // otherwise
}

// input is a parsed input: the events in the order given, recorded in that
// order, and the query time.
type input struct {
	ops []op
	at  int64
}

// parse reads the input words with a flag.FlagSet, so that the command
// line and the app's input box take the same words. Without --at the query
// time is the latest event time. It refuses an input the ledger refuses
// (a duplicate id, an overflow), naming the event.
func parse(args []string) (input, error) {
	var in input
	atSet := false
	fs := flag.NewFlagSet("credits", flag.ContinueOnError)
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
		in.at, atSet = n, true
		return nil
	})
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	if len(in.ops) == 0 {
		return input{}, fmt.Errorf("nothing to replay: give --add ID:AMOUNT@TIME+EXPIRE or --charge AMOUNT@TIME")
	}
	if len(in.ops) > maxEvents {
		return input{}, fmt.Errorf("%d events: at most %d fit in a picture", len(in.ops), maxEvents)
	}
	if !atSet {
		in.at = in.ops[0].time()
		for _, o := range in.ops {
			in.at = max(in.at, o.time())
		}
	}
	if _, err := in.ledger(); err != nil {
		return input{}, err
	}
	return in, nil
}

// time is the time the event was given at.
func (o op) time() int64 {
	if o.grant {
		return o.credit.Time
	}
	return o.debit.Time
}

// format writes in back as words that parse reads as in, the query time
// always given.
func (in input) format() []string {
	var a []string
	for _, o := range in.ops {
		if o.grant {
			a = append(a, "--add", o.credit.String())
		} else {
			a = append(a, "--charge", o.debit.String())
		}
	}
	return append(a, "--at", strconv.FormatInt(in.at, 10))
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
