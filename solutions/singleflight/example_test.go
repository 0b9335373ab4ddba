package singleflight_test

import (
	"fmt"

	"tutor/solutions/singleflight"
)

// Two DoChan calls for one key while the first is in flight: the second
// joins it, its own function never runs, and both receive the first's
// result.
func ExampleGroup_DoChan() {
	var g singleflight.Group
	block := make(chan struct{})
	first := g.DoChan("key", func() (any, error) { <-block; return "func 1", nil })
	second := g.DoChan("key", func() (any, error) { return "func 2", nil })
	close(block)
	r1, r2 := <-first, <-second
	fmt.Println(r1.Val, r2.Val, r2.Shared)
	// Output: func 1 func 1 true
}

// The observer sees a caller join before it waits, and the leader finish
// before the waiters wake.
func ExampleGroup_Observe() {
	var g singleflight.Group
	in := make(chan struct{})
	block := make(chan struct{})
	g.Observe = func(e singleflight.Event) {
		if e.Step != singleflight.StepLead {
			fmt.Println(e.Step, e.Key, e.Dups)
		}
	}
	ch := g.DoChan("k", func() (any, error) { close(in); <-block; return 1, nil })
	<-in
	g.DoChan("k", nil) // joins: its function is never called
	close(block)
	<-ch
	// Output:
	// flight-join k 1
	// flight-done k 1
}
