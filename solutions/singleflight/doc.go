// Package singleflight folds concurrent calls for one key into one call:
// the first caller for a key runs the function, and every caller that
// arrives while it runs waits for it and receives the same result. It is
// the remedy for cache breakdown, where a popular key expires and a crowd
// of requests for it all go to the slow source at once.
//
// The mechanism is a map of calls in flight, guarded by a mutex, and a
// sync.WaitGroup per call: the first caller puts a call in the map, adds 1
// to its WaitGroup and runs the function; a caller that finds the call in
// the map counts itself as a duplicate and waits on the WaitGroup; when
// the function returns, the call leaves the map and Done wakes the
// waiters. A call that has left the map is not joined: the next caller for
// the key starts a new one.
//
// The API and the handling of panics and runtime.Goexit follow
// golang.org/x/sync/singleflight: a panic in the function is re-panicked
// in every caller waiting in Do (with the stack where it happened), and in
// DoChan, where nobody could recover it, it crashes the program rather
// than leave the channels waiting forever; a runtime.Goexit in the
// function ends the goroutine that ran it and lets the waiters end too.
//
// A Group has an optional observer, the field Observe, which receives an
// Event for each step a call takes; DoObserved gives one call its own
// observer. The lines of singleflight.go that perform the steps carry the
// comment "// step: <id>", where id is the Event's Step.
package singleflight
