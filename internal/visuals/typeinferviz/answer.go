package typeinferviz

import "fmt"

// Answer is what inference has found after frame i (visual.Answerer):
// the bindings so far, then the return type, or the error.
func (r *recording) Answer(i int) string {
	f := &r.frames[i]
	return fmt.Sprintf("%v %v %v", f.bindings, f.result, f.err)
}
