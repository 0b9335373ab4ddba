package singleflight_test

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"tutor/solutions/singleflight"
)

// The steps a caller's observer sees, in order, with the counts a picture
// needs: joins counted as they come, and the final number on done and
// wake.
func TestObserveSteps(t *testing.T) {
	var g singleflight.Group
	var mu sync.Mutex
	var seen []singleflight.Event
	record := func(e singleflight.Event) {
		mu.Lock()
		seen = append(seen, e)
		mu.Unlock()
	}
	g.Observe = record
	release := make(chan struct{})
	leaderIn := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		g.Do("k", func() (any, error) { close(leaderIn); <-release; return nil, errors.New("late") })
	}()
	<-leaderIn
	joined := make(chan struct{}, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.DoObserved("k", func(e singleflight.Event) {
				record(e)
				if e.Step == singleflight.StepJoin {
					joined <- struct{}{} // before the caller blocks
				}
			}, nil)
		}()
	}
	<-joined
	<-joined
	close(release)
	wg.Wait()
	g.Forget("k") // nothing in flight: no step
	var steps []string
	for _, e := range seen {
		steps = append(steps, string(e.Step))
	}
	want := []string{"flight-lead", "flight-join", "flight-join", "flight-done", "flight-wake", "flight-wake"}
	if !slices.Equal(steps, want) {
		t.Fatalf("steps %v, want %v", steps, want)
	}
	if seen[1].Dups != 1 || seen[2].Dups != 2 {
		t.Errorf("joins counted %d, %d; want 1, 2", seen[1].Dups, seen[2].Dups)
	}
	for _, e := range seen[3:] {
		if e.Dups != 2 || e.Err == nil || e.Err.Error() != "late" {
			t.Errorf("%s: dups %d, err %v; want 2, late", e.Step, e.Dups, e.Err)
		}
	}
}

func TestForgetObserved(t *testing.T) {
	var g singleflight.Group
	var steps []singleflight.Step
	g.Observe = func(e singleflight.Event) { steps = append(steps, e.Step) }
	in, out := make(chan struct{}), make(chan struct{})
	ch := g.DoChan("k", func() (any, error) { close(in); <-out; return 1, nil })
	<-in
	g.Forget("k")
	close(out)
	<-ch
	want := []singleflight.Step{singleflight.StepLead, singleflight.StepForget, singleflight.StepDone}
	if !slices.Equal(steps, want) {
		t.Errorf("steps %v, want %v", steps, want)
	}
}
