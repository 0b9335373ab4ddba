package groupcache

import (
	"context"
	"fmt"
)

// Call is one client's Get in a serial run: Client asks Group for Key.
type Call struct {
	Client string
	Group  *Group
	Key    string
}

// Outcome is what a Call's Get returned.
type Outcome struct {
	Call
	Value []byte
	Err   error
}

// Serial runs concurrent Gets one step at a time, in an order that is the
// same every run: the recipe of the package doc ("A deterministic run")
// as a type. Every group of the run must have Serial.Observe as its
// observer, reach the others through a MemTransport, and load through a
// Getter wrapped by Hold. Run then starts one goroutine per Call, lets
// exactly one of them take a step at a time, and returns the events in
// the order they were let go.
//
// The rule: one goroutine runs at a time. When every goroutine that can
// run is parked in Observe, the one whose Call comes first in the list
// takes its step; when none is parked, the next Call starts; when none
// can run and every Call has started (each waits in a held Getter or on a
// load it joined), the Getter held longest returns. So each Call runs
// until it blocks before the next starts, a crowd of Gets of a cold key
// all join before the one load finishes, and every Event, its Main, Hot
// and Stats included, is the same in every run.
//
// One exception to "one at a time", which does not change any event: a
// StepFlightDone, once let go, wakes the load's joiners while its leader
// goes on, and until each parks again (the joiners at StepDedupShared)
// they run at once; they only read the peer's state in that stretch, so
// what they report is fixed. Use the events Run returns rather than
// wrapping Observe, or make the wrapper safe for concurrent use.//
// A Serial is for one Run at a time; make one with NewSerial.
type Serial struct {
	index   map[string]int // client id to its call's index
	parks   chan parked
	holds   chan chan struct{}
	inbound chan Event
}

type parked struct {
	e      Event
	resume chan struct{}
}

// NewSerial returns a Serial ready for Run.
func NewSerial() *Serial {
	return &Serial{parks: make(chan parked), holds: make(chan chan struct{})}
}

// Observe parks the calling goroutine until Run lets its step go. Set it
// as the Observe of every group in the run.
func (s *Serial) Observe(e Event) {
	p := parked{e: e, resume: make(chan struct{})}
	s.parks <- p
	<-p.resume
}

// Hold returns a Getter that waits for Run's go-ahead before calling
// src: the slow source, made as slow as the run needs.
func (s *Serial) Hold(src Getter) Getter {
	return GetterFunc(func(ctx context.Context, key string) ([]byte, error) {
		release := make(chan struct{})
		s.holds <- release
		<-release
		return src.Get(ctx, key)
	})
}

// Run runs the calls as described on Serial and returns every event in
// the order it was let go and each call's outcome, in the order of calls.
// Client ids must be distinct and not empty. If ctx ends first, Run returns what it has
// and ctx's error; goroutines still parked then stay parked.
func (s *Serial) Run(ctx context.Context, calls []Call) ([]Event, []Outcome, error) {
	s.index = make(map[string]int, len(calls))
	for i, c := range calls {
		if c.Client == "" {
			return nil, nil, fmt.Errorf("groupcache: serial run: call %d has no client id", i)
		}
		if _, dup := s.index[c.Client]; dup {
			return nil, nil, fmt.Errorf("groupcache: serial run: client %q twice", c.Client)
		}
		s.index[c.Client] = i
	}
	outcomes := make([]Outcome, len(calls))
	done := make(chan int)
	start := func(i int) {
		c := calls[i]
		go func() {
			v, err := c.Group.Get(WithClient(ctx, c.Client), c.Key)
			outcomes[i] = Outcome{Call: c, Value: v, Err: err}
			done <- i
		}()
	}
	var (
		events   []Event
		waiting  []parked        // parked in Observe, in arrival order
		held     []chan struct{} // in a held Getter, in arrival order
		runnable = 0             // started goroutines not waiting in a Getter or on a load
		started  = 0             // calls started so far
		left     = len(calls)    // calls not yet returned
	)
	for left > 0 {
		if runnable == len(waiting) {
			switch {
			case len(waiting) > 0:
				best := 0
				for i, p := range waiting {
					if s.rank(p.e) < s.rank(waiting[best].e) {
						best = i
					}
				}
				p := waiting[best]
				waiting = append(waiting[:best], waiting[best+1:]...)
				events = append(events, p.e)
				switch p.e.Step {
				case StepDedupJoin:
					runnable-- // it waits for the load now
				case StepFlightDone:
					runnable += p.e.Waiters // each wakes to StepDedupShared
				}
				close(p.resume)
				continue
			case started < len(calls):
				start(started)
				started++
				runnable++
				continue
			case len(held) > 0:
				release := held[0]
				held = held[1:]
				runnable++
				close(release)
				continue
			}
		}
		select {
		case p := <-s.parks:
			waiting = append(waiting, p)
		case h := <-s.holds:
			held = append(held, h)
			runnable--
		case <-done:
			runnable--
			left--
		case <-ctx.Done():
			return events, outcomes, fmt.Errorf("groupcache: serial run: %w after %d events, %d calls left", ctx.Err(), len(events), left)
		}
	}
	return events, outcomes, nil
}

// rank orders parked events: by the index of their client's call, events
// without a known client last.
func (s *Serial) rank(e Event) int {
	if i, ok := s.index[e.Client]; ok {
		return i
	}
	return len(s.index)
}
