package treeviz

import (
	"fmt"
	"strconv"
	"strings"

	"tutor/solutions/machinetree"
)

// State is frame i's trace text, made only when `tutor trace` asks: the
// messages in flight and the state of the machine the step ran on; the
// tree before the first message; the answer once given.
func (r *recording) State(i int) string {
	f := &r.frames[i]
	return stateText(r.in.tree, &f.ev, f.flight, len(f.flight))
}

// stateText is the trace text after event e on tree: n messages in
// flight, listed when flight holds them all, counted when it holds fewer
// (a streamed trace lists only short queues).
func stateText(tree *machinetree.Tree, e *machinetree.Event, flight []machinetree.Message, n int) string {
	if e.Kind == machinetree.EventFinal {
		return finalText(e.Result, tree.Len(), e.Sent)
	}
	var b strings.Builder
	if e.Kind == machinetree.EventSetup {
		b.WriteString("tree " + tree.String() + "\n")
	}
	b.WriteString("in flight:")
	switch {
	case n == 0:
		b.WriteString(" none")
	case len(flight) < n:
		fmt.Fprintf(&b, " %d messages", n)
	default:
		for j, m := range flight {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " #%d %s", j, m)
		}
	}
	if e.Machine != machinetree.Client && e.Kind != machinetree.EventSetup {
		s := e.State
		if s.Active {
			fmt.Fprintf(&b, "\nmachine %d: pending %d of %d, %s, answers %s", e.Machine, s.Pending, s.Children, partialText(e.Msg.Op, s), who(s.ReplyTo))
		} else {
			fmt.Fprintf(&b, "\nmachine %d: no entry for request %d", e.Machine, e.Msg.Req)
		}
	}
	return b.String()
}

// partialText is a machine's partial result as the picture and the trace
// show it: "Σ2" for a count, the children's maps so far for a topology.
func partialText(op machinetree.Op, s machinetree.NodeState) string {
	if op == machinetree.TopologyOp {
		return s.Partial.String()
	}
	return "Σ" + strconv.Itoa(s.Count)
}

// who names where an answer goes: a machine's id, or the client.
func who(id int) string {
	if id == machinetree.Client {
		return "the client"
	}
	return strconv.Itoa(id)
}
