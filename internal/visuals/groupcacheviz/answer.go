package groupcacheviz

import "fmt"

// Answer is what the clients have got after frame i (visual.Answerer):
// the loads from the slow source so far, and how many clients of the
// round have their value. It changes when a load is made and when a
// client is answered, which is where the a key stops.
func (r *recording) Answer(i int) string {
	f := r.frames[i]
	answered := 0
	for _, c := range f.clients {
		if c.answered {
			answered++
		}
	}
	return fmt.Sprintf("loads from source %d · round %d: %d of %d answered", f.loads, f.round+1, answered, len(f.clients))
}
