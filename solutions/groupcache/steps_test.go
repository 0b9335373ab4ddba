package groupcache_test

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"tutor/solutions/groupcache"
)

var allSteps = []groupcache.Step{
	groupcache.StepLookup, groupcache.StepServe, groupcache.StepHitMain, groupcache.StepHitHot, groupcache.StepMiss,
	groupcache.StepDedupJoin, groupcache.StepOwner, groupcache.StepPeerRequest, groupcache.StepPeerAnswer,
	groupcache.StepPeerFail, groupcache.StepLoadSource, groupcache.StepLoadError, groupcache.StepCacheMain,
	groupcache.StepCacheHot, groupcache.StepFlightDone, groupcache.StepDedupShared, groupcache.StepReply,
}

// Every step is marked once in group.go, the file the source pane shows,
// and nothing else is marked there.
func TestStepsMarkedInGroupGo(t *testing.T) {
	src, err := os.ReadFile("group.go")
	if err != nil {
		t.Fatal(err)
	}
	var marked []groupcache.Step
	for _, m := range regexp.MustCompile(`// step: ([a-z-]+)`).FindAllSubmatch(src, -1) {
		marked = append(marked, groupcache.Step(m[1]))
	}
	for _, s := range allSteps {
		if n := count(marked, s); n != 1 {
			t.Errorf("step %s marked %d times in group.go, want once", s, n)
		}
	}
	for _, s := range marked {
		if !slices.Contains(allSteps, s) {
			t.Errorf("group.go marks %s, which is no Step", s)
		}
	}
}

// Every step is reached by a serial run, each event with a sentence.
func TestEveryStepReached(t *testing.T) {
	seen := map[groupcache.Step]bool{}
	record := func(e groupcache.Event) {
		seen[e.Step] = true
		if e.Explain == "" || e.Explain == string(e.Step) {
			t.Errorf("%s: no sentence", e.Step)
		}
	}
	src := newSource()
	src.fail["bad"] = true
	c := newMemCluster(t, 3, 10, src, record)
	ctx := groupcache.WithClient(t.Context(), "c1")
	for _, k := range []string{"k1", "k2", "k3", "k4"} {
		for _, g := range c.groups {
			g.Get(ctx, k)
			g.Get(ctx, k)
		}
	}
	c.groups[0].Get(ctx, "bad")
	c.transport.SetDown(c.urls[1], true)
	for _, k := range []string{"k5", "k6", "k7", "k8"} {
		c.groups[0].Get(ctx, k)
	}
	s := groupcache.NewSerial()
	c2 := newMemCluster(t, 3, 10, s.Hold(newSource()), s.Observe)
	events, _, err := s.Run(t.Context(), []groupcache.Call{{"a", c2.groups[0], "k"}, {"b", c2.groups[1], "k"}, {"c", c2.groups[2], "k"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		record(e)
	}
	for _, st := range allSteps {
		if !seen[st] {
			t.Errorf("step %s never reached", st)
		}
	}
}

func count[T comparable](s []T, v T) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}
