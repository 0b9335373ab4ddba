package kvviz

import "fmt"

// Answer is what the run has produced after frame i (visual.Answerer):
// while Shutdown encodes, the bytes of the stream written so far; after
// that the whole stream, and the pairs Restore has put back. Every byte
// written and every pair restored changes it.
func (r *recording) Answer(i int) string {
	f := &r.frames[i]
	out := len(r.stream)
	if f.phase == phEncode {
		out = f.visible
	}
	return fmt.Sprintf("%d bytes written, %d pairs restored", out, f.rebuilt)
}
