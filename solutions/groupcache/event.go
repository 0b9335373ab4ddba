package groupcache

import "tutor/solutions/hashring"

// Step names a step a Get or a served request takes. Its value is the id
// on the line of group.go that performs it ("// step: <id>").
type Step string

// The steps, roughly in the order a Get takes them.
const (
	// StepLookup: a client's Get begins on a peer.
	StepLookup Step = "lookup"
	// StepServe: the owner of a key received another peer's request for
	// it (Event.From is the peer that asked).
	StepServe Step = "serve"
	// StepHitMain: the key was in the main cache, which holds the keys
	// this peer owns (or loaded itself when their owner was down).
	StepHitMain Step = "hit-main"
	// StepHitHot: the key was in the hot cache, which holds copies of
	// values owned by other peers.
	StepHitHot Step = "hit-hot"
	// StepMiss: the key was in neither cache.
	StepMiss Step = "miss"
	// StepDedupJoin: a load of the key was already in flight on this peer,
	// and the caller joined it instead of loading again. The event comes
	// before the caller blocks; Event.Waiters counts the callers waiting
	// so far, this one included.
	StepDedupJoin Step = "dedup-join"
	// StepOwner: the ring chose the key's owner: Event.Ring has the key's
	// hash and the virtual node (point) at or after it.
	StepOwner Step = "owner"
	// StepPeerRequest: the load asks the owner over HTTP.
	StepPeerRequest Step = "peer-request"
	// StepPeerAnswer: the owner answered with the value.
	StepPeerAnswer Step = "peer-answer"
	// StepPeerFail: the owner did not answer (down, timed out, or its own
	// load failed; Event.Err says which), so this peer loads the key
	// itself.
	StepPeerFail Step = "peer-fail"
	// StepLoadSource: the load calls the Getter, the slow source.
	StepLoadSource Step = "load-source"
	// StepLoadError: the Getter returned an error; nothing is cached.
	StepLoadError Step = "load-error"
	// StepCacheMain: the loaded value went into the main cache.
	StepCacheMain Step = "cache-main"
	// StepCacheHot: a value fetched from its owner went into the hot
	// cache.
	StepCacheHot Step = "cache-hot"
	// StepFlightDone: the load finished and is about to wake the
	// Event.Waiters callers that joined it. The event comes before they
	// wake.
	StepFlightDone Step = "flight-done"
	// StepDedupShared: a caller that joined a load woke with its value (or
	// error). It is the first step the caller takes after waking.
	StepDedupShared Step = "dedup-shared"
	// StepReply: the value (or error) goes back to the client, or, for a
	// served request, to the peer that asked.
	StepReply Step = "reply"
)

// Event is one step, as an observer sees it. Fields that do not apply to
// a step are zero. Events are complete: Main, Hot and Stats are the state
// of the peer that took the step just after it.
type Event struct {
	// Step is the step taken.
	Step Step
	// Peer is the peer that took the step: its Peers.Self, or "" for a
	// Group without peers.
	Peer string
	// Group is the group's name.
	Group string
	// Client is the id of the client whose Get the step serves (see
	// WithClient), also on the owner serving a peer's request for it; ""
	// when the caller gave none.
	Client string
	// From is, for the steps of a served request, the peer that asked.
	From string
	// Key is the key.
	Key string
	// Value is the value, for the steps that have it: hits, answers,
	// cache fills, shared results and replies.
	Value string
	// Owner is the key's owner, for StepOwner, StepPeerRequest,
	// StepPeerAnswer and StepPeerFail.
	Owner string
	// Ring is, for StepOwner, where the key landed on the ring: its hash,
	// and the point that owns it with its node and replica number.
	Ring hashring.Position
	// Waiters is, for StepDedupJoin, the number of callers waiting on the
	// load so far, this one included; for StepFlightDone and
	// StepDedupShared, the number of callers that joined the load.
	Waiters int
	// Err is the error, for StepPeerFail, StepLoadError, and a
	// StepDedupShared or StepReply that carries one.
	Err string
	// Main and Hot are the keys of this peer's caches after the step, the
	// most recently used first.
	Main, Hot []string
	// Stats are this peer's counters after the step.
	Stats Stats
	// Explain is one sentence for a learner, with the actual values.
	Explain string
}
