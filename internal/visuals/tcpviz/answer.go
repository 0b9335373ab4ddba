package tcpviz

import (
	"fmt"

	"tutor/solutions/tcp"
)

// Answer is the data the applications have read after frame i
// (visual.Answerer), as the last read up to frame i left it: each end's
// count of bytes read in order. The snapshots count from zero again once
// a connection closes, so the answer is taken at the reads themselves; a
// read changes it, a lost, duplicate or retransmitted segment does not.
// It looks back to the last read, so a run costs O(frames x the longest
// gap between reads).
func (r *recording) Answer(i int) string {
	for j := i; j >= 0; j-- {
		e := &r.frames[j].ev
		if e.Step == tcp.StepAppRead {
			return fmt.Sprintf("client read %d, server read %d", e.Client.Read, e.Server.Read)
		}
	}
	return "nothing read"
}
