package ratelimitviz

import "strconv"

// Answer is how many arrivals the limiter has decided after frame i
// (visual.Answerer): each allow or deny changes it.
func (r *recording) Answer(i int) string { return strconv.Itoa(r.frames[i].decided) }
