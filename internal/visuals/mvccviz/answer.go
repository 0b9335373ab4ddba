package mvccviz

import "fmt"

// Answer is what the statements run so far have returned after frame i
// (visual.Answerer): a select's rows, an update's count, a commit or an
// error. A statement that finishes changes it.
func (r *recording) Answer(i int) string {
	return fmt.Sprintf("%+v", r.frames[i].State.Results)
}
