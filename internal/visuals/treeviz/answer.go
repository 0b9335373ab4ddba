package treeviz

import "fmt"

// Answer is what the root holds after frame i (visual.Answerer): its
// pending count and partial result as its children answer, then the
// final answer it gives the client. It changes when an answer reaches
// the root.
func (r *recording) Answer(i int) string {
	if fin, ok := r.answered(i); ok {
		return "= " + fin.ev.Result.String()
	}
	v, ok := r.view(0, i)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%+v", v.ev.State)
}
