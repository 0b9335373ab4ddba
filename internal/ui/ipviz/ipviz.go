// Package ipviz draws the IPv4 walk of solutions/ipv4: four octet boxes,
// each with its decimal value and its eight bits, where a step adds one to
// an octet or wraps it from 255 to 0 and carries left (a borrow, walking
// backward); for a CIDR block, the mask with its network and host bits apart
// and the network and last address worked out as the AND and OR they are;
// and the addresses yielded so far.
//
// It runs the classic by-hand ipv4.Walker with its observer attached; every
// frame is one event. Final is the output of the package's plain 32-bit
// iterators on the same input.
//
// A run shows at most maxAddrs addresses, one step at a time: a longer range
// is refused, and so is a larger block unless --count asks for its first
// (or, with --reverse, last) few.
package ipviz

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions"
	"tutor/solutions/ipv4"
)

// sourceFile is the solution file whose lines carry the step marks.
const sourceFile = "ipv4/walk.go"

// maxAddrs caps the addresses one run walks: the visual is a step-by-step
// picture, and 1024 addresses are already some 1100 frames.
const maxAddrs = 1024

type viz struct{}

// New returns the IPv4 visualization, named "ipv4".
func New() visual.Visual { return viz{} }

func (viz) Name() string { return "ipv4" }

func (viz) Usage() string {
	return "--from ADDR [--count N] [--reverse] | --cidr ADDR/P [--count N] [--reverse]  (N <= 1024)"
}

func (viz) DefaultArgs() []string {
	return []string{"--from", "10.0.0.254", "--count", "4"}
}

func (viz) Source() (file, text string) {
	src, err := solutions.Source(sourceFile)
	if err != nil {
		return sourceFile, ""
	}
	return sourceFile, src
}

// input is a parsed command line: a range from an address, or a block.
type input struct {
	from     ipv4.Addr
	cidr     ipv4.Prefix
	isCIDR   bool
	count    int // addresses to walk; for a block, 0 means all of it
	countSet bool
	reverse  bool
}

// parse reads the words with a flag.FlagSet, so that the command line and
// the app's input box take the same words.
func parse(args []string) (input, error) {
	var in input
	var fromSet bool
	fs := flag.NewFlagSet("ipv4", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Func("from", "the first address", func(s string) error {
		a, err := ipv4.ParseAddr(s)
		if err != nil {
			return err
		}
		in.from, fromSet = a, true
		return nil
	})
	fs.Func("cidr", "a block ADDR/P", func(s string) error {
		p, err := ipv4.ParsePrefix(s)
		if err != nil {
			return err
		}
		in.cidr, in.isCIDR = p, true
		return nil
	})
	fs.Func("count", "how many addresses", func(s string) error {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			return fmt.Errorf("count %q is not a whole number", s)
		case n < 1:
			return fmt.Errorf("count %d is below 1", n)
		case n > maxAddrs:
			return fmt.Errorf("count %d is over %d, the most this step-by-step picture walks", n, maxAddrs)
		}
		in.count, in.countSet = n, true
		return nil
	})
	fs.BoolVar(&in.reverse, "reverse", false, "walk downward")
	if err := visual.ParseFlags(fs, args, viz{}.Usage()); err != nil {
		return in, err
	}
	switch {
	case fromSet && in.isCIDR:
		return in, errors.New("give --from or --cidr, not both")
	case !fromSet && !in.isCIDR:
		return in, fmt.Errorf("nothing to walk: give --from ADDR or --cidr ADDR/P (usage: %s)", viz{}.Usage())
	case fromSet && !in.countSet:
		in.count = 4
	case in.isCIDR && !in.countSet && in.cidr.NumAddrs() > maxAddrs:
		p := in.cidr
		return in, fmt.Errorf("block %s holds %d addresses, too many to step through one by one: add --count N (N <= %d) to walk its first N, or use a prefix of /22 or longer",
			p, p.NumAddrs(), maxAddrs)
	}
	return in, nil
}

// args writes in back as words.
func (in input) args() []string {
	var a []string
	if in.isCIDR {
		a = append(a, "--cidr", in.cidr.String())
	} else {
		a = append(a, "--from", in.from.String())
	}
	if in.countSet || !in.isCIDR {
		a = append(a, "--count", strconv.Itoa(in.count))
	}
	if in.reverse {
		a = append(a, "--reverse")
	}
	return a
}

func (viz) Run(args []string) (visual.Run, error) {
	in, err := parse(args)
	if err != nil {
		return nil, err
	}
	return record(in), nil
}

// plain is the solution's own output for in, without an observer: the
// package's 32-bit iterators, cut to the count for a block.
func plain(in input) []string {
	var seq = ipv4.Range(in.from, in.count)
	switch {
	case in.isCIDR && in.reverse:
		seq = ipv4.BlockBackward(in.cidr)
	case in.isCIDR:
		seq = ipv4.Block(in.cidr)
	case in.reverse:
		seq = ipv4.RangeBackward(in.from, in.count)
	}
	var out []string
	for s := range ipv4.Strings(seq) {
		out = append(out, s)
		if in.count > 0 && len(out) == in.count {
			break
		}
	}
	return out
}

// Knobs: v turns the walk around.
func (viz) Knobs() []visual.Knob {
	return []visual.Knob{{
		Key: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "reverse direction")),
		Turn: func(_ visual.Run, _ int, args []string) ([]string, error) {
			in, err := parse(args)
			if err != nil {
				return nil, err
			}
			in.reverse = !in.reverse
			return in.args(), nil
		},
	}}
}

// Exercises are in exercises.go.
func (viz) Exercises() []visual.ExerciseKind {
	return slices.Clone(exerciseKinds)
}
