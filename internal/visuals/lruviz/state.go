package lruviz

import (
	"fmt"
	"strings"

	"tutor/solutions/lru"
)

// State is the trace text of frame i: the structure after the step, in
// the solution's words, and the shown policy's counts so far.
func (r *recording) State(i int) string {
	f := r.frames[i]
	e := f.ev
	var b strings.Builder
	switch r.in.policy {
	case "lru":
		fmt.Fprintf(&b, "list %s\n", keyList(e.Order))
	case "lfu":
		var bs []string
		for _, bk := range e.Buckets {
			bs = append(bs, fmt.Sprintf("%d: %s", bk.Freq, strings.Join(bk.Keys, " ")))
		}
		fmt.Fprintf(&b, "buckets %s\n", orEmpty(strings.Join(bs, " | ")))
	default:
		fmt.Fprintf(&b, "keys %s\n", keyList(e.Keys))
		if e.Step == lru.StepRedisSample {
			fmt.Fprintf(&b, "sample %s\n", r.candidates(e.Sample))
		}
		fmt.Fprintf(&b, "pool %s\n", r.candidates(e.Pool))
	}
	s := f.stats[r.policyIdx()]
	fmt.Fprintf(&b, "hits %d · misses %d", s.Hits, s.Misses)
	return b.String()
}

func (r *recording) candidates(cs []lru.Candidate[string]) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, r.score(c))
	}
	return orEmpty(strings.Join(parts, ", "))
}

func orEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}
