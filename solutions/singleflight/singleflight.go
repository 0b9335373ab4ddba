package singleflight

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// ErrGoexit is the error a call ended by runtime.Goexit in its function
// reports to DoChan's receivers and to observers. Do's callers never see
// it: they end with runtime.Goexit too.
var ErrGoexit = errors.New("singleflight: runtime.Goexit was called")

// PanicError is the value re-panicked in every caller of a call whose
// function panicked: the value it panicked with and the stack of the
// goroutine that ran it.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the stack trace of the panic, without its first line.
	Stack []byte
}

// Error returns the panic value and the stack.
func (p *PanicError) Error() string {
	return fmt.Sprintf("%v\n\n%s", p.Value, p.Stack)
}

// Unwrap returns the panic value if it is an error, else nil.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

func newPanicError(v any) *PanicError {
	stack := debug.Stack()
	// The first line names the goroutine and its state, which will have
	// changed by the time a waiter re-panics: drop it.
	if i := bytes.IndexByte(stack, '\n'); i >= 0 {
		stack = stack[i+1:]
	}
	return &PanicError{Value: v, Stack: stack}
}

// Result is what DoChan sends: the function's value and error, and
// whether the value was given to more than one caller.
type Result struct {
	Val    any
	Err    error
	Shared bool
}

// ending says how a call's function ended.
type ending uint8

const (
	endReturn ending = iota // it returned
	endPanic                // it panicked; err is a *PanicError
	endGoexit               // it called runtime.Goexit; err is ErrGoexit
)

// call is a call in flight or finished. val, err and end are written once,
// before wg.Done, and read only after wg.Wait. dups and chans are written
// with the Group's mutex held, while the call is in the map.
type call struct {
	wg    sync.WaitGroup
	val   any
	err   error
	end   ending
	dups  int
	chans []chan<- Result
}

// Group is a namespace of keys whose calls are folded together. The zero
// value is ready to use and has no observer. A Group must not be copied
// after first use.
type Group struct {
	// Observe, when set, receives each step of every call that does not
	// bring its own observer (DoObserved). It is called concurrently from
	// the callers' goroutines.
	Observe func(Event)

	mu sync.Mutex
	m  map[string]*call
}

// Do runs fn and returns its results, unless a call for key is already in
// flight, in which case it waits for that call and returns its results.
// shared reports whether the value went to more than one caller. If fn
// panics, every caller of the call panics with a *PanicError; if fn calls
// runtime.Goexit, every caller's goroutine exits.
func (g *Group) Do(key string, fn func() (any, error)) (v any, err error, shared bool) {
	return g.DoObserved(key, g.Observe, fn)
}

// DoObserved is Do with observe, instead of g.Observe, receiving the steps
// this caller takes: StepLead and StepDone when it runs fn, StepJoin and
// StepWake when it waits for another caller's call. A nil observe
// observes nothing.
func (g *Group) DoObserved(key string, observe func(Event), fn func() (any, error)) (v any, err error, shared bool) {
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	if c, ok := g.m[key]; ok {
		c.dups++ // step: flight-join
		dups := c.dups
		g.mu.Unlock()
		emit(observe, Event{Step: StepJoin, Key: key, Dups: dups})
		c.wg.Wait()
		emit(observe, Event{Step: StepWake, Key: key, Dups: c.dups, Err: c.err}) // step: flight-wake
		switch c.end {
		case endPanic:
			panic(c.err)
		case endGoexit:
			runtime.Goexit()
		}
		return c.val, c.err, true
	}
	c := new(call)
	c.wg.Add(1)
	g.m[key] = c // step: flight-lead
	g.mu.Unlock()
	emit(observe, Event{Step: StepLead, Key: key})

	g.run(c, key, observe, fn)
	return c.val, c.err, c.dups > 0
}

// DoChan is like Do but returns at once a channel that receives the
// results when they are ready; fn runs on a new goroutine. The channel is
// buffered and never closed. If fn panics the program crashes, since no
// caller could recover the panic and the channels would wait forever.
// Steps go to g.Observe.
func (g *Group) DoChan(key string, fn func() (any, error)) <-chan Result {
	ch := make(chan Result, 1)
	g.mu.Lock()
	if g.m == nil {
		g.m = make(map[string]*call)
	}
	if c, ok := g.m[key]; ok {
		c.dups++ // step: flight-join
		c.chans = append(c.chans, ch)
		dups := c.dups
		g.mu.Unlock()
		emit(g.Observe, Event{Step: StepJoin, Key: key, Dups: dups})
		return ch
	}
	c := &call{chans: []chan<- Result{ch}}
	c.wg.Add(1)
	g.m[key] = c // step: flight-lead
	g.mu.Unlock()
	emit(g.Observe, Event{Step: StepLead, Key: key})

	go g.run(c, key, g.Observe, fn)
	return ch
}

// run calls fn for c and hands its result to the waiters. A panic and a
// runtime.Goexit are told apart with two deferred functions: the inner one
// recovers, which stops a panic but not a Goexit, so if the outer one runs
// while the function has neither returned nor been recovered from, it was
// a Goexit.
func (g *Group) run(c *call, key string, observe func(Event), fn func() (any, error)) {
	returned, recovered := false, false
	defer func() {
		if !returned && !recovered {
			c.end, c.err = endGoexit, ErrGoexit
		}
		g.mu.Lock()
		if g.m[key] == c {
			delete(g.m, key) // step: flight-done
		}
		dups, chans := c.dups, c.chans
		g.mu.Unlock()
		emit(observe, Event{Step: StepDone, Key: key, Dups: dups, Err: c.err})
		c.wg.Done()

		switch c.end {
		case endPanic:
			if len(chans) > 0 {
				// A receiver of DoChan cannot recover this panic and would
				// wait forever: crash on a goroutine nobody can recover on,
				// and keep this one for the crash dump.
				go panic(c.err)
				select {}
			}
			panic(c.err)
		case endGoexit:
			// The goroutine is already exiting.
		default:
			for _, ch := range chans {
				ch <- Result{Val: c.val, Err: c.err, Shared: dups > 0}
			}
		}
	}()

	func() {
		defer func() {
			if !returned {
				if r := recover(); r != nil {
					c.end, c.err = endPanic, newPanicError(r)
				}
			}
		}()
		c.val, c.err = fn()
		returned = true
	}()
	if !returned {
		recovered = true
	}
}

// Forget makes the next call for key run its function rather than wait
// for a call already in flight. Callers already waiting still get that
// call's result.
func (g *Group) Forget(key string) {
	g.mu.Lock()
	_, ok := g.m[key]
	delete(g.m, key) // step: flight-forget
	g.mu.Unlock()
	if ok {
		emit(g.Observe, Event{Step: StepForget, Key: key})
	}
}

func emit(observe func(Event), e Event) {
	if observe != nil {
		observe(e)
	}
}
