package tcpviz

import (
	"fmt"
	"strings"

	"tutor/solutions/tcp"
)

// State is the trace text of frame i: the two ends' states, the segment
// the step sends or takes, and the variables of the end that acted.
func (r *recording) State(i int) string {
	f := r.frames[i]
	e := f.ev
	var b strings.Builder
	fmt.Fprintf(&b, "client %s, server %s", e.Client.State, e.Server.State)
	if e.From != e.To {
		fmt.Fprintf(&b, "\n%s: %s -> %s", e.Side, e.From, e.To)
	}
	if e.HasSeg {
		dir := "client -> server"
		if (e.Side == tcp.Server) == e.Sent {
			dir = "server -> client"
		}
		verb := "received"
		if e.Sent {
			verb = "sent, " + e.Delivery.Fate.String()
			if e.Delivery.Fate.Arrives() {
				verb += fmt.Sprintf(", arrives at %v", e.Delivery.At)
			}
			if e.Retransmit {
				verb += ", a retransmission"
			}
		}
		fmt.Fprintf(&b, "\nsegment #%d %s: %s (%s)", e.Seg.Num, dir, label(e.Seg, f.dataLen), verb)
	}
	c := e.Client
	fmt.Fprintf(&b, "\nclient: una=%d nxt=%d wnd=%d cwnd=%d ssthresh=%d rto=%v", c.SndUna, c.SndNxt, c.SndWnd, c.Cwnd, c.Ssthresh, c.RTO)
	s := e.Server
	fmt.Fprintf(&b, "\nserver: rcv.nxt=%d wnd=%d unread=%d held=%d read=%d", s.RcvNxt, s.RcvWnd, s.Unread, s.OutOfOrder, s.Read)
	return b.String()
}
