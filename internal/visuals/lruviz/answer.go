package lruviz

import "fmt"

// Answer is the cache's count of hits, misses and evictions under the
// run's policy after frame i (visual.Answerer): what a get returned, and
// what the cache gave up for it.
func (r *recording) Answer(i int) string {
	return fmt.Sprintf("%+v", r.frames[i].stats[r.policyIdx()])
}
