package creditviz

import "strconv"

// Answer is the credit the replay holds after frame i
// (visual.Answerer): the sum of what the grants in the heap have left,
// which is the query's balance once every charge is paid. A grant added,
// a charge paid from it or an expiry changes it.
func (r *recording) Answer(i int) string {
	return strconv.FormatInt(r.frames[i].ev.Held, 10)
}
