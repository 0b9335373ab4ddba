package wireviz

import "strconv"

// Answer is how many bytes of the message are written after frame i
// (visual.Answerer).
func (r *recording) Answer(i int) string { return strconv.Itoa(r.frames[i].written) }
