// Package treeviz draws the machine-tree count and topology requests of
// solutions/machinetree: the tree top-down with box-drawing characters, the
// messages in flight on their edges, each machine's pending counter and
// partial result, and the answer at the root.
//
// It runs the real message handler (machinetree.Cluster) on the simulated
// network (machinetree.SimNetwork), with the cluster's observer attached:
// every frame is one event of the handler, with the network's in-flight
// messages as they stood when the event came (record.go). The solution
// reports every step itself, its setup before the client's first message
// among them, so the visual invents no frame. Deliveries follow --order,
// or --pick for the first few; --dup K has the network deliver its K-th
// message twice, as an at-least-once network does, which shows the
// handler's duplicate checks at work. Final is the answer and the message
// count the cluster gives the client.
package treeviz

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// MaxMachines is the largest tree the picture takes: the app records
// every frame of a run, and draws one row a machine.
const MaxMachines = 200

// MaxTraceMachines is the largest tree `tutor trace tree` takes. Its text
// is written as the solution runs, frame by frame without keeping any
// (TraceText), so what bounds it is the time the run takes, not memory.
const MaxTraceMachines = 1_000_000

// usage is the input syntax on one line.
const usage = "--tree '1(2(4),3)' | --random N [--seed N]  --op count|topology [--order fifo|lifo|random] [--pick 2,0,1] [--dup K]"

// defaultSeed is the seed of an input given without --seed.
const defaultSeed = 1

// New returns the visualization named "tree". Its `tutor trace` text
// comes from TraceText, which takes trees up to MaxTraceMachines.
func New() visual.Visual { return tracer{spec().Visual()} }

// spec is the visualization: its input, its recording, its knobs and its
// exercises.
func spec() visual.Spec[input, *recording] {
	return visual.Spec[input, *recording]{
		Name:    "tree",
		Usage:   usage,
		Source:  "machinetree/handler.go",
		Default: []string{"--tree", "1(2(4),3)", "--op", "count"},
		// With the default (setup, start, deliver, create-entry, forward,
		// reply, merge-count, final), these reach every step handler.go
		// marks. On 1(2(4),3) in fifo order the deliveries are: 1 client
		// to 1, 2 1 to 2, 3 1 to 3, 4 2 to 4, 5 3's answer, 6 4's answer,
		// 7 2's answer.
		Examples: [][]string{
			{"--tree", "1(2(4),3)", "--op", "topology"},            // merge
			{"--tree", "1(2(4),3)", "--op", "count", "--dup", "2"}, // ignore-request: 2 gets the request again
			{"--tree", "1(2(4),3)", "--op", "count", "--dup", "5"}, // duplicate: 3's answer again, 1 still waits for 2
			{"--tree", "1(2(4),3)", "--op", "count", "--dup", "7"}, // no-entry: 2's answer again, after the root finished
			{"--tree", "1", "--op", "count", "--dup", "1"},         // final-again: a leaf root answers a copy
		},
		Parse:     parse,
		Format:    input.args,
		Record:    record,
		Knobs:     knobs,
		Exercises: exerciseKinds,
	}
}

// input is a parsed command line. parse(in.args()) gives an input with the
// same fields (the tree an equal one).
type input struct {
	tree   *machinetree.Tree
	random int    // the N of --random N, 0 for --tree
	seed   uint64 // feeds --random and --order random
	op     machinetree.Op
	order  machinetree.Order
	picks  []int // indexes of the in-flight messages the first deliveries take
	dup    int   // the delivery, from 1, the network makes twice; 0 for none
}

// parse reads the words with a flag.FlagSet for the picture, which takes
// at most MaxMachines; every error is one line naming the bad value.
func parse(args []string) (input, error) { return parseWithin(args, MaxMachines) }

// parseWithin is parse for a tree of at most limit machines.
func parseWithin(args []string, limit int) (input, error) {
	in := input{seed: defaultSeed}
	fs := flag.NewFlagSet("tree", flag.ContinueOnError)
	desc := fs.String("tree", "", "the tree as nested ids, e.g. 1(2(4),3)")
	random := fs.Int("random", 0, "a random tree of N machines")
	seed := fs.Uint64("seed", defaultSeed, "seed for --random and --order random")
	op := fs.String("op", "count", "count or topology")
	order := fs.String("order", "fifo", "fifo, lifo or random")
	pick := fs.String("pick", "", "indexes of the in-flight messages to deliver first, e.g. 2,0,1")
	dup := fs.Int("dup", 0, "the delivery, counting from 1, that the network makes twice")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return in, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	switch {
	case set["tree"] && set["random"]:
		return in, fmt.Errorf("give --tree or --random, not both")
	case set["tree"]:
		in.tree, err = machinetree.Parse(*desc)
		if err != nil {
			return in, fmt.Errorf("--tree %q: %w", *desc, err)
		}
	case set["random"]:
		if *random < 1 || *random > limit {
			return in, fmt.Errorf("--random %d: want 1 to %d machines%s", *random, limit, traceTakesMore(limit))
		}
		in.random = *random
		in.tree = machinetree.Random(*random, *seed)
	default:
		return in, fmt.Errorf("no tree: give --tree '1(2(4),3)' or --random N")
	}
	if in.tree.Len() > limit {
		if limit < MaxTraceMachines {
			return in, fmt.Errorf("--tree has %d machines: the picture takes at most %d%s", in.tree.Len(), limit, traceTakesMore(limit))
		}
		return in, fmt.Errorf("--tree has %d machines: tutor trace takes at most %d", in.tree.Len(), limit)
	}
	if in.op, err = machinetree.ParseOp(*op); err != nil {
		return in, fmt.Errorf("--op: %w", err)
	}
	if in.order, err = machinetree.ParseOrder(*order); err != nil {
		return in, fmt.Errorf("--order: %w", err)
	}
	in.seed = *seed
	if *pick != "" {
		for f := range strings.SplitSeq(*pick, ",") {
			f = strings.TrimSpace(f)
			k, err := strconv.Atoi(f)
			if err != nil || k < 0 {
				return in, fmt.Errorf("--pick %q: %q is not an index (0, 1, 2...)", *pick, f)
			}
			in.picks = append(in.picks, k)
		}
	}
	if set["dup"] && *dup < 1 {
		return in, fmt.Errorf("--dup %d: want a delivery number, 1 or more", *dup)
	}
	in.dup = *dup
	return in, nil
}

// traceTakesMore is what a refusal at limit adds when tutor trace takes
// more.
func traceTakesMore(limit int) string {
	if limit >= MaxTraceMachines {
		return ""
	}
	return fmt.Sprintf(" (tutor trace tree takes up to %d)", MaxTraceMachines)
}

// args formats in back into words: the tree (or --random N), the
// operation, and each option that is not at its default.
func (in input) args() []string {
	var a []string
	if in.random > 0 {
		a = append(a, "--random", strconv.Itoa(in.random))
	} else {
		a = append(a, "--tree", in.tree.String())
	}
	a = append(a, "--op", in.op.String())
	if in.order != machinetree.FIFO {
		a = append(a, "--order", in.order.String())
	}
	if in.seed != defaultSeed {
		a = append(a, "--seed", strconv.FormatUint(in.seed, 10))
	}
	if len(in.picks) > 0 {
		s := make([]string, len(in.picks))
		for j, p := range in.picks {
			s[j] = strconv.Itoa(p)
		}
		a = append(a, "--pick", strings.Join(s, ","))
	}
	if in.dup > 0 {
		a = append(a, "--dup", strconv.Itoa(in.dup))
	}
	return a
}
