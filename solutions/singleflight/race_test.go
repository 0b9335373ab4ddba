package singleflight_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"tutor/solutions/singleflight"
)

// Thousands of goroutines on a few keys: while the slow function of a key
// runs, every other caller of that key joins it, so each key's function
// runs exactly once a round. The observer says when all have joined, so
// the function can wait for them rather than sleep.
func TestCrowdCallsOncePerKey(t *testing.T) {
	const (
		keys    = 4
		callers = 1000 // per key
		rounds  = 3
	)
	for round := range rounds {
		var g singleflight.Group
		var joinMu sync.Mutex
		joins := make(map[string]int)
		allJoined := make(chan struct{})
		g.Observe = func(e singleflight.Event) {
			if e.Step != singleflight.StepJoin {
				return
			}
			joinMu.Lock()
			defer joinMu.Unlock()
			joins[e.Key]++
			total := 0
			for _, n := range joins {
				total += n
			}
			if total == keys*(callers-1) {
				close(allJoined)
			}
		}
		var calls [keys]atomic.Int32
		slow := func(k int) func() (any, error) {
			return func() (any, error) {
				calls[k].Add(1)
				<-allJoined
				return fmt.Sprintf("value %d of round %d", k, round), nil
			}
		}
		var wg sync.WaitGroup
		var wrong atomic.Int32
		for i := range keys * callers {
			k := i % keys
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err, shared := g.Do(fmt.Sprint("key", k), slow(k))
				if v != fmt.Sprintf("value %d of round %d", k, round) || err != nil || !shared {
					wrong.Add(1)
				}
			}()
		}
		wg.Wait()
		for k := range keys {
			if n := calls[k].Load(); n != 1 {
				t.Errorf("round %d: key%d's slow function ran %d times for %d callers, want once", round, k, n, callers)
			}
		}
		if n := wrong.Load(); n != 0 {
			t.Errorf("round %d: %d callers got a wrong or unshared result", round, n)
		}
	}
}

// Without coordination, under contention, every call of the function is
// a StepLead and every other caller a StepJoin, and each caller gets the
// value of the call it took part in.
func TestContentionCountsAddUp(t *testing.T) {
	var g singleflight.Group
	var leads, joins, dones, wakes atomic.Int64
	g.Observe = func(e singleflight.Event) {
		switch e.Step {
		case singleflight.StepLead:
			leads.Add(1)
		case singleflight.StepJoin:
			joins.Add(1)
		case singleflight.StepDone:
			dones.Add(1)
		case singleflight.StepWake:
			wakes.Add(1)
		}
	}
	var calls atomic.Int64
	const n = 2000
	var wg sync.WaitGroup
	var sharedCount atomic.Int64
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprint("k", i%3)
			v, _, shared := g.Do(key, func() (any, error) { return key + fmt.Sprint(calls.Add(1)), nil })
			if shared {
				sharedCount.Add(1)
			}
			if s, _ := v.(string); len(s) < 2 || s[:2] != key {
				t.Errorf("Do(%s) = %v", key, v)
			}
		}()
	}
	wg.Wait()
	if leads.Load() != calls.Load() || dones.Load() != calls.Load() {
		t.Errorf("%d calls, %d leads, %d dones: want equal", calls.Load(), leads.Load(), dones.Load())
	}
	if joins.Load()+leads.Load() != n || wakes.Load() != joins.Load() {
		t.Errorf("%d leads + %d joins, %d wakes, for %d callers", leads.Load(), joins.Load(), wakes.Load(), n)
	}
}
