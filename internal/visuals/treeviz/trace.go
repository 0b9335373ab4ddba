package treeviz

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// listedInFlight is the longest queue of messages a streamed trace lists
// one by one after a step; a longer one is counted. Copying a queue of
// thousands after each of thousands of steps would make the trace of a
// star quadratic.
const listedInFlight = 8

// tracer is the tree's Visual with the text trace of `tutor trace tree`,
// which takes trees the picture does not.
type tracer struct{ visual.Visual }

// TraceUsage is the input syntax of `tutor trace tree`: the picture's,
// with --summary and the larger trees trace takes.
func (t tracer) TraceUsage() string {
	return usage + " [--summary] (trace: up to " + strconv.Itoa(MaxTraceMachines) + " machines)"
}

// TraceText parses the words of `tutor trace tree`: the picture's input,
// for a tree of up to MaxTraceMachines, and --summary. It returns what
// writes the trace, or an error of one line naming the bad value.
//
// A tree the picture takes is traced from its recording, as the app shows
// it (visual.Trace). A larger one is traced as the solution runs, keeping
// no frame: the same block a step, with a queue of more than a few
// messages in flight counted rather than listed. Either way the trace
// ends with the answer, the number of machines and the number of
// messages.
//
// --summary writes no step: the run is made without an observer, the
// same code path at the cost of a nil check, and the trace is the tree's
// size and height, the deliveries, the longest queue in flight, the
// answer (a topology by its size), and the machine and message counts.
func (t tracer) TraceText(args []string) (func(io.Writer) error, error) {
	summary := false
	var rest []string
	for _, a := range args {
		switch a {
		case "--summary", "-summary":
			summary = true
		default:
			rest = append(rest, a)
		}
	}
	in, err := parseWithin(rest, MaxTraceMachines)
	if err != nil {
		return nil, err
	}
	switch {
	case summary:
		return func(w io.Writer) error { return writeSummary(w, in) }, nil
	case in.tree.Len() <= MaxMachines:
		r, err := t.Run(rest)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return visual.Trace(w, r) }, nil
	}
	// Count the steps first, so that each block says "step k/n" as a
	// recorded trace does; the run is deterministic for its input.
	n := 0
	if _, _, err := drive(in, func(machinetree.Event, *machinetree.SimNetwork, int) { n++ }, nil); err != nil {
		return nil, err
	}
	return func(w io.Writer) error { return writeSteps(w, in, n) }, nil
}

// writeSteps writes the trace of in's n steps as the solution runs them.
func writeSteps(w io.Writer, in input, n int) error {
	bw := bufio.NewWriter(w)
	k := 0
	var flight []machinetree.Message
	res, c, err := drive(in, func(e machinetree.Event, net *machinetree.SimNetwork, _ int) {
		k++
		flight = flight[:0]
		if net.Len() <= listedInFlight {
			flight = append(flight, net.InFlight()...)
		}
		writeBlock(bw, k, n, &e, stateText(in.tree, &e, flight, net.Len()))
	}, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(bw, finalText(res, in.tree.Len(), c.Messages()))
	return bw.Flush()
}

// writeBlock writes step k of n as visual.Trace does: its number and id,
// its sentence, and its state indented.
func writeBlock(w io.Writer, k, n int, e *machinetree.Event, state string) {
	fmt.Fprintf(w, "step %d/%d  %s\n  %s\n", k, n, e.Step, e.Explain)
	if state = strings.TrimRight(state, "\n"); state != "" {
		for line := range strings.SplitSeq(state, "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
	fmt.Fprintln(w)
}

// writeSummary writes the run of in in numbers, with no observer attached.
func writeSummary(w io.Writer, in input) error {
	most, deliveries := 0, 0
	res, c, err := drive(in, nil, func(before, _ int) {
		most = max(most, before)
		deliveries++
	})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	order := in.order.String()
	if len(in.picks) > 0 {
		order = fmt.Sprintf("--pick %s then %s", joinInts(in.picks), order)
	}
	fmt.Fprintf(bw, "tree of %d machines, height %d, root %d\n", in.tree.Len(), in.tree.Height(), in.tree.Root())
	fmt.Fprintf(bw, "%s request, %s delivery: %d deliveries, at most %d in flight at once\n", in.op, order, deliveries, most)
	if res.Op == machinetree.TopologyOp {
		fmt.Fprintf(bw, "topology of %d machines\n", res.Topology.Len())
	} else {
		fmt.Fprintln(bw, res)
	}
	fmt.Fprintf(bw, "machines %d\nmessages %d\n", in.tree.Len(), c.Messages())
	return bw.Flush()
}

// joinInts writes xs as --pick takes them, "2,0,1".
func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for j, x := range xs {
		s[j] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
