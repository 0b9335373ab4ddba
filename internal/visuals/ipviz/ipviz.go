// Package ipviz draws the IPv4 walk of solutions/ipv4: four octet boxes,
// each with its decimal value and its eight bits, where a step adds one to
// an octet or wraps it from 255 to 0 and carries left (a borrow, walking
// backward); for a CIDR block, the mask with its network and host bits apart
// and the network and last address worked out as the AND and OR they are;
// and the addresses yielded so far.
//
// It runs the classic by-hand ipv4.Walker with its observer attached; every
// frame is one event (record.go). Final is the output of the package's plain
// 32-bit iterators on the same input. Which walk an input asks for (a range
// or a block, upward or downward) is chosen in one place, input.walk, for
// both.
//
// A run shows at most maxAddrs addresses, one step at a time: a longer range
// is refused, and so is a larger block unless --count asks for its first
// (or, with --reverse, last) few.
package ipviz

import (
	"errors"
	"flag"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"tutor/internal/visual"
	"tutor/solutions/ipv4"
)

// maxAddrs caps the addresses one run walks: the visual is a step-by-step
// picture, and 1024 addresses are already some 1100 frames.
const maxAddrs = 1024

// defaultCount is the count of a range given without --count.
const defaultCount = 4

// usage is the input syntax on one line.
const usage = "--from ADDR [--count N] [--reverse] | --cidr ADDR/P [--count N] [--reverse]  (N <= 1024)"

// New returns the IPv4 visualization, named "ipv4".
func New() visual.Visual { return spec().Visual() }

// spec is the visualization: its input, its recording and its knob.
func spec() visual.Spec[input, *recording] {
	return visual.Spec[input, *recording]{
		Name:   "ipv4",
		Usage:  usage,
		Source: "ipv4/walk.go",
		// The default is the lesson's hard case first: 10.0.255.255 + 1
		// wraps octets 4 and 3 and carries into octet 2.
		Default: []string{"--from", "10.0.255.254", "--count", "4"},
		// With the default (start, yield, increment, carry, done), these
		// reach every step walk.go marks.
		Examples: [][]string{
			{"--cidr", "192.168.1.0/30", "--reverse"},           // mask, network, last, decrement
			{"--from", "10.0.1.1", "--count", "4", "--reverse"}, // borrow
			{"--cidr", "10.0.0.0/8", "--count", "3"},            // stopped: the loop body breaks
			{"--from", "255.255.255.254", "--count", "5"},       // overflow: past 255.255.255.255
			{"--from", "0.0.0.1", "--count", "5", "--reverse"},  // underflow: past 0.0.0.0
		},
		Parse:     parse,
		Format:    input.args,
		Record:    record,
		Knobs:     knobs,
		Exercises: slices.Clone(exerciseKinds),
	}
}

// input is a parsed command line: a range of count addresses from from, or
// the block block, walked downward when reverse is set. Inputs are
// comparable, and parse(in.args()) == in.
type input struct {
	from    ipv4.Addr   // the first address of a range; zero for a block
	block   ipv4.Prefix // the block to walk; the invalid zero Prefix for a range
	count   int         // addresses to walk, 1 to maxAddrs; for a block 0 means all of it
	reverse bool        // walk downward
}

// isBlock reports whether in walks a CIDR block rather than a range.
func (in input) isBlock() bool { return in.block.IsValid() }

// problem is the part of a parse error that says what is wrong: the
// option and its value come before it (--cidr "10.1.2.3/33": prefix
// length "33" is over 32), so the solution's ipv4.ParsePrefix("...")
// would say the value twice.
func problem(err error) error {
	var pe *ipv4.ParseError
	if errors.As(err, &pe) {
		return errors.New(pe.Msg)
	}
	return err
}

// parse reads the words with a flag.FlagSet, so that the command line and
// the app's input box take the same words.
func parse(args []string) (input, error) {
	var in input
	var fromSet bool
	fs := flag.NewFlagSet("ipv4", flag.ContinueOnError)
	fs.Func("from", "the first address", func(s string) error {
		a, err := ipv4.ParseAddr(s)
		if err != nil {
			return problem(err)
		}
		in.from, fromSet = a, true
		return nil
	})
	fs.Func("cidr", "a block ADDR/P", func(s string) error {
		p, err := ipv4.ParsePrefix(s)
		if err != nil {
			return problem(err)
		}
		in.block = p
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
		in.count = n
		return nil
	})
	fs.BoolVar(&in.reverse, "reverse", false, "walk downward")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	switch {
	case fromSet && in.isBlock():
		return input{}, errors.New("give --from or --cidr, not both")
	case !fromSet && !in.isBlock():
		return input{}, fmt.Errorf("nothing to walk: give --from ADDR or --cidr ADDR/P (usage: %s)", usage)
	case fromSet && in.count == 0:
		in.count = defaultCount
	case in.isBlock() && in.count == 0 && in.block.NumAddrs() > maxAddrs:
		p := in.block
		return input{}, fmt.Errorf("block %s holds %d addresses, too many to step through one by one: add --count N (N <= %d) to walk its first N, or use a prefix of /22 or longer",
			p, p.NumAddrs(), maxAddrs)
	}
	return in, nil
}

// args writes in back as words: --count always for a range, for a block
// only when it walks part of it.
func (in input) args() []string {
	var a []string
	if in.isBlock() {
		a = append(a, "--cidr", in.block.String())
	} else {
		a = append(a, "--from", in.from.String())
	}
	if in.count > 0 {
		a = append(a, "--count", strconv.Itoa(in.count))
	}
	if in.reverse {
		a = append(a, "--reverse")
	}
	return a
}

// walk is the walk an input asks for: the same addresses walked two ways,
// by hand on four octets and by the package's 32-bit iterators, and how
// many of them the loop body takes.
type walk struct {
	// byHand is the sequence of a Walker, which reports each step.
	byHand func(w ipv4.Walker) iter.Seq[ipv4.Addr]
	// plain is the package's own iterator over the same addresses.
	plain iter.Seq[ipv4.Addr]
	// take is the number of addresses after which the loop body breaks
	// out (a block walked only in part), or 0 when it takes all.
	take int
}

// walk chooses, once for the recording and for Final, which of the
// solution's four walks in asks for.
func (in input) walk() walk {
	a, p, n := in.from, in.block, in.count
	switch {
	case in.isBlock() && in.reverse:
		return walk{func(w ipv4.Walker) iter.Seq[ipv4.Addr] { return w.BlockBackward(p) }, ipv4.BlockBackward(p), n}
	case in.isBlock():
		return walk{func(w ipv4.Walker) iter.Seq[ipv4.Addr] { return w.Block(p) }, ipv4.Block(p), n}
	case in.reverse:
		return walk{func(w ipv4.Walker) iter.Seq[ipv4.Addr] { return w.RangeBackward(a, n) }, ipv4.RangeBackward(a, n), 0}
	default:
		return walk{func(w ipv4.Walker) iter.Seq[ipv4.Addr] { return w.Range(a, n) }, ipv4.Range(a, n), 0}
	}
}

// loop runs body on each address seq yields, as the loop of the classic
// problem does, and breaks out after wk.take of them.
func (wk walk) loop(seq iter.Seq[ipv4.Addr], body func(ipv4.Addr)) {
	n := 0
	for a := range seq {
		body(a)
		if n++; n == wk.take {
			break
		}
	}
}

// title names the input on one line.
func (in input) title() string {
	dir := "up"
	if in.reverse {
		dir = "down"
	}
	if !in.isBlock() {
		return fmt.Sprintf("from %s %s, %d addresses", in.from, dir, in.count)
	}
	if in.count > 0 && uint64(in.count) < in.block.NumAddrs() {
		return fmt.Sprintf("block %s %s, %d of its addresses", in.block, dir, in.count)
	}
	return fmt.Sprintf("block %s %s", in.block, dir)
}
