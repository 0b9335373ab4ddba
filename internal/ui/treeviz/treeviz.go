// Package treeviz draws the machine-tree count and topology requests of
// solutions/machinetree: the tree top-down with box-drawing characters, the
// messages in flight on their edges, each machine's pending counter and
// partial result, and the answer at the root.
package treeviz

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions"
	"tutor/solutions/machinetree"
)

// MaxMachines is the largest tree the picture takes.
const MaxMachines = 200

const sourceFile = "machinetree/handler.go"

type viz struct{}

// New returns the visualization named "tree".
func New() visual.Visual { return viz{} }

func (viz) Name() string { return "tree" }

func (viz) Usage() string {
	return "--tree '1(2(4),3)' | --random N [--seed N]  --op count|topology [--order fifo|lifo|random] [--pick 2,0,1]"
}

func (viz) DefaultArgs() []string { return []string{"--tree", "1(2(4),3)", "--op", "count"} }

func (viz) Source() (string, string) {
	src, err := solutions.Source(sourceFile)
	if err != nil {
		return sourceFile, "// " + err.Error()
	}
	return sourceFile, src
}

// input is a parsed command line.
type input struct {
	tree  *machinetree.Tree
	desc  string
	op    machinetree.Op
	order machinetree.Order
	seed  uint64
	picks []int
}

func parse(args []string) (input, error) {
	var in input
	fs := flag.NewFlagSet("tree", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	desc := fs.String("tree", "", "the tree as nested ids, e.g. 1(2(4),3)")
	random := fs.Int("random", 0, "a random tree of N machines")
	seed := fs.Uint64("seed", 1, "seed for --random and --order random")
	op := fs.String("op", "count", "count or topology")
	order := fs.String("order", "fifo", "fifo, lifo or random")
	pick := fs.String("pick", "", "indexes of the in-flight messages to deliver first, e.g. 2,0,1")
	if err := visual.ParseFlags(fs, args, viz{}.Usage()); err != nil {
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
		if *random < 1 || *random > MaxMachines {
			return in, fmt.Errorf("--random %d: want 1 to %d machines", *random, MaxMachines)
		}
		in.tree = machinetree.Random(*random, *seed)
	default:
		return in, fmt.Errorf("no tree: give --tree '1(2(4),3)' or --random N")
	}
	if in.tree.Len() > MaxMachines {
		return in, fmt.Errorf("--tree has %d machines: the picture takes at most %d", in.tree.Len(), MaxMachines)
	}
	in.desc = in.tree.String()
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
	return in, nil
}

func (v viz) Run(args []string) (visual.Run, error) {
	in, err := parse(args)
	if err != nil {
		return nil, err
	}
	return record(in)
}

// record runs the solution on in with the observer attached and keeps a
// frame per event.
func record(in input) (*run, error) {
	r := newRun(in)
	net := machinetree.NewSimNetwork(in.order, in.seed)
	c := machinetree.NewCluster(in.tree, net, func(e machinetree.Event) {
		flight := net.InFlight()
		switch e.Kind {
		case machinetree.EventSend, machinetree.EventReply:
			// The event comes just before the network takes the message.
			flight = append(flight, e.Msg)
		}
		r.add(e, flight)
	})
	req, err := c.Start(in.op)
	if err != nil {
		return nil, err
	}
	for d := 0; net.Len() > 0; d++ {
		r.before = append(r.before, net.Len())
		if d < len(in.picks) {
			if err := net.Deliver(in.picks[d]); err != nil {
				return nil, fmt.Errorf("--pick %d at delivery %d: %w", in.picks[d], d+1, err)
			}
			r.picked = append(r.picked, in.picks[d])
			continue
		}
		i, _ := net.Step()
		r.picked = append(r.picked, i)
	}
	if len(in.picks) > len(r.picked) {
		return nil, fmt.Errorf("--pick has %d indexes but the run delivers only %d messages", len(in.picks), len(r.picked))
	}
	res, err := c.Wait(req)
	if err != nil {
		return nil, err
	}
	r.final = fmt.Sprintf("%s\nmessages %d", res, c.Messages())
	return r, nil
}
