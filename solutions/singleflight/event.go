package singleflight

// Step names a step a call takes. Its value is the id on the line of
// singleflight.go that performs it ("// step: <id>").
type Step string

// The steps, in the order a call takes them.
const (
	// StepLead: the caller found no call in flight for the key, put one in
	// the map and is about to run the function.
	StepLead Step = "flight-lead"
	// StepJoin: the caller found a call in flight for the key and counted
	// itself as a duplicate. The event comes before the caller waits.
	StepJoin Step = "flight-join"
	// StepDone: the function returned (or panicked, or called
	// runtime.Goexit) and the call left the map; the event comes before
	// the waiters are woken, and Dups says how many will wake.
	StepDone Step = "flight-done"
	// StepWake: a duplicate caller woke with the leader's result. It is
	// the first thing the caller does after waiting.
	StepWake Step = "flight-wake"
	// StepForget: Forget removed the key's call from the map.
	StepForget Step = "flight-forget"
)

// Event is one step of a call, as an observer sees it. Observers are
// called on the goroutine that takes the step, never with the Group's
// mutex held, so an observer that blocks holds up only that goroutine.
type Event struct {
	// Step is the step taken.
	Step Step
	// Key is the call's key.
	Key string
	// Dups is the number of duplicate callers of the call so far: for
	// StepJoin it counts the caller itself, for StepDone and StepWake it
	// is the final number, the callers the result is handed to besides
	// the leader.
	Dups int
	// Err is, for StepDone and StepWake, the call's error: the function's
	// own, or the panic or Goexit it ended with.
	Err error
}
