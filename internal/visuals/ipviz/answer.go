package ipviz

import "strconv"

// Answer is how many addresses the walk has yielded after frame i
// (visual.Answerer): each yield changes it.
func (r *recording) Answer(i int) string { return strconv.Itoa(r.views[i].yielded) }
